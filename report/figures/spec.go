package figures

import (
	"fmt"
	"strings"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/report/model"
)

// Figure kinds: what a figure draws, for any experiment and metric.
const (
	// KindRatio: each test's median on every platform over the
	// baseline's, with intervals, on a logarithmic axis; a panel per
	// dataset and language.
	KindRatio = "ratio"
	// KindMedian: medians with intervals in the metric's unit, languages
	// (and tests) as groups; a panel per dataset.
	KindMedian = "median"
	// KindDistribution: every repetition with a box plot per platform;
	// a panel per dataset and language.
	KindDistribution = "distribution"
	// KindBreakEven: the cost model T_p(t) = S_p + k_p·t of every
	// platform and the job length at which each Wasm platform and the
	// container finish together; a panel per dataset and language.
	KindBreakEven = "break-even"
)

// Kinds lists the figure kinds.
var Kinds = []string{KindRatio, KindMedian, KindDistribution, KindBreakEven}

// Spec is one figure: a kind drawn for an experiment and metric, with its
// file name, title and caption.
type Spec struct {
	ID      string
	Kind    string
	Exp     string
	Metric  string
	Title   string
	Caption string
	// Scale multiplies values for display (KiB → MiB) and Unit names
	// the result; the CSV keeps the metric's own unit.
	Scale float64
	Unit  string
}

// Specs are the paper's figures, in paper order. The thesis's Fig. 5.1 to
// 5.4 keep its numbering; the break-even figure and the whole-invocation
// variants of 5.1 and 5.3 are ours.
var Specs = []Spec{
	{ID: "fig-5-1", Kind: KindRatio, Exp: experiments.CPU, Metric: dataset.KernelMS,
		Title: "CPU: median kernel time relative to native (log scale, 95 % bootstrap CI)",
		Caption: "Median kernel time of each CPU test over the native median of the same test and language (1× = native, dashed). " +
			"kernel_ms is the program's own timing of its computation, without start-up. Whiskers: 95 % percentile-bootstrap intervals of the ratio; " +
			"n_ok/n marks cells where invocations failed."},
	{ID: "fig-5-1-wall", Kind: KindRatio, Exp: experiments.CPU, Metric: dataset.WallMS,
		Title:   "CPU: median whole-invocation time relative to native (log scale, 95 % bootstrap CI)",
		Caption: "As the kernel figure, for wall_ms: the whole invocation from process or container creation to exit, start-up included."},
	{ID: "fig-5-2", Kind: KindMedian, Exp: experiments.Memory, Metric: dataset.FootprintKiB, Scale: 1.0 / 1024, Unit: "MiB",
		Title: "Memory: footprint of an idle workload (log scale, 95 % bootstrap CI)",
		Caption: "Median footprint in MiB while the idle workload blocks: the proportional set size of every process the platform runs for it " +
			"(the program; the Wasm runtime with its guest; the container's processes and their containerd-shim). Daemons shared by all containers " +
			"are not counted. Whiskers: 95 % percentile-bootstrap intervals; the CSV holds KiB."},
	{ID: "fig-5-3", Kind: KindRatio, Exp: experiments.FSIO, Metric: dataset.KernelMS,
		Title: "File system: median time of the I/O calls relative to native (log scale, 95 % bootstrap CI)",
		Caption: "Median time of the write and read calls as the program times them (kernel_ms), over the native median (1× = native, dashed). " +
			"Whiskers: 95 % percentile-bootstrap intervals of the ratio."},
	{ID: "fig-5-3-wall", Kind: KindRatio, Exp: experiments.FSIO, Metric: dataset.WallMS,
		Title:   "File system: median whole-invocation time relative to native (log scale, 95 % bootstrap CI)",
		Caption: "As the I/O-call figure, for wall_ms: the whole invocation, which also generates and hashes the file's content."},
	{ID: "fig-5-4", Kind: KindDistribution, Exp: experiments.Startup, Metric: dataset.WallMS,
		Title: "Start-up: time to run a program that exits at once (log scale)",
		Caption: "Every repetition of the noop workload's wall time (points), with a box per platform (Tukey hinges and median; whiskers to the furthest " +
			"values within 1.5 IQR) and its median written above it. Logarithmic axis shared by all panels."},
	{ID: "fig-break-even", Kind: KindBreakEven, Exp: model.CostSlowdownExp, Metric: model.CostSlowdownMetric,
		Title: "Break-even: time to finish a job of native length t",
		Caption: "Log-log axes. Each curve is a platform's time to finish, T(t) = S + k·t: its median start-up S (noop workload, wall_ms) plus the job's native length t times its CPU slowdown k " +
			"(geometric mean over the CPU tests of median kernel_ms over native's). Dashed verticals: the job length t* at which a Wasm platform and the " +
			"container finish together, listed under the panel's title; the CSV gives S and k with 95 % intervals and t*, or which platform is never slower."},
}

