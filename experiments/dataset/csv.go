package dataset

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"time"
)

// SamplesFile is the name of the samples file inside a dataset directory.
const SamplesFile = "samples.csv"

// Writer appends samples to a CSV file and makes each batch durable before
// returning, so an interrupted run keeps every completed sample.
type Writer struct {
	f *os.File
	w *csv.Writer
}

// Create creates path (which must not exist) and writes the header.
func Create(path string) (*Writer, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	w := &Writer{f: f, w: csv.NewWriter(f)}
	if err := w.w.Write(Columns); err != nil {
		f.Close()
		return nil, err
	}
	return w, w.sync()
}

// Write appends the samples and syncs them to disk.
func (w *Writer) Write(samples ...Sample) error {
	for _, s := range samples {
		if err := w.w.Write(record(s)); err != nil {
			return err
		}
	}
	return w.sync()
}

func (w *Writer) sync() error {
	w.w.Flush()
	if err := w.w.Error(); err != nil {
		return err
	}
	return w.f.Sync()
}

// Close flushes and closes the file.
func (w *Writer) Close() error {
	err := w.sync()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// FormatValue renders a value the way samples.csv stores it: the shortest
// decimal that round-trips, and the empty string for "not measured".
func FormatValue(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func record(s Sample) []string {
	started := ""
	if !s.Started.IsZero() {
		started = s.Started.UTC().Format(time.RFC3339Nano)
	}
	return []string{
		s.Experiment, s.Test, s.Lang, s.Platform, strconv.Itoa(s.Rep), s.Metric,
		FormatValue(s.Value), s.Unit, s.Status,
		strconv.FormatInt(s.Size, 10), strconv.Itoa(s.Seq), started,
	}
}

// ParseError locates a problem in a samples file.
type ParseError struct {
	File   string
	Line   int
	Column string
	Msg    string
}

func (e *ParseError) Error() string {
	if e.Column != "" {
		return fmt.Sprintf("%s:%d: column %s: %s", e.File, e.Line, e.Column, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// ReadFile reads every sample of a samples.csv file.
func ReadFile(path string) ([]Sample, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(f, path)
}

// Read parses samples from r; name is used in error messages. The header
// must contain the nine contract columns (any order); the extension columns
// are optional, and unknown columns are ignored. Any malformed row is an
// error naming the file, line and column.
func Read(r io.Reader, name string) ([]Sample, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &ParseError{File: name, Line: 1, Msg: "empty file: want a header " + fmt.Sprint(Columns[:9])}
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	idx := map[string]int{}
	for i, h := range header {
		idx[h] = i
	}
	for _, c := range Columns[:9] {
		if _, ok := idx[c]; !ok {
			return nil, &ParseError{File: name, Line: 1, Msg: fmt.Sprintf("header lacks column %q (want %v)", c, Columns[:9])}
		}
	}
	get := func(rec []string, col string) string {
		if i, ok := idx[col]; ok && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	var out []Sample
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := cr.FieldPos(0)
		perr := func(col, format string, args ...any) error {
			return &ParseError{File: name, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
		}
		s := Sample{
			Experiment: get(rec, "experiment"), Test: get(rec, "test"), Lang: get(rec, "lang"),
			Platform: get(rec, "platform"), Metric: get(rec, "metric"), Unit: get(rec, "unit"),
			Status: get(rec, "status"),
		}
		if s.Rep, err = strconv.Atoi(get(rec, "rep")); err != nil {
			return nil, perr("rep", "%q is not an integer", get(rec, "rep"))
		}
		if v := get(rec, "value"); v == "" {
			s.Value = math.NaN()
		} else if s.Value, err = strconv.ParseFloat(v, 64); err != nil {
			return nil, perr("value", "%q is not a number", v)
		}
		if v := get(rec, "size"); v != "" {
			if s.Size, err = strconv.ParseInt(v, 10, 64); err != nil {
				return nil, perr("size", "%q is not an integer", v)
			}
		}
		if v := get(rec, "seq"); v != "" {
			if s.Seq, err = strconv.Atoi(v); err != nil {
				return nil, perr("seq", "%q is not an integer", v)
			}
		}
		if v := get(rec, "started"); v != "" {
			if s.Started, err = time.Parse(time.RFC3339Nano, v); err != nil {
				return nil, perr("started", "%q is not an RFC 3339 time", v)
			}
		}
		if err := s.Validate(); err != nil {
			return nil, perr("", "%v", err)
		}
		out = append(out, s)
	}
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ParseError{File: name, Line: pe.Line, Msg: pe.Err.Error()}
	}
	return fmt.Errorf("%s: %w", name, err)
}
