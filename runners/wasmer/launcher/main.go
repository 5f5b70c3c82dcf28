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
	"path/filepath"
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
			return nil
		},
		Version: func() (string, error) {
			// With the compiler: a library without it cannot run the platform.
			if !wasmer.IsCompilerAvailable(compilerKind(compiler)) {
				return "", fmt.Errorf("this libwasmer (wasmer %s, %s) has no %s compiler", C.GoString(C.wasmer_version()), runtime.GOARCH, compiler)
			}
			return version(), nil
		},
		Run: func(o launch.Options, rep *launch.Report) int { return run(o, compiler, rep) },
	})
}

// version is wasmer-go's version, then libwasmer's own.
func version() string {
	return launch.ModuleVersion(module) + " wasmer " + C.GoString(C.wasmer_version())
}

// cacheTag names what a cached artifact depends on besides the module's
// bytes (which carry the memory cap, written in before compiling): the
// binding and library versions, the compiler, the architecture and the
// page limit, or "plain" for a module compiled as it is (-plain), so a
// capped and an uncapped compilation never share a file.
func cacheTag(compiler string, o launch.Options) string {
	limit := "-p" + strconv.FormatUint(uint64(o.MaxPages), 10)
	if o.Plain {
		limit = "-plain"
	}
	return strings.NewReplacer(" ", "-", "/", "-").Replace("wasmer-"+version()+"-"+compiler+"-"+runtime.GOARCH) + limit
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
	// limit as its memory's maximum, before compiling, so a cached
	// artifact carries it too. -plain compiles the module as it is.
	if !o.Plain {
		if bin, err = launch.CapMemory(bin, uint32(o.MaxPages)); err != nil {
			return rep.Fail("compile", err)
		}
	}
	tag := cacheTag(compiler, o)
	mod, err := load(store, o, bin, tag)
	if err != nil {
		return rep.Fail("compile", err)
	}
	rep.Add(launch.KeyCompile, time.Since(t).Nanoseconds())
	if o.CompileOnly {
		err := save(o, bin, tag, mod)
		if err == nil && !o.Plain {
			// The probe behind the pre-open names (prestat.go) is cached
			// too, so that a cached start compiles nothing.
			var probe *wasmer.Module
			if probe, err = load(store, o, probeModule, tag); err == nil {
				err = save(o, probeModule, tag, probe)
			}
		}
		if err != nil {
			return rep.Fail("cache", err)
		}
		return 0
	}

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
	var names *prestatNames
	if importsPrestat(mod) && !o.Plain { // -plain: Wasmer's own answers, NUL and all
		probe, err := load(store, o, probeModule, tag)
		if err != nil {
			return rep.Fail("instantiate", fmt.Errorf("the pre-open probe: %w", err))
		}
		if names, err = newPrestatNames(store, env, probe); err != nil {
			return rep.Fail("instantiate", err)
		}
		names.register(store, imports)
	}
	inst, err := wasmer.NewInstance(mod, imports)
	if err != nil {
		return rep.Fail("instantiate", err)
	}
	if names != nil {
		if names.guest, err = inst.Exports.GetMemory("memory"); err != nil {
			return rep.Fail("instantiate", fmt.Errorf("module exports no memory: %w", err))
		}
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

// load returns the compiled bin: deserialized from the cache when -cache
// holds it (and this is no -compile-only fill), compiled otherwise.
func load(store *wasmer.Store, o launch.Options, bin []byte, tag string) (*wasmer.Module, error) {
	if o.Cache != "" && !o.CompileOnly {
		if b, err := os.ReadFile(launch.CacheFile(o.Cache, bin, tag)); err == nil {
			mod, err := wasmer.DeserializeModule(store, b)
			if err != nil {
				return nil, fmt.Errorf("deserializing the cached module: %w", err)
			}
			return mod, nil
		}
	}
	return wasmer.NewModule(store, bin)
}

// save serializes mod, compiled from bin, into the cache.
func save(o launch.Options, bin []byte, tag string, mod *wasmer.Module) error {
	b, err := mod.Serialize()
	if err != nil {
		return err
	}
	return writeAtomic(launch.CacheFile(o.Cache, bin, tag), b)
}

// writeAtomic writes b to path through a temporary file in its directory,
// so a concurrent reader never loads half a module.
func writeAtomic(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
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
