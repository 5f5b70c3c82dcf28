package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/experimental/sock"
	"github.com/tetratelabs/wazero/experimental/sysfs"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
	"github.com/tetratelabs/wazero/sys"

	"github.com/edgewasm/edgewasm/runners/internal/launch"
)

// module is the runtime linked in: -version prints its version.
const module = "github.com/tetratelabs/wazero"

func main() {
	var engine, listen string
	launch.Main(launch.Program{
		Name: "launcher",
		Flags: func(fl *flag.FlagSet) {
			fl.StringVar(&engine, "engine", "compiler", "compiler (the optimizing compiler where wazero supports it, else the interpreter) or interpreter")
			fl.StringVar(&listen, "listen", "", "pre-open a TCP socket listening on HOST:PORT for the guest (after the -mount directory: fd 3 without one)")
		},
		Check: func(launch.Options) error {
			if engine != "compiler" && engine != "interpreter" {
				return fmt.Errorf("-engine %q: want compiler or interpreter", engine)
			}
			return nil
		},
		Version: func() (string, error) { return launch.ModuleVersion(module), nil },
		Run: func(o launch.Options, rep *launch.Report) int {
			return run(context.Background(), o, engine, listen, rep)
		},
	})
}

func run(ctx context.Context, o launch.Options, engineFlag, listen string, rep *launch.Report) int {
	t := time.Now()
	var cfg wazero.RuntimeConfig
	engine := "interpreter"
	if engineFlag == "compiler" && launch.WazeroCompilerSupported() {
		// NewRuntimeConfig, not NewRuntimeConfigCompiler: the latter panics
		// where the compiler is unsupported.
		cfg, engine = wazero.NewRuntimeConfig(), "compiler"
		if o.Cache != "" {
			cache, err := wazero.NewCompilationCacheWithDir(o.Cache)
			if err != nil {
				return rep.Fail("cache", err)
			}
			cfg = cfg.WithCompilationCache(cache)
		}
	} else {
		cfg = wazero.NewRuntimeConfigInterpreter()
	}
	rep.Add(launch.KeyEngine, engine)
	if !o.Plain {
		cfg = cfg.WithMemoryLimitPages(uint32(o.MaxPages))
	}
	rt := wazero.NewRuntimeWithConfig(ctx, cfg)
	defer rt.Close(ctx)
	if _, err := wasi_snapshot_preview1.Instantiate(ctx, rt); err != nil {
		return rep.Fail("wasi", err)
	}
	rep.Add(launch.KeySetup, time.Since(t).Nanoseconds())

	t = time.Now()
	bin, err := os.ReadFile(o.Module)
	if err != nil {
		return rep.Fail("read", err)
	}
	mod, err := rt.CompileModule(ctx, bin)
	if err != nil {
		return rep.Fail("compile", err)
	}
	rep.Add(launch.KeyCompile, time.Since(t).Nanoseconds())
	if o.CompileOnly {
		return 0
	}

	t = time.Now()
	mc := wazero.NewModuleConfig().
		WithName("").
		WithArgs(o.Argv()...).
		WithStdin(os.Stdin).WithStdout(os.Stdout).WithStderr(os.Stderr).
		WithSysWalltime().WithSysNanotime().WithSysNanosleep().
		WithRandSource(rand.Reader).
		WithStartFunctions() // _start is called below, timed on its own
	for _, kv := range o.Env {
		k, v, _ := strings.Cut(kv, "=")
		mc = mc.WithEnv(k, v)
	}
	switch {
	case o.Mount != "" && o.Plain:
		// wazero's own directory mount, as a user of wazero would write it.
		mc = mc.WithFSConfig(wazero.NewFSConfig().WithDirMount(o.Mount, launch.ScratchGuestPath))
	case o.Mount != "":
		// Not WithDirMount: its links lead out of the directory (confined.go).
		fsc := wazero.NewFSConfig().(sysfs.FSConfig).WithSysFSMount(newConfinedFS(o.Mount), launch.ScratchGuestPath)
		mc = mc.WithFSConfig(fsc)
	}
	if listen != "" {
		host, port, err := net.SplitHostPort(listen)
		p, perr := strconv.Atoi(port)
		if err != nil || perr != nil {
			return rep.Fail("listen", fmt.Errorf("-listen %q: want HOST:PORT", listen))
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
		return launch.ExitStatus(int64(code))
	default:
		return rep.Fail("run", err)
	}
}
