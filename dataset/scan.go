package dataset

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
)

// A samples file is appended one invocation at a time and synced after
// each, so a run that is killed or loses power leaves every invocation
// before the last one intact; only the end of the file can be damaged: a
// row torn in the middle, the rows of an invocation written in part, or a
// block of zeros where the file system had not yet written the data. Scan
// reads such a file for `run --resume`, and Rewrite and WriteReplaced write
// back what the resumed run keeps and what it takes out; package
// internal/resume decides which is which.

// Row is one row of a samples file with the line it is on.
type Row struct {
	Sample
	Line int
}

// Scanned is a samples file as a resumed run finds it.
type Scanned struct {
	// Header is false when the file ended before its header did (the run
	// was killed as it created the file); Columns are the header's columns.
	Header  bool
	Columns []string
	// Rows are the complete, valid rows before the first damaged line, in
	// file order.
	Rows []Row
	// Cut is everything from the first damaged line (a torn or malformed
	// row) to the end of the file; CutLine is its first line. Cut is empty
	// for an undamaged file.
	Cut     []byte
	CutLine int
	// CutReason says what was wrong with the line at CutLine.
	CutReason string
}

// MaxCut bounds how much Scan may cut. An interruption damages at most the
// last invocation's row set (a few KiB) plus, after a power loss, the file
// system block holding it; more than this means the file was damaged some
// other way, which Scan reports instead of repairing.
const MaxCut = 64 << 10

// Scan reads the samples file at path, stopping at the first line that is
// not a complete, valid row (or header). It reports an error, naming the
// file and line, when that line is followed by more than MaxCut bytes, or
// when the file's complete header is not a samples header.
func Scan(path string) (Scanned, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Scanned{}, err
	}
	return ScanBytes(b, path)
}

// ScanBytes is Scan of a file's content; name is used in errors.
func ScanBytes(b []byte, name string) (Scanned, error) {
	var sc Scanned
	cut := func(off, line int, reason string) (Scanned, error) {
		sc.Cut, sc.CutLine, sc.CutReason = b[off:], line, reason
		if len(sc.Cut) > MaxCut {
			return Scanned{}, fmt.Errorf("%s:%d: %s, and %d bytes follow: more than an interrupted run leaves at the end of the file; repair it by hand (or remove everything from this line on)",
				name, line, reason, len(sc.Cut))
		}
		return sc, nil
	}
	nl := bytes.IndexByte(b, '\n')
	if nl < 0 {
		return cut(0, 1, "the header is incomplete")
	}
	header, err := parseLine(b[:nl+1], 0)
	if err != nil {
		return Scanned{}, fmt.Errorf("%s:1: header: %v", name, err)
	}
	idx, msg := headerIndex(header)
	if msg != "" {
		return Scanned{}, fmt.Errorf("%s:1: %s", name, msg)
	}
	sc.Header, sc.Columns = true, header
	off := nl + 1
	for line := 2; off < len(b); line++ {
		nl := bytes.IndexByte(b[off:], '\n')
		if nl < 0 {
			return cut(off, line, "the last row is incomplete (no end of line)")
		}
		rec, err := parseLine(b[off:off+nl+1], len(header))
		if err != nil {
			return cut(off, line, err.Error())
		}
		s, col, msg := idx.sample(rec)
		if msg != "" {
			if col != "" {
				msg = "column " + col + ": " + msg
			}
			return cut(off, line, msg)
		}
		sc.Rows = append(sc.Rows, Row{Sample: s, Line: line})
		off += nl + 1
	}
	return sc, nil
}

// parseLine parses one CSV line holding exactly one record (of n fields
// when n > 0). edgewasm never writes a line break inside a field, so a
// record spanning lines is damage.
func parseLine(line []byte, n int) ([]string, error) {
	if bytes.IndexByte(line, 0) >= 0 {
		return nil, fmt.Errorf("NUL bytes (blocks the file system had not written)")
	}
	if len(bytes.TrimSpace(line)) == 0 {
		return nil, fmt.Errorf("empty line")
	}
	r := csv.NewReader(bytes.NewReader(line))
	r.FieldsPerRecord = n
	rec, err := r.Read()
	if err != nil {
		if pe, ok := err.(*csv.ParseError); ok {
			return nil, pe.Err
		}
		return nil, err
	}
	if _, err := r.Read(); err == nil {
		return nil, fmt.Errorf("more than one record on the line")
	}
	return rec, nil
}

// Rewrite replaces the samples file at path with the header and samples,
// atomically and durably (WriteFileAtomic).
func Rewrite(path string, samples []Sample) error {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(Columns)
	for _, s := range samples {
		_ = w.Write(record(s))
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return WriteFileAtomic(path, buf.Bytes())
}

// Replaced is a row that a resumed run took out of samples.csv, and why.
type Replaced struct {
	Sample
	Reason string
}

// WriteReplaced writes rows to path (atomically) in the samples format
// with one more column, reason, so nothing a run recorded is lost.
func WriteReplaced(path string, rows []Replaced) error {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(append(append([]string{}, Columns...), "reason"))
	for _, r := range rows {
		_ = w.Write(append(record(r.Sample), r.Reason))
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return WriteFileAtomic(path, buf.Bytes())
}
