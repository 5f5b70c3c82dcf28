package wazero

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/internal/protocol"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/report/stats"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/native"
)

var (
	benchProfile = flag.String("bench.profile", "quick", "profile whose CPU sizes BenchmarkVersusNative uses")
	benchReps    = flag.Int("bench.reps", 5, "repetitions per CPU test and platform")
	benchStarts  = flag.Int("bench.starts", 20, "noop start-ups per platform")
)

// BenchmarkVersusNative compares the guests on wazero with native, for
// each guest language: per CPU test the ratio of the guest's own kernel
// time (median over repetitions), their geometric mean with a 95 %
// percentile-bootstrap interval (report/stats), and the start-up of the
// noop workload on native and the three wazero platforms, interleaved in
// one run. It is a report, not a timed test; run it once:
//
//	go test ./runners/wazero -run '^$' -bench VersusNative -benchtime 1x
func BenchmarkVersusNative(b *testing.B) {
	root := repoRoot(b)
	prof, err := experiments.LoadProfile(root, *benchProfile)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	langs := []string{dataset.LangC, dataset.LangGo}
	var all []runners.Workload
	for _, l := range langs {
		all = append(all, protocol.Workloads(root, []string{experiments.CPU, experiments.Startup}, []string{l})...)
	}
	nat, err := native.New(native.Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer nat.Close()
	rs := []runners.Runner{nat}
	for _, p := range []string{dataset.Wazero, dataset.WazeroCold, dataset.WazeroInterp} {
		r, err := New(p, Config{Root: root})
		if err != nil {
			b.Fatal(err)
		}
		defer r.Close()
		rs = append(rs, r)
	}
	for _, r := range rs {
		if err := r.Prepare(ctx, all); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for _, lang := range langs {
		cpuVersusNative(b, ctx, root, prof.Sizes, lang, rs[0], rs[1])
		noopStartup(b, ctx, root, lang, rs)
	}
}

// cpuVersusNative prints native and wazero kernel medians per CPU test,
// interleaved, and the geometric mean of their ratios.
func cpuVersusNative(b *testing.B, ctx context.Context, root string, sizes map[string]int64, lang string, nat, wz runners.Runner) {
	fmt.Printf("\nCPU kernels, %s guests, %d reps, median kernel_ms (guest's own timer)\n", lang, *benchReps)
	fmt.Printf("%-10s %10s %10s %7s\n", "test", "native", "wazero", "ratio")
	var pairs []stats.SamplePair
	for _, t := range experiments.CPUTests {
		w := protocol.Workload(root, experiments.CPU, t, lang)
		e, _ := experiments.Lookup(w.Experiment)
		inv := runners.Invocation{Workload: w, Args: []string{strconv.FormatInt(sizes[e.Folder(w.Test)], 10)}, Timeout: 10 * time.Minute}
		var n, z []float64
		for i := 0; i < *benchReps; i++ {
			n = append(n, kernelMS(b, ctx, nat, inv))
			z = append(z, kernelMS(b, ctx, wz, inv))
		}
		fmt.Printf("%-10s %10.2f %10.2f %7.2f\n", t, stats.Median(n), stats.Median(z), stats.Median(z)/stats.Median(n))
		pairs = append(pairs, stats.SamplePair{Name: t, X: z, Y: n})
	}
	gm, err := stats.GeoMeanRatioCI(pairs, stats.DefaultBootstrap)
	if err != nil {
		b.Fatal(err)
	}
	fmt.Printf("geometric mean wazero/native (%s): %.2f (95%% bootstrap CI %.2f–%.2f, %d tests)\n", lang, gm.Estimate, gm.Lo, gm.Hi, len(pairs))
	b.ReportMetric(gm.Estimate, "wazero/native-"+lang)
}

// noopStartup prints the noop start-up of every runner (rotating which
// goes first) with the wazero launcher's phases.
func noopStartup(b *testing.B, ctx context.Context, root, lang string, rs []runners.Runner) {
	noop := protocol.Workload(root, experiments.Startup, "noop", lang)
	fmt.Printf("\nnoop start-up, %s guest, %d runs per platform, medians in ms\n", lang, *benchStarts)
	fmt.Printf("%-14s %8s %8s %8s %9s %8s %9s\n", "platform", "wall", "compile", "instant.", "run", "launcher", "overhead")
	phases := make([]map[string][]float64, len(rs))
	for i := range phases {
		phases[i] = map[string][]float64{}
	}
	inv := runners.Invocation{Workload: noop, Timeout: time.Minute}
	for k := 0; k < *benchStarts; k++ {
		for j := range rs {
			i := (j + k) % len(rs)
			res, err := rs[i].Run(ctx, inv)
			if err != nil {
				b.Fatalf("%s noop: %v", rs[i].Name(), err)
			}
			for _, m := range res.Metrics {
				phases[i][m.Name] = append(phases[i][m.Name], m.Value)
			}
		}
	}
	med := func(xs []float64) string {
		if len(xs) == 0 {
			return "-"
		}
		return strconv.FormatFloat(stats.Median(xs), 'f', 2, 64)
	}
	for i, r := range rs {
		p := phases[i]
		// Overhead: everything but the guest's own run (process start,
		// runtime set-up, compile or cache load, instantiation, exit).
		var over []float64
		for k := range p["run_ms"] {
			over = append(over, p["wall_ms"][k]-p["run_ms"][k])
		}
		fmt.Printf("%-14s %8s %8s %8s %9s %8s %9s\n", r.Name(), med(p["wall_ms"]), med(p["compile_ms"]),
			med(p["instantiate_ms"]), med(p["run_ms"]), med(p["launcher_ms"]), med(over))
	}
	ratio := stats.Median(phases[1]["wall_ms"]) / stats.Median(phases[0]["wall_ms"])
	fmt.Printf("wazero noop start-up / native (%s): %.1fx\n", lang, ratio)
	b.ReportMetric(ratio, "startup-ratio-"+lang)
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
