package wasmrun_test

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/internal/protocol"
	"github.com/edgewasm/edgewasm/internal/testenv"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/build"
	"github.com/edgewasm/edgewasm/runners/internal/launch"
	"github.com/edgewasm/edgewasm/runners/wasmer"
	"github.com/edgewasm/edgewasm/runners/wasmtime"
)

// The same checks for every cgo runtime (Wasmtime, Wasmer Cranelift,
// Wasmer Singlepass), through their runners: sandbox, clocks, phases,
// failures, memory limit, exit codes, Hold, the cache and why they cannot
// serve. (The wazero platforms have their own tests in runners/wazero.)

type runner interface {
	runners.Runner
	runners.Holder
	LauncherPath() string
}

func newRunner(t *testing.T, platform string, pages uint32) runner {
	t.Helper()
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	build := filepath.Join(t.TempDir(), "build")
	var r runner
	switch platform {
	case dataset.Wasmtime, dataset.WasmtimePlain:
		r, err = wasmtime.New(platform, wasmtime.Config{Root: root, BuildDir: build, MemoryLimitPages: pages, Settle: 10 * time.Millisecond})
	default:
		r, err = wasmer.New(platform, wasmer.Config{Root: root, BuildDir: build, MemoryLimitPages: pages, Settle: 10 * time.Millisecond})
	}
	if errors.Is(err, runners.ErrUnavailable) {
		testenv.Missing(t, err.Error())
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := r.Close(); err != nil {
			t.Error(err)
		}
		if left, _ := os.ReadDir(build); len(left) > 0 {
			t.Errorf("%s left behind in the build dir", left[0].Name())
		}
	})
	return r
}

func prepare(t *testing.T, r runner, ws ...runners.Workload) {
	t.Helper()
	if err := r.Prepare(context.Background(), ws); errors.Is(err, runners.ErrUnavailable) {
		testenv.Missing(t, err.Error())
	} else if err != nil {
		t.Fatal(err)
	}
}

// cWorkload builds a one-file C program for wasm32-wasi.
func cWorkload(t *testing.T, name, src string) runners.Workload {
	t.Helper()
	testenv.Clang(t)
	dir := filepath.Join(t.TempDir(), name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.c"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := build.WasmC(context.Background(), build.Tools{}, dir, dir, build.ModulePath(dir)); err != nil {
		t.Fatal(err)
	}
	return runners.Workload{Experiment: "cpu", Test: name, Lang: dataset.LangC, Dir: dir, Include: dir}
}

// rawWorkload writes a hand-assembled module.
func rawWorkload(t *testing.T, name string, wasm []byte) runners.Workload {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(build.ModulePath(dir), wasm, 0o644); err != nil {
		t.Fatal(err)
	}
	return runners.Workload{Experiment: "cpu", Test: name, Lang: dataset.LangC, Dir: dir, Include: dir}
}

func failure(t *testing.T, err error) *runners.Failure {
	t.Helper()
	var f *runners.Failure
	if !errors.As(err, &f) {
		t.Fatalf("want a runners.Failure, got %v", err)
	}
	return f
}

var platforms = []string{dataset.Wasmtime, dataset.Wasmer, dataset.WasmerSinglepass, dataset.WasmerCold}

// cached are the platforms whose Prepare fills a compiled-module cache.
var cached = map[string]bool{dataset.Wasmtime: true, dataset.Wasmer: true, dataset.WasmerSinglepass: true}

