package report

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/edgewasm/edgewasm/report/stats"
)

// Claim is one quantitative claim of the thesis (a row of claims.csv) with
// the rule that checks it against a dataset.
type Claim struct {
	ID, RQ, Text, Thesis, Source string
	// Kind: ratio (estimate within [Lo, Hi], an empty bound is open),
	// order (medians ordered as in A, "x<y<z"), penalty (ratio A/B larger
	// for fsio read than write), absolute (median of A in Test > Lo), or
	// significant (Friedman p < Lo in every test).
	Kind, Exp, Metric, A, B, Test string
	// Lang restricts the check to one guest language ("" = every one).
	// The thesis's workloads were C, so its claims are checked on lang=c.
	Lang   string
	Lo, Hi float64 // NaN when open
	// Scope "pi" makes an absolute claim comparable only on a Raspberry Pi.
	Scope string
	Line  int
}

// Verdicts.
const (
	Reproduced    = "reproduced"
	NotReproduced = "not reproduced"
	NotComparable = "not comparable"
)

var claimColumns = []string{"id", "rq", "claim", "thesis", "source", "kind", "exp", "metric", "a", "b", "test", "lang", "lo", "hi", "scope"}

// ParseClaims reads claims.csv; errors name the line and column.
func ParseClaims(name string, b []byte) ([]Claim, error) {
	r := csv.NewReader(bytes.NewReader(b))
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if len(recs) == 0 || strings.Join(recs[0], ",") != strings.Join(claimColumns, ",") {
		return nil, fmt.Errorf("%s:1: header must be %s", name, strings.Join(claimColumns, ","))
	}
	var out []Claim
	for i, r := range recs[1:] {
		line := i + 2
		c := Claim{ID: r[0], RQ: r[1], Text: r[2], Thesis: r[3], Source: r[4], Kind: r[5], Exp: r[6], Metric: r[7],
			A: r[8], B: r[9], Test: r[10], Lang: r[11], Scope: r[14], Line: line}
		for j, p := range []*float64{&c.Lo, &c.Hi} {
			*p = math.NaN()
			if v := r[12+j]; v != "" {
				if *p, err = strconv.ParseFloat(v, 64); err != nil {
					return nil, fmt.Errorf("%s:%d: column %s: %q is not a number", name, line, claimColumns[12+j], v)
				}
			}
		}
		switch c.Kind {
		case "ratio", "order", "penalty", "absolute", "significant":
		default:
			return nil, fmt.Errorf("%s:%d: column kind: %q: expected ratio, order, penalty, absolute or significant", name, line, c.Kind)
		}
		if c.ID == "" || c.Exp == "" || c.Metric == "" {
			return nil, fmt.Errorf("%s:%d: id, exp and metric are required", name, line)
		}
		out = append(out, c)
	}
	return out, nil
}

// Criterion describes the rule in words, with the metric and languages it
// is judged on.
func (c Claim) Criterion() string {
	on := c.Metric + ", every language"
	if c.Lang != "" {
		on = c.Metric + ", " + c.Lang + " guests"
	}
	return c.rule() + " (" + on + ")"
}

func (c Claim) rule() string {
	switch c.Kind {
	case "ratio":
		switch {
		case math.IsNaN(c.Hi):
			return fmt.Sprintf("%s/%s > %g", c.A, c.B, c.Lo)
		case math.IsNaN(c.Lo):
			return fmt.Sprintf("%s/%s < %g", c.A, c.B, c.Hi)
		}
		return fmt.Sprintf("%g ≤ %s/%s ≤ %g", c.Lo, c.A, c.B, c.Hi)
	case "order":
		return "medians " + strings.ReplaceAll(c.A, "<", " < ")
	case "penalty":
		return fmt.Sprintf("%s/%s: read > write", c.A, c.B)
	case "absolute":
		return fmt.Sprintf("median %s %s > %g %s", c.A, c.Test, c.Lo, unitOf(c.Metric))
	}
	return fmt.Sprintf("Friedman p < %g in every test", c.Lo)
}

