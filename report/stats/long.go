package stats

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Record is one data row of a CSV long table: its fields by column name,
// the parsed value column and the line it came from (for error messages).
type Record struct {
	Fields map[string]string
	Value  float64 // NaN when the cell is missing (empty, NA or NaN)
	Line   int
}

// Key derives a block or treatment key from a record.
type Key func(Record) string

// Columns returns a Key joining the named columns with "/", e.g.
// Columns("test", "lang") gives "aes/c".
func Columns(names ...string) Key {
	return func(r Record) string {
		parts := make([]string, len(names))
		for i, n := range names {
			parts[i] = r.Fields[n]
		}
		return strings.Join(parts, "/")
	}
}

// Matrix is a block × treatment table of observations. Y[i][j] is the value
// of treatment j in block i; NaN marks a missing cell. Blocks and treatments
// are kept in order of first appearance in the input.
type Matrix struct {
	Source     string // file name, for messages
	Blocks     []string
	Treatments []string
	Y          [][]float64
}

// ReadRecords reads a CSV table with a header row. Every column in required
// must be present (order is free, extra columns are kept in Fields); the
// column valueCol is parsed as a number, where an empty cell, "NA" or "NaN"
// means missing. Errors name the file (name) and the line.
func ReadRecords(r io.Reader, name, valueCol string, required ...string) ([]Record, error) {
	cr := csv.NewReader(r)
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s:1: empty file, expected a header with columns %s", name, strings.Join(required, ","))
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	index := make(map[string]int, len(header))
	for i, h := range header {
		h = strings.TrimSpace(h)
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff") // byte-order mark from spreadsheets
		}
		if _, dup := index[h]; dup {
			return nil, fmt.Errorf("%s:1: column %q appears twice in the header", name, h)
		}
		index[h] = i
		header[i] = h
	}
	for _, c := range append(required, valueCol) {
		if _, ok := index[c]; !ok {
			return nil, fmt.Errorf("%s:1: header lacks column %q (expected columns %s, got %s)",
				name, c, strings.Join(append(required, valueCol), ","), strings.Join(header, ","))
		}
	}
	var recs []Record
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := cr.FieldPos(0)
		rec := Record{Fields: make(map[string]string, len(header)), Line: line}
		for i, h := range header {
			rec.Fields[h] = strings.TrimSpace(row[i])
		}
		for _, c := range required {
			if rec.Fields[c] == "" {
				return nil, fmt.Errorf("%s:%d: column %q is empty, expected a key", name, line, c)
			}
		}
		rec.Value, err = parseValue(rec.Fields[valueCol])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: column %q: %v", name, line, valueCol, err)
		}
		recs = append(recs, rec)
	}
	return recs, nil
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d: malformed CSV: %v (expected the same number of fields as the header)", name, pe.Line, pe.Err)
	}
	return fmt.Errorf("%s: %v", name, err)
}

func parseValue(s string) (float64, error) {
	switch strings.ToLower(s) {
	case "", "na", "nan":
		return math.NaN(), nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a finite number (expected a number, or NA/empty for missing)", s)
	}
	return v, nil
}

// Build turns records into a Matrix with one observation per cell: block
// and treatment keys come from the given Key functions. A second record for
// the same (block, treatment) is an error naming both lines. Cells no record
// fills are NaN (and their blocks are later dropped as incomplete).
func Build(recs []Record, name string, block, treatment Key) (*Matrix, error) {
	m, lines, err := collect(recs, name, block, treatment)
	if err != nil {
		return nil, err
	}
	for i := range m.Y {
		for j := range m.Y[i] {
			if rs := lines[i][j]; len(rs) > 1 {
				return nil, fmt.Errorf("%s:%d: duplicate observation for block %q, treatment %q (first at line %d); expected one row per block and treatment",
					name, rs[1].Line, m.Blocks[i], m.Treatments[j], rs[0].Line)
			}
		}
	}
	return m, nil
}

