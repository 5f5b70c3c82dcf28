package protocol

import (
	"context"
	"math"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/internal/fake"
	"github.com/edgewasm/edgewasm/runners"
)

// A re-run appends, after the run's own plan, the plan of its cells at its
// attempt: their warm-ups and every repetition, an fsio read with its
// write, seq counting on.
func TestPlanReruns(t *testing.T) {
	root := fakeRoot(t)
	p, _ := experiments.LoadProfile(root, "quick")
	cfg := Config{Root: root, Profile: p, Platforms: []string{"a", "b", "c"}, Langs: []string{"c", "go"},
		Experiments: []string{experiments.CPU, experiments.FSIO}}
	own := Plan(cfg)
	cfg.Reruns = []dataset.Rerun{{Attempt: 2, Cells: []dataset.Cell{
		{Experiment: experiments.CPU, Test: "aes", Lang: "go", Platform: "b", Attempt: 1},
		{Experiment: experiments.FSIO, Test: "read", Lang: "c", Platform: "c", Attempt: 1},
	}}}
	all := Plan(cfg)
	if len(all) <= len(own) || !slices.Equal(all[:len(own)], own) {
		t.Fatalf("the run's own plan changed with a re-run")
	}
	last := 0
	for _, st := range own {
		last = max(last, st.Seq)
		if st.Attempt != 1 {
			t.Fatalf("%s: attempt %d in the run's own plan", st, st.Attempt)
		}
	}
	var got []string
	for _, st := range all[len(own):] {
		if st.Attempt != 2 {
			t.Errorf("%s: attempt %d, want 2", st, st.Attempt)
		}
		if !st.Warmup() {
			last++
			if st.Seq != last {
				t.Errorf("%s: seq %d, want %d", st, st.Seq, last)
			}
		}
		got = append(got, st.Experiment+"/"+st.Test+"/"+st.Lang+"/"+st.Platform+"/"+strconv.Itoa(st.Rep))
	}
	want := []string{"cpu/aes/go/b/0"}
	for r := 1; r <= p.Repetitions; r++ {
		want = append(want, "cpu/aes/go/b/"+strconv.Itoa(r))
	}
	for i := 0; i < p.Warmups[experiments.FSIO]; i++ {
		want = append(want, "fsio/write/c/c/0", "fsio/read/c/c/0")
	}
	for r := 1; r <= p.Repetitions; r++ {
		want = append(want, "fsio/write/c/c/"+strconv.Itoa(r), "fsio/read/c/c/"+strconv.Itoa(r))
	}
	if p.Warmups[experiments.CPU] != 1 {
		t.Fatalf("the quick profile's cpu warm-ups changed (%d): update the expected plan", p.Warmups[experiments.CPU])
	}
	if !slices.Equal(got, want) {
		t.Errorf("re-run plan\n  %v\nwant\n  %v", got, want)
	}
	if rs := RerunSteps(cfg, 2); len(rs) != len(want) {
		t.Errorf("RerunSteps: %d steps, want %d", len(rs), len(want))
	}
	k := all[len(all)-1].Key()
	if k.Attempt != 2 || k.String() != "fsio/read/c on c, rep 3, attempt 2" {
		t.Errorf("key %+v %q", k, k)
	}
}

// counters is a scripted machine: every reading adds 10 ms of steal and
// 4 ms of stall; the load is the number of readings so far.
type counters struct {
	n   atomic.Int64
	psi bool
}

func (c *counters) read() Counters {
	n := float64(c.n.Add(1))
	stall := 4 * n
	if !c.psi {
		stall = math.NaN()
	}
	return Counters{StealMS: 10 * n, StallMS: stall, Load1: n}
}

