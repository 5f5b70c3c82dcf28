package wazero

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/internal/testenv"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/build"
	"github.com/edgewasm/edgewasm/runners/internal/launch"
)

// Hand-assembled modules, so the failure tests need no clang.

func section(id byte, payload ...byte) []byte {
	return append([]byte{id, byte(len(payload))}, payload...)
}

func str(s string) []byte { return append([]byte{byte(len(s))}, s...) }

// module assembles sections, in the order of their ids as the binary
// format requires (custom sections aside).
func module(sections ...[]byte) []byte {
	slices.SortStableFunc(sections, func(a, b []byte) int { return int(a[0]) - int(b[0]) })
	b := []byte{0, 'a', 's', 'm', 1, 0, 0, 0}
	for _, s := range sections {
		b = append(b, s...)
	}
	return b
}

// command is a module whose _start (function index fn) has the given body.
func command(fn byte, body []byte, before ...[]byte) []byte {
	code := append([]byte{1, byte(len(body) + 1), 0}, body...)
	export := append(append([]byte{1}, str("_start")...), 0, fn)
	s := append([][]byte{section(1, 2, 0x60, 0, 0, 0x60, 1, 0x7f, 0)}, before...)
	return module(append(s, section(3, 1, 0), section(7, export...), section(10, code...))...)
}

var (
	modUnreachable = command(0, []byte{0x00, 0x0b})
	modLoop        = command(0, []byte{0x03, 0x40, 0x0c, 0x00, 0x0b, 0x0b})
	// i32.load at 70000 with one 64 KiB page of memory.
	modOOB = command(0, []byte{0x41, 0xf0, 0xa2, 0x04, 0x28, 0x02, 0x00, 0x1a, 0x0b}, section(5, 1, 0, 1))
	// proc_exit(7) through the imported WASI function 0.
	modExit7 = command(1, []byte{0x41, 7, 0x10, 0, 0x0b},
		section(2, append(append(append([]byte{1}, str("wasi_snapshot_preview1")...), str("proc_exit")...), 0, 1)...))
	// 100 pages of memory at least: over a 50-page limit.
	modBigMemory = command(0, []byte{0x0b}, section(5, 1, 0, 100))
	modNoStart   = module(section(1, 1, 0x60, 0, 0))
	modGarbage   = []byte("\x00asm\x01\x00\x00\x00\x05\x09")
)