// BuildSummarized is Build for designs where several records share a cell,
// such as tests as blocks with the repetitions of one test summarized by
// their median: each cell holds summary of its values (missing values are
// skipped; a cell with none is NaN).
func BuildSummarized(recs []Record, name string, block, treatment Key, summary func([]float64) float64) (*Matrix, error) {
	m, lines, err := collect(recs, name, block, treatment)
	if err != nil {
		return nil, err
	}
	for i := range m.Y {
		for j := range m.Y[i] {
			var vals []float64
			for _, r := range lines[i][j] {
				if !math.IsNaN(r.Value) {
					vals = append(vals, r.Value)
				}
			}
			if len(vals) > 0 {
				m.Y[i][j] = summary(vals)
			}
		}
	}
	return m, nil
}

// collect groups records by cell; Y is filled with the value of the first
// record of each cell, NaN where there is none.
func collect(recs []Record, name string, block, treatment Key) (*Matrix, [][][]Record, error) {
	m := &Matrix{Source: name}
	bi, ti := map[string]int{}, map[string]int{}
	type cell struct{ b, t int }
	cells := map[cell][]Record{}
	for _, r := range recs {
		b, t := block(r), treatment(r)
		if _, ok := bi[b]; !ok {
			bi[b] = len(m.Blocks)
			m.Blocks = append(m.Blocks, b)
		}
		if _, ok := ti[t]; !ok {
			ti[t] = len(m.Treatments)
			m.Treatments = append(m.Treatments, t)
		}
		c := cell{bi[b], ti[t]}
		cells[c] = append(cells[c], r)
	}
	if len(m.Treatments) < 2 {
		// The table as a whole is at fault: name the first data line (2
		// when there is none), so the error still has a place to look.
		line := 2
		if len(recs) > 0 {
			line = recs[0].Line
		}
		return nil, nil, fmt.Errorf("%s:%d: found %d treatment(s) %q in the table from here on, expected at least 2", name, line, len(m.Treatments), m.Treatments)
	}
	m.Y = make([][]float64, len(m.Blocks))
	lines := make([][][]Record, len(m.Blocks))
	for i := range m.Y {
		m.Y[i] = make([]float64, len(m.Treatments))
		lines[i] = make([][]Record, len(m.Treatments))
		for j := range m.Y[i] {
			rs := cells[cell{i, j}]
			lines[i][j] = rs
			m.Y[i][j] = math.NaN()
			if len(rs) > 0 {
				m.Y[i][j] = rs[0].Value
			}
		}
	}
	return m, lines, nil
}

// ReadLong reads a CSV long table with columns block, treatment and value
// (any order, extra columns ignored) into a Matrix. name is used in error
// messages, which give the line and what was expected.
func ReadLong(r io.Reader, name string) (*Matrix, error) {
	recs, err := ReadRecords(r, name, "value", "block", "treatment")
	if err != nil {
		return nil, err
	}
	return Build(recs, name, Columns("block"), Columns("treatment"))
}

// Complete returns the matrix restricted to complete blocks (no NaN cell),
// as R's friedman.test does with complete.cases, and one warning per
// dropped block.
func (m *Matrix) Complete() (*Matrix, []string) {
	out := &Matrix{Source: m.Source, Treatments: m.Treatments}
	var warnings []string
	for i, row := range m.Y {
		var missing []string
		for j, v := range row {
			if math.IsNaN(v) {
				missing = append(missing, m.Treatments[j])
			}
		}
		if len(missing) > 0 {
			warnings = append(warnings, fmt.Sprintf("block %q dropped: incomplete (no value for %s)", m.Blocks[i], strings.Join(missing, ", ")))
			continue
		}
		out.Blocks = append(out.Blocks, m.Blocks[i])
		out.Y = append(out.Y, row)
	}
	return out, warnings
}

// Column returns the values of treatment j, one per block.
func (m *Matrix) Column(j int) []float64 {
	c := make([]float64, len(m.Y))
	for i, row := range m.Y {
		c[i] = row[j]
	}
	return c
}
