package cells

import (
	"errors"
	"fmt"
	"slices"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/report/doc"
	"github.com/edgewasm/edgewasm/report/format"
	"github.com/edgewasm/edgewasm/report/model"
)

// runtimeCommands compare the Wasm platforms of a dataset with each other.
func runtimeCommands() map[string]Command {
	return map[string]Command{
		"runtimes": {Usage: "runtimes [first=yes]  (per dataset, each Wasm platform's CPU slowdown, start-up, compile time and footprint, from that dataset alone; first=yes: each platform and language only from the first dataset that has it, those with verdicts first)",
			Needs: func(Args) []string { return []string{NeedEnv, NeedAll} }, Run: runRuntimes},
	}
}

// runtimeColumns are the quantities of the runtime comparison, per guest
// language: the geometric mean of the CPU kernels' ratio to native, the
// no-op's start-up, the part of it spent compiling (or loading the
// compiled module from a cache), and the idle program's footprint.
var runtimeColumns = []struct {
	head     string
	exp      string
	test     string
	metric   string
	geoToNat bool
}{
	{"CPU vs " + dataset.Native, experiments.CPU, "", dataset.KernelMS, true},
	{"start-up", experiments.Startup, "noop", dataset.WallMS, false},
	{"compile", experiments.Startup, "noop", dataset.CompileMS, false},
	{"footprint", experiments.Memory, "idle", dataset.FootprintKiB, false},
}

func runRuntimes(e *Engine, a Args) (*doc.Output, error) {
	sets, err := e.blocks(a, "first")
	if err != nil {
		return nil, err
	}
	first := a.KV["first"] == "yes"
	shown := map[string]string{} // platform/lang → the dataset it is shown for
	var skipped []string
	if first {
		var ordered []*model.Set
		for _, s := range e.ordered() {
			if slices.Contains(sets, s) {
				ordered = append(ordered, s)
			}
		}
		sets = ordered
	}
	out := &doc.Output{}
	for _, s := range sets {
		ps := s.PlatformsOfKind("", dataset.KindWasm)
		if len(ps) == 0 {
			continue
		}
		t := doc.Table{Title: s.Label, Header: []string{"platform", "lang"}, Right: []bool{false, false}}
		for _, c := range runtimeColumns {
			t.Header = append(t.Header, c.head)
			t.Right = append(t.Right, true)
		}
		for _, p := range ps {
			for _, l := range s.AllLangs() {
				row := []string{p, l}
				var pvs []*doc.Provenance
				measured := false
				for _, c := range runtimeColumns {
					v, err := runtimeValue(s, p, l, c.exp, c.test, c.metric, c.geoToNat)
					if err != nil {
						return nil, err
					}
					measured = measured || v != "—"
					row = append(row, v)
					pvs = append(pvs, runtimeProv(s, p, l, c.exp, c.test, c.metric, c.geoToNat))
				}
				if _, ok := shown[p+"/"+l]; measured && first && ok {
					if !slices.Contains(skipped, s.Label) {
						skipped = append(skipped, s.Label)
					}
					continue
				}
				if measured { // a dataset of other experiments (network) has nothing here
					shown[p+"/"+l] = s.Label
					for i, pv := range pvs {
						t.SetProv(len(t.Rows), 2+i, pv)
					}
					t.Rows = append(t.Rows, row)
				}
			}
		}
		if len(t.Rows) == 0 {
			continue
		}
		out.Tables = append(out.Tables, t)
		out.Commands = append(out.Commands, Reproduce(s, a))
	}
	if len(out.Tables) == 0 {
		out.Text = "*No dataset has a Wasm platform that ran the CPU, start-up or memory experiments.*"
	}
	if len(out.Tables) > 0 {
		t := &out.Tables[len(out.Tables)-1]
		t.Notes = append(t.Notes, fmt.Sprintf("CPU: geometric mean over the kernels of median %s relative to %s, with its 95 %% bootstrap interval; "+
			"start-up: median %s of the no-op; compile: median %s of the no-op (a load from the cache where the platform has one); "+
			"footprint: median %s of the idle program. — : not measured in this dataset.", dataset.KernelMS, dataset.Native, dataset.WallMS, dataset.CompileMS, dataset.FootprintKiB))
	}
	if len(skipped) > 0 && len(out.Tables) > 0 {
		t := &out.Tables[len(out.Tables)-1]
		t.Notes = append(t.Notes, fmt.Sprintf("A platform and language is shown once, from the first dataset that measured it (those with verdicts first): %s measured the others too.", format.List(skipped)))
	}
	return out, nil
}

// runtimeProv is where a cell of the runtime comparison comes from.
func runtimeProv(s *model.Set, p, lang, exp, test, metric string, geo bool) *doc.Provenance {
	if geo {
		a, _ := ParseArgs(fmt.Sprintf("ratio exp=%s metric=%s a=%s b=%s lang=%s ci=yes", exp, metric, p, dataset.Native, lang))
		return prov(Reproduce(s, a), samples(s, exp, nil, []string{lang}, []string{p, dataset.Native}, []string{metric}))
	}
	k := model.Key{Exp: exp, Test: test, Lang: lang, Platform: p, Metric: metric}
	return prov(cellCommand(s, k), samples(s, exp, []string{test}, []string{lang}, []string{p}, []string{metric}))
}

// runtimeValue is one cell of the runtime comparison.
func runtimeValue(s *model.Set, p, lang, exp, test, metric string, geo bool) (string, error) {
	if geo {
		g, err := s.GeoMean(query(exp, metric, p, dataset.Native, "", lang))
		switch {
		case errors.Is(err, model.ErrNotMeasured):
			return "—", nil
		case err != nil:
			return "", err
		}
		return format.Interval(g.Interval), nil
	}
	sum, err := s.Summary(model.Key{Exp: exp, Test: test, Lang: lang, Platform: p, Metric: metric})
	if err != nil {
		return "", err
	}
	switch sum.Status {
	case model.StatusOK:
		return format.WithUnit(sum.Median.Estimate, metric), nil
	case model.StatusAllFailed:
		return fmt.Sprintf("all %d failed", sum.Cell.N), nil
	}
	return "—", nil
}
