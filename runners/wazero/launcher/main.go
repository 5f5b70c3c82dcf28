package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/edgewasm/edgewasm/runners/internal/launch"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/experimental/sock"
	"github.com/tetratelabs/wazero/experimental/sysfs"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
	"github.com/tetratelabs/wazero/sys"
)

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
	listen      string
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
	fl.StringVar(&o.mount, "mount", "", "host directory the guest sees at "+launch.ScratchGuestPath+" (empty: no file system)")
	fl.StringVar(&o.listen, "listen", "", "pre-open a TCP socket listening on HOST:PORT for the guest (after the -mount directory: fd 3 without one)")
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
		fmt.Fprintln(os.Stderr, "usage: launcher [-engine compiler|interpreter] [-cache DIR] [-mount DIR] [-listen HOST:PORT] [-max-pages 1..65536] [-env K=V] [-report-fd N] [-compile-only] MODULE.wasm [ARGS...]")
		os.Exit(2)
	}
	o.module, o.args = fl.Arg(0), fl.Args()[1:]

	rep := &launch.Report{}
	code := run(context.Background(), o, rep)
	rep.Add(launch.KeyLauncher, time.Since(start).Nanoseconds())
	if kib, ok := launch.PeakRSS(); ok {
		rep.Add(launch.KeyPeakRSS, kib)
	}
	rep.WriteTo(o.reportFD)
	os.Exit(code)
}

func run(ctx context.Context, o options, rep *launch.Report) int {
	t := time.Now()
	var cfg wazero.RuntimeConfig
	engine := "interpreter"
	if o.engine == "compiler" && launch.WazeroCompilerSupported() {
		// NewRuntimeConfig, not NewRuntimeConfigCompiler: the latter panics
		// where the compiler is unsupported.
		cfg, engine = wazero.NewRuntimeConfig(), "compiler"
		if o.cache != "" {
			cache, err := wazero.NewCompilationCacheWithDir(o.cache)
			if err != nil {
				return rep.Fail("cache", err)
			}
			cfg = cfg.WithCompilationCache(cache)
		}
	} else {
		cfg = wazero.NewRuntimeConfigInterpreter()
	}
	rep.Add(launch.KeyEngine, engine)
	cfg = cfg.WithMemoryLimitPages(uint32(o.maxPages))
	rt := wazero.NewRuntimeWithConfig(ctx, cfg)
	defer rt.Close(ctx)
	if _, err := wasi_snapshot_preview1.Instantiate(ctx, rt); err != nil {
		return rep.Fail("wasi", err)
	}
	rep.Add(launch.KeySetup, time.Since(t).Nanoseconds())

	t = time.Now()
	bin, err := os.ReadFile(o.module)
	if err != nil {
		return rep.Fail("read", err)
	}
	mod, err := rt.CompileModule(ctx, bin)
	if err != nil {
		return rep.Fail("compile", err)
	}
	rep.Add(launch.KeyCompile, time.Since(t).Nanoseconds())
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
		// Not WithDirMount: its links lead out of the directory (confined.go).
		fsc := wazero.NewFSConfig().(sysfs.FSConfig).WithSysFSMount(newConfinedFS(o.mount), launch.ScratchGuestPath)
		mc = mc.WithFSConfig(fsc)
	}
	if o.listen != "" {
		host, port, err := net.SplitHostPort(o.listen)
		p, perr := strconv.Atoi(port)
		if err != nil || perr != nil {
			return rep.Fail("listen", fmt.Errorf("-listen %q: want HOST:PORT", o.listen))
		}
		// wazero binds the socket while instantiating the module.
		ctx = sock.WithConfig(ctx, sock.NewConfig().WithTCPListener(host, p))
	}
	inst, err := rt.InstantiateModule(ctx, mod, mc)
	if err != nil {
		return rep.Fail("instantiate", err)
	}
	start := inst.ExportedFunction("_start")
	if start == nil {
		return rep.Fail("instantiate", errors.New("module exports no _start function (not a WASI command)"))
	}
	rep.Add(launch.KeyInstantiate, time.Since(t).Nanoseconds())

	t = time.Now()
	_, err = start.Call(ctx)
	rep.Add(launch.KeyRun, time.Since(t).Nanoseconds())
	var exit *sys.ExitError
	switch {
	case err == nil:
		rep.Add(launch.KeyExitCode, 0)
		return 0
	case errors.As(err, &exit):
		code := exit.ExitCode()
		rep.Add(launch.KeyExitCode, code)
		if code == 0 {
			return 0
		}
		if code > 255 {
			return 1
		}
		return int(code)
	default:
		return rep.Fail("run", err)
	}
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
