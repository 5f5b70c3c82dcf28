package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
	"github.com/tetratelabs/wazero/sys"
	"golang.org/x/sys/cpu"
)

// ScratchGuestPath is where the -mount directory appears in the guest.
const ScratchGuestPath = "/scratch"

// exitEngine is the exit status when wazero, not the guest, failed.
const exitEngine = 125

type envList []string

func (e *envList) String() string { return strings.Join(*e, ",") }
func (e *envList) Set(v string) error {
	if !strings.Contains(v, "=") {
		return fmt.Errorf("want KEY=VALUE, got %q", v)
	}
	*e = append(*e, v)
	return nil
}

type options struct {
	engine      string
	cache       string
	mount       string
	maxPages    uint
	env         envList
	reportFD    int
	compileOnly bool
	module      string
	args        []string
}

func main() {
	start := time.Now()
	var o options
	fl := flag.NewFlagSet("launcher", flag.ContinueOnError)
	fl.StringVar(&o.engine, "engine", "compiler", "compiler (the optimizing compiler where wazero supports it, else the interpreter) or interpreter")
	fl.StringVar(&o.cache, "cache", "", "compilation cache directory (compiler only; empty: no cache)")
	fl.StringVar(&o.mount, "mount", "", "host directory the guest sees at "+ScratchGuestPath+" (empty: no file system)")
	fl.UintVar(&o.maxPages, "max-pages", 65536, "memory limit in 64 KiB pages (1 to 65536)")
	fl.Var(&o.env, "env", "KEY=VALUE environment variable for the guest (repeatable)")
	fl.IntVar(&o.reportFD, "report-fd", 0, "write the phase report to this file descriptor (0: none)")
	fl.BoolVar(&o.compileOnly, "compile-only", false, "compile the module (filling -cache) and exit")
	version := fl.Bool("version", false, "print the wazero version and exit")
	if err := fl.Parse(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	if *version {
		fmt.Println(wazeroVersion())
		return
	}
	if fl.NArg() < 1 || o.maxPages < 1 || o.maxPages > 65536 || (o.engine != "compiler" && o.engine != "interpreter") {
		fmt.Fprintln(os.Stderr, "usage: launcher [-engine compiler|interpreter] [-cache DIR] [-mount DIR] [-max-pages 1..65536] [-env K=V] [-report-fd N] [-compile-only] MODULE.wasm [ARGS...]")
		os.Exit(2)
	}
	o.module, o.args = fl.Arg(0), fl.Args()[1:]

	rep := &report{}
	code := launch(context.Background(), o, rep)
	rep.add("launcher_ns", time.Since(start).Nanoseconds())
	if kib, ok := peakRSS(); ok {
		rep.add("hwm_kib", kib)
	}
	if o.reportFD > 0 {
		f := os.NewFile(uintptr(o.reportFD), "report")
		_, _ = io.WriteString(f, rep.String())
		f.Close()
	}
	os.Exit(code)
}

// report collects the key=value lines written to -report-fd.
type report struct{ b strings.Builder }

func (r *report) add(key string, v any) {
	s := strings.ReplaceAll(fmt.Sprint(v), "\n", " | ")
	fmt.Fprintf(&r.b, "%s=%s\n", key, s)
}
func (r *report) String() string { return r.b.String() }

// fail records an engine failure and returns the engine exit status.
func (r *report) fail(reason string, err error) int {
	msg := err.Error()
	first, rest, _ := strings.Cut(msg, "\n")
	// Traps read "wasm error: unreachable\nwasm stack trace: ...".
	if strings.HasPrefix(first, "wasm error: ") {
		reason, first = "trap", strings.TrimPrefix(first, "wasm error: ")
	}
	r.add("error", reason+": "+first)
	if len(rest) > 1500 {
		rest = rest[:1500] + "…"
	}
	r.add("detail", strings.TrimSpace(rest))
	fmt.Fprintf(os.Stderr, "launcher: %s: %v\n", reason, err)
	return exitEngine
}

// compilerSupported mirrors wazero's own test: its optimizing compiler
// runs on arm64 and on amd64 with SSE4.1; elsewhere (32-bit ARM, …)
// wazero.NewRuntimeConfig falls back to the interpreter.
func compilerSupported() bool {
	switch runtime.GOARCH {
	case "arm64":
		return true
	case "amd64":
		return cpu.X86.HasSSE41
	}
	return false
}

func launch(ctx context.Context, o options, rep *report) int {
	t := time.Now()
	var cfg wazero.RuntimeConfig
	engine := "interpreter"
	if o.engine == "compiler" && compilerSupported() {
		// NewRuntimeConfig, not NewRuntimeConfigCompiler: the latter panics
		// where the compiler is unsupported.
		cfg, engine = wazero.NewRuntimeConfig(), "compiler"
		if o.cache != "" {
			cache, err := wazero.NewCompilationCacheWithDir(o.cache)
			if err != nil {
				return rep.fail("cache", err)
			}
			cfg = cfg.WithCompilationCache(cache)
		}
	} else {
		cfg = wazero.NewRuntimeConfigInterpreter()
	}
	rep.add("engine", engine)
	cfg = cfg.WithMemoryLimitPages(uint32(o.maxPages))
	rt := wazero.NewRuntimeWithConfig(ctx, cfg)
	defer rt.Close(ctx)
	if _, err := wasi_snapshot_preview1.Instantiate(ctx, rt); err != nil {
		return rep.fail("wasi", err)
	}
	rep.add("setup_ns", time.Since(t).Nanoseconds())

	t = time.Now()
	bin, err := os.ReadFile(o.module)
	if err != nil {
		return rep.fail("read", err)
	}
	mod, err := rt.CompileModule(ctx, bin)
	if err != nil {
		return rep.fail("compile", err)
	}
	rep.add("compile_ns", time.Since(t).Nanoseconds())
	if o.compileOnly {
		return 0
	}

	t = time.Now()
	mc := wazero.NewModuleConfig().
		WithName("").
		WithArgs(append([]string{filepath.Base(o.module)}, o.args...)...).
		WithStdin(os.Stdin).WithStdout(os.Stdout).WithStderr(os.Stderr).
		WithSysWalltime().WithSysNanotime().WithSysNanosleep().
		WithRandSource(rand.Reader).
		WithStartFunctions() // _start is called below, timed on its own
	for _, kv := range o.env {
		k, v, _ := strings.Cut(kv, "=")
		mc = mc.WithEnv(k, v)
	}
	if o.mount != "" {
		mc = mc.WithFSConfig(wazero.NewFSConfig().WithDirMount(o.mount, ScratchGuestPath))
	}
	inst, err := rt.InstantiateModule(ctx, mod, mc)
	if err != nil {
		return rep.fail("instantiate", err)
	}
	start := inst.ExportedFunction("_start")
	if start == nil {
		return rep.fail("instantiate", errors.New("module exports no _start function (not a WASI command)"))
	}
	rep.add("instantiate_ns", time.Since(t).Nanoseconds())

	t = time.Now()
	_, err = start.Call(ctx)
	rep.add("run_ns", time.Since(t).Nanoseconds())
	var exit *sys.ExitError
	switch {
	case err == nil:
		rep.add("exit_code", 0)
		return 0
	case errors.As(err, &exit):
		code := exit.ExitCode()
		rep.add("exit_code", code)
		if code == 0 {
			return 0
		}
		if code > 255 {
			return 1
		}
		return int(code)
	default:
		return rep.fail("run", err)
	}
}

// peakRSS returns VmHWM from /proc/self/status: the peak resident set of
// this process image only. (wait4's ru_maxrss is not: at exec Linux folds
// in the high-water mark of the memory the child shared with its parent,
// and Go starts children with vfork, so it reports the parent's RSS.)
func peakRSS() (int64, bool) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kib int64
			if _, err := fmt.Sscanf(strings.TrimSpace(v), "%d kB", &kib); err == nil {
				return kib, true
			}
		}
	}
	return 0, false
}

// wazeroVersion is the version of the wazero module linked in.
func wazeroVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/tetratelabs/wazero" {
				return d.Version
			}
		}
	}
	return "unknown"
}
