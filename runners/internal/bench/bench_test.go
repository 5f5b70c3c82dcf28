package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/internal/protocol"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/report/stats"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/build"
	"github.com/edgewasm/edgewasm/runners/docker"
	"github.com/edgewasm/edgewasm/runners/internal/proc"
	"github.com/edgewasm/edgewasm/runners/native"
)

// Rounds of the comparison: each round runs hyperfine on a block of runs,
// then edgewasm on as many, so drift of the machine hits both alike; the
// native ratio is the median of the rounds' ratios, which a busy machine
// that changes load between rounds moves less than pooled medians.
const (
	nativeRounds, nativeRuns = 40, 15
	dockerRounds, dockerRuns = 4, 3
)

// BenchmarkHarness compares edgewasm with hyperfine -N, the tool a reader
// would check start-up times with, on the same workloads in one run:
//
//   - the native C noop: edgewasm's wall_ms (the native runner, through
//     the ewspawn shim) against hyperfine's time of the same binary; the
//     target is a median ratio within 0.95–1.05;
//   - Docker: edgewasm's wall_ms through the Engine API and its cli_ms
//     (`docker run --rm`, through the shim) against hyperfine's time of the
//     same `docker run --rm` line; the API must be below the CLI;
//   - the harness's own CPU time while a one-second workload runs (it
//     must not spin).
//
// Run it with `make bench-harness`, or
//
//	go test -run '^$' -bench Harness -benchtime 1x -v ./runners/internal/bench
func BenchmarkHarness(b *testing.B) {
	hf, err := exec.LookPath("hyperfine")
	if err != nil {
		b.Fatal("hyperfine is not on PATH: install it (Debian, Ubuntu, Raspberry Pi OS: apt-get install hyperfine; elsewhere: cargo install hyperfine)")
	}
	ctx := b.Context()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		b.Fatal(err)
	}
	w := protocol.Workload(root, experiments.Startup, "noop", dataset.LangC)
	inv := runners.Invocation{Workload: w, Timeout: time.Minute}
	if la, err := os.ReadFile("/proc/loadavg"); err == nil {
		b.Logf("load average before: %s (a loaded machine widens every ratio)", strings.TrimSpace(string(la)))
	}
	for range b.N {
		benchNative(ctx, b, hf, w, inv)
		benchDocker(ctx, b, hf, w, inv)
		benchIdle(ctx, b)
	}
}

func benchNative(ctx context.Context, b *testing.B, hf string, w runners.Workload, inv runners.Invocation) {
	dir := b.TempDir()
	nat, err := native.New(native.Config{BuildDir: dir})
	if err != nil {
		b.Fatal(err)
	}
	defer nat.Close()
	if err := nat.Prepare(ctx, []runners.Workload{w}); err != nil {
		b.Fatal(err)
	}
	// The binary the native runner built (its naming: the workload ID).
	bin := filepath.Join(dir, strings.ReplaceAll(w.ID(), "/", "-"))
	if _, err := os.Stat(bin); err != nil {
		b.Fatalf("the native runner's binary: %v", err)
	}
	var edge, hyper, ratios []float64
	for range nativeRounds {
		hr := hyperfine(ctx, b, hf, nativeRuns, 3, []string{bin})
		if _, err := nat.Run(ctx, inv); err != nil { // warm-up, as hyperfine's
			b.Fatal(err)
		}
		var er []float64
		for range nativeRuns {
			res, err := nat.Run(ctx, inv)
			if err != nil {
				b.Fatal(err)
			}
			er = append(er, metric(b, res, "wall_ms"))
		}
		ratios = append(ratios, stats.Median(er)/stats.Median(hr))
		edge, hyper = append(edge, er...), append(hyper, hr...)
	}
	e, h, r := stats.Median(edge), stats.Median(hyper), stats.Median(ratios)
	b.ReportMetric(e, "native-edgewasm-ms")
	b.ReportMetric(h, "native-hyperfine-ms")
	b.ReportMetric(r, "native-ratio")
	verdict := "within"
	if r < 0.95 || r > 1.05 {
		verdict = "OUTSIDE"
	}
	b.Logf("native noop: edgewasm median %.3f ms, hyperfine -N median %.3f ms (n=%d each); median of %d rounds' ratios %.3f, %s the 0.95–1.05 target",
		e, h, len(edge), len(ratios), r, verdict)
}

