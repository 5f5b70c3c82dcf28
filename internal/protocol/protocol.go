package protocol

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/edgewasm/edgewasm/experiments"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments/peer"
	"github.com/edgewasm/edgewasm/runners"
)

// Config selects what a run measures.
type Config struct {
	Root        string // repository root (holds experiments/)
	Profile     dataset.Profile
	Platforms   []string
	Langs       []string
	Experiments []string
	// Scratch is a host directory for fsio files; each repetition writes a
	// distinct file there, removed after it has been read back.
	Scratch string
	// Expected holds the digests of the verified workloads by workload ID,
	// as CheckInputs read them before the run wrote anything; a workload
	// missing here is read when first needed.
	Expected map[string]experiments.Expected
	// Peer runs the transfers of network tests; nil means peer.Local().
	Peer peer.Peer
	// ListenHost is the address network workloads listen on: where Peer
	// reaches this machine ("" means 127.0.0.1, for the built-in peer).
	ListenHost string
	// Machine reads the machine's contention counters before and after
	// each invocation (nil: only invocation_ms is recorded); see Counters.
	Machine func() Counters
	// Baseline, when set, is re-measured at the start, the middle and the
	// end of Execute (Summary.Baseline).
	Baseline *Baseline
	// Reruns are the dataset's recorded re-runs (run --rerun-warned): Plan
	// appends, after the run's own plan, each one's cells at its attempt.
	Reruns []dataset.Rerun
}

// Counters are cumulative machine-wide contention counters at one moment
// (NaN: unknown): their differences over an invocation become its
// steal_ms and cpu_stall_ms rows, Load1 at its start its load1 row.
type Counters struct {
	StealMS, StallMS, Load1 float64
}

// Step is one planned invocation. Rep 0 is an unrecorded warm-up.
type Step struct {
	Experiment, Test, Lang, Platform string
	Rep                              int
	Size                             int64
	// Seq numbers the recorded steps of the plan from 1 in execution order
	// (0 for warm-ups); it is the seq column, so a resumed run gives each
	// invocation the number it would have had in an uninterrupted one.
	Seq int
	// Attempt is 1 for the run's own plan, n for the steps of a re-run
	// (Config.Reruns); the attempt column.
	Attempt int
}

// Key identifies one recorded invocation: the row set of a dataset.
type Key struct {
	Experiment, Test, Lang, Platform string
	Rep                              int
	Attempt                          int // ≥ 1
}

// Key returns the step's key.
func (s Step) Key() Key {
	return Key{s.Experiment, s.Test, s.Lang, s.Platform, s.Rep, max(s.Attempt, 1)}
}

// KeyOf returns the key of the invocation a sample belongs to.
func KeyOf(s dataset.Sample) Key {
	return Key{s.Experiment, s.Test, s.Lang, s.Platform, s.Rep, s.AttemptOf()}
}

func (k Key) String() string {
	s := fmt.Sprintf("%s/%s/%s on %s, rep %d", k.Experiment, k.Test, k.Lang, k.Platform, k.Rep)
	if k.Attempt > 1 {
		s += fmt.Sprintf(", attempt %d", k.Attempt)
	}
	return s
}

// Warmup reports whether the step is an unrecorded warm-up.
func (s Step) Warmup() bool { return s.Rep == 0 }

func (s Step) String() string {
	rep := "warm-up"
	if !s.Warmup() {
		rep = "rep " + strconv.Itoa(s.Rep)
	}
	if s.Attempt > 1 {
		rep += ", attempt " + strconv.Itoa(s.Attempt)
	}
	return fmt.Sprintf("%s/%s/%s on %s, %s", s.Experiment, s.Test, s.Lang, s.Platform, rep)
}

// Plan lists every invocation of a run in execution order: for each
// experiment, test and language, the warm-ups on every platform, then the
// repetitions, each repetition on every platform before the next starts
// (the platform order rotates by one per repetition, so no platform always
// runs first). The tests of a FilePair experiment form one group: each
// repetition writes a file on a platform, then reads it back there.
//
// Each recorded re-run (Config.Reruns) follows, in order: the same plan
// restricted to its cells, at its attempt (a cell of a FilePair
// experiment brings the other tests of its group along). Seq goes on
// counting, so every row set of the dataset has its own.
func Plan(cfg Config) []Step {
	steps := plan(cfg, 1, nil)
	for _, r := range cfg.Reruns {
		cells := map[dataset.Cell]bool{}
		for _, c := range r.Cells {
			c.Attempt = 0
			cells[c] = true
		}
		steps = append(steps, plan(cfg, r.Attempt, cells)...)
	}
	seq := 0
	for i := range steps {
		if !steps[i].Warmup() {
			seq++
			steps[i].Seq = seq
		}
	}
	return steps
}

