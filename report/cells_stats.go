package report

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"github.com/edgewasm/edgewasm/report/figures"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/edgewasm/edgewasm/report/stats"
)

// statsCommands are the commands backed by report/stats.
func statsCommands() map[string]Command {
	expNeeds := func(a Args) []string { return []string{needEnv, needExp(a.KV["exp"])} }
	return map[string]Command{
		"medians":   {Usage: "medians exp=E metric=M  (median and 95 % bootstrap CI per test, lang and platform)", Needs: expNeeds, Run: runMedians},
		"friedman":  {Usage: "friedman exp=E metric=M  (Friedman test per test and lang, repetitions as blocks)", Needs: expNeeds, Run: runFriedman},
		"posthoc":   {Usage: "posthoc exp=E metric=M [method=wilcoxon|nemenyi|conover]  (pairwise, Holm-adjusted)", Needs: expNeeds, Run: runPosthoc},
		"median":    {Usage: "median exp=E test=T platform=P metric=M [lang=c]", Inline: true, Needs: expNeeds, Run: runMedian},
		"ratio":     {Usage: "ratio exp=E metric=M a=P b=Q [test=T] [lang=L] [ci=yes]  (geometric mean over tests of median(a)/median(b))", Inline: true, Needs: expNeeds, Run: runRatio},
		"claims":    {Usage: "claims  (the thesis's quantitative claims against each dataset)", Needs: func(Args) []string { return []string{needAll, needClaims} }, Run: runClaims},
		"claim":     {Usage: "claim id=ID  (verdict of one claim on the primary dataset)", Inline: true, Needs: func(Args) []string { return []string{needAll, needClaims} }, Run: runClaim},
		"figure":    {Usage: "figure id=ID  (a report/figures figure: " + strings.Join(figures.IDs, ", ") + ")", Needs: func(Args) []string { return []string{needAll} }, Run: runFigure},
		"breakeven": {Usage: "breakeven a=P [lang=c]  (job length t* at which Wasm platform P and Docker take equally long)", Inline: true, Needs: func(Args) []string { return []string{needAll} }, Run: runBreakEven},
	}
}

// expArgs reads the exp= and metric= arguments every statistic needs, then
// the command's other required arguments; optional lists the rest.
func expArgs(a Args, required []string, optional ...string) (exp, metric string, rest []string, err error) {
	vals, err := need(a, append([]string{"exp", "metric"}, required...), optional...)
	if err != nil {
		return "", "", nil, err
	}
	return vals[0], vals[1], vals[2:], nil
}

// unitOf is the unit of a metric by its suffix.
func unitOf(metric string) string {
	switch {
	case strings.HasSuffix(metric, "_ms"):
		return "ms"
	case strings.HasSuffix(metric, "_kib"):
		return "KiB"
	}
	return ""
}