func benchDocker(ctx context.Context, b *testing.B, hf string, w runners.Workload, inv runners.Invocation) {
	d, err := docker.New(ctx, docker.Config{})
	if err != nil {
		if errors.Is(err, runners.ErrUnavailable) {
			b.Logf("docker: skipped: %v", err)
			return
		}
		b.Fatal(err)
	}
	defer d.Close()
	if err := d.Prepare(ctx, []runners.Workload{w}); err != nil {
		b.Fatal(err)
	}
	line, err := d.CLICommand(inv)
	if err != nil {
		b.Logf("docker: skipped: %v", err)
		return
	}
	inv.TimeCLI = true
	var api, cli, hyper []float64
	for range dockerRounds {
		hyper = append(hyper, hyperfine(ctx, b, hf, dockerRuns, 1, line)...)
		if _, err := d.Run(ctx, inv); err != nil { // warm-up
			b.Fatal(err)
		}
		for range dockerRuns {
			res, err := d.Run(ctx, inv)
			if err != nil {
				b.Fatal(err)
			}
			api = append(api, metric(b, res, "wall_ms"))
			cli = append(cli, metric(b, res, "cli_ms"))
		}
	}
	a, c, h := stats.Median(api), stats.Median(cli), stats.Median(hyper)
	b.ReportMetric(a, "docker-api-ms")
	b.ReportMetric(c, "docker-cli-ms")
	b.ReportMetric(h, "docker-cli-hyperfine-ms")
	b.ReportMetric(a/c, "docker-api/cli")
	b.ReportMetric(c/h, "docker-cli-ratio")
	verdict := "below"
	if a >= c {
		verdict = "NOT below"
	}
	b.Logf("docker noop: API median %.1f ms, CLI (edgewasm, shim) %.1f ms, CLI (hyperfine -N) %.1f ms (n=%d each): API/CLI %.2f, %s the CLI; CLI edgewasm/hyperfine %.3f",
		a, c, h, len(api), a/c, verdict, c/h)
}

// benchIdle measures the harness's CPU time (user+sys of this process,
// every thread) while a one-second workload runs through proc.Measure.
func benchIdle(ctx context.Context, b *testing.B) {
	sp, err := proc.NewSpawner(ctx, build.Tools{}, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command("/bin/sleep", "1")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	before := selfCPU(b)
	res, err := proc.Measure(ctx, sp, cmd, time.Minute)
	after := selfCPU(b)
	if err != nil {
		b.Fatal(err)
	}
	cpu := float64(after-before) / 1e6
	b.ReportMetric(cpu, "idle-harness-cpu-ms")
	b.Logf("idle: the harness used %.2f ms of CPU while a %.0f ms workload ran", cpu, metric(b, res, "wall_ms"))
}

// selfCPU is this process's user+system time.
func selfCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func metric(b *testing.B, res runners.Result, name string) float64 {
	v, ok := res.Metric(name)
	if !ok {
		b.Fatalf("no %s in %v", name, res.Metrics)
	}
	return v
}

// hyperfine times argv with hyperfine -N (no shell) and returns each run's
// wall time in ms.
func hyperfine(ctx context.Context, b *testing.B, hf string, runs, warmup int, argv []string) []float64 {
	out := filepath.Join(b.TempDir(), "hyperfine.json")
	quoted := make([]string, len(argv))
	for i, a := range argv {
		quoted[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	cmd := exec.CommandContext(ctx, hf, "-N", "--style", "none", "--runs", fmt.Sprint(runs), "--warmup", fmt.Sprint(warmup),
		"--export-json", out, strings.Join(quoted, " "))
	if msg, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("hyperfine: %v: %s", err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		b.Fatal(err)
	}
	var rep struct {
		Results []struct {
			Times []float64 `json:"times"`
		} `json:"results"`
	}
	if err := json.Unmarshal(data, &rep); err != nil || len(rep.Results) != 1 {
		b.Fatalf("%s: want hyperfine's JSON with one result: %v", out, err)
	}
	ms := make([]float64, len(rep.Results[0].Times))
	for i, s := range rep.Results[0].Times {
		ms[i] = s * 1e3
	}
	return ms
}
