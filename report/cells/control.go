package cells

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/report/doc"
	"github.com/edgewasm/edgewasm/report/format"
	"github.com/edgewasm/edgewasm/report/model"
)

// The launcher control: do the launchers measure the runtime or
// themselves? Each launcher-based Wasm platform ran interleaved with its
// control platform (dataset.ControlOf: the same runtime with its defaults,
// none of edgewasm's sandbox settings) in the launcher-control datasets
// (Inputs.Control); the ratio launcher/control of the medians says what
// the settings cost.

// ControlThreshold is the cost a sandbox setting may have before the paper
// states it: the launcher is said to cost something when the lower end of
// the ratio's 95 % interval exceeds 1 + ControlThreshold.
const ControlThreshold = 0.03

// controlCommands are the launcher-control cells.
func controlCommands() map[string]Command {
	needs := func(Args) []string { return []string{NeedControl} }
	return map[string]Command{
		"launchers": {Usage: "launchers  (per launcher-control dataset, runtime, experiment and language: the geometric mean over the tests of median(launcher)/median(control) of " + dataset.KernelMS + ", with its 95 % bootstrap interval, and whether the sandbox settings cost more than 3 %)",
			Needs: needs, Run: runLaunchers},
		"launcher-cost": {Usage: "launcher-cost  (one sentence: which launchers cost more than 3 % against their runtime's defaults, or that none was detected)",
			Inline: true, Needs: needs, Run: runLauncherCost},
	}
}

// controlPair is one comparison of the launcher control.
type controlPair struct {
	set               *model.Set
	exp, lang, metric string
	platform, control string
	geo               model.GeoMean
	err               error // model.ErrNotMeasured when a side has no values
}

// costs reports whether the pair's interval lies above the threshold.
func (p controlPair) costs() bool {
	return p.err == nil && p.geo.Interval.Lo > 1+ControlThreshold
}

// controlMetric is what the comparison reads: the guest's own timing of
// its kernel where both platforms record it (the CPU kernels and the file
// I/O do), the wall time of the invocation otherwise.
func controlMetric(s *model.Set, exp, p, c string) string {
	if s.HasMetric(exp, p, dataset.KernelMS) && s.HasMetric(exp, c, dataset.KernelMS) {
		return dataset.KernelMS
	}
	return dataset.WallMS
}

// controlPairs lists every launcher beside its control in the
// launcher-control datasets: per dataset, experiment (report order),
// platform and language.
func (e *Engine) controlPairs() []controlPair {
	if e.Control == nil {
		return nil
	}
	var out []controlPair
	for _, s := range e.Control.Sets {
		for _, exp := range model.OrderExperiments(s.Experiments()) {
			ps := s.Platforms(exp)
			for _, p := range model.OrderPlatforms(ps) {
				c, ok := dataset.ControlFor(p)
				if !ok || !slices.Contains(ps, c) {
					continue
				}
				metric := controlMetric(s, exp, p, c)
				for _, l := range model.OrderLangs(s.Langs(exp)) {
					g, err := s.GeoMean(model.Query{Exp: exp, A: model.Side{Platform: p, Metric: metric},
						B: model.Side{Platform: c, Metric: metric}, Langs: []string{l}})
					out = append(out, controlPair{set: s, exp: exp, lang: l, metric: metric, platform: p, control: c, geo: g, err: err})
				}
			}
		}
	}
	return out
}

// ratio3 prints a ratio with three decimals: the threshold is 1.03.
func ratio3(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }

// percent prints a ratio's distance from 1 in per cent, one decimal.
func percent(v float64) string { return strconv.FormatFloat((v-1)*100, 'f', 1, 64) }

// verdict is the pair's sentence: what the settings cost, or that no cost
// above the threshold was detected.
func (p controlPair) verdict() string {
	switch {
	case p.err != nil:
		return "not measured: " + p.err.Error()
	case p.costs():
		iv := p.geo.Interval
		return fmt.Sprintf("costs %s %% (95 %% CI %s to %s %%)", percent(iv.Estimate), percent(iv.Lo), percent(iv.Hi))
	}
	return fmt.Sprintf("no cost detected above %s %%", strconv.FormatFloat(ControlThreshold*100, 'f', -1, 64))
}

// reps is the smallest number of values on either side of any test.
func (p controlPair) reps() int {
	n := -1
	for _, t := range p.geo.Tests {
		if n < 0 || min(t.NA, t.NB) < n {
			n = min(t.NA, t.NB)
		}
	}
	return max(n, 0)
}