// RerunSteps returns the steps of Plan(cfg) at attempt.
func RerunSteps(cfg Config, attempt int) []Step {
	var out []Step
	for _, s := range Plan(cfg) {
		if s.Attempt == attempt {
			out = append(out, s)
		}
	}
	return out
}

// plan is the plan at attempt; with cells, only the groups that hold one
// of them (Attempt ignored), on the platforms they name.
func plan(cfg Config, attempt int, cells map[dataset.Cell]bool) []Step {
	p := cfg.Profile
	var steps []Step
	for _, name := range cfg.Experiments {
		e, _ := experiments.Lookup(name)
		groups := [][]string{}
		if e.FilePair {
			groups = append(groups, e.TestNames())
		} else {
			for _, t := range e.Tests {
				groups = append(groups, []string{t.Name})
			}
		}
		for _, g := range groups {
			for _, l := range cfg.Langs {
				platforms := cfg.Platforms
				if cells != nil {
					platforms = nil
					for _, pl := range cfg.Platforms {
						if slices.ContainsFunc(g, func(t string) bool {
							return cells[dataset.Cell{Experiment: name, Test: t, Lang: l, Platform: pl}]
						}) {
							platforms = append(platforms, pl)
						}
					}
					if len(platforms) == 0 {
						continue
					}
				}
				add := func(platform string, rep int) {
					if !e.OnPlatform(platform) {
						return
					}
					for _, t := range g {
						steps = append(steps, Step{Experiment: name, Test: t, Lang: l, Platform: platform,
							Rep: rep, Size: p.Sizes[e.SizeKey(t)], Attempt: attempt})
					}
				}
				for i := 0; i < p.Warmups[name]; i++ {
					for _, pl := range platforms {
						add(pl, 0)
					}
				}
				for r := 1; r <= p.Repetitions; r++ {
					order := platforms
					if p.Interleave {
						k := (r - 1) % len(order)
						order = append(append([]string{}, order[k:]...), order[:k]...)
					}
					for _, pl := range order {
						add(pl, r)
					}
				}
			}
		}
	}
	return steps
}

// Event reports one finished step to a progress display.
type Event struct {
	Index, Total int
	Step         Step
	Status       string
	Elapsed      time.Duration
}

// Summary counts what a run produced.
type Summary struct {
	Invocations int            // recorded invocations
	Failed      int            // recorded invocations that failed
	Reasons     map[string]int // failure status → count
	Warnings    []string       // e.g. failed warm-ups
	Interrupted bool
	// Baseline holds the readings of Config.Baseline, in order.
	Baseline []dataset.BaselineReading
}

// Execute runs steps (the plan of cfg, Plan, or what a resumed run has
// left of it) on the given runners (keyed by platform name), verifying
// each output and appending the samples of each recorded invocation to w
// as soon as it completes. A failed invocation is recorded with status
// failed:<reason> and the run goes on. When ctx is cancelled the
// invocation in flight is recorded as failed:interrupted and Execute
// returns with Summary.Interrupted set. Only a failure to write the data
// is returned as an error.
func Execute(ctx context.Context, cfg Config, steps []Step, rs map[string]runners.Runner, w *dataset.Writer, progress func(Event)) (Summary, error) {
	sum := Summary{Reasons: map[string]int{}}
	expected := map[string]experiments.Expected{}
	for id, exp := range cfg.Expected {
		expected[id] = exp
	}
	written := map[string]string{} // fsio: lang/platform/rep → file written
	machine := cfg.Machine
	if machine == nil {
		machine = func() Counters { return Counters{math.NaN(), math.NaN(), math.NaN()} }
	}
	baseline := func(at string) {
		if cfg.Baseline != nil && ctx.Err() == nil {
			sum.Baseline = append(sum.Baseline, cfg.Baseline.measure(ctx, cfg, at))
		}
	}
	baseline(AtStart)
	for i, st := range steps {
		if ctx.Err() != nil {
			sum.Interrupted = true
			break
		}
		if i == len(steps)/2 && i > 0 {
			baseline(AtMiddle)
		}
		e, _ := experiments.Lookup(st.Experiment)
		wl := Workload(cfg.Root, st.Experiment, st.Test, st.Lang)
		exp, ok := expected[wl.ID()]
		if !ok && e.Verified {
			var err error
			if exp, err = experiments.ReadExpected(wl.Dir, wl.Lang); err != nil {
				return sum, fmt.Errorf("expected digests of %s: %w", wl.ID(), err)
			}
			expected[wl.ID()] = exp
		}
		before := machine()
		start := time.Now()
		res, status := invoke(ctx, cfg, rs[st.Platform], e, wl, st, exp, written)
		it := interference{elapsed: time.Since(start), before: before, after: machine()}
		if ctx.Err() != nil {
			status = dataset.Failed(dataset.ReasonInterrupted)
			sum.Interrupted = true
		}
		if progress != nil {
			progress(Event{Index: i + 1, Total: len(steps), Step: st, Status: status, Elapsed: time.Since(start)})
		}
		if st.Warmup() {
			if status != dataset.StatusOK {
				sum.Warnings = append(sum.Warnings, fmt.Sprintf("warm-up %s: %s", st, status))
			}
			continue
		}
		if err := w.Write(samples(e, st, res, status, start, it)...); err != nil {
			return sum, fmt.Errorf("writing samples: %w", err)
		}
		sum.Invocations++
		if status != dataset.StatusOK {
			sum.Failed++
			sum.Reasons[status]++
		}
		if sum.Interrupted {
			break
		}
	}
	if !sum.Interrupted && len(steps) > 0 {
		baseline(AtEnd)
	}
	return sum, nil
}