// num prints a measurement with three significant digits (integers kept).
func num(v float64) string {
	switch a := math.Abs(v); {
	case math.IsNaN(v):
		return notMeasured
	case a >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case a >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	case a >= 1:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}

// pval prints a p-value the way papers do.
func pval(p float64) string {
	switch {
	case math.IsNaN(p):
		return "—"
	case p < 0.001:
		return "< 0.001"
	}
	return strconv.FormatFloat(p, 'f', 3, 64)
}

var boot = stats.DefaultBootstrap

func runMedians(e *Engine, a Args) (*Output, error) {
	exp, metric, _, err := expArgs(a, nil)
	if err != nil {
		return nil, err
	}
	sets, err := e.sets(a, false)
	if err != nil {
		return nil, err
	}
	out := &Output{}
	for _, s := range sets {
		t := Table{Title: s.Label, Header: []string{"test", "lang"}, Right: []bool{false, false}}
		ps := s.Platforms(exp)
		for _, p := range ps {
			t.Header = append(t.Header, p+" ("+unitOf(metric)+")")
			t.Right = append(t.Right, true)
		}
		if !s.Measured(exp) {
			t.Notes = append(t.Notes, fmt.Sprintf("Experiment %s not measured in %s.", exp, s.Label))
		}
		for _, test := range s.Tests(exp) {
			for _, l := range s.Langs(exp) {
				row := []string{test, l}
				for _, p := range ps {
					row = append(row, medianCell(s, exp, test, l, p, metric))
				}
				t.Rows = append(t.Rows, row)
			}
		}
		t.Notes = append(t.Notes, fmt.Sprintf("Median [95 %% percentile-bootstrap interval, B = %d].", boot.B))
		out.Tables = append(out.Tables, t)
		out.Commands = append(out.Commands, reproduce(s, a))
	}
	return out, nil
}

func medianCell(s *Set, exp, test, l, p, metric string) string {
	v := s.Values(exp, test, l, p, metric)
	failed := s.Failed(exp, test, l, p)
	if len(v) == 0 {
		if failed > 0 {
			return fmt.Sprintf("all %d failed", failed)
		}
		return notMeasured
	}
	ci, err := stats.MedianCI(v, boot)
	if err != nil {
		return "error: " + err.Error()
	}
	cell := fmt.Sprintf("%s [%s, %s]", num(ci.Estimate), num(ci.Lo), num(ci.Hi))
	if failed > 0 {
		cell += fmt.Sprintf(" (%d failed)", failed)
	}
	return cell
}

// matrix is the thesis's design for one test: repetitions as blocks,
// platforms as treatments.
func matrix(s *Set, exp, test, l, metric string) *stats.Matrix {
	m := &stats.Matrix{Source: fmt.Sprintf("%s %s/%s/%s %s", s.Label, exp, test, l, metric)}
	var reps []int
	for _, p := range s.Platforms(exp) {
		k := sampleKey{exp, test, l, p, metric}
		if len(s.ok[k]) > 0 {
			m.Treatments = append(m.Treatments, p)
			for _, r := range s.reps[k] {
				if !slices.Contains(reps, r) {
					reps = append(reps, r)
				}
			}
		}
	}
	slices.Sort(reps)
	for _, r := range reps {
		m.Blocks = append(m.Blocks, strconv.Itoa(r))
		row := make([]float64, len(m.Treatments))
		for j, p := range m.Treatments {
			row[j] = math.NaN()
			k := sampleKey{exp, test, l, p, metric}
			if i := slices.Index(s.reps[k], r); i >= 0 {
				row[j] = s.ok[k][i]
			}
		}
		m.Y = append(m.Y, row)
	}
	return m
}

// longCSV writes a matrix as the block,treatment,value table that
// `edgewasm stats friedman` reads.
func longCSV(m *stats.Matrix) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"block", "treatment", "value"})
	for i, blk := range m.Blocks {
		for j, t := range m.Treatments {
			v := ""
			if !math.IsNaN(m.Y[i][j]) {
				v = strconv.FormatFloat(m.Y[i][j], 'f', -1, 64)
			}
			w.Write([]string{blk, t, v})
		}
	}
	w.Flush()
	return b.Bytes()
}

func (e *Engine) csvPath(s *Set, exp, test, l, metric string) string {
	return path.Join("csv", s.Label, fmt.Sprintf("%s-%s-%s-%s.csv", exp, test, l, metric))
}

func runFriedman(e *Engine, a Args) (*Output, error) {
	exp, metric, _, err := expArgs(a, nil)
	if err != nil {
		return nil, err
	}
	sets, err := e.sets(a, false)
	if err != nil {
		return nil, err
	}
	out := &Output{}
	for _, s := range sets {
		t := Table{Title: s.Label, Header: []string{"test", "lang", "n", "k", "χ²", "df", "p", "Kendall's W", "mean ranks"},
			Right: []bool{false, false, true, true, true, true, true, true, false}}
		for _, test := range s.Tests(exp) {
			for _, l := range s.Langs(exp) {
				m := matrix(s, exp, test, l, metric)
				if len(m.Treatments) < 2 {
					t.Rows = append(t.Rows, []string{test, l, "—", strconv.Itoa(len(m.Treatments)), notMeasured})
					continue
				}
				f, err := stats.Friedman(m)
				if err != nil {
					t.Rows = append(t.Rows, []string{test, l, strconv.Itoa(len(m.Blocks)), strconv.Itoa(len(m.Treatments)), "—", "—", "—", "—", err.Error()})
					continue
				}
				var ranks []string
				for j, tr := range f.Treatments {
					ranks = append(ranks, fmt.Sprintf("%s %.1f", tr, f.MeanRanks[j]))
				}
				t.Rows = append(t.Rows, []string{test, l, strconv.Itoa(f.N), strconv.Itoa(f.K), strconv.FormatFloat(f.Statistic, 'f', 2, 64),
					strconv.Itoa(f.DF), pval(f.P), strconv.FormatFloat(f.KendallW, 'f', 2, 64), strings.Join(ranks, ", ")})
				p := e.csvPath(s, exp, test, l, metric)
				out.Files = append(out.Files, File{Path: p, Data: longCSV(m)})
				out.Commands = append(out.Commands, "edgewasm stats friedman "+path.Join(e.Out, p))
			}
		}
		if !s.Measured(exp) {
			t.Notes = append(t.Notes, fmt.Sprintf("Experiment %s not measured in %s.", exp, s.Label))
		}
		out.Tables = append(out.Tables, t)
	}
	return out, nil
}

