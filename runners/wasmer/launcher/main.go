package main

// // From wasmer.h, which wasmer-go keeps to itself; libwasmer is linked
// // through wasmer-go.
// const char *wasmer_version(void);
import "C"

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/wasmerio/wasmer-go/wasmer"

	"github.com/edgewasm/edgewasm/runners/internal/launch"
)

const module = "github.com/wasmerio/wasmer-go"

func main() {
	var compiler string
	launch.Main(launch.Program{
		Name:  "wasmer-launcher",
		Flags: func(fl *flag.FlagSet) { fl.StringVar(&compiler, "compiler", "cranelift", "cranelift or singlepass") },
		Check: func(o launch.Options) error {
			if compiler != "cranelift" && compiler != "singlepass" {
				return fmt.Errorf("-compiler %q: want cranelift or singlepass", compiler)
			}
			if o.Cache != "" || o.CompileOnly {
				return errors.New("-cache and -compile-only: this launcher has no compiled-module cache")
			}
			return nil
		},
		Version: func() (string, error) {
			// With the compiler: a library without it cannot run the platform.
			if !wasmer.IsCompilerAvailable(compilerKind(compiler)) {
				return "", fmt.Errorf("this libwasmer (wasmer %s, %s) has no %s compiler", C.GoString(C.wasmer_version()), runtime.GOARCH, compiler)
			}
			return launch.ModuleVersion(module) + " wasmer " + C.GoString(C.wasmer_version()), nil
		},
		Run: func(o launch.Options, rep *launch.Report) int { return run(o, compiler, rep) },
	})
}

func run(o launch.Options, compiler string, rep *launch.Report) int {
	t := time.Now()
	cfg := wasmer.NewConfig().UseUniversalEngine()
	kind := compilerKind(compiler)
	if !wasmer.IsCompilerAvailable(kind) {
		return rep.Fail("setup", fmt.Errorf("this libwasmer has no %s compiler", compiler))
	}
	if kind == wasmer.SINGLEPASS {
		cfg.UseSinglepassCompiler()
	} else {
		cfg.UseCraneliftCompiler()
	}
	store := wasmer.NewStore(wasmer.NewEngineWithConfig(cfg))
	rep.Add(launch.KeyEngine, compiler)
	rep.Add(launch.KeySetup, time.Since(t).Nanoseconds())

	t = time.Now()
	bin, err := os.ReadFile(o.Module)
	if err != nil {
		return rep.Fail("read", err)
	}
	// wasmer-go has no memory limiter: the module itself declares the
	// limit as its memory's maximum.
	if bin, err = launch.CapMemory(bin, uint32(o.MaxPages)); err != nil {
		return rep.Fail("compile", err)
	}
	mod, err := wasmer.NewModule(store, bin)
	if err != nil {
		return rep.Fail("compile", err)
	}
	rep.Add(launch.KeyCompile, time.Since(t).Nanoseconds())

	t = time.Now()
	argv := o.Argv()
	wb := wasmer.NewWasiStateBuilder(argv[0])
	for _, a := range argv[1:] {
		wb.Argument(a)
	}
	for _, kv := range o.Env {
		k, v, _ := strings.Cut(kv, "=")
		wb.Environment(k, v)
	}
	wb.InheritStdin().InheritStdout().InheritStderr()
	if o.Mount != "" {
		wb.MapDirectory(launch.ScratchGuestPath, o.Mount)
	}
	env, err := wb.Finalize()
	if err != nil {
		return rep.Fail("wasi", err)
	}
	imports, err := env.GenerateImportObject(store, mod)
	if err != nil {
		return rep.Fail("instantiate", err)
	}
	inst, err := wasmer.NewInstance(mod, imports)
	if err != nil {
		return rep.Fail("instantiate", err)
	}
	startFn, err := inst.Exports.GetWasiStartFunction()
	if err != nil {
		return rep.Fail("instantiate", fmt.Errorf("module exports no _start function (not a WASI command): %w", err))
	}
	rep.Add(launch.KeyInstantiate, time.Since(t).Nanoseconds())

	t = time.Now()
	_, err = startFn()
	rep.Add(launch.KeyRun, time.Since(t).Nanoseconds())
	if err == nil {
		rep.Add(launch.KeyExitCode, 0)
		return 0
	}
	if code, ok := exitCode(err); ok {
		rep.Add(launch.KeyExitCode, code)
		return launch.ExitStatus(code)
	}
	var trap *wasmer.TrapError
	if errors.As(err, &trap) {
		return rep.Fail("trap", err)
	}
	return rep.Fail("run", err)
}

func compilerKind(name string) wasmer.CompilerKind {
	if name == "singlepass" {
		return wasmer.SINGLEPASS
	}
	return wasmer.CRANELIFT
}

// exitPrefix starts the message of the trap with which Wasmer 2.x unwinds
// a guest that called WASI proc_exit.
const exitPrefix = "WASI exited with code: "

// exitCode recognizes a proc_exit trap and returns the guest's code.
func exitCode(err error) (int64, bool) {
	s, ok := strings.CutPrefix(err.Error(), exitPrefix)
	if !ok {
		return 0, false
	}
	code, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return code, err == nil
}