func repoRoot(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// wasmWorkload writes a module into a fresh workload folder.
func wasmWorkload(t *testing.T, name string, wasm []byte) runners.Workload {
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

// cWorkload builds a one-file C program for wasm32-wasi.
func cWorkload(t *testing.T, name, src string) runners.Workload {
	t.Helper()
	testenv.Clang(t)
	w := wasmWorkload(t, name, nil)
	if err := os.WriteFile(filepath.Join(w.Dir, "main.c"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := build.WasmC(context.Background(), build.Tools{}, w.Dir, w.Include, build.ModulePath(w.Dir)); err != nil {
		t.Fatal(err)
	}
	return w
}

func prepared(t *testing.T, platform string, cfg Config, ws ...runners.Workload) *Runner {
	t.Helper()
	cfg.Root = repoRoot(t)
	cfg.BuildDir = filepath.Join(t.TempDir(), "build")
	if cfg.Settle == 0 {
		cfg.Settle = 10 * time.Millisecond
	}
	r, err := New(platform, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := r.Close(); err != nil {
			t.Error(err)
		}
		left, _ := os.ReadDir(cfg.BuildDir)
		if len(left) > 0 {
			t.Errorf("%s left behind in the build dir", left[0].Name())
		}
	})
	if err := r.Prepare(context.Background(), ws); err != nil {
		t.Fatal(err)
	}
	return r
}

func failure(t *testing.T, err error) *runners.Failure {
	t.Helper()
	var f *runners.Failure
	if !errors.As(err, &f) {
		t.Fatalf("want a runners.Failure, got %v", err)
	}
	return f
}

func TestFailures(t *testing.T) {
	ws := map[string]runners.Workload{}
	for name, wasm := range map[string][]byte{"unreachable": modUnreachable, "oob": modOOB, "exit7": modExit7,
		"bigmem": modBigMemory, "nostart": modNoStart, "garbage": modGarbage, "loop": modLoop} {
		ws[name] = wasmWorkload(t, name, wasm)
	}
	var list []runners.Workload
	for _, w := range ws {
		list = append(list, w)
	}
	cases := []struct {
		name, reason, detail string
	}{
		{"unreachable", "trap: unreachable", "wasm stack trace"},
		{"oob", "trap: out of bounds memory access", ""},
		{"exit7", "exit status 7", ""},
		{"bigmem", "compile: section memory: min 100 pages", "over limit of 50 pages"},
		{"nostart", "instantiate: module exports no _start function (not a WASI command)", ""},
		{"garbage", "compile: ", ""},
	}
	for _, platform := range []string{dataset.Wazero, dataset.WazeroCold, dataset.WazeroInterp} {
		t.Run(platform, func(t *testing.T) {
			cases, list := cases, list
			if platform == dataset.Wazero {
				// Prepare compiles every module into the cache: an invalid
				// one is a deployment error naming the file.
				r, _ := New(platform, Config{Root: repoRoot(t), BuildDir: t.TempDir(), MemoryLimitPages: 50})
				defer r.Close()
				err := r.Prepare(context.Background(), list)
				if err == nil || !strings.Contains(err.Error(), "compiling ") {
					t.Fatalf("Prepare with invalid modules: %v", err)
				}
				cases = cases[:3]
				list = []runners.Workload{ws["unreachable"], ws["oob"], ws["exit7"], ws["loop"]}
			}
			r := prepared(t, platform, Config{MemoryLimitPages: 50}, list...)
			ctx := context.Background()
			for _, c := range cases {
				res, err := r.Run(ctx, runners.Invocation{Workload: ws[c.name], Timeout: time.Minute})
				f := failure(t, err)
				if !strings.HasPrefix(f.Reason, c.reason) || !strings.Contains(f.Detail, c.detail) || strings.Contains(f.Reason, "\n") {
					t.Errorf("%s: reason %q detail %q; want reason %q, detail containing %q", c.name, f.Reason, f.Detail, c.reason, c.detail)
				}
				if len(res.Stdout) != 0 {
					t.Errorf("%s: launcher wrote to the guest's stdout: %q", c.name, res.Stdout)
				}
				if _, ok := res.Metric("wall_ms"); !ok {
					t.Errorf("%s: no wall_ms", c.name)
				}
			}
			res, err := r.Run(ctx, runners.Invocation{Workload: ws["loop"], Timeout: 300 * time.Millisecond})
			if f := failure(t, err); f.Reason != "timeout" {
				t.Fatalf("loop: %v", err)
			}
			if _, ok := res.Metric("wall_ms"); !ok {
				t.Fatal("a timed-out invocation lost its wall time")
			}
		})
	}
}

func TestPlatformsRunAndMeasure(t *testing.T) {
	w := cWorkload(t, "probe", `#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static long long mono(void){ struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); return ts.tv_sec*1000000000LL + ts.tv_nsec; }
int main(int argc, char **argv) {
	for (int i = 1; i < argc; i++) printf("arg=%s\n", argv[i]);
	printf("env=%s\n", getenv("HOME") ? getenv("HOME") : "none");
	printf("wall=%lld\n", (long long)time(NULL));
	long long t0 = mono();
	struct timespec d = {0, 30000000};
	nanosleep(&d, NULL);
	printf("slept_ns=%lld\n", mono() - t0);
	printf("etc=%s\n", fopen("/etc/passwd", "r") ? "visible" : "hidden");
	char path[256];
	snprintf(path, sizeof path, "%s/out.txt", argc > 1 ? argv[1] : "/scratch");
	FILE *f = fopen(path, "w");
	if (!f) { fprintf(stderr, "open %s: %s\n", path, strerror(errno)); return 4; }
	fputs("hello", f);
	fclose(f);
	fflush(stdout);
	return 0;
}`)
	for _, platform := range []string{dataset.Wazero, dataset.WazeroCold, dataset.WazeroInterp} {
		t.Run(platform, func(t *testing.T) {
			r := prepared(t, platform, Config{}, w)
			scratch := t.TempDir()
			before := time.Now().Unix()
			res, err := r.Run(context.Background(), runners.Invocation{Workload: w, Timeout: time.Minute,
				Args: []string{runners.ScratchToken}, Scratch: scratch})
			if err != nil {
				t.Fatalf("%v\nstderr: %s", err, res.Stderr)
			}
			out := map[string]string{}
			for _, line := range strings.Split(string(res.Stdout), "\n") {
				if k, v, ok := strings.Cut(line, "="); ok {
					out[k] = v
				}
			}
			if out["arg"] != launch.ScratchGuestPath || out["env"] != "none" || out["etc"] != "hidden" {
				t.Errorf("guest saw arg=%q env=%q etc=%q; want the scratch mount only", out["arg"], out["env"], out["etc"])
			}
			// Real clocks: wazero's fake walltime is fixed in 2022 and its
			// fake nanosleep returns at once.
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
			for _, name := range []string{"wall_ms", "user_ms", "maxrss_kib", "setup_ms", "compile_ms", "instantiate_ms", "run_ms", "launcher_ms", "hwm_kib"} {
				v, ok := res.Metric(name)
				if !ok || v < 0 {
					t.Errorf("metric %s = %v, %v", name, v, ok)
				}
				if strings.HasSuffix(name, "_ms") && name != "wall_ms" && name != "user_ms" && name != "launcher_ms" {
					sum += v
				}
			}
			launcher, _ := res.Metric("launcher_ms")
			wall, _ := res.Metric("wall_ms")
			if run, _ := res.Metric("run_ms"); run < 30 || sum > launcher || launcher > wall {
				t.Errorf("phases inconsistent: run %v, phases %v > launcher %v or launcher > wall %v", run, sum, launcher, wall)
			}
			info := r.Info()
			if info["wazero_version"] == "" || info["wazero_version"] == "unknown" {
				t.Errorf("info: %v", info)
			}
			if sizes := info["module_bytes"].(map[string]int64); sizes[w.ID()] <= 0 {
				t.Errorf("module_bytes: %v", sizes)
			}
			if platform == dataset.Wazero && r.Engine() == EngineCompiler {
				if n, _ := info["cache_bytes"].(int64); n <= 0 {
					t.Errorf("cache_bytes = %v after Prepare", info["cache_bytes"])
				}
			}
		})
	}
}

func TestGuestOutOfMemoryAndExitCodes(t *testing.T) {
	w := cWorkload(t, "oom", `#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
	if (argc > 1) return atoi(argv[1]);
	char *p = malloc(8 << 20);
	if (!p) { fprintf(stderr, "out of memory\n"); return 1; }
	p[argc] = 1;
	printf("allocated %d\n", p[argc] + p[1 << 22]);
	return 0;
}`)
	// 64 pages = 4 MiB: the 8 MiB allocation must fail inside the guest.
	r := prepared(t, dataset.WazeroCold, Config{MemoryLimitPages: 64}, w)
	ctx := context.Background()
	_, err := r.Run(ctx, runners.Invocation{Workload: w, Timeout: time.Minute})
	if f := failure(t, err); f.Reason != "exit status 1" || !strings.Contains(f.Detail, "out of memory") {
		t.Fatalf("oom: %v", err)
	}
	_, err = r.Run(ctx, runners.Invocation{Workload: w, Timeout: time.Minute, Args: []string{"300"}})
	if f := failure(t, err); f.Reason != "exit status 300" {
		t.Fatalf("exit 300: %v", err)
	}
	r2 := prepared(t, dataset.WazeroCold, Config{MemoryLimitPages: 1024}, w)
	if res, err := r2.Run(ctx, runners.Invocation{Workload: w, Timeout: time.Minute}); err != nil || !strings.HasPrefix(string(res.Stdout), "allocated") {
		t.Fatalf("with 64 MiB: %q %v", res.Stdout, err)
	}
}

func TestHold(t *testing.T) {
	idle := cWorkload(t, "idle", `#include <stdio.h>
#include <unistd.h>
int main(void){ char b[64]; puts("ready"); fflush(stdout); while (read(0, b, sizeof b) > 0) {} puts("bye"); return 0; }`)
	mute := wasmWorkload(t, "mute", modLoop)
	r := prepared(t, dataset.Wazero, Config{}, idle, mute)
	res, err := r.Hold(context.Background(), runners.Invocation{Workload: idle, Timeout: time.Minute})
	if err != nil {
		t.Fatalf("%v\nstderr: %s", err, res.Stderr)
	}
	if pss, ok := res.Metric("pss_kib"); !ok || pss <= 0 || pss > 500_000 {
		t.Fatalf("pss = %v (%v)", pss, res.Metrics)
	}
	if n, _ := res.Metric("processes"); n != 1 {
		t.Errorf("processes = %v, want the launcher alone", n)
	}
	if string(res.Stdout) != "ready\nbye\n" {
		t.Errorf("stdout %q: stdin EOF did not reach the guest", res.Stdout)
	}
	if _, ok := res.Metric("run_ms"); !ok {
		t.Error("no run_ms from the launcher report")
	}
	_, err = r.Hold(context.Background(), runners.Invocation{Workload: mute, Timeout: 300 * time.Millisecond})
	if f := failure(t, err); f.Reason != "timeout" {
		t.Fatalf("mute: %v", err)
	}
}

func TestPrepareChecksModules(t *testing.T) {
	w := wasmWorkload(t, "unreachable", modUnreachable)
	if err := build.WriteChecksum(w.Dir); err != nil {
		t.Fatal(err)
	}
	if err := build.VerifyChecksum(w.Dir); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(build.ModulePath(w.Dir), modLoop, 0o644); err != nil {
		t.Fatal(err)
	}
	r, _ := New(dataset.WazeroInterp, Config{Root: repoRoot(t), BuildDir: t.TempDir()})
	defer r.Close()
	err := r.Prepare(context.Background(), []runners.Workload{w})
	if err == nil || !strings.Contains(err.Error(), "make wasm") {
		t.Fatalf("stale module: %v", err)
	}
	missing := runners.Workload{Experiment: "cpu", Test: "x", Lang: dataset.LangGo, Dir: t.TempDir()}
	err = r.Prepare(context.Background(), []runners.Workload{missing})
	if err == nil || !strings.Contains(err.Error(), build.ModuleFile) {
		t.Fatalf("missing module: %v", err)
	}
}

func TestConfigValidate(t *testing.T) {
	for _, c := range []Config{{}, {Root: "/x", MemoryLimitPages: 65537}, {Root: "/x", Settle: -1}} {
		if c.Validate() == nil {
			t.Errorf("%+v: want an error", c)
		}
	}
	if _, err := New("wasmer", Config{Root: "/x"}); err == nil {
		t.Error("unknown platform accepted")
	}
}

// modGrow grows its memory (one page, no maximum) by 100 pages and traps
// when memory.grow fails.
var modGrow = command(0, []byte{0x41, 0xe4, 0x00, 0x40, 0x00, 0x41, 0x7f, 0x46, 0x04, 0x40, 0x00, 0x0b, 0x0b}, section(5, 1, 0, 1))

// The control platform wazero-plain runs wazero with its defaults: the
// guest grows its memory past the limit that stops it on wazero, and the
// launcher gets -plain instead of -max-pages.
func TestPlainHasNoMemoryLimit(t *testing.T) {
	w := wasmWorkload(t, "grow", modGrow)
	ctx := context.Background()
	capped := prepared(t, dataset.Wazero, Config{MemoryLimitPages: 50}, w)
	_, err := capped.Run(ctx, runners.Invocation{Workload: w, Timeout: time.Minute})
	if f := failure(t, err); !strings.HasPrefix(f.Reason, "trap: ") {
		t.Errorf("wazero, 50 pages: %v, want the guest's trap (memory.grow failed)", err)
	}
	plain := prepared(t, dataset.WazeroPlain, Config{MemoryLimitPages: 50}, w)
	if _, err := plain.Run(ctx, runners.Invocation{Workload: w, Timeout: time.Minute}); err != nil {
		t.Errorf("wazero-plain: %v, want memory.grow to succeed", err)
	}
	info := plain.Info()
	flags, _ := info["launcher_flags"].([]string)
	if !slices.Contains(flags, "-plain") || slices.Contains(flags, "-max-pages") || info["sandbox"] == nil || info["memory_limit_pages"] != nil {
		t.Errorf("wazero-plain: launcher_flags %v, sandbox %v, memory_limit_pages %v", flags, info["sandbox"], info["memory_limit_pages"])
	}
	if info := capped.Info(); info["sandbox"] != nil || info["memory_limit_pages"] != uint32(50) {
		t.Errorf("wazero: sandbox %v, memory_limit_pages %v", info["sandbox"], info["memory_limit_pages"])
	}
}
