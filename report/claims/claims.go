package claims

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/report/format"
)

// Criterion is the rule that checks a claim against a dataset: what is
// compared and the band it must fall in. The registry
// (claims-registry.csv) keeps every version of it.
type Criterion struct {
	// Kind: ratio (geometric mean of ratios of medians A/B within
	// [Lo, Hi], an empty bound open), order (medians ordered as in A,
	// "x<y<z"), penalty (ratio A/B larger for fsio read than write),
	// absolute (median of A in Test above Lo), or significant (A and B
	// differ significantly, A the larger, in every test; with A and B
	// empty, the platforms differ: the Friedman test over every platform).
	Kind, Exp, Metric string
	// A and B name platforms, or kinds of platform (native, container,
	// wasm) that stand for every platform of that kind; ":metric" after
	// one reads that side on another metric.
	A, B, Test string
	// Lang restricts the claim to one guest language; empty judges each
	// language separately.
	Lang   string
	Lo, Hi float64 // NaN when open
	// Scope "pi" makes an absolute claim comparable only on a Raspberry Pi.
	Scope string
}

// Claim is one quantitative claim of the thesis (a row of claims.csv) with
// the criterion that checks it against a dataset.
type Claim struct {
	ID string
	// Of is the claim this row is a sensitivity analysis of ("" for a
	// claim of the thesis itself): the same claim read another way.
	Of                       string
	RQ, Text, Thesis, Source string
	Criterion
	// Basis says why the band is what it is; the paper prints it.
	Basis string
	Line  int
}

// ThesisPlatforms is the size of the thesis's comparison: native, Docker
// and one Wasm platform. A dataset's power, and so whether it gets
// verdicts, is judged for pairwise tests among that many platforms.
const ThesisPlatforms = 3

// Kinds of platform a claim may name for "every platform of this kind".
var kinds = []string{dataset.KindNative, dataset.KindContainer, dataset.KindWasm}

// Columns are the columns of a claims table, in order (its header).
var Columns = []string{"id", "of", "rq", "claim", "thesis", "source", "kind", "exp", "metric", "a", "b", "test", "lang", "lo", "hi", "scope", "basis"}

// csvError names the file and line of a CSV reader's error.
func csvError(name string, columns []string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d: %v (expected %d comma-separated columns: %s)", name, pe.Line, pe.Err, len(columns), strings.Join(columns, ","))
	}
	return fmt.Errorf("%s: %v", name, err)
}

// readTable reads a CSV table whose header must be columns and calls row
// for every record with its line.
func readTable(name string, b []byte, columns []string, row func(rec []string, line int) error) error {
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1 // the header is checked by name first
	header, err := r.Read()
	if err == io.EOF || (err == nil && strings.Join(header, ",") != strings.Join(columns, ",")) {
		return fmt.Errorf("%s:1: header must be %s", name, strings.Join(columns, ","))
	}
	if err != nil {
		return csvError(name, columns, err)
	}
	r.FieldsPerRecord = len(columns)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return csvError(name, columns, err)
		}
		line, _ := r.FieldPos(0)
		if err := row(rec, line); err != nil {
			return fmt.Errorf("%s:%d: %v", name, line, err)
		}
	}
}

// parseBounds reads lo and hi (columns named by names), NaN when empty.
func parseBounds(vals, names []string) (lo, hi float64, err error) {
	out := [2]float64{}
	for j := range out {
		out[j] = math.NaN()
		if v := vals[j]; v != "" {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
				return 0, 0, fmt.Errorf("column %s: %q is not a finite number", names[j], v)
			}
			out[j] = f
		}
	}
	return out[0], out[1], nil
}

// Parse reads a claims table. name is the file it came from; every
// error names it, the line and what was expected.
func Parse(name string, b []byte) ([]Claim, error) {
	var out []Claim
	ids := map[string]int{}
	err := readTable(name, b, Columns, func(rec []string, line int) error {
		c := Claim{ID: rec[0], Of: rec[1], RQ: rec[2], Text: rec[3], Thesis: rec[4], Source: rec[5],
			Criterion: Criterion{Kind: rec[6], Exp: rec[7], Metric: rec[8], A: rec[9], B: rec[10], Test: rec[11], Lang: rec[12], Scope: rec[15]},
			Basis:     rec[16], Line: line}
		var err error
		if c.Lo, c.Hi, err = parseBounds(rec[13:15], Columns[13:15]); err != nil {
			return err
		}
		if c.ID == "" || c.Exp == "" || c.Metric == "" {
			return errors.New("id, exp and metric are required")
		}
		if prev, dup := ids[c.ID]; dup {
			return fmt.Errorf("id %q already used on line %d", c.ID, prev)
		}
		ids[c.ID] = line
		if c.Of != "" {
			i := slices.IndexFunc(out, func(d Claim) bool { return d.ID == c.Of })
			switch {
			case i < 0:
				return fmt.Errorf("of=%q: expected the id of a claim on an earlier line", c.Of)
			case out[i].Of != "":
				return fmt.Errorf("of=%q: that claim is itself a sensitivity row; name the claim it reads", c.Of)
			}
		}
		if err := c.validate(); err != nil {
			return err
		}
		out = append(out, c)
		return nil
	})
	return out, err
}

