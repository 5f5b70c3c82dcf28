package cells

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/report/claims"
	"github.com/edgewasm/edgewasm/report/doc"
	"github.com/edgewasm/edgewasm/report/format"
	"github.com/edgewasm/edgewasm/report/model"
)

// The commands in this file cover every Wasm platform of every dataset at
// once, so that a headline sentence cannot speak for one platform while
// the data hold several: each value comes from the first dataset that
// measured its platform and language (datasets with verdicts before the
// underpowered ones), and what no dataset could measure is named.

func scopeCommands() map[string]Command {
	every := func(Args) []string { return []string{NeedEvery} }
	return map[string]Command{
		"span":       {Usage: "span exp=E metric=M [test=T] [lang=L] [b=native] [list=yes]  (the ratio to b of every Wasm platform measured: smallest to largest per language, or each with list=yes)", Inline: true, Needs: every, Run: runSpan},
		"values":     {Usage: "values exp=E test=T metric=M [lang=L] [kind=wasm|native|container|any] [which=min]  (the median of every platform of a kind (any: of every kind) measured, per language; which=min only the smallest)", Inline: true, Needs: every, Run: runValues},
		"best":       {Usage: "best lang=L  (the Wasm platform with the lowest CPU ratio, the fastest start and the smallest idle footprint, and whether one leads on all three)", Inline: true, Needs: every, Run: runBest},
		"breakevens": {Usage: "breakevens [lang=L] [against=docker]  (the break-even job length of every Wasm platform measured beside the container)", Inline: true, Needs: every, Run: runBreakEvens},
	}
}

// kindAny selects every platform, whatever its kind (values kind=any).
const kindAny = "any"

// ordered is the datasets in the order a value is taken from: those with
// verdicts first, then the underpowered ones.
func (e *Engine) ordered() []*model.Set {
	var powered, under []*model.Set
	for _, s := range e.Model.Sets {
		if s.Power(claims.ThesisPlatforms).Underpowered() {
			under = append(under, s)
		} else {
			powered = append(powered, s)
		}
	}
	return append(powered, under...)
}

// found is one platform's value in one language, from one dataset.
type found struct {
	platform, lang string
	set            *model.Set
	value          float64
	text           string
}

// where names the dataset of a value when it is underpowered.
func (f found) where() string {
	if f.set.Power(claims.ThesisPlatforms).Underpowered() {
		return fmt.Sprintf(", from %s with %d repetitions", f.set.Label, f.set.Env.Profile.Repetitions)
	}
	return ""
}

// collect takes, for every platform of a kind and language, the value get
// returns from the first dataset that has it (ok false: none there), and
// names the platforms that no dataset could measure (every invocation
// failed).
func (e *Engine) collect(exp, kind, lang string, get func(s *model.Set, p, l string) (found, bool, error)) ([]found, []string, error) {
	var out []found
	var failed []string
	have := map[string]bool{}
	for _, s := range e.ordered() {
		if !s.Measured(exp) {
			continue
		}
		ps := s.PlatformsOfKind(exp, kind)
		if kind == kindAny {
			ps = s.Platforms(exp)
		}
		for _, p := range ps {
			for _, l := range s.Langs(exp) {
				if (lang != "" && l != lang) || have[p+"/"+l] {
					continue
				}
				f, ok, err := get(s, p, l)
				if err != nil {
					return nil, nil, err
				}
				if !ok {
					if !slices.Contains(failed, p) {
						failed = append(failed, p)
					}
					continue
				}
				f.platform, f.lang, f.set = p, l, s
				have[p+"/"+l] = true
				out = append(out, f)
			}
		}
	}
	// A platform that failed in one dataset but was measured in another
	// is not "not measured".
	failed = slices.DeleteFunc(failed, func(p string) bool {
		return slices.ContainsFunc(out, func(f found) bool { return f.platform == p })
	})
	return out, model.OrderPlatforms(failed), nil
}

// byLang groups values by language, in report order.
func byLang(fs []found) ([]string, map[string][]found) {
	m := map[string][]found{}
	var langs []string
	for _, f := range fs {
		if _, ok := m[f.lang]; !ok {
			langs = append(langs, f.lang)
		}
		m[f.lang] = append(m[f.lang], f)
	}
	return model.OrderLangs(langs), m
}

