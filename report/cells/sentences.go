package cells

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/report/claims"
	"github.com/edgewasm/edgewasm/report/doc"
	"github.com/edgewasm/edgewasm/report/format"
	"github.com/edgewasm/edgewasm/report/model"
)

// The commands in this file write whole phrases whose content depends on
// the data: which datasets exist, whether one ran an interpreter, whether
// one is underpowered. The paper uses them where a fixed sentence could
// become false on other data.

func sentenceCommands() map[string]Command {
	every := func(Args) []string { return []string{NeedEvery} }
	return map[string]Command{
		"power":          {Usage: "power  (how many repetitions a pairwise test needs, and which datasets have fewer)", Inline: true, Needs: func(Args) []string { return []string{NeedEveryEnv} }, Run: runPower},
		"interpreters":   {Usage: "interpreters [exp=cpu] [metric=kernel_ms]  (each Wasm interpreter's range of ratios to native, in every dataset)", Inline: true, Needs: every, Run: runInterpreters},
		"across":         {Usage: "across exp=E metric=M a=P b=Q [test=T] [lang=L]  (the ratio in every dataset, with its repetitions and size)", Inline: true, Needs: every, Run: runAcross},
		"spread":         {Usage: "spread exp=E metric=M [platform=native]  (how wide the medians' 95 % intervals are, relative to the median: median and largest over the tests)", Inline: true, Needs: func(a Args) []string { return []string{NeedEnv, NeedExp(a.KV["exp"])} }, Run: runSpread},
		"friedmans":      {Usage: "friedmans exp=E metric=M  (how many of the Friedman tests of the thesis's design, per test, language and Wasm platform, are significant; the table: friedman)", Inline: true, Needs: func(a Args) []string { return []string{NeedEnv, NeedExp(a.KV["exp"])} }, Run: runFriedmans},
		"friedman-tests": {Usage: "friedman-tests exp=E metric=M lang=L  (Friedman test with the tests as blocks, median per test)", Inline: true, Needs: func(a Args) []string { return []string{NeedEnv, NeedExp(a.KV["exp"])} }, Run: runFriedmanTests},
	}
}

func runPower(e *Engine, a Args) (*doc.Output, error) {
	if err := check(a); err != nil {
		return nil, err
	}
	var under []string
	need := 0
	for _, s := range e.Model.Sets {
		p := s.Power(claims.ThesisPlatforms)
		need = p.Need
		if p.Underpowered() {
			under = append(under, fmt.Sprintf("%s (%d repetitions)", s.Label, p.Reps))
		}
	}
	text := fmt.Sprintf("with α = %g, the exact Wilcoxon signed-rank test among %d platforms, Holm-adjusted, can reach significance only with at least %d repetitions", e.Model.Opts.Alpha, claims.ThesisPlatforms, need)
	switch len(under) {
	case 0:
		text += ", and every dataset has that many"
	case 1:
		text += "; " + under[0] + " has fewer and is underpowered: its numbers are shown, but it receives no verdict"
	default:
		text += "; " + format.List(under) + " have fewer and are underpowered: their numbers are shown, but they receive no verdicts"
	}
	var reads []doc.Read
	for _, s := range e.Model.Sets {
		reads = append(reads, envRead(s, "profile.repetitions"))
	}
	return &doc.Output{Text: text, Prov: prov(ReproduceAll(e.Model.Sets, a), reads...)}, nil
}

func runInterpreters(e *Engine, a Args) (*doc.Output, error) {
	if err := check(a, "exp", "metric"); err != nil {
		return nil, err
	}
	exp, metric := format.Or(a.KV["exp"], experiments.CPU), format.Or(a.KV["metric"], dataset.KernelMS)
	var parts []string
	var reads []doc.Read
	for _, s := range e.Model.Sets {
		for _, p := range s.PlatformsOfKind(exp, dataset.KindWasm) {
			if !s.Interpreted(p) {
				continue
			}
			reads = append(reads, envRead(s, "runners."+p+".engine"))
			g, err := s.GeoMean(model.Query{Exp: exp, A: model.Side{Platform: p, Metric: metric}, B: model.Side{Platform: model.Baseline, Metric: metric}})
			if errors.Is(err, model.ErrNotMeasured) {
				continue
			}
			if err != nil {
				return nil, err
			}
			lo, hi := g.Range()
			reads = append(reads, geoRead(s, g))
			parts = append(parts, fmt.Sprintf("in %s, %s (an interpreter, as its runner recorded) took %s–%s the native time over %d tests and languages (geometric mean %s)",
				s.Label, p, strings.TrimSuffix(format.Ratio(lo), "×"), format.Ratio(hi), len(g.Tests), format.Ratio(g.Interval.Estimate)))
		}
	}
	pv := prov(ReproduceAll(e.Model.Sets, a), reads...)
	if len(parts) == 0 {
		for _, s := range e.Model.Sets {
			pv.Reads = append(pv.Reads, envRead(s, "runners"))
		}
		return &doc.Output{Text: "no dataset ran a Wasm interpreter", Prov: pv}, nil
	}
	return &doc.Output{Text: strings.Join(parts, "; "), Prov: pv}, nil
}