// validate checks a criterion.
func (c Criterion) validate() error {
	lo, hi := !math.IsNaN(c.Lo), !math.IsNaN(c.Hi)
	sides := func() error {
		for _, s := range []string{c.A, c.B} {
			if err := tokenOK(s); err != nil {
				return err
			}
		}
		return nil
	}
	switch c.Kind {
	case "ratio":
		if !lo && !hi {
			return errors.New("a ratio claim needs lo, hi or both")
		}
		if lo && hi && c.Lo > c.Hi {
			return fmt.Errorf("lo %g above hi %g", c.Lo, c.Hi)
		}
		return sides()
	case "penalty":
		return sides()
	case "significant":
		if !lo || !(c.Lo > 0 && c.Lo < 1) {
			return errors.New("a significant claim needs lo, the significance level, in (0, 1)")
		}
		if c.A == "" && c.B == "" {
			return nil // the platforms differ: no pair
		}
		return sides()
	case "order":
		ps := strings.Split(c.A, "<")
		if len(ps) < 2 {
			return fmt.Errorf("a: %q: expected platforms in order, as x<y<z", c.A)
		}
		for _, p := range ps {
			if err := tokenOK(p); err != nil {
				return err
			}
		}
		return nil
	case "absolute":
		if c.Test == "" || !lo {
			return errors.New("an absolute claim needs test and lo")
		}
		return tokenOK(c.A)
	}
	return fmt.Errorf("column kind: %q: expected ratio, order, penalty, absolute or significant", c.Kind)
}

// tokenOK checks a side: "platform" or "kind", optionally ":metric".
func tokenOK(s string) error {
	p, m, hasM := strings.Cut(s, ":")
	if p == "" || strings.ContainsAny(p, " <,") || (hasM && (m == "" || strings.ContainsAny(m, " :<,"))) {
		return fmt.Errorf("platform %q: expected a platform or one of %s, optionally followed by :metric", s, strings.Join(kinds, ", "))
	}
	return nil
}

// Equal reports whether two criteria compare the same things against the
// same band.
func (c Criterion) Equal(d Criterion) bool {
	same := func(x, y float64) bool { return x == y || (math.IsNaN(x) && math.IsNaN(y)) }
	return c.Kind == d.Kind && c.Exp == d.Exp && c.Metric == d.Metric && c.A == d.A && c.B == d.B &&
		c.Test == d.Test && c.Lang == d.Lang && same(c.Lo, d.Lo) && same(c.Hi, d.Hi) && c.Scope == d.Scope
}

// Text describes the rule in words, with the metric and, when the
// criterion names one, the only language it is judged on.
func (c Criterion) Text() string {
	s := c.rule() + " (" + c.Metric + ")"
	if c.Lang != "" {
		s += ", " + format.Lang(c.Lang) + " only"
	}
	return s
}

func (c Criterion) rule() string {
	a, b := strings.ReplaceAll(c.A, ":", " "), strings.ReplaceAll(c.B, ":", " ")
	switch c.Kind {
	case "ratio":
		switch {
		case math.IsNaN(c.Hi):
			return fmt.Sprintf("%s/%s > %g", a, b, c.Lo)
		case math.IsNaN(c.Lo):
			return fmt.Sprintf("%s/%s < %g", a, b, c.Hi)
		}
		return fmt.Sprintf("%g ≤ %s/%s ≤ %g", c.Lo, a, b, c.Hi)
	case "order":
		return "medians " + strings.ReplaceAll(a, "<", " < ")
	case "penalty":
		return fmt.Sprintf("%s/%s: read > write", a, b)
	case "absolute":
		return fmt.Sprintf("median %s %s > %g %s", a, c.Test, c.Lo, format.Unit(c.Metric))
	}
	if c.A == "" {
		return fmt.Sprintf("the platforms differ, Friedman p < %g in every test", c.Lo)
	}
	return fmt.Sprintf("%s > %s, p < %g in every test", a, b, c.Lo)
}

// band is the claim's band in words.
func (c Criterion) band() string {
	switch {
	case math.IsNaN(c.Hi):
		return fmt.Sprintf("the band > %g×", c.Lo)
	case math.IsNaN(c.Lo):
		return fmt.Sprintf("the band < %g×", c.Hi)
	}
	return fmt.Sprintf("the band %g–%g×", c.Lo, c.Hi)
}

// thesisSign is the direction the thesis found: +1 when A is the larger
// (a ratio band at or above 1, an order, a penalty, a significant pair),
// -1 when A is the smaller, 0 for a claim of parity (a band around 1).
func (c Criterion) thesisSign() int {
	if c.Kind != "ratio" {
		return 1
	}
	switch {
	case !math.IsNaN(c.Lo) && c.Lo >= 1:
		return 1
	case !math.IsNaN(c.Hi) && c.Hi <= 1:
		return -1
	}
	return 0
}