// notMeasuredOn names the platforms without a value.
func notMeasuredOn(failed []string) string {
	if len(failed) == 0 {
		return ""
	}
	return fmt.Sprintf("; %s could not run it (every invocation failed)", format.List(failed))
}

func runSpan(e *Engine, a Args) (*doc.Output, error) {
	exp, metric, _, err := expArgs(a, nil, "test", "lang", "b", "list")
	if err != nil {
		return nil, err
	}
	b := format.Or(a.KV["b"], model.Baseline)
	bp, bm, hasM := strings.Cut(b, ":")
	if !hasM {
		bm = metric
	}
	var nobase []string
	fs, failed, err := e.collect(exp, dataset.KindWasm, a.KV["lang"], func(s *model.Set, p, l string) (found, bool, error) {
		if !slices.Contains(s.Platforms(exp), bp) {
			if !slices.Contains(nobase, p) {
				nobase = append(nobase, p)
			}
			return found{}, false, nil
		}
		q := model.Query{Exp: exp, A: model.Side{Platform: p, Metric: metric}, B: model.Side{Platform: bp, Metric: bm}, Langs: []string{l}}
		if t := a.KV["test"]; t != "" {
			q.Tests = []string{t}
		}
		g, err := s.GeoMean(q)
		if errors.Is(err, model.ErrNotMeasured) {
			return found{}, false, nil
		}
		if err != nil {
			return found{}, false, err
		}
		return found{value: g.Interval.Estimate, text: format.Ratio(g.Interval.Estimate)}, true, nil
	})
	if err != nil {
		return nil, err
	}
	has := func(p string) bool { return slices.ContainsFunc(fs, func(f found) bool { return f.platform == p }) }
	nobase = slices.DeleteFunc(nobase, has)
	failed = slices.DeleteFunc(failed, func(p string) bool { return slices.Contains(nobase, p) })
	tail := notMeasuredOn(failed)
	if len(nobase) > 0 {
		tail += fmt.Sprintf("; no ratio for %s, measured without %s", format.List(model.OrderPlatforms(nobase)), bp)
	}
	if len(fs) == 0 {
		return &doc.Output{Text: format.NotMeasured + tail}, nil
	}
	langs, m := byLang(fs)
	var parts []string
	for _, l := range langs {
		vs := m[l]
		if a.KV["list"] == "yes" {
			var items []string
			for _, f := range vs {
				items = append(items, f.platform+" "+f.text+f.where())
			}
			parts = append(parts, format.List(items)+" for "+format.Lang(l))
			continue
		}
		lo := slices.MinFunc(vs, func(x, y found) int { return cmpFloat(x.value, y.value) })
		hi := slices.MaxFunc(vs, func(x, y found) int { return cmpFloat(x.value, y.value) })
		if len(vs) == 1 {
			parts = append(parts, fmt.Sprintf("%s (%s%s) for %s, its one Wasm platform", lo.text, lo.platform, lo.where(), format.Lang(l)))
			continue
		}
		parts = append(parts, fmt.Sprintf("from %s (%s%s) to %s (%s%s) over %d Wasm platforms for %s", lo.text, lo.platform, lo.where(), hi.text, hi.platform, hi.where(), len(vs), format.Lang(l)))
	}
	return &doc.Output{Text: strings.Join(parts, " and ") + tail}, nil
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func runValues(e *Engine, a Args) (*doc.Output, error) {
	exp, metric, vals, err := expArgs(a, []string{"test"}, "lang", "kind", "which")
	if err != nil {
		return nil, err
	}
	kind := format.Or(a.KV["kind"], dataset.KindWasm)
	fs, failed, err := e.collect(exp, kind, a.KV["lang"], func(s *model.Set, p, l string) (found, bool, error) {
		sum, err := s.Summary(model.Key{Exp: exp, Test: vals[0], Lang: l, Platform: p, Metric: metric})
		if err != nil {
			return found{}, false, err
		}
		if sum.Status != model.StatusOK {
			return found{}, false, nil
		}
		return found{value: sum.Median.Estimate, text: format.WithUnit(sum.Median.Estimate, metric)}, true, nil
	})
	if err != nil {
		return nil, err
	}
	if len(fs) == 0 {
		return &doc.Output{Text: format.NotMeasured + notMeasuredOn(failed)}, nil
	}
	langs, m := byLang(fs)
	var parts []string
	for _, l := range langs {
		vs := m[l]
		if a.KV["which"] == "min" {
			vs = []found{slices.MinFunc(vs, func(x, y found) int { return cmpFloat(x.value, y.value) })}
		}
		var items []string
		for _, f := range vs {
			items = append(items, f.platform+" "+f.text+f.where())
		}
		parts = append(parts, format.List(items)+" for "+format.Lang(l))
	}
	return &doc.Output{Text: strings.Join(parts, "; ") + notMeasuredOn(failed)}, nil
}

// runBest names, for one language, the Wasm platform that did best on
// each of computation, start-up and idle memory.
func runBest(e *Engine, a Args) (*doc.Output, error) {
	vals, err := need(a, []string{"lang"})
	if err != nil {
		return nil, err
	}
	l := vals[0]
	type axis struct {
		what string
		exp  string
		get  func(s *model.Set, p string) (float64, string, bool, error)
	}
	ratio := func(exp, metric string) func(s *model.Set, p string) (float64, string, bool, error) {
		return func(s *model.Set, p string) (float64, string, bool, error) {
			g, err := s.GeoMean(model.Query{Exp: exp, A: model.Side{Platform: p, Metric: metric}, B: model.Side{Platform: model.Baseline, Metric: metric}, Langs: []string{l}})
			if errors.Is(err, model.ErrNotMeasured) {
				return 0, "", false, nil
			}
			return g.Interval.Estimate, format.Ratio(g.Interval.Estimate), err == nil, err
		}
	}
	median := func(exp, metric string) func(s *model.Set, p string) (float64, string, bool, error) {
		return func(s *model.Set, p string) (float64, string, bool, error) {
			ts := s.Tests(exp)
			if len(ts) == 0 {
				return 0, "", false, nil
			}
			sum, err := s.Summary(model.Key{Exp: exp, Test: ts[0], Lang: l, Platform: p, Metric: metric})
			if err != nil || sum.Status != model.StatusOK {
				return 0, "", false, err
			}
			return sum.Median.Estimate, format.WithUnit(sum.Median.Estimate, metric), true, nil
		}
	}
	axes := []axis{
		{"the lowest CPU time", experiments.CPU, ratio(experiments.CPU, dataset.KernelMS)},
		{"the fastest start", experiments.Startup, median(experiments.Startup, dataset.WallMS)},
		{"the smallest idle footprint", experiments.Memory, median(experiments.Memory, dataset.FootprintKiB)},
	}
	var parts, winners []string
	for _, ax := range axes {
		fs, _, err := e.collect(ax.exp, dataset.KindWasm, l, func(s *model.Set, p, _ string) (found, bool, error) {
			v, text, ok, err := ax.get(s, p)
			return found{value: v, text: text}, ok, err
		})
		if err != nil {
			return nil, err
		}
		if len(fs) == 0 {
			continue
		}
		f := slices.MinFunc(fs, func(x, y found) int { return cmpFloat(x.value, y.value) })
		parts = append(parts, fmt.Sprintf("%s was %s's (%s%s)", ax.what, f.platform, f.text, f.where()))
		if !slices.Contains(winners, f.platform) {
			winners = append(winners, f.platform)
		}
	}
	if len(parts) == 0 {
		return &doc.Output{Text: format.NotMeasured}, nil
	}
	text := "for " + format.Lang(l) + ", " + format.List(parts)
	switch {
	case len(parts) < len(axes):
	case len(winners) == 1:
		text += ": one Wasm platform led on all three"
	default:
		text += ": no Wasm platform led on all three"
	}
	return &doc.Output{Text: text}, nil
}

func runBreakEvens(e *Engine, a Args) (*doc.Output, error) {
	if err := check(a, "lang", "against"); err != nil {
		return nil, err
	}
	against := format.Or(a.KV["against"], dataset.Docker)
	var without []string
	fs, _, err := e.collect(model.CostStartupExp, dataset.KindWasm, a.KV["lang"], func(s *model.Set, p, l string) (found, bool, error) {
		if !slices.Contains(s.AllPlatforms(), against) {
			if !slices.Contains(without, p) {
				without = append(without, p)
			}
			return found{}, false, nil
		}
		b, err := s.BreakEven(l, p, against)
		if err != nil {
			return found{}, false, err
		}
		switch {
		case !math.IsNaN(b.T):
			return found{value: b.T, text: format.Seconds(b.T)}, true, nil
		case b.Status == model.CrossNeverSlower:
			return found{value: math.Inf(1), text: "never (it is never slower)"}, true, nil
		case b.Status == model.CrossOtherNever:
			return found{value: 0, text: "never (" + against + " is never slower)"}, true, nil
		}
		return found{}, false, nil
	})
	if err != nil {
		return nil, err
	}
	without = slices.DeleteFunc(without, func(p string) bool {
		return slices.ContainsFunc(fs, func(f found) bool { return f.platform == p })
	})
	if len(fs) == 0 {
		return &doc.Output{Text: "not measured (no dataset ran a Wasm platform beside " + against + ")"}, nil
	}
	langs, m := byLang(fs)
	var parts []string
	for _, l := range langs {
		var items []string
		for _, f := range m[l] {
			items = append(items, f.platform+" "+f.text+f.where())
		}
		parts = append(parts, format.List(items)+" for "+format.Lang(l))
	}
	text := strings.Join(parts, "; ")
	if len(without) > 0 {
		text += fmt.Sprintf("; none for %s, measured without %s", format.List(model.OrderPlatforms(without)), against)
	}
	return &doc.Output{Text: text}, nil
}

// threatCommands compute the threats to validity from what the datasets
// recorded.
func threatCommands() map[string]Command {
	return map[string]Command{
		"threats": {Usage: "threats  (the threats the data record, one bullet each: the machine during each run, kernels and hosts, nesting and storage driver, footprints, the platforms of each Friedman test)", Needs: func(Args) []string { return []string{NeedEvery} }, Run: runThreats},
	}
}

// runThreats writes one bullet per threat the datasets themselves record.
func runThreats(e *Engine, a Args) (*doc.Output, error) {
	if err := check(a); err != nil {
		return nil, err
	}
	sets := e.Model.Sets
	var bullets []string
	// The machine during each run.
	var runs []string
	for _, s := range sets {
		runs = append(runs, s.Label+": "+machineDuring(s))
	}
	bullets = append(bullets, "**The machine during each run.** "+strings.Join(runs, "; ")+". "+recordedOrNot(sets)+" Interleaving spreads a busy spell over every platform of a repetition, but not over the datasets, which ran at different times.")
	// Kernels and hosts.
	bullets = append(bullets, "**Not one unchanged machine.** "+hostsDiffer(sets))
	// Nesting and the storage driver.
	if n := nesting(sets); n != "" {
		bullets = append(bullets, "**Docker nested in a container.** "+n)
	}
	// Footprints.
	if f := footprints(sets); f != "" {
		bullets = append(bullets, "**What a footprint includes.** "+f)
	}
	// The platforms of each Friedman test.
	bullets = append(bullets, "**The platforms of each Friedman test.** "+friedmanPlatforms(sets))
	var b strings.Builder
	for _, t := range bullets {
		b.WriteString("- " + t + "\n")
	}
	var cmds []string
	for _, s := range sets {
		cmds = append(cmds, "jq '.host,.warnings,.runners.docker.storage_driver' "+s.Dir+"/"+dataset.EnvironmentFile)
	}
	return &doc.Output{Text: strings.TrimSpace(b.String()), Commands: cmds}, nil
}

// machineDuring is what a dataset recorded of the machine during its run:
// the load at the start of each session and its quality warnings by kind.
func machineDuring(s *model.Set) string {
	var loads []string
	kinds := map[string]int{}
	var order []string
	for _, w := range s.Env.Warnings {
		if w.Kind == "load" {
			loads = append(loads, fmt.Sprintf("%s on %d cores", strconv.FormatFloat(w.Value, 'f', 1, 64), s.Env.Host.Cores))
		}
		if _, ok := kinds[w.Kind]; !ok {
			order = append(order, w.Kind)
		}
		kinds[w.Kind]++
	}
	load := "load at the start not recorded"
	if len(loads) > 0 {
		load = "load average " + strings.Join(loads, ", ") + " at the start"
	} else if len(s.Env.Warnings) > 0 || s.Env.Doctor != nil {
		load = "load below half a task per core at the start"
	}
	if len(s.Env.Warnings) == 0 {
		if s.Env.Doctor == nil {
			return load + "; no quality warnings recorded (the dataset predates them)"
		}
		return load + "; no quality warnings"
	}
	var ks []string
	for _, k := range order {
		ks = append(ks, fmt.Sprintf("%d %s", kinds[k], k))
	}
	return fmt.Sprintf("%s; %d quality %s (%s)", load, len(s.Env.Warnings), format.Plural(len(s.Env.Warnings), "warning", "warnings"), strings.Join(ks, ", "))
}

// recordedOrNot says which datasets recorded CPU steal, pressure stalls or
// clock drift, as warnings of those kinds; the others did not record them.
func recordedOrNot(sets []*model.Set) string {
	var parts []string
	for _, kind := range []string{"steal", "stall", "drift"} {
		var with []string
		for _, s := range sets {
			for _, w := range s.Env.Warnings {
				if strings.Contains(w.Kind, kind) && !slices.Contains(with, s.Label) {
					with = append(with, s.Label)
				}
			}
		}
		if len(with) == 0 {
			parts = append(parts, kind+": not recorded")
		} else {
			parts = append(parts, kind+": warned in "+format.List(with))
		}
	}
	return "CPU steal by the hypervisor, pressure stalls and clock drift (" + strings.Join(parts, "; ") + "): a dataset that does not record them cannot show that the host left its CPU alone."
}

// hostsDiffer compares what identifies the machine across datasets.
func hostsDiffer(sets []*model.Set) string {
	type field struct {
		name string
		get  func(*model.Set) string
	}
	fields := []field{
		{"kernel", func(s *model.Set) string { return s.Env.Host.Kernel }},
		{"CPU", func(s *model.Set) string { return s.Env.Host.CPUModel }},
		{"memory", func(s *model.Set) string { return fmt.Sprintf("%d KiB", s.Env.Host.MemTotalKiB) }},
		{"operating system", func(s *model.Set) string { return s.Env.Host.OS }},
		{"edgewasm commit", func(s *model.Set) string { return short(s.Env.Tool.GitCommit) }},
	}
	var differ, same []string
	for _, f := range fields {
		byValue := map[string][]string{}
		var values []string
		for _, s := range sets {
			v := format.Or(f.get(s), "not recorded")
			if _, ok := byValue[v]; !ok {
				values = append(values, v)
			}
			byValue[v] = append(byValue[v], s.Label)
		}
		if len(values) == 1 {
			same = append(same, f.name+" "+values[0])
			continue
		}
		var vs []string
		for _, v := range values {
			vs = append(vs, v+" ("+format.List(byValue[v])+")")
		}
		differ = append(differ, f.name+": "+strings.Join(vs, ", "))
	}
	if len(sets) < 2 {
		return "One dataset: " + strings.Join(same, ", ") + ". Its ratios hold for this machine and software only."
	}
	if len(differ) == 0 {
		return "Every dataset recorded the same " + strings.Join(same, ", ") + "; they still ran at different times on a shared host."
	}
	text := "The datasets differ in " + strings.Join(differ, "; ") + "."
	if len(same) > 0 {
		text += " They share " + strings.Join(same, ", ") + "."
	}
	return text + " They come from one kind of virtual machine, not from one unchanged machine, so a difference between datasets can be the machine's as well as the platforms'."
}

// nesting reports the virtualization each dataset detected and Docker's
// storage driver, where Docker ran.
func nesting(sets []*model.Set) string {
	virt := map[string][]string{}
	drivers := map[string][]string{}
	var vOrder, dOrder []string
	for _, s := range sets {
		if v := s.Env.Host.Virtualized; v != "" {
			if _, ok := virt[v]; !ok {
				vOrder = append(vOrder, v)
			}
			virt[v] = append(virt[v], s.Label)
		}
		for _, p := range s.PlatformsOfKind("", dataset.KindContainer) {
			if d := s.RunnerString(p, "storage_driver"); d != "" && !slices.Contains(drivers[d], s.Label) {
				if _, ok := drivers[d]; !ok {
					dOrder = append(dOrder, d)
				}
				drivers[d] = append(drivers[d], s.Label)
			}
		}
	}
	if len(vOrder) == 0 && len(dOrder) == 0 {
		return ""
	}
	list := func(m map[string][]string, order []string) string {
		var out []string
		for _, k := range order {
			out = append(out, k+" ("+format.List(m[k])+")")
		}
		return strings.Join(out, ", ")
	}
	text := ""
	if len(vOrder) > 0 {
		text = "The virtualization detected was " + list(virt, vOrder) + ": edgewasm, and with it every platform, ran inside a virtual machine or a container; inside a container, Docker's own containers ran nested in it."
	}
	if len(dOrder) > 0 {
		text += " Docker's storage driver was " + list(drivers, dOrder) + "."
		if slices.ContainsFunc(dOrder, func(d string) bool { return strings.HasPrefix(d, "fuse-") }) {
			text += " A FUSE overlay runs in user space, where a device would use the kernel's overlay2: it bears on Docker's start-up, since the container's root file system is mounted through it. The file-I/O workloads write to a host directory bind-mounted into the container, the same directory every platform writes to, so their I/O does not pass through the overlay."
		}
	}
	return strings.TrimSpace(text + " Docker's start-up figures are this set-up's, not a bare device's.")
}

// footprints says what the memory footprint holds on each kind of
// platform, with the share of Docker's footprint that is its shim.
func footprints(sets []*model.Set) string {
	var shim []string
	for _, s := range sets {
		for _, p := range s.PlatformsOfKind(experiments.Memory, dataset.KindContainer) {
			for _, t := range s.Tests(experiments.Memory) {
				for _, l := range s.Langs(experiments.Memory) {
					sh := s.Median(model.Key{Exp: experiments.Memory, Test: t, Lang: l, Platform: p, Metric: dataset.ShimPSSKiB})
					fp := s.Median(model.Key{Exp: experiments.Memory, Test: t, Lang: l, Platform: p, Metric: dataset.FootprintKiB})
					if !math.IsNaN(sh) && !math.IsNaN(fp) && fp > 0 {
						shim = append(shim, fmt.Sprintf("%s of %s for %s in %s", format.WithUnit(sh, dataset.FootprintKiB), format.WithUnit(fp, dataset.FootprintKiB), format.Lang(l), s.Label))
					}
				}
			}
		}
	}
	measured := false
	for _, s := range sets {
		measured = measured || s.Measured(experiments.Memory)
	}
	if !measured {
		return ""
	}
	text := "The footprint (footprint_kib) is the proportional set size of the processes a platform runs for the workload: natively the program; on a Wasm platform the launcher process with the runtime and the guest inside; in Docker the container's processes and its containerd-shim."
	if len(shim) > 0 {
		text += " The shim's share of Docker's footprint: " + strings.Join(shim, "; ") + "."
	}
	return text + " Docker's daemons (dockerd, containerd), which every container needs and a device pays for once, are in no footprint and were not measured; the drop in MemAvailable sees them, with every other process on the machine."
}

// friedmanPlatforms tells how many platforms each Friedman test covers.
func friedmanPlatforms(sets []*model.Set) string {
	var parts []string
	for _, s := range sets {
		sizes := map[string][]string{}
		var order []string
		for _, exp := range s.Experiments() {
			n := len(claims.ThesisFamily(s, exp, "x"))
			k := len(s.Platforms(exp))
			key := fmt.Sprintf("%d per Wasm platform and all %d at once", n, k)
			if len(s.PlatformsOfKind(exp, dataset.KindWasm)) == 0 {
				key = fmt.Sprintf("all %d at once (no Wasm platform)", k)
			}
			if _, ok := sizes[key]; !ok {
				order = append(order, key)
			}
			sizes[key] = append(sizes[key], exp)
		}
		var es []string
		for _, k := range order {
			if len(order) == 1 {
				es = append(es, k)
			} else {
				es = append(es, k+" in "+format.List(sizes[k]))
			}
		}
		parts = append(parts, s.Label+": "+strings.Join(es, "; "))
	}
	return "The thesis ran its Friedman tests over three platforms: native, Docker and its one Wasm runtime. The verdicts here use that design, one test per Wasm platform over native, the container platforms and that Wasm platform (fewer than three where a dataset has no Docker); the Friedman tables add, as an extra column, one test over every platform of the dataset at once, whose p-value answers another question (do any of k platforms differ) and is not the thesis's. Platforms per test: " + strings.Join(parts, "; ") + "."
}