func runAcross(e *Engine, a Args) (*doc.Output, error) {
	exp, metric, vals, err := expArgs(a, []string{"a", "b"}, "test", "lang")
	if err != nil {
		return nil, err
	}
	ws, err := e.workloads()
	if err != nil {
		return nil, err
	}
	var parts []string
	var reads []doc.Read
	for _, s := range e.Model.Sets {
		detail := []string{strconv.Itoa(s.Env.Profile.Repetitions) + " repetitions"}
		reads = append(reads, envRead(s, "profile.repetitions", "profile.sizes"))
		if t := a.KV["test"]; t != "" {
			for _, w := range ws {
				if w.exp == exp && w.test == t && strings.HasPrefix(w.unit, "bytes") {
					detail = append(detail, sizeText(s.Env.Profile.Sizes, exp, t, w.unit))
				}
			}
		}
		g, err := s.GeoMean(query(exp, metric, vals[0], vals[1], a.KV["test"], a.KV["lang"]))
		v := format.NotMeasured
		switch {
		case err == nil:
			v = format.Interval(g.Interval)
			reads = append(reads, geoRead(s, g))
		case !errors.Is(err, model.ErrNotMeasured):
			return nil, err
		}
		parts = append(parts, fmt.Sprintf("%s in %s (%s)", v, s.Label, strings.Join(detail, ", ")))
	}
	return &doc.Output{Text: strings.Join(parts, "; "), Prov: prov(ReproduceAll(e.Model.Sets, a), reads...)}, nil
}

func runFriedmanTests(e *Engine, a Args) (*doc.Output, error) {
	exp, metric, vals, err := expArgs(a, []string{"lang"})
	if err != nil {
		return nil, err
	}
	s, err := e.one(a)
	if err != nil {
		return nil, err
	}
	f, err := s.FriedmanTests(exp, vals[0], metric, nil)
	switch {
	case errors.Is(err, model.ErrNotMeasured):
		return &doc.Output{Text: format.NotMeasured}, nil
	case err != nil:
		return &doc.Output{Text: "not computable (" + err.Error() + ")"}, nil
	}
	return &doc.Output{Text: fmt.Sprintf("χ² = %.1f with %d degrees of freedom, p %s, over %d tests and %d platforms", f.Statistic, f.DF, pEq(f.P), f.N, f.K),
		Commands: []string{Reproduce(s, a)}, Prov: prov(Reproduce(s, a), samples(s, exp, nil, []string{vals[0]}, nil, []string{metric}))}, nil
}

// pEq is "= 0.012" or "< 0.001".
func pEq(p float64) string {
	v := format.P(p)
	if strings.HasPrefix(v, "<") {
		return v
	}
	return "= " + v
}

// runSpread measures the noise of the machine as the data show it: the
// width of each median's 95 % interval relative to the median, over the
// tests and languages of one platform.
func runSpread(e *Engine, a Args) (*doc.Output, error) {
	exp, metric, _, err := expArgs(a, nil, "platform")
	if err != nil {
		return nil, err
	}
	s, err := e.one(a)
	if err != nil {
		return nil, err
	}
	p := format.Or(a.KV["platform"], model.Baseline)
	sp, err := s.Spread(exp, p, metric)
	switch {
	case errors.Is(err, model.ErrNotMeasured):
		return &doc.Output{Text: format.NotMeasured}, nil
	case err != nil:
		return nil, err
	}
	pct := func(v float64) string { return strconv.FormatFloat(100*v, 'f', 1, 64) + " %" }
	return &doc.Output{Text: fmt.Sprintf("the 95 %% intervals of %s's medians span %s of the median in the typical %s test and up to %s", p, pct(sp.Typical), exp, pct(sp.Largest)),
		Commands: []string{Reproduce(s, a)}, Prov: prov(Reproduce(s, a), samples(s, exp, nil, nil, []string{p}, []string{metric}))}, nil
}

// runFriedmans counts the significant Friedman tests of the thesis's
// design (native, the containers and one Wasm platform, repetitions as
// blocks) over every test, language and Wasm platform of a dataset.
func runFriedmans(e *Engine, a Args) (*doc.Output, error) {
	vals, err := need(a, []string{"exp", "metric"})
	if err != nil {
		return nil, err
	}
	exp, metric := vals[0], vals[1]
	s, err := e.one(a)
	if err != nil {
		return nil, err
	}
	wasm := s.PlatformsOfKind(exp, dataset.KindWasm)
	families := [][]string{nil}
	if len(wasm) > 0 {
		families = nil
		for _, w := range wasm {
			families = append(families, claims.ThesisFamily(s, exp, w))
		}
	}
	n, sig := 0, 0
	var ps []string
	for _, fam := range families {
		for _, t := range s.Tests(exp) {
			for _, l := range s.Langs(exp) {
				_, f, err := s.Friedman(exp, t, l, metric, fam)
				if err != nil {
					continue
				}
				n++
				if f.P < e.Model.Opts.Alpha {
					sig++
				}
			}
		}
		ps = append(ps, fam...)
	}
	design := fmt.Sprintf("%d %s × %d %s", len(s.Tests(exp)), format.Plural(len(s.Tests(exp)), "test", "tests"), len(s.Langs(exp)), format.Plural(len(s.Langs(exp)), "language", "languages"))
	if len(wasm) > 0 {
		design += fmt.Sprintf(" × %d Wasm %s, each beside native and the containers as in the thesis", len(wasm), format.Plural(len(wasm), "platform", "platforms"))
	}
	text := fmt.Sprintf("p < %g in %d of %d Friedman tests (%s)", e.Model.Opts.Alpha, sig, n, design)
	if n == 0 {
		text = "no Friedman test could be computed"
	}
	return &doc.Output{Text: text, Commands: []string{Reproduce(s, a)}, Prov: prov(Reproduce(s, a), samples(s, exp, nil, nil, ps, []string{metric}))}, nil
}