func runPosthoc(e *Engine, a Args) (*Output, error) {
	exp, metric, _, err := expArgs(a, nil, "method")
	if err != nil {
		return nil, err
	}
	method := a.KV["method"]
	if method == "" {
		method = stats.TestWilcoxon
	}
	if !slices.Contains(stats.PosthocTests, method) {
		return nil, fmt.Errorf("posthoc: method %q: expected one of %s", method, strings.Join(stats.PosthocTests, ", "))
	}
	sets, err := e.sets(a, false)
	if err != nil {
		return nil, err
	}
	out := &Output{}
	for _, s := range sets {
		t := Table{Title: s.Label, Header: []string{"test", "lang", "pair", "statistic", "p", "p (Holm)"},
			Right: []bool{false, false, false, true, true, true}}
		for _, test := range s.Tests(exp) {
			for _, l := range s.Langs(exp) {
				m := matrix(s, exp, test, l, metric)
				if len(m.Treatments) < 2 {
					continue
				}
				pairs, err := stats.Posthoc(m, method)
				if err != nil {
					t.Rows = append(t.Rows, []string{test, l, "—", "—", "—", err.Error()})
					continue
				}
				for _, p := range pairs {
					t.Rows = append(t.Rows, []string{test, l, p.A + " vs " + p.B, strconv.FormatFloat(p.Statistic, 'f', 2, 64), pval(p.P), pval(p.PAdjusted)})
				}
				out.Files = append(out.Files, File{Path: e.csvPath(s, exp, test, l, metric), Data: longCSV(m)})
				out.Commands = append(out.Commands, "edgewasm stats friedman --posthoc "+method+" "+path.Join(e.Out, e.csvPath(s, exp, test, l, metric)))
			}
		}
		out.Tables = append(out.Tables, t)
	}
	return out, nil
}

func runMedian(e *Engine, a Args) (*Output, error) {
	exp, metric, vals, err := expArgs(a, []string{"test", "platform"}, "lang")
	if err != nil {
		return nil, err
	}
	test, p := vals[0], vals[1]
	sets, err := e.sets(a, true)
	if err != nil {
		return nil, err
	}
	s := sets[0]
	l := a.KV["lang"]
	if l == "" {
		l = "c"
	}
	v := s.Values(exp, test, l, p, metric)
	o := &Output{Text: notMeasured, Commands: []string{reproduce(s, a)}}
	if len(v) > 0 {
		o.Text = num(stats.Median(v)) + " " + unitOf(metric)
	}
	return o, nil
}

// errNotMeasured marks a value the dataset cannot give.
var errNotMeasured = errors.New(notMeasured)

// ratio is the geometric mean over the tests (and languages) of
// median(a)/median(b), with its bootstrap interval. test and lang narrow
// it; tests where either platform lacks data are left out.
func ratio(s *Set, exp, metric, pa, pb, test, lang string) (stats.Interval, error) {
	var pairs []stats.SamplePair
	for _, t := range s.Tests(exp) {
		if test != "" && t != test {
			continue
		}
		for _, l := range s.Langs(exp) {
			if lang != "" && l != lang {
				continue
			}
			x, y := s.Values(exp, t, l, pa, metric), s.Values(exp, t, l, pb, metric)
			if len(x) > 0 && len(y) > 0 {
				pairs = append(pairs, stats.SamplePair{Name: t + "/" + l, X: x, Y: y})
			}
		}
	}
	if len(pairs) == 0 {
		return stats.Interval{}, errNotMeasured
	}
	return stats.GeoMeanRatioCI(pairs, boot)
}

func runRatio(e *Engine, a Args) (*Output, error) {
	exp, metric, vals, err := expArgs(a, []string{"a", "b"}, "test", "lang", "ci")
	if err != nil {
		return nil, err
	}
	pa, pb := vals[0], vals[1]
	sets, err := e.sets(a, true)
	if err != nil {
		return nil, err
	}
	s := sets[0]
	o := &Output{Commands: []string{reproduce(s, a)}}
	iv, err := ratio(s, exp, metric, pa, pb, a.KV["test"], a.KV["lang"])
	switch {
	case errors.Is(err, errNotMeasured):
		o.Text = notMeasured
	case err != nil:
		return nil, err
	default:
		o.Text = ratioText(iv.Estimate)
		if a.KV["ci"] == "yes" {
			o.Text += fmt.Sprintf(" (95 %% CI %s–%s)", ratioText(iv.Lo), ratioText(iv.Hi))
		}
	}
	return o, nil
}

func ratioText(v float64) string {
	if v >= 10 {
		return strconv.FormatFloat(v, 'f', 1, 64) + "×"
	}
	return strconv.FormatFloat(v, 'f', 2, 64) + "×"
}