// controlCommand is the command line that recomputes a launcher cell:
// the control datasets' folder, any dataset of the paper's.
func (e *Engine) controlCommand(a Args) string {
	var dirs []string
	for _, s := range e.Control.Sets {
		if d := filepath.Dir(s.Dir); !slices.Contains(dirs, d) {
			dirs = append(dirs, d)
		}
	}
	data := ""
	if len(e.Model.Sets) > 0 {
		data = " --data " + e.Model.Sets[0].Dir
	}
	return fmt.Sprintf("edgewasm report%s --control %s --cell '%s'", data, strings.Join(dirs, ","), a)
}

func runLaunchers(e *Engine, a Args) (*doc.Output, error) {
	if err := check(a); err != nil {
		return nil, err
	}
	pairs := e.controlPairs()
	if len(pairs) == 0 {
		return &doc.Output{Placeholder: "No launcher-control dataset (make control writes data/control/HOST): each launcher-based Wasm platform beside its runtime's defaults."}, nil
	}
	t := doc.Table{Header: []string{"dataset", "launcher", "control", "experiment", "lang", "metric", "tests", "reps", "launcher / control [95 % CI]", "verdict"},
		Right: []bool{false, false, false, false, false, false, true, true, true, false}}
	cmd := e.controlCommand(a)
	for _, p := range pairs {
		ratio := format.NotMeasured
		if p.err == nil {
			iv := p.geo.Interval
			ratio = fmt.Sprintf("%s [%s, %s]", ratio3(iv.Estimate), ratio3(iv.Lo), ratio3(iv.Hi))
			t.SetProv(len(t.Rows), 8, &doc.Provenance{Command: cmd})
		} else if !errors.Is(p.err, model.ErrNotMeasured) {
			return nil, p.err
		}
		t.Rows = append(t.Rows, []string{p.set.Label, p.platform, p.control, p.exp, format.Lang(p.lang), p.metric,
			fmt.Sprintf("%d/%d", len(p.geo.Tests), p.geo.Of), strconv.Itoa(p.reps()), ratio, p.verdict()})
	}
	t.Notes = append(t.Notes, fmt.Sprintf("Each row: the geometric mean over the tests of median(launcher)/median(control), the two platforms "+
		"run interleaved in the same dataset; the interval is a percentile bootstrap that resamples every test's repetitions on each side "+
		"(the tests are fixed). The metric is the guest's own timing (%s) where both record it. A setting is said to cost when the "+
		"interval's lower end exceeds %s. tests: tests with values on both sides / tests run; reps: the fewest repetitions of a side.",
		dataset.KernelMS, ratio3(1+ControlThreshold)))
	return &doc.Output{Tables: []doc.Table{t}, Commands: []string{cmd}}, nil
}

func runLauncherCost(e *Engine, a Args) (*doc.Output, error) {
	if err := check(a); err != nil {
		return nil, err
	}
	pairs := e.controlPairs()
	if len(pairs) == 0 {
		return &doc.Output{Text: "no launcher-control dataset"}, nil
	}
	var costs []string
	measured := 0
	var widest controlPair // the comparison whose interval reaches highest
	for _, p := range pairs {
		if p.err == nil {
			measured++
			if widest.set == nil || p.geo.Interval.Hi > widest.geo.Interval.Hi {
				widest = p
			}
		}
		if p.costs() {
			costs = append(costs, fmt.Sprintf("%s (%s, %s) %s", p.platform, p.exp, format.Lang(p.lang), p.verdict()))
		}
	}
	text := fmt.Sprintf("in none of the %d comparisons of a launcher with its runtime's defaults was a cost above %s %% detected",
		measured, strconv.FormatFloat(ControlThreshold*100, 'f', -1, 64))
	if len(costs) > 0 {
		text = fmt.Sprintf("%d of the %d comparisons of a launcher with its runtime's defaults show a cost above %s %%: %s",
			len(costs), measured, strconv.FormatFloat(ControlThreshold*100, 'f', -1, 64), strings.Join(costs, "; "))
	}
	// No cost detected is not no cost: say how large a cost the widest
	// interval still allows.
	if widest.set != nil && widest.geo.Interval.Hi > 1+ControlThreshold {
		text += fmt.Sprintf("; the intervals are wide, and the widest (%s, %s, %s: up to %s) does not exclude a cost of %s %%",
			widest.platform, widest.exp, format.Lang(widest.lang), ratio3(widest.geo.Interval.Hi), percent(widest.geo.Interval.Hi))
	}
	return &doc.Output{Text: text, Commands: []string{e.controlCommand(a)}}, nil
}