// interference is what the protocol saw of the machine around one
// invocation.
type interference struct {
	elapsed       time.Duration
	before, after Counters
}

// rows returns the interference metrics: invocation_ms always, the
// deltas of steal and stall and the load at the start where known.
func (it interference) rows() []runners.Metric {
	out := []runners.Metric{{Name: dataset.InvocationMS, Value: float64(it.elapsed) / 1e6, Unit: dataset.UnitMS}}
	delta := func(name string, a, b float64) {
		if d := b - a; !math.IsNaN(d) && d >= 0 {
			out = append(out, runners.Metric{Name: name, Value: d, Unit: dataset.UnitMS})
		}
	}
	delta(dataset.StealMS, it.before.StealMS, it.after.StealMS)
	delta(dataset.CPUStallMS, it.before.StallMS, it.after.StallMS)
	if l := it.before.Load1; !math.IsNaN(l) && l >= 0 {
		out = append(out, runners.Metric{Name: dataset.Load1, Value: l, Unit: dataset.UnitCount})
	}
	return out
}

// invoke runs one step and decides its status.
func invoke(ctx context.Context, cfg Config, r runners.Runner, e experiments.Experiment, wl runners.Workload, st Step, exp experiments.Expected, written map[string]string) (runners.Result, string) {
	if r == nil {
		return runners.Result{}, dataset.Failed("platform not prepared")
	}
	t, _ := e.Test(st.Test)
	inv := runners.Invocation{Workload: wl, Timeout: cfg.Profile.Timeout.D(), TimeCLI: e.TimeCLI}
	if e.Scratch {
		inv.Scratch = cfg.Scratch
	}
	file, key, writer := "", "", false
	if e.FilePair {
		key = st.Lang + "/" + st.Platform + "/" + strconv.Itoa(st.Rep)
		name := fmt.Sprintf("%s-%s-%s-%d.dat", e.Name, st.Lang, st.Platform, st.Rep)
		path := filepath.Join(cfg.Scratch, name)
		file = runners.ScratchToken + "/" + name
		tests := e.TestNames()
		if writer = st.Test == tests[0]; writer {
			written[key] = path
		} else {
			if _, ok := written[key]; !ok {
				return runners.Result{}, dataset.Failed("no file: the write step of this repetition failed")
			}
			if st.Test == tests[len(tests)-1] {
				delete(written, key)
				defer os.Remove(path)
			}
			if _, err := os.Stat(path); err != nil {
				return runners.Result{}, dataset.Failed("no file: the write step of this repetition failed")
			}
			// Defeat the page cache: the thesis read a file other than the
			// one just written; we evict the written file's pages instead.
			if err := EvictFile(path); err != nil {
				return runners.Result{}, dataset.Failed("evicting page cache: " + err.Error())
			}
		}
	}
	inv.Args = expandArgs(t.Args, st.Size, cfg.Profile.FSIOBlock, file, lifetime(cfg.Profile))
	var res runners.Result
	var err error
	switch {
	case e.Network:
		res, err = runNetwork(ctx, cfg, r, inv, e, t, st)
	case e.Resident:
		if h, ok := r.(runners.Holder); ok {
			res, err = h.Hold(ctx, inv)
		} else {
			err = runners.Unsupported(r, runners.Hold)
		}
	default:
		res, err = r.Run(ctx, inv)
	}
	status := dataset.StatusOK
	var f *runners.Failure
	switch {
	case errors.As(err, &f):
		status = dataset.Failed(f.Error())
	case err != nil:
		status = dataset.Failed(err.Error())
	default:
		status = verify(e, st, res, exp)
	}
	if writer && status != dataset.StatusOK {
		// A failed write leaves nothing to read: the reads fail too.
		os.Remove(written[key])
		delete(written, key)
	}
	return res, status
}