const probe = `#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
static long long mono(void){ struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); return ts.tv_sec*1000000000LL + ts.tv_nsec; }
int main(int argc, char **argv) {
	if (argc > 1 && strcmp(argv[1], "exit") == 0) return atoi(argv[2]);
	if (argc > 1 && strcmp(argv[1], "trap") == 0) __builtin_trap();
	if (argc > 1 && strcmp(argv[1], "spin") == 0) for (volatile int i = 0;; i++) {}
	if (argc > 1 && strcmp(argv[1], "idle") == 0) { char b[64]; puts("ready"); fflush(stdout); while (read(0, b, sizeof b) > 0) {} puts("bye"); return 0; }
	if (argc > 1 && strcmp(argv[1], "alloc") == 0) {
		int n = atoi(argv[2]) << 20;
		char *volatile p = malloc(n);
		if (!p) { fprintf(stderr, "out of memory\n"); return 1; }
		memset(p, 1, n);
		printf("allocated %d\n", p[n - 1]);
		return 0;
	}
	printf("arg=%s\n", argv[1]);
	printf("env=%s\n", getenv("HOME") ? getenv("HOME") : "none");
	printf("wall=%lld\n", (long long)time(NULL));
	long long t0 = mono();
	struct timespec d = {0, 30000000};
	nanosleep(&d, NULL);
	printf("slept_ns=%lld\n", mono() - t0);
	printf("etc=%s\n", fopen("/etc/passwd", "r") ? "visible" : "hidden");
	printf("dotdot=%s\n", fopen("/scratch/../../etc/passwd", "r") ? "visible" : "hidden");
	char path[256];
	snprintf(path, sizeof path, "%s/out.txt", argv[1]);
	FILE *f = fopen(path, "w");
	if (!f) { fprintf(stderr, "open %s: %s\n", path, strerror(errno)); return 4; }
	fputs("hello", f);
	fclose(f);
	fflush(stdout);
	return 0;
}`

