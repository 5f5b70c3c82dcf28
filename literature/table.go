package literature

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// RecordError reports a record file that breaks a rule: which file, which
// line (1-based; 0 when the problem concerns the file as a whole), which rule
// and what was found.
type RecordError struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Rule string `json:"rule"`
	Msg  string `json:"msg"`
}

func (e *RecordError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Rule, e.Msg)
	}
	return fmt.Sprintf("%s: %s: %s", e.File, e.Rule, e.Msg)
}

func recErr(file string, line int, rule, format string, args ...any) *RecordError {
	return &RecordError{File: file, Line: line, Rule: rule, Msg: fmt.Sprintf(format, args...)}
}

// row is one CSV record with its line number and access by column name.
type row struct {
	file string
	line int
	cols map[string]int
	rec  []string
}

func (r row) get(col string) string { return strings.TrimSpace(r.rec[r.cols[col]]) }

// errf builds a RecordError located at this row.
func (r row) errf(rule, format string, args ...any) *RecordError {
	return recErr(r.file, r.line, rule, format, args...)
}

// required returns the column's value or an error when it is empty.
func (r row) required(col string) (string, error) {
	v := r.get(col)
	if v == "" {
		return "", r.errf("required", "column %q is empty", col)
	}
	return v, nil
}

// count parses a non-negative integer column.
func (r row) count(col string) (int, error) {
	v := r.get(col)
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, r.errf("count", "column %q: want a whole number >= 0, got %q", col, v)
	}
	return n, nil
}

// oneOf checks that a column holds one of the allowed values.
func (r row) oneOf(col string, allowed ...string) (string, error) {
	v := r.get(col)
	for _, a := range allowed {
		if v == a {
			return v, nil
		}
	}
	return "", r.errf("vocabulary", "column %q: want one of %s, got %q", col, strings.Join(allowed, "|"), v)
}

// readTable reads a CSV file whose header must be exactly header. Each row
// must have as many fields as the header; blank lines are skipped.
func readTable(path string, header []string) ([]row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseTable(path, f, header)
}

func parseTable(name string, r io.Reader, header []string) ([]row, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	got, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, recErr(name, 1, "header", "file is empty; want header %s", strings.Join(header, ","))
	}
	if err != nil {
		return nil, csvErr(name, err)
	}
	if len(got) > 0 {
		got[0] = strings.TrimPrefix(got[0], "\ufeff")
	}
	if strings.Join(got, ",") != strings.Join(header, ",") {
		return nil, recErr(name, 1, "header", "want %s, got %s", strings.Join(header, ","), strings.Join(got, ","))
	}
	cols := make(map[string]int, len(header))
	for i, h := range header {
		cols[h] = i
	}
	var rows []row
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, csvErr(name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			return nil, recErr(name, line, "fields", "want %d fields, got %d", len(header), len(rec))
		}
		rows = append(rows, row{file: name, line: line, cols: cols, rec: rec})
	}
}

func csvErr(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return recErr(name, pe.Line, "csv", "%v", pe.Err)
	}
	return recErr(name, 0, "csv", "%v", err)
}

// splitList splits a "a; b; c" cell into trimmed, non-empty items.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