// Every invocation, ok or failed, records the interference rows in its row
// set: the deltas over the invocation and the load at its start; no
// cpu_stall_ms where the kernel has no PSI.
func TestExecuteRecordsInterference(t *testing.T) {
	root := fakeRoot(t)
	p, _ := experiments.LoadProfile(root, "quick")
	p.Warmups = map[string]int{}
	for _, psi := range []bool{true, false} {
		c := &counters{psi: psi}
		fails := func(_ context.Context, inv runners.Invocation, _ bool) (runners.Result, error) {
			return runners.Result{}, runners.Failf("exit status 3", "boom")
		}
		cfg := Config{Root: root, Profile: p, Platforms: []string{"ok", "bad"}, Langs: []string{"c"},
			Experiments: []string{experiments.Startup}, Machine: c.read}
		_, samples := runFake(t, cfg, map[string]runners.Runner{
			"ok":  &fake.Runner{Platform: "ok", Func: honest},
			"bad": &fake.Runner{Platform: "bad", Func: fails}})
		byInv := map[int]map[string]dataset.Sample{}
		for _, s := range samples {
			if byInv[s.Seq] == nil {
				byInv[s.Seq] = map[string]dataset.Sample{}
			}
			byInv[s.Seq][s.Metric] = s
		}
		if len(byInv) != 2*p.Repetitions {
			t.Fatalf("%d invocations", len(byInv))
		}
		for seq, rows := range byInv {
			inv, steal, stall, load := rows[dataset.InvocationMS], rows[dataset.StealMS], rows[dataset.CPUStallMS], rows[dataset.Load1]
			if inv.Value <= 0 || steal.Value != 10 || load.Value != float64(2*seq-1) || steal.SetRows != len(rows) {
				t.Errorf("psi %v, seq %d: invocation %v, steal %v (want 10), load %v (want %d), set_rows %d of %d",
					psi, seq, inv.Value, steal.Value, load.Value, 2*seq-1, steal.SetRows, len(rows))
			}
			if _, ok := rows[dataset.CPUStallMS]; ok != psi || psi && stall.Value != 4 {
				t.Errorf("psi %v, seq %d: cpu_stall_ms %v (present %v)", psi, seq, stall.Value, ok)
			}
			if inv.Platform == "bad" {
				if w, ok := rows[dataset.WallMS]; !ok || !math.IsNaN(w.Value) || inv.Status != dataset.Failed("exit status 3: boom") {
					t.Errorf("failed invocation rows %v", rows)
				}
			}
		}
	}
}

// The baseline is measured at the start, the middle and the end of the
// steps (three repetitions each, verified), not when interrupted.
func TestExecuteBaseline(t *testing.T) {
	root := fakeRoot(t)
	p, _ := experiments.LoadProfile(root, "quick")
	var kernels atomic.Int64
	native := &fake.Runner{Platform: dataset.Native, Func: func(ctx context.Context, inv runners.Invocation, hold bool) (runners.Result, error) {
		r, err := honest(ctx, inv, hold)
		if inv.Workload.Test == "sha256" {
			// 1, 2, 3 ms at the start; 4, 5, 6 in the middle; 7, 8, 9 at the end.
			r.Stdout = []byte("digest=d" + inv.Args[0] + "\nkernel_ns=" + strconv.FormatInt(kernels.Add(1)*1e6, 10) + "\n")
		}
		return r, err
	}}
	size := int64(100 + slices.Index(experiments.CPUTests, "sha256"))
	cfg := Config{Root: root, Profile: p, Platforms: []string{"x"}, Langs: []string{"c"}, Experiments: []string{experiments.Startup},
		Baseline: &Baseline{Runner: native, Experiment: experiments.CPU, Test: "sha256", Lang: dataset.LangC, Size: size, Reps: 3}}
	sum, _ := runFake(t, cfg, map[string]runners.Runner{"x": &fake.Runner{Platform: "x", Func: honest}})
	var ats []string
	var meds []float64
	for _, r := range sum.Baseline {
		ats, meds = append(ats, r.At), append(meds, r.MedianMS)
		if len(r.KernelMS) != 3 || r.Error != "" {
			t.Errorf("reading %+v", r)
		}
	}
	if !slices.Equal(ats, []string{AtStart, AtMiddle, AtEnd}) || !slices.Equal(meds, []float64{2, 5, 8}) {
		t.Fatalf("readings at %v with medians %v", ats, meds)
	}
	if d := Drift(sum.Baseline); d != 3 {
		t.Errorf("drift %v, want (8-2)/2 = 3", d)
	}
	// A failed baseline repetition is said, the others kept.
	liar := &fake.Runner{Platform: dataset.Native, Func: func(ctx context.Context, inv runners.Invocation, hold bool) (runners.Result, error) {
		return runners.Result{Stdout: []byte("digest=wrong\nkernel_ns=1\n")}, nil
	}}
	cfg.Baseline.Runner = liar
	sum, _ = runFake(t, cfg, map[string]runners.Runner{"x": &fake.Runner{Platform: "x", Func: honest}})
	if len(sum.Baseline) != 3 || !math.IsNaN(sum.Baseline[0].MedianMS) || sum.Baseline[0].Error == "" || Drift(sum.Baseline) != 0 {
		t.Errorf("a lying baseline: %+v", sum.Baseline)
	}
}