func TestRuntimes(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds the cgo launchers")
	}
	w := cWorkload(t, "probe", probe)
	nostart := rawWorkload(t, "nostart", []byte("\x00asm\x01\x00\x00\x00\x01\x04\x01\x60\x00\x00"))
	garbage := rawWorkload(t, "garbage", []byte("\x00asm\x01\x00\x00\x00\x05\x09"))
	bigmem := rawWorkload(t, "bigmem", []byte("\x00asm\x01\x00\x00\x00\x05\x04\x01\x00\xc8\x01")) // 200 pages initially
	for _, platform := range platforms {
		t.Run(platform, func(t *testing.T) {
			// 128 pages = 8 MiB.
			r := newRunner(t, platform, 128)
			if cached[platform] {
				// Prepare compiles every module into the cache: an invalid
				// one is a deployment error naming the file; so is, for
				// Wasmer, whose cache holds the module with its memory
				// capped, one that needs more memory than the limit.
				bad := []runners.Workload{garbage}
				if platform != dataset.Wasmtime {
					bad = append(bad, bigmem)
				}
				for _, b := range bad {
					err := r.Prepare(context.Background(), []runners.Workload{b})
					if err == nil || !strings.Contains(err.Error(), "compiling "+build.ModulePath(b.Dir)) {
						t.Fatalf("Prepare with %s: %v", b.Test, err)
					}
				}
				if platform == dataset.Wasmtime {
					prepare(t, r, w, nostart, bigmem)
				} else {
					prepare(t, r, w, nostart)
				}
			} else {
				prepare(t, r, w, nostart, garbage, bigmem)
			}
			ctx := context.Background()
			run := func(args ...string) (runners.Result, error) {
				return r.Run(ctx, runners.Invocation{Workload: w, Timeout: time.Minute, Args: args})
			}

			scratch := t.TempDir()
			before := time.Now().Unix()
			res, err := r.Run(ctx, runners.Invocation{Workload: w, Timeout: time.Minute, Args: []string{runners.ScratchToken}, Scratch: scratch})
			if err != nil {
				t.Fatalf("%v\nstderr: %s", err, res.Stderr)
			}
			out := map[string]string{}
			for _, line := range strings.Split(string(res.Stdout), "\n") {
				if k, v, ok := strings.Cut(line, "="); ok {
					out[k] = v
				}
			}
			if out["arg"] != launch.ScratchGuestPath || out["env"] != "none" || out["etc"] != "hidden" || out["dotdot"] != "hidden" {
				t.Errorf("guest saw arg=%q env=%q etc=%q dotdot=%q; want the scratch mount only", out["arg"], out["env"], out["etc"], out["dotdot"])
			}
			if wall, _ := strconv.ParseInt(out["wall"], 10, 64); wall < before-5 {
				t.Errorf("guest walltime %d, host %d: fake clock", wall, before)
			}
			if slept, _ := strconv.ParseInt(out["slept_ns"], 10, 64); slept < 30_000_000 {
				t.Errorf("guest slept %d ns of 30 ms: fake nanotime or nanosleep", slept)
			}
			if b, err := os.ReadFile(filepath.Join(scratch, "out.txt")); err != nil || string(b) != "hello" {
				t.Errorf("scratch file: %q, %v", b, err)
			}
			var sum float64
			for _, name := range []string{"wall_ms", "maxrss_kib", "setup_ms", "compile_ms", "instantiate_ms", "run_ms", "launcher_ms", "hwm_kib"} {
				v, ok := res.Metric(name)
				if !ok || v < 0 {
					t.Errorf("metric %s = %v, %v", name, v, ok)
				}
				if name == "setup_ms" || name == "compile_ms" || name == "instantiate_ms" || name == "run_ms" {
					sum += v
				}
			}
			launcher, _ := res.Metric("launcher_ms")
			wall, _ := res.Metric("wall_ms")
			if run, _ := res.Metric("run_ms"); run < 30 || sum > launcher || launcher > wall {
				t.Errorf("phases inconsistent: run %v, phases %v > launcher %v or launcher > wall %v", run, sum, launcher, wall)
			}

			_, err = run("exit", "7")
			if f := failure(t, err); f.Reason != "exit status 7" {
				t.Errorf("exit 7: %v", err)
			}
			// Wasmtime refuses WASI exit codes of 126 and above (an
			// engine error, not the guest's code); the others pass them on.
			_, err = run("exit", "300")
			if f := failure(t, err); platform == dataset.Wasmtime && (!strings.HasPrefix(f.Reason, "run: ") || !strings.Contains(f.Detail, "invalid exit status")) ||
				platform != dataset.Wasmtime && f.Reason != "exit status 300" {
				t.Errorf("exit 300: %v", err)
			}
			_, err = run("trap")
			if f := failure(t, err); !strings.HasPrefix(f.Reason, "trap: ") {
				t.Errorf("trap: %v", err)
			}
			_, err = run("alloc", "16")
			if f := failure(t, err); f.Reason != "exit status 1" || !strings.Contains(f.Detail, "out of memory") {
				t.Errorf("16 MiB over an 8 MiB limit: %v", err)
			}
			if res, err := run("alloc", "2"); err != nil || string(res.Stdout) != "allocated 1\n" {
				t.Errorf("2 MiB under an 8 MiB limit: %q %v", res.Stdout, err)
			}
			res, err = r.Run(ctx, runners.Invocation{Workload: w, Timeout: 500 * time.Millisecond, Args: []string{"spin"}})
			if f := failure(t, err); f.Reason != "timeout" {
				t.Errorf("spin: %v", err)
			} else if _, ok := res.Metric("wall_ms"); !ok {
				t.Error("a timed-out invocation lost its wall time")
			}
			for name, want := range map[runners.Workload]string{nostart: "instantiate: ", garbage: "compile: ", bigmem: ""} {
				if name == garbage && cached[platform] || name == bigmem && cached[platform] && platform != dataset.Wasmtime {
					continue
				}
				_, err := r.Run(ctx, runners.Invocation{Workload: name, Timeout: time.Minute})
				if f := failure(t, err); !strings.HasPrefix(f.Reason, want) || strings.Contains(f.Reason, "\n") {
					t.Errorf("%s: %v, want a reason starting %q", name.Test, err, want)
				}
			}

			res, err = r.Hold(ctx, runners.Invocation{Workload: w, Timeout: time.Minute, Args: []string{"idle"}})
			if err != nil {
				t.Fatalf("hold: %v\nstderr: %s", err, res.Stderr)
			}
			if pss, ok := res.Metric("pss_kib"); !ok || pss <= 0 {
				t.Errorf("pss = %v (%v)", pss, res.Metrics)
			}
			if n, _ := res.Metric("processes"); n != 1 || string(res.Stdout) != "ready\nbye\n" {
				t.Errorf("hold: %v processes, stdout %q", n, res.Stdout)
			}

			// No Serve, not even through the embedded wasmrun.Runner: the
			// runner declares why instead.
			if _, ok := r.(runners.Server); ok {
				t.Error("implements runners.Server, but its binding cannot hand a guest a socket")
			}
			if f := runners.Unsupported(r, runners.Serve); !strings.Contains(f.Error(), "unsupported: no WASI socket API in "+
				map[string]string{dataset.Wasmtime: "wasmtime-go", dataset.Wasmer: "wasmer-go", dataset.WasmerSinglepass: "wasmer-go", dataset.WasmerCold: "wasmer-go"}[platform]) {
				t.Errorf("serve: %v", f)
			}

			info := r.Info()
			if v, _ := info[map[string]string{dataset.Wasmtime: "wasmtime", dataset.Wasmer: "wasmer", dataset.WasmerSinglepass: "wasmer", dataset.WasmerCold: "wasmer"}[platform]+"_go_version"].(string); !strings.HasPrefix(v, "v") {
				t.Errorf("no binding version in %v", info)
			}
			if info["compilation_cache"] != cached[platform] {
				t.Errorf("compilation_cache = %v, want %v", info["compilation_cache"], cached[platform])
			}
			if cached[platform] {
				if n, _ := info["cache_bytes"].(int64); n <= 0 {
					t.Errorf("cache_bytes = %v after Prepare", info["cache_bytes"])
				}
				fill, _ := info["cache_fill_compile_ms"].(map[string]float64)
				if fill[w.ID()] <= 0 {
					t.Errorf("cache fill compile time: %v", fill)
				}
			}
			if !slices.Contains(dataset.PlatformNames(), platform) {
				t.Errorf("%s missing from dataset.Platforms", platform)
			}

			// The invocations load the cache: with its files damaged, a
			// start fails instead of compiling.
			if cached[platform] {
				cache := filepath.Join(filepath.Dir(r.LauncherPath()), platform+"-cache")
				files, _ := filepath.Glob(filepath.Join(cache, "*.bin"))
				if len(files) == 0 {
					t.Fatalf("no cached module in %s", cache)
				}
				for _, f := range files {
					if err := os.WriteFile(f, []byte("not a module"), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				_, err := run("exit", "0")
				if f := failure(t, err); !strings.HasPrefix(f.Reason, "compile: ") && !strings.HasPrefix(f.Reason, "deserialize: ") {
					t.Errorf("a start with a damaged cache: %v, want a compile or deserialize failure", err)
				}
			}
		})
	}
}

// TestGoFileIO runs the committed Go fsio guest (os.OpenFile in the
// scratch directory, then reading the file back) on every cgo runtime:
// Go's wasip1 runtime finds the pre-opened directory only when the runtime
// names it exactly (Wasmer 2.x counts a NUL in the name; the launcher
// answers the pre-open queries without it).
func TestGoFileIO(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds the cgo launchers")
	}
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	w := protocol.Workload(root, experiments.FSIO, "write", dataset.LangGo)
	exp, err := experiments.ReadExpected(w.Dir, w.Lang)
	if err != nil {
		t.Fatal(err)
	}
	size := slices.Min(slices.Collect(maps.Keys(exp)))
	for _, platform := range platforms {
		t.Run(platform, func(t *testing.T) {
			r := newRunner(t, platform, 0)
			prepare(t, r, w)
			scratch := t.TempDir()
			file := runners.ScratchToken + "/f.dat"
			for _, args := range [][]string{{"write", file, strconv.FormatInt(size, 10), "4096"}, {"read", file, "4096"}} {
				res, err := r.Run(context.Background(), runners.Invocation{Workload: w, Timeout: time.Minute, Args: args, Scratch: scratch})
				if err != nil {
					t.Fatalf("fsio %s: %v\nstderr: %s", args[0], err, res.Stderr)
				}
				if got := experiments.ParseOutput(res.Stdout)["digest"]; got != exp[size] {
					t.Errorf("fsio %s: digest %q, want %q", args[0], got, exp[size])
				}
			}
		})
	}
}