// lifetime is how long a server workload may live, in seconds: the
// profile's timeout (after which the runner kills it) plus a minute.
func lifetime(p dataset.Profile) int64 {
	return int64(math.Ceil(p.Timeout.D().Seconds())) + 60
}

// expandArgs fills a test's argument template.
func expandArgs(tmpl []string, size, block int64, file string, life int64) []string {
	out := make([]string, len(tmpl))
	r := strings.NewReplacer("{size}", strconv.FormatInt(size, 10), "{block}", strconv.FormatInt(block, 10), "{file}", file,
		"{lifetime}", strconv.FormatInt(life, 10))
	for i, a := range tmpl {
		out[i] = r.Replace(a)
	}
	return out
}

// verify checks a successful invocation's output against the contract: a
// Verified program's digest for the size, its kernel time, and, when it
// reports the bytes it processed, that they are the size.
func verify(e experiments.Experiment, st Step, res runners.Result, exp experiments.Expected) string {
	if !e.Verified {
		return dataset.StatusOK
	}
	out := experiments.ParseOutput(res.Stdout)
	want, ok := exp[st.Size]
	switch {
	case !ok:
		return dataset.Failed(fmt.Sprintf("unverified: no expected digest for size %d", st.Size))
	case out["digest"] == "":
		return dataset.Failed("no digest in output: " + runners.Tail(res.Stdout, 120))
	case out["digest"] != want:
		return dataset.Failed(fmt.Sprintf("digest mismatch: got %s want %s", out["digest"], want))
	}
	if _, err := strconv.ParseInt(out["kernel_ns"], 10, 64); err != nil {
		return dataset.Failed("no kernel_ns in output")
	}
	if b, ok := out["bytes"]; ok && b != strconv.FormatInt(st.Size, 10) {
		return dataset.Failed(fmt.Sprintf("bytes %q, want %d", b, st.Size))
	}
	return dataset.StatusOK
}

// samples turns one invocation into rows. A Verified program's own kernel
// time is added as kernel_ms. A failed invocation whose platform measured
// nothing still leaves a wall_ms row (empty), so no failure goes
// unrecorded. The interference rows (invocation_ms, steal_ms,
// cpu_stall_ms, load1) come last, on every invocation.
func samples(e experiments.Experiment, st Step, res runners.Result, status string, start time.Time, it interference) []dataset.Sample {
	mk := func(name string, v float64, unit string) dataset.Sample {
		return dataset.Sample{Experiment: st.Experiment, Test: st.Test, Lang: st.Lang, Platform: st.Platform,
			Rep: st.Rep, Metric: name, Value: v, Unit: unit, Status: status, Size: st.Size, Seq: st.Seq, Started: start,
			Attempt: max(st.Attempt, 1)}
	}
	var out []dataset.Sample
	for _, m := range res.Metrics {
		out = append(out, mk(m.Name, m.Value, m.Unit))
	}
	if ns, err := strconv.ParseInt(experiments.ParseOutput(res.Stdout)["kernel_ns"], 10, 64); err == nil && e.Verified {
		out = append(out, mk(dataset.KernelMS, float64(ns)/1e6, dataset.UnitMS))
	}
	if len(out) == 0 {
		out = append(out, mk(dataset.WallMS, math.NaN(), dataset.UnitMS))
	}
	for _, m := range it.rows() {
		if !slices.ContainsFunc(out, func(s dataset.Sample) bool { return s.Metric == m.Name }) {
			out = append(out, mk(m.Name, m.Value, m.Unit))
		}
	}
	for i := range out {
		out[i].SetRows = len(out)
	}
	return out
}
