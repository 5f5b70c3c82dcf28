package dataset

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
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

// Create creates path (which must not exist) and writes the header. The
// file and its directory entry are synced before Create returns, so after
// a power loss the file exists whenever the run had started writing it.
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
	if err := w.sync(); err != nil {
		f.Close()
		return nil, err
	}
	if err := SyncDir(filepath.Dir(path)); err != nil {
		f.Close()
		return nil, err
	}
	return w, nil
}

// Append opens an existing samples file to add rows after its last one
// (a resumed run, after Rewrite has left only complete rows in it).
func Append(path string) (*Writer, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return nil, err
	}
	return &Writer{f: f, w: csv.NewWriter(f)}, nil
}

// SyncDir makes the directory entries of dir durable (a created or renamed
// file survives a power loss only once its directory is synced too).
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
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

// Close flushes and closes the file; closing again does nothing.
func (w *Writer) Close() error {
	if w.f == nil {
		return nil
	}
	err := w.sync()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	w.f = nil
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
		strconv.FormatInt(s.Size, 10), strconv.Itoa(s.Seq), started, strconv.Itoa(s.SetRows), strconv.Itoa(s.AttemptOf()),
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
	idx, msg := headerIndex(header)
	if msg != "" {
		return nil, &ParseError{File: name, Line: 1, Msg: msg}
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
		s, col, msg := idx.sample(rec)
		if msg != "" {
			return nil, &ParseError{File: name, Line: line, Column: col, Msg: msg}
		}
		out = append(out, s)
	}
}

// columnIndex maps the columns of a samples file's header to positions.
type columnIndex map[string]int

// headerIndex checks a header: the nine contract columns in any order; the
// extension columns are optional and unknown columns are ignored. The
// message is empty when the header is good.
func headerIndex(header []string) (columnIndex, string) {
	idx := columnIndex{}
	for i, h := range header {
		if _, dup := idx[h]; !dup {
			idx[h] = i
		}
	}
	for _, c := range Columns[:9] {
		if _, ok := idx[c]; !ok {
			return nil, fmt.Sprintf("header lacks column %q (want %v)", c, Columns[:9])
		}
	}
	return idx, ""
}

func (idx columnIndex) get(rec []string, col string) string {
	if i, ok := idx[col]; ok && i < len(rec) {
		return rec[i]
	}
	return ""
}

// sample converts one record; on error it returns the column (when one is
// to blame) and a message.
func (idx columnIndex) sample(rec []string) (Sample, string, string) {
	get := func(col string) string { return idx.get(rec, col) }
	s := Sample{
		Experiment: get("experiment"), Test: get("test"), Lang: get("lang"),
		Platform: get("platform"), Metric: get("metric"), Unit: get("unit"),
		Status: get("status"),
	}
	var err error
	if s.Rep, err = strconv.Atoi(get("rep")); err != nil {
		return s, "rep", fmt.Sprintf("%q is not an integer", get("rep"))
	}
	if v := get("value"); v == "" {
		s.Value = math.NaN()
	} else if s.Value, err = strconv.ParseFloat(v, 64); err != nil {
		return s, "value", fmt.Sprintf("%q is not a number", v)
	}
	for _, c := range []struct {
		col string
		dst *int
	}{{"seq", &s.Seq}, {"set_rows", &s.SetRows}, {"attempt", &s.Attempt}} {
		if v := get(c.col); v != "" {
			if *c.dst, err = strconv.Atoi(v); err != nil {
				return s, c.col, fmt.Sprintf("%q is not an integer", v)
			}
		}
	}
	if v := get("size"); v != "" {
		if s.Size, err = strconv.ParseInt(v, 10, 64); err != nil {
			return s, "size", fmt.Sprintf("%q is not an integer", v)
		}
	}
	if v := get("started"); v != "" {
		if s.Started, err = time.Parse(time.RFC3339Nano, v); err != nil {
			return s, "started", fmt.Sprintf("%q is not an RFC 3339 time", v)
		}
	}
	if err := s.Validate(); err != nil {
		return s, "", err.Error()
	}
	return s, "", ""
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ParseError{File: name, Line: pe.Line, Msg: pe.Err.Error()}
	}
	return fmt.Errorf("%s: %w", name, err)
}