// Check evaluates the claim on a dataset: our value and the verdict (with
// the reason when not comparable).
func (c Claim) Check(s *Set) (value, verdict string, err error) {
	need := []string{}
	for _, p := range append(strings.Split(c.A, "<"), c.B) {
		if p != "" {
			need = append(need, p)
		}
	}
	for _, p := range need {
		if len(ratioTests(s, c.Exp, c.Metric, p)) == 0 {
			return notMeasured, fmt.Sprintf("%s: %s %s not measured", NotComparable, p, c.Exp), nil
		}
	}
	if !s.Measured(c.Exp) {
		return notMeasured, fmt.Sprintf("%s: %s not measured", NotComparable, c.Exp), nil
	}
	langs := s.Langs(c.Exp)
	if c.Lang != "" {
		if !slices.Contains(langs, c.Lang) {
			return notMeasured, fmt.Sprintf("%s: %s %s not measured", NotComparable, c.Lang, c.Exp), nil
		}
		langs = []string{c.Lang}
	}
	judge := func(ok bool) string {
		if ok {
			return Reproduced
		}
		return NotReproduced
	}
	switch c.Kind {
	case "ratio":
		iv, err := ratio(s, c.Exp, c.Metric, c.A, c.B, c.Test, c.Lang)
		if err != nil {
			return "", "", err
		}
		value := fmt.Sprintf("%s [%s, %s]", ratioText(iv.Estimate), ratioText(iv.Lo), ratioText(iv.Hi))
		switch {
		case math.IsNaN(c.Hi) != math.IsNaN(c.Lo):
			// One-sided ("slower than", "> 1×"): the whole 95 % interval must
			// lie beyond the bound, or the data cannot tell.
			if ok := (math.IsNaN(c.Lo) || iv.Lo > c.Lo) && (math.IsNaN(c.Hi) || iv.Hi < c.Hi); !ok {
				return value, NotReproduced + ": the 95 % interval reaches the bound", nil
			}
			return value, Reproduced, nil
		}
		// Two-sided ("≈ 2×"): the estimate must lie in the range.
		ok := (math.IsNaN(c.Lo) || iv.Estimate >= c.Lo) && (math.IsNaN(c.Hi) || iv.Estimate <= c.Hi)
		return value, judge(ok), nil
	case "order":
		ps := strings.Split(c.A, "<")
		ok := true
		var parts []string
		for _, l := range langs {
			var meds []string
			prev := math.Inf(-1)
			for _, p := range ps {
				var all []float64
				for _, t := range s.Tests(c.Exp) {
					all = append(all, s.Values(c.Exp, t, l, p, c.Metric)...)
				}
				m := stats.Median(all)
				if !(m > prev) {
					ok = false
				}
				prev = m
				meds = append(meds, fmt.Sprintf("%s %s", p, num(m)))
			}
			parts = append(parts, l+": "+strings.Join(meds, ", ")+" "+unitOf(c.Metric))
		}
		return strings.Join(parts, "; "), judge(ok), nil
	case "penalty":
		r, errR := ratio(s, c.Exp, c.Metric, c.A, c.B, "read", c.Lang)
		w, errW := ratio(s, c.Exp, c.Metric, c.A, c.B, "write", c.Lang)
		if err := errors.Join(errR, errW); err != nil {
			return notMeasured, NotComparable + ": read or write not measured", nil
		}
		return fmt.Sprintf("read %s, write %s", ratioText(r.Estimate), ratioText(w.Estimate)), judge(r.Estimate > w.Estimate), nil
	case "absolute":
		var all []float64
		for _, l := range langs {
			all = append(all, s.Values(c.Exp, c.Test, l, c.A, c.Metric)...)
		}
		m := stats.Median(all)
		value = num(m) + " " + unitOf(c.Metric)
		if c.Scope == "pi" && !s.Pi() {
			return value, fmt.Sprintf("%s: an absolute time on the thesis's Raspberry Pi 3 B+; %s ran on %s (%s)", NotComparable, s.Label, orDash(s.Env.Host.DeviceModel, s.Env.Host.CPUModel), s.Env.Host.Arch), nil
		}
		return value, judge(m > c.Lo), nil
	}
	n, sig := 0, 0
	for _, t := range s.Tests(c.Exp) {
		for _, l := range langs {
			m := matrix(s, c.Exp, t, l, c.Metric)
			if len(m.Treatments) < 2 {
				continue
			}
			n++
			if f, err := stats.Friedman(m); err == nil && f.P < c.Lo {
				sig++
			}
		}
	}
	if n == 0 {
		return notMeasured, NotComparable + ": fewer than two platforms measured", nil
	}
	return fmt.Sprintf("%d of %d tests", sig, n), judge(sig == n), nil
}

func orDash(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// ratioTests lists the tests where platform p has values of metric.
func ratioTests(s *Set, exp, metric, p string) []string {
	var out []string
	for _, t := range s.Tests(exp) {
		for _, l := range s.Langs(exp) {
			if len(s.Values(exp, t, l, p, metric)) > 0 {
				out = append(out, t)
				break
			}
		}
	}
	return out
}

func runClaims(e *Engine, a Args) (*Output, error) {
	if err := check(a); err != nil {
		return nil, err
	}
	claims, err := ParseClaims("report/claims.csv", e.Claims)
	if err != nil {
		return nil, err
	}
	sets, err := e.sets(a, false)
	if err != nil {
		return nil, err
	}
	out := &Output{}
	for _, s := range sets {
		t := Table{Title: s.Label, Header: []string{"claim", "thesis", "source", "criterion", "ours", "verdict"}}
		for _, c := range claims {
			v, verdict, err := c.Check(s)
			if err != nil {
				return nil, fmt.Errorf("claims.csv:%d (%s): %v", c.Line, c.ID, err)
			}
			t.Rows = append(t.Rows, []string{c.Text, c.Thesis, c.Source, c.Criterion(), v, verdict})
		}
		out.Tables = append(out.Tables, t)
		out.Commands = append(out.Commands, reproduce(s, a))
	}
	return out, nil
}

func runClaim(e *Engine, a Args) (*Output, error) {
	vals, err := need(a, []string{"id"})
	if err != nil {
		return nil, err
	}
	id := vals[0]
	claims, err := ParseClaims("report/claims.csv", e.Claims)
	if err != nil {
		return nil, err
	}
	sets, _ := e.sets(a, true)
	for _, c := range claims {
		if c.ID == id {
			_, verdict, err := c.Check(sets[0])
			if err != nil {
				return nil, err
			}
			return &Output{Text: verdict, Commands: []string{reproduce(sets[0], a)}}, nil
		}
	}
	return nil, fmt.Errorf("claim: no claim with id %q in claims.csv", id)
}
