package wazero

import (
	"context"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/native"
)

var (
	benchProfile = flag.String("bench.profile", "quick", "profile whose CPU sizes BenchmarkVersusNative uses")
	benchReps    = flag.Int("bench.reps", 5, "repetitions per CPU test and platform")
	benchStarts  = flag.Int("bench.starts", 20, "noop start-ups per platform")
)

// BenchmarkVersusNative compares the C guests on wazero with native: for
// each CPU test, the ratio of the guest's own kernel time (median over
// repetitions), their geometric mean with a 95 % percentile-bootstrap
// confidence interval, and the start-up of the noop workload on native and
// the three wazero platforms, interleaved in one run. It is a report, not a
// timed test; run it once:
//
//	go test ./runners/wazero -run '^$' -bench VersusNative -benchtime 1x
func BenchmarkVersusNative(b *testing.B) {
	root := repoRoot(b)
	prof, err := experiments.LoadProfile(root, *benchProfile)
	if err != nil {
		b.Skip(err)
	}
	ctx := context.Background()
	var cpu []runners.Workload
	for _, t := range experiments.CPUTests {
		w := experiments.Workload(root, experiments.CPU, t, runners.LangC)
		if _, err := os.Stat(ModulePath(w)); err == nil {
			cpu = append(cpu, w)
		}
	}
	noop := experiments.Workload(root, experiments.Startup, "noop", runners.LangC)
	if _, err := os.Stat(ModulePath(noop)); err != nil {
		b.Skip("no startup/noop module yet")
	}
	nat, err := native.New(native.Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer nat.Close()
	rs := []runners.Runner{nat}
	for _, p := range []string{runners.Wazero, runners.WazeroCold, runners.WazeroInterp} {
		r, err := New(p, Config{Root: root})
		if err != nil {
			b.Fatal(err)
		}
		defer r.Close()
		rs = append(rs, r)
	}
	for _, r := range rs {
		if err := r.Prepare(ctx, append([]runners.Workload{noop}, cpu...)); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()

	// CPU: native versus wazero (cached compiler), interleaved.
	fmt.Printf("\nCPU kernels, %s sizes, %d reps, median kernel_ms (guest's own timer)\n", prof.Name, *benchReps)
	fmt.Printf("%-10s %10s %10s %7s\n", "test", "native", "wazero", "ratio")
	var nats, wzs [][]float64
	for _, w := range cpu {
		inv := runners.Invocation{Workload: w, Args: []string{strconv.FormatInt(prof.Sizes[experiments.SizeKey(w.Experiment, w.Test)], 10)}, Timeout: 10 * time.Minute}
		var n, z []float64
		for i := 0; i < *benchReps; i++ {
			n = append(n, kernelMS(b, ctx, rs[0], inv))
			z = append(z, kernelMS(b, ctx, rs[1], inv))
		}
		fmt.Printf("%-10s %10.2f %10.2f %7.2f\n", w.Test, median(n), median(z), median(z)/median(n))
		nats, wzs = append(nats, n), append(wzs, z)
	}
	if len(cpu) > 0 {
		gm, lo, hi := geomeanCI(nats, wzs, 2000, 0.95)
		fmt.Printf("geometric mean wazero/native: %.2f (95%% bootstrap CI %.2f–%.2f, %d tests)\n", gm, lo, hi, len(cpu))
		b.ReportMetric(gm, "wazero/native")
	}

	// Start-up of the noop guest: whole-process wall time.
	fmt.Printf("\nnoop start-up, %d runs per platform, medians in ms\n", *benchStarts)
	fmt.Printf("%-14s %8s %8s %8s %9s %8s %9s\n", "platform", "wall", "compile", "instant.", "run", "launcher", "overhead")
	walls := make([][]float64, len(rs))
	phases := make([]map[string][]float64, len(rs))
	for i := range phases {
		phases[i] = map[string][]float64{}
	}
	inv := runners.Invocation{Workload: noop, Timeout: time.Minute}
	for k := 0; k < *benchStarts; k++ {
		for j := range rs {
			i := (j + k) % len(rs) // rotate which platform goes first
			res, err := rs[i].Run(ctx, inv)
			if err != nil {
				b.Fatalf("%s noop: %v", rs[i].Name(), err)
			}
			for _, m := range res.Metrics {
				phases[i][m.Name] = append(phases[i][m.Name], m.Value)
			}
			walls[i] = append(walls[i], phases[i]["wall_ms"][len(phases[i]["wall_ms"])-1])
		}
	}
	for i, r := range rs {
		p := phases[i]
		// Overhead: everything but the guest's own run (process start,
		// runtime set-up, compile or cache load, instantiation, exit).
		over := make([]float64, len(p["run_ms"]))
		for k := range over {
			over[k] = p["wall_ms"][k] - p["run_ms"][k]
		}
		fmt.Printf("%-14s %8.2f %8s %8s %9s %8s %9s\n", r.Name(), median(walls[i]), med(p["compile_ms"]),
			med(p["instantiate_ms"]), med(p["run_ms"]), med(p["launcher_ms"]), med(over))
	}
	fmt.Printf("wazero noop start-up / native: %.1fx\n", median(walls[1])/median(walls[0]))
	b.ReportMetric(median(walls[1])/median(walls[0]), "startup-ratio")
}

func kernelMS(b *testing.B, ctx context.Context, r runners.Runner, inv runners.Invocation) float64 {
	res, err := r.Run(ctx, inv)
	if err != nil {
		b.Fatalf("%s %s: %v", r.Name(), inv.Workload.ID(), err)
	}
	ns, err := strconv.ParseInt(experiments.ParseOutput(res.Stdout)["kernel_ns"], 10, 64)
	if err != nil {
		b.Fatalf("%s %s: no kernel_ns in %q", r.Name(), inv.Workload.ID(), res.Stdout)
	}
	return float64(ns) / 1e6
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Sorted(slices.Values(xs))
	if n := len(s); n%2 == 1 {
		return s[n/2]
	} else {
		return (s[n/2-1] + s[n/2]) / 2
	}
}

func med(xs []float64) string {
	if len(xs) == 0 {
		return "-"
	}
	return strconv.FormatFloat(median(xs), 'f', 2, 64)
}

// geomeanCI returns the geometric mean over tests of median(b)/median(a)
// and its percentile-bootstrap confidence interval (Efron & Tibshirani
// 1993, ch. 13): each resample redraws every test's repetitions with
// replacement, on both platforms, and recomputes the geometric mean.
func geomeanCI(a, b [][]float64, iters int, level float64) (gm, lo, hi float64) {
	geo := func(pick func([]float64) []float64) float64 {
		var s float64
		for i := range a {
			s += math.Log(median(pick(b[i])) / median(pick(a[i])))
		}
		return math.Exp(s / float64(len(a)))
	}
	gm = geo(func(x []float64) []float64 { return x })
	rng := rand.New(rand.NewPCG(2020, 1))
	resample := func(x []float64) []float64 {
		out := make([]float64, len(x))
		for i := range out {
			out[i] = x[rng.IntN(len(x))]
		}
		return out
	}
	boot := make([]float64, iters)
	for i := range boot {
		boot[i] = geo(resample)
	}
	slices.Sort(boot)
	alpha := (1 - level) / 2
	return gm, boot[int(alpha*float64(iters))], boot[int((1-alpha)*float64(iters))-1]
}

func TestGeomeanCI(t *testing.T) {
	// Two tests, wazero exactly 2x and 8x slower: geomean 4, and a CI that
	// collapses onto it because every resample gives the same medians.
	a := [][]float64{{1, 1, 1}, {1, 1, 1}}
	b := [][]float64{{2, 2, 2}, {8, 8, 8}}
	gm, lo, hi := geomeanCI(a, b, 200, 0.95)
	if math.Abs(gm-4) > 1e-12 || math.Abs(lo-4) > 1e-12 || math.Abs(hi-4) > 1e-12 {
		t.Fatalf("gm %v CI %v–%v, want 4", gm, lo, hi)
	}
	b[0] = []float64{1, 2, 3, 4, 30}
	gm, lo, hi = geomeanCI(a, b, 2000, 0.95)
	// The first ratio's median lies in [1, 30]; the second is 8.
	if math.Abs(gm-math.Sqrt(8*3)) > 1e-12 || !(lo < gm && gm < hi) || lo < math.Sqrt(8*1)-1e-12 || hi > math.Sqrt(8*30)+1e-12 {
		t.Fatalf("gm %v CI %v–%v", gm, lo, hi)
	}
}