// TestPlain runs the control platforms (wasmtime-plain, wasmer-plain,
// wasmer-singlepass-plain): their launchers run with -plain, so a guest
// allocates past the limit that stops it on the platform it controls, a
// module whose initial memory exceeds that limit compiles (Wasmer's cache
// holds it under its own tag), the scratch directory is still
// the only one visible to a C guest, and Go's file I/O fails under plain
// Wasmer 2.x (its pre-open names, which the wasmer launcher otherwise
// corrects): why wasmer-plain runs the CPU kernels only.
func TestPlain(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds the cgo launchers")
	}
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	w := cWorkload(t, "probe", probe)
	bigmem := rawWorkload(t, "bigmem", []byte("\x00asm\x01\x00\x00\x00\x05\x04\x01\x00\xc8\x01")) // 200 pages initially
	gofs := protocol.Workload(root, experiments.FSIO, "write", dataset.LangGo)
	exp, err := experiments.ReadExpected(gofs.Dir, gofs.Lang)
	if err != nil {
		t.Fatal(err)
	}
	size := slices.Min(slices.Collect(maps.Keys(exp)))
	for _, platform := range []string{dataset.WasmtimePlain, dataset.WasmerPlain, dataset.WasmerSinglepassPlain} {
		t.Run(platform, func(t *testing.T) {
			r := newRunner(t, platform, 128) // the 8 MiB cap of TestRuntimes, not applied
			prepare(t, r, w, bigmem, gofs)
			ctx := context.Background()
			if res, err := r.Run(ctx, runners.Invocation{Workload: w, Timeout: time.Minute, Args: []string{"alloc", "16"}}); err != nil || string(res.Stdout) != "allocated 1\n" {
				t.Errorf("16 MiB with no cap: %q %v", res.Stdout, err)
			}
			// Prepare compiled it; it has no _start, so a start gets as far
			// as instantiating.
			if _, err := r.Run(ctx, runners.Invocation{Workload: bigmem, Timeout: time.Minute}); !strings.HasPrefix(failure(t, err).Reason, "instantiate: ") {
				t.Errorf("a module of 200 initial pages: %v, want it compiled (no _start: an instantiate failure)", err)
			}
			scratch := t.TempDir()
			res, err := r.Run(ctx, runners.Invocation{Workload: w, Timeout: time.Minute, Args: []string{runners.ScratchToken}, Scratch: scratch})
			if err != nil {
				t.Fatalf("%v\nstderr: %s", err, res.Stderr)
			}
			if !strings.Contains(string(res.Stdout), "etc=hidden") || !strings.Contains(string(res.Stdout), "dotdot=hidden") {
				t.Errorf("guest output %q: want the scratch mount only", res.Stdout)
			}
			if b, err := os.ReadFile(filepath.Join(scratch, "out.txt")); err != nil || string(b) != "hello" {
				t.Errorf("scratch file: %q, %v", b, err)
			}
			_, err = r.Run(ctx, runners.Invocation{Workload: gofs, Timeout: time.Minute, Scratch: t.TempDir(),
				Args: []string{"write", runners.ScratchToken + "/f.dat", strconv.FormatInt(size, 10), "4096"}})
			if wasmerPlain := platform != dataset.WasmtimePlain; (err != nil) != wasmerPlain {
				t.Errorf("Go fsio write: %v (want a failure only under plain Wasmer)", err)
			}
			info := r.Info()
			flags, _ := info["launcher_flags"].([]string)
			if !slices.Contains(flags, "-plain") || slices.Contains(flags, "-max-pages") || info["sandbox"] == nil || info["memory_limit_pages"] != nil {
				t.Errorf("launcher_flags %v, sandbox %v, memory_limit_pages %v", flags, info["sandbox"], info["memory_limit_pages"])
			}
			if platform != dataset.WasmtimePlain {
				files, _ := filepath.Glob(filepath.Join(filepath.Dir(r.LauncherPath()), platform+"-cache", "*-plain.bin"))
				if len(files) != 3 {
					t.Errorf("cache files tagged plain: %v, want the three modules'", files)
				}
			}
		})
	}
}
