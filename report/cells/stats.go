package cells

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/report/claims"
	"github.com/edgewasm/edgewasm/report/doc"
	"github.com/edgewasm/edgewasm/report/format"
	"github.com/edgewasm/edgewasm/report/model"
)

// statsCommands are the commands backed by the model's statistics.
func statsCommands() map[string]Command {
	expNeeds := func(a Args) []string { return []string{NeedEnv, NeedExp(a.KV["exp"])} }
	return map[string]Command{
		"medians":  {Usage: "medians exp=E metric=M  (median and 95 % bootstrap CI per test, lang and platform)", Needs: expNeeds, Run: runMedians},
		"friedman": {Usage: "friedman exp=E metric=M  (Friedman test per test and lang, repetitions as blocks; writes csv/)", Needs: expNeeds, Run: runFriedman},
		"posthoc":  {Usage: "posthoc exp=E metric=M [method=wilcoxon|nemenyi|conover] [significant=yes]  (pairwise, Holm-adjusted; the complete table goes to csv/posthoc/)", Needs: expNeeds, Run: runPosthoc},
		"median":   {Usage: "median exp=E test=T platform=P metric=M [lang=c]", Inline: true, Needs: expNeeds, Run: runMedian},
		"ratio":    {Usage: "ratio exp=E metric=M a=P[:METRIC] b=Q[:METRIC] [test=T] [lang=L] [ci=yes] [range=yes]  (geometric mean over tests of median(a)/median(b))", Inline: true, Needs: expNeeds, Run: runRatio},
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

// expSets is expArgs for a block command, with the datasets it addresses.
func (e *Engine) expSets(a Args, optional ...string) (exp, metric string, sets []*model.Set, err error) {
	if exp, metric, _, err = expArgs(a, nil, optional...); err != nil {
		return "", "", nil, err
	}
	sets, err = e.sets(a, false)
	return exp, metric, sets, err
}

// measuredOnly keeps the datasets that measured exp. When none did, out
// says so in one line; otherwise the datasets that did not are named in
// a note (for the last table of the output).
func measuredOnly(sets []*model.Set, exp string) (with []*model.Set, out *doc.Output, note string) {
	var without []string
	for _, s := range sets {
		if s.Measured(exp) {
			with = append(with, s)
		} else {
			without = append(without, s.Label)
		}
	}
	switch {
	case len(with) == 0 && len(without) == 1:
		return nil, &doc.Output{Text: fmt.Sprintf("*%s did not measure the %s experiment.*", without[0], exp)}, ""
	case len(with) == 0:
		return nil, &doc.Output{Text: fmt.Sprintf("*No dataset measured the %s experiment.*", exp)}, ""
	case len(without) > 0:
		note = fmt.Sprintf("Not measured in %s (no %s experiment).", format.List(without), exp)
	}
	return with, &doc.Output{}, note
}

// comparable keeps the datasets that ran exp on two platforms or more,
// which a test can compare, and names the others.
func comparable(sets []*model.Set, exp string) (with []*model.Set, note string) {
	var one []string
	for _, s := range sets {
		if len(s.Platforms(exp)) >= 2 {
			with = append(with, s)
		} else {
			one = append(one, fmt.Sprintf("%s ran %s on %s alone", s.Label, exp, format.List(s.Platforms(exp))))
		}
	}
	if len(one) > 0 {
		note = "Nothing to compare: " + format.List(one) + "."
	}
	return with, note
}

// addNote appends a note to the last table of out.
func addNote(out *doc.Output, note string) {
	if note != "" && len(out.Tables) > 0 {
		t := &out.Tables[len(out.Tables)-1]
		t.Notes = append(t.Notes, note)
	}
}

func runMedians(e *Engine, a Args) (*doc.Output, error) {
	exp, metric, sets, err := e.expSets(a)
	if err != nil {
		return nil, err
	}
	sets, out, missing := measuredOnly(sets, exp)
	defer addNote(out, missing)
	for _, s := range sets {
		t := doc.Table{Title: s.Label, Header: []string{"test", "lang"}, Right: []bool{false, false}}
		var ps []string
		for _, p := range s.Platforms(exp) {
			if s.HasMetric(exp, p, metric) || anyFailed(s, exp, p) {
				ps = append(ps, p)
			}
		}
		for _, p := range ps {
			t.Header = append(t.Header, p)
			t.Right = append(t.Right, true)
		}
		failed := false
		for _, test := range s.Tests(exp) {
			for _, l := range s.Langs(exp) {
				row := []string{test, l}
				for i, p := range ps {
					k := model.Key{Exp: exp, Test: test, Lang: l, Platform: p, Metric: metric}
					c, f, err := medianCell(s, k)
					if err != nil {
						return nil, err
					}
					failed = failed || f
					row = append(row, c)
					t.SetProv(len(t.Rows), 2+i, prov(cellCommand(s, k), samples(s, exp, []string{test}, []string{l}, []string{p}, []string{metric})))
				}
				t.Rows = append(t.Rows, row)
			}
		}
		note := fmt.Sprintf("%s in %s: median [95 %% percentile-bootstrap interval, B = %d].", metric, format.Unit(metric), e.Model.Opts.Bootstrap.B)
		if failed {
			note += " n_ok/n marks cells where invocations failed."
		}
		t.Notes = append(t.Notes, note)
		out.Tables = append(out.Tables, t)
		out.Commands = append(out.Commands, Reproduce(s, a))
	}
	return out, nil
}

func anyFailed(s *model.Set, exp, p string) bool {
	for _, t := range s.Tests(exp) {
		for _, l := range s.Langs(exp) {
			if s.Failed(exp, t, l, p) > 0 {
				return true
			}
		}
	}
	return false
}

func medianCell(s *model.Set, k model.Key) (string, bool, error) {
	sum, err := s.Summary(k)
	if err != nil {
		return "", false, err
	}
	c := sum.Cell
	switch sum.Status {
	case model.StatusAllFailed:
		return "all " + strconv.Itoa(c.N) + " failed", true, nil
	case model.StatusNotMeasured:
		return "—", false, nil
	}
	m := sum.Median
	cell := fmt.Sprintf("%s [%s, %s]", format.Num(m.Estimate), format.Num(m.Lo), format.Num(m.Hi))
	if !c.Complete() {
		return cell + " (" + c.Count() + ")", true, nil
	}
	return cell, false, nil
}

// longCSV writes a matrix as the block,treatment,value table that
// `edgewasm stats friedman` reads.
func longCSV(m *model.Matrix) []byte {
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

// csvPath is where the long table behind one test goes, relative to the
// paper.
func csvPath(s *model.Set, exp, test, l, metric string) string {
	return path.Join("csv", s.Label, fmt.Sprintf("%s-%s-%s-%s.csv", exp, test, l, metric))
}

// runFriedman tests each test and language the way the thesis did, over
// three platforms (native, Docker and one Wasm platform: a column per
// Wasm platform), then, as an extra the thesis did not run, over every
// platform of the dataset at once.
func runFriedman(e *Engine, a Args) (*doc.Output, error) {
	exp, metric, sets, err := e.expSets(a)
	if err != nil {
		return nil, err
	}
	sets, out, missing := measuredOnly(sets, exp)
	defer addNote(out, missing)
	sets, single := comparable(sets, exp)
	if len(sets) == 0 {
		out.Text = "*" + single + "*"
		return out, nil
	}
	defer addNote(out, single)
	for _, s := range sets {
		wasm := s.PlatformsOfKind(exp, dataset.KindWasm)
		var families [][]string
		t := doc.Table{Title: s.Label, Header: []string{"test", "lang"}, Right: []bool{false, false}}
		for _, w := range wasm {
			f := claims.ThesisFamily(s, exp, w)
			families = append(families, f)
			t.Header = append(t.Header, strings.Join(f, ", "))
			t.Right = append(t.Right, true)
		}
		all := s.Platforms(exp)
		if len(families) != 1 || len(families[0]) != len(all) {
			families = append(families, nil)
			t.Header = append(t.Header, fmt.Sprintf("all %d platforms", len(all)))
			t.Right = append(t.Right, true)
		}
		var dropped []string
		short := false
		for _, test := range s.Tests(exp) {
			for _, l := range s.Langs(exp) {
				row := []string{test, l}
				for _, fam := range families {
					m, f, err := s.Friedman(exp, test, l, metric, fam)
					name := "all"
					if fam != nil {
						name = fam[len(fam)-1]
					}
					read := samples(s, exp, []string{test}, []string{l}, m.Treatments, []string{metric})
					if err != nil {
						t.SetProv(len(t.Rows), len(row), prov(Reproduce(s, a), read))
						row = append(row, "—")
						dropped = append(dropped, fmt.Sprintf("%s/%s (%s): %s", test, l, name, strings.TrimPrefix(err.Error(), m.Source+": ")))
						continue
					}
					cell := fmt.Sprintf("χ² %s, p %s", strconv.FormatFloat(f.Statistic, 'f', 1, 64), pText(f.P))
					if f.N < s.Env.Profile.Repetitions {
						cell += fmt.Sprintf(" (n %d)", f.N)
						short = true
					}
					p := csvPath(s, exp, test, l, metric)
					if fam != nil {
						p = strings.TrimSuffix(p, ".csv") + "-thesis-" + name + ".csv"
					}
					t.SetProv(len(t.Rows), len(row), prov("edgewasm stats friedman "+p, read))
					row = append(row, cell)
					out.Files = append(out.Files, doc.File{Path: p, Data: longCSV(m)})
					out.Commands = append(out.Commands, "edgewasm stats friedman "+p)
				}
				t.Rows = append(t.Rows, row)
			}
		}
		note := fmt.Sprintf("%s; blocks are the %d repetitions, treatments the platforms named (df = k − 1). A column naming one Wasm platform is the thesis's design: native, the container platforms measured and that Wasm platform", metric, s.Env.Profile.Repetitions)
		if families[len(families)-1] == nil {
			note += fmt.Sprintf("; the last tests all %d platforms of the dataset at once (%s), a design the thesis did not use", len(all), strings.Join(all, ", "))
		}
		t.Notes = append(t.Notes, note+".")
		if short {
			t.Notes = append(t.Notes, "(n N): only N complete repetitions, where some invocations failed.")
		}
		for _, d := range dropped {
			t.Notes = append(t.Notes, "Not computed: "+d)
		}
		out.Tables = append(out.Tables, t)
	}
	return out, nil
}

// pText is a p-value after "p": "< 0.001" or "= 0.012".
func pText(p float64) string {
	t := format.P(p)
	if strings.HasPrefix(t, "<") {
		return t
	}
	return "= " + t
}

// posthocPath is where the complete post-hoc table of an experiment goes,
// relative to the paper.
func posthocPath(s *model.Set, exp, metric, method string) string {
	return path.Join("csv", "posthoc", fmt.Sprintf("%s-%s-%s-%s.csv", s.Label, exp, metric, method))
}

// runPosthoc shows the pairwise comparisons of every test as one row per
// test and language and one column per pair, the cell holding the
// Holm-adjusted p. With significant=yes only significant cells are filled
// and only pairs significant somewhere get a column. Every comparison,
// significant or not, with its statistic and unadjusted p, goes to a CSV
// beside the paper that the table's note links.
func runPosthoc(e *Engine, a Args) (*doc.Output, error) {
	exp, metric, sets, err := e.expSets(a, "method", "significant")
	if err != nil {
		return nil, err
	}
	method := format.Or(a.KV["method"], model.PosthocWilcoxon)
	if !slices.Contains(model.PosthocTests, method) {
		return nil, fmt.Errorf("posthoc: method %q: expected one of %s", method, strings.Join(model.PosthocTests, ", "))
	}
	onlySig := a.KV["significant"] == "yes"
	alpha := e.Model.Opts.Alpha
	sets, out, missing := measuredOnly(sets, exp)
	defer addNote(out, missing)
	sets, single := comparable(sets, exp)
	if len(sets) == 0 {
		out.Text = "*" + single + "*"
		return out, nil
	}
	defer addNote(out, single)
	for _, s := range sets {
		type row struct {
			test, lang string
			p          map[string]float64
		}
		var rows []row
		var pairs, order []string // shown pairs; every pair in platform order
		var full bytes.Buffer
		w := csv.NewWriter(&full)
		w.Write([]string{"dataset", "experiment", "metric", "test", "lang", "a", "b", "test_method", "statistic", "p", "p_holm", "n_blocks", "method_detail"})
		var failures []string
		blocks, npairs := map[int]bool{}, 0
		for _, test := range s.Tests(exp) {
			for _, l := range s.Langs(exp) {
				ph, err := s.Posthoc(exp, test, l, metric, nil, method)
				if err != nil {
					failures = append(failures, fmt.Sprintf("%s/%s: %v", test, l, err))
					continue
				}
				m := s.Matrix(exp, test, l, metric, nil)
				c, _ := m.Complete()
				blocks[len(c.Blocks)] = true
				npairs = max(npairs, len(ph))
				r := row{test: test, lang: l, p: map[string]float64{}}
				for _, p := range ph {
					name := p.A + " vs " + p.B
					r.p[name] = p.PAdjusted
					if !slices.Contains(order, name) {
						order = append(order, name)
					}
					if (!onlySig || p.PAdjusted < alpha) && !slices.Contains(pairs, name) {
						pairs = append(pairs, name)
					}
					w.Write([]string{s.Label, exp, metric, test, l, p.A, p.B, p.Test, strconv.FormatFloat(p.Statistic, 'g', 6, 64),
						strconv.FormatFloat(p.P, 'g', 6, 64), strconv.FormatFloat(p.PAdjusted, 'g', 6, 64), strconv.Itoa(len(c.Blocks)), p.Method})
				}
				rows = append(rows, r)
			}
		}
		w.Flush()
		slices.SortFunc(pairs, func(a, b string) int { return slices.Index(order, a) - slices.Index(order, b) })
		file := posthocPath(s, exp, metric, method)
		t := doc.Table{Title: s.Label, Header: []string{"test", "lang"}, Right: []bool{false, false}}
		for _, p := range pairs {
			t.Header = append(t.Header, p)
			t.Right = append(t.Right, true)
		}
		for _, r := range rows {
			cells := []string{r.test, r.lang}
			for i, p := range pairs {
				a1, b1, _ := strings.Cut(p, " vs ")
				t.SetProv(len(t.Rows), 2+i, prov(Reproduce(s, a)+"  # "+file, samples(s, exp, []string{r.test}, []string{r.lang}, []string{a1, b1}, []string{metric})))
				v, ok := r.p[p]
				switch {
				case !ok:
					cells = append(cells, "—")
				case onlySig && v >= alpha:
					cells = append(cells, "n.s.")
				default:
					cells = append(cells, format.P(v))
				}
			}
			t.Rows = append(t.Rows, cells)
		}
		note := fmt.Sprintf("%s; Holm-adjusted p of the %s test for each pair, within each test and language.", metric, method)
		if onlySig {
			note += fmt.Sprintf(" Only pairs significant (p < %g) in some test are shown; n.s.: not significant there.", alpha)
		}
		if len(blocks) == 1 && method == model.PosthocWilcoxon {
			for n := range blocks {
				floor := 2 / math.Pow(2, float64(n))
				pl := "pairs"
				if npairs == 1 {
					pl = "pair"
				}
				note += fmt.Sprintf(" With %d repetitions the exact test's smallest p is %s, %s after Holm's adjustment over %d %s.", n, format.P(floor), format.P(math.Min(1, floor*float64(npairs))), npairs, pl)
			}
		}
		note += fmt.Sprintf(" Every comparison, with its statistic and unadjusted p: [%s](%s).", file, file)
		t.Notes = append(t.Notes, note)
		for _, f := range failures {
			t.Notes = append(t.Notes, "Not computed: "+f)
		}
		if len(pairs) == 0 && len(rows) > 0 {
			t.Notes = append(t.Notes, "No comparison is significant.")
			t.Rows, t.Prov = nil, nil // a table of test names alone says nothing: its notes say it
		}
		out.Tables = append(out.Tables, t)
		out.Files = append(out.Files, doc.File{Path: file, Data: full.Bytes()})
		out.Commands = append(out.Commands, Reproduce(s, a))
	}
	return out, nil
}

func runMedian(e *Engine, a Args) (*doc.Output, error) {
	exp, metric, vals, err := expArgs(a, []string{"test", "platform"}, "lang")
	if err != nil {
		return nil, err
	}
	s, err := e.one(a)
	if err != nil {
		return nil, err
	}
	sum, err := s.Summary(model.Key{Exp: exp, Test: vals[0], Lang: format.Or(a.KV["lang"], dataset.LangC), Platform: vals[1], Metric: metric})
	if err != nil {
		return nil, err
	}
	k := model.Key{Exp: exp, Test: vals[0], Lang: format.Or(a.KV["lang"], dataset.LangC), Platform: vals[1], Metric: metric}
	o := &doc.Output{Text: format.NotMeasured, Commands: []string{Reproduce(s, a)},
		Prov: prov(Reproduce(s, a), samples(s, exp, []string{k.Test}, []string{k.Lang}, []string{k.Platform}, []string{metric}))}
	if sum.Status == model.StatusOK {
		o.Text = format.WithUnit(sum.Median.Estimate, metric)
	}
	return o, nil
}

// geoRead is what a geometric mean of ratios read: its tests and
// languages, on both sides.
func geoRead(s *model.Set, g model.GeoMean) doc.Read {
	var tests, langs []string
	for _, t := range g.Tests {
		tests, langs = append(tests, t.Test), append(langs, t.Lang)
	}
	return samples(s, g.Exp, compact(tests), compact(langs), []string{g.A.Platform, g.B.Platform}, []string{g.A.Metric, g.B.Metric})
}

// side parses "platform[:metric]".
func side(v, metric string) model.Side {
	p, m, ok := strings.Cut(v, ":")
	if !ok || m == "" {
		m = metric
	}
	return model.Side{Platform: p, Metric: m}
}

// query is the model query of a ratio: A over B in exp, narrowed to one
// test and language when given.
func query(exp, metric, a, b, test, lang string) model.Query {
	q := model.Query{Exp: exp, A: side(a, metric), B: side(b, metric)}
	if test != "" {
		q.Tests = []string{test}
	}
	if lang != "" {
		q.Langs = []string{lang}
	}
	return q
}

func runRatio(e *Engine, a Args) (*doc.Output, error) {
	exp, metric, vals, err := expArgs(a, []string{"a", "b"}, "test", "lang", "ci", "range")
	if err != nil {
		return nil, err
	}
	s, err := e.one(a)
	if err != nil {
		return nil, err
	}
	o := &doc.Output{Commands: []string{Reproduce(s, a)}}
	g, err := s.GeoMean(query(exp, metric, vals[0], vals[1], a.KV["test"], a.KV["lang"]))
	switch {
	case errors.Is(err, model.ErrNotMeasured):
		o.Text = format.NotMeasured
		return o, nil
	case err != nil:
		return nil, err
	}
	o.Text = format.Ratio(g.Interval.Estimate)
	o.Prov = prov(Reproduce(s, a), geoRead(s, g))
	var extra []string
	if a.KV["ci"] == "yes" {
		extra = append(extra, fmt.Sprintf("95 %% CI %s–%s", format.Ratio(g.Interval.Lo), format.Ratio(g.Interval.Hi)))
	}
	if a.KV["range"] == "yes" && len(g.Tests) > 1 {
		lo, hi := g.Range()
		extra = append(extra, fmt.Sprintf("tests %s–%s", strings.TrimSuffix(format.Ratio(lo), "×"), format.Ratio(hi)))
	}
	if len(extra) > 0 {
		o.Text += " (" + strings.Join(extra, "; ") + ")"
	}
	return o, nil
}