// ByID returns the spec of a figure.
func ByID(id string) (Spec, bool) {
	for _, s := range Specs {
		if s.ID == id {
			return s, true
		}
	}
	return Spec{}, false
}

// IDs lists the figure IDs in paper order.
func IDs() []string {
	out := make([]string, len(Specs))
	for i, s := range Specs {
		out[i] = s.ID
	}
	return out
}

// Adhoc is the spec of a figure of any kind, experiment and metric that
// Specs does not name, e.g. a new experiment's.
func Adhoc(kind, exp, metric string) (Spec, error) {
	if !contains(Kinds, kind) {
		return Spec{}, fmt.Errorf("figure kind %q: expected one of %s", kind, strings.Join(Kinds, ", "))
	}
	s := Spec{ID: kind + "-" + exp + "-" + metric, Kind: kind, Exp: exp, Metric: metric}
	switch kind {
	case KindRatio:
		s.Title = fmt.Sprintf("%s: median %s relative to native (log scale, 95 %% bootstrap CI)", exp, metric)
		s.Caption = "Median of each test over the native median of the same test and language (1× = native, dashed); whiskers: 95 % percentile-bootstrap intervals."
	case KindMedian:
		s.Title = fmt.Sprintf("%s: median %s (95 %% bootstrap CI)", exp, metric)
		s.Caption = "Medians per platform with 95 % percentile-bootstrap intervals."
	case KindDistribution:
		s.Title = fmt.Sprintf("%s: distribution of %s", exp, metric)
		s.Caption = "Every repetition (points) with a box per platform (Tukey hinges and median; whiskers to 1.5 IQR)."
	default:
		s = Specs[len(Specs)-1]
	}
	return s, nil
}

// Draw makes the figure of spec from the given datasets of a model (nil:
// all of them). It is an error wrapping model.ErrNotMeasured when none of
// them measured the experiment: a figure is never drawn empty.
func Draw(m *model.Model, sets []*model.Set, spec Spec, o Options) (*Figure, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if sets == nil {
		sets = m.Sets
	}
	var have []*model.Set
	for _, s := range sets {
		if s.Measured(spec.Exp) && (spec.Kind != KindBreakEven || s.Measured(model.CostStartupExp)) {
			have = append(have, s)
		}
	}
	if len(have) == 0 {
		return nil, fmt.Errorf("%s: experiment %s %w in %s", spec.ID, spec.Exp, model.ErrNotMeasured, labels(sets))
	}
	f := &Figure{ID: spec.ID, Title: spec.Title, Caption: spec.Caption}
	var err error
	switch spec.Kind {
	case KindRatio:
		err = drawRatio(f, have, spec)
	case KindMedian:
		err = drawMedian(f, have, spec)
	case KindDistribution:
		err = drawDistribution(f, have, spec)
	case KindBreakEven:
		err = drawBreakEven(f, have)
	default:
		err = fmt.Errorf("%s: unknown kind %q", spec.ID, spec.Kind)
	}
	if err != nil {
		return nil, err
	}
	return f, nil
}

func labels(sets []*model.Set) string {
	var l []string
	for _, s := range sets {
		l = append(l, s.Label)
	}
	return strings.Join(l, ", ")
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// union lists the platforms of exp in any of the sets, in report order,
// leaving out skip.
func union(sets []*model.Set, exp string, skip string) []string {
	var all []string
	for _, s := range sets {
		for _, p := range s.Platforms(exp) {
			if p != skip && !contains(all, p) {
				all = append(all, p)
			}
		}
	}
	return model.OrderPlatforms(all)
}
