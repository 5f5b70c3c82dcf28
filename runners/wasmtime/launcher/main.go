package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/bytecodealliance/wasmtime-go/v25"

	"github.com/edgewasm/edgewasm/runners/internal/launch"
)

const module = "github.com/bytecodealliance/wasmtime-go/v25"

func main() {
	launch.Main(launch.Program{
		Name: "wasmtime-launcher",
		// wasmtime-go's versions are Wasmtime's (v25.0.0 links Wasmtime 25.0.0).
		Version: func() (string, error) { return launch.ModuleVersion(module), nil },
		Run:     run,
	})
}

func run(o launch.Options, rep *launch.Report) int {
	t := time.Now()
	engine := wasmtime.NewEngine() // Cranelift, optimizing for speed
	rep.Add(launch.KeyEngine, "cranelift")
	linker := wasmtime.NewLinker(engine)
	if err := linker.DefineWasi(); err != nil {
		return rep.Fail("wasi", err)
	}
	rep.Add(launch.KeySetup, time.Since(t).Nanoseconds())

	t = time.Now()
	bin, err := os.ReadFile(o.Module)
	if err != nil {
		return rep.Fail("read", err)
	}
	var mod *wasmtime.Module
	cache := ""
	if o.Cache != "" {
		cache = launch.CacheFile(o.Cache, bin, "wasmtime-"+launch.ModuleVersion(module)+"-"+runtime.GOARCH)
	}
	if _, err := os.Stat(cache); cache != "" && err == nil && !o.CompileOnly {
		if mod, err = wasmtime.NewModuleDeserializeFile(engine, cache); err != nil {
			return rep.Fail("deserialize", err)
		}
	} else if mod, err = wasmtime.NewModule(engine, bin); err != nil {
		return rep.Fail("compile", err)
	}
	rep.Add(launch.KeyCompile, time.Since(t).Nanoseconds())
	if o.CompileOnly {
		b, err := mod.Serialize()
		if err == nil {
			err = writeAtomic(cache, b)
		}
		if err != nil {
			return rep.Fail("cache", err)
		}
		return 0
	}

	t = time.Now()
	store := wasmtime.NewStore(engine)
	if !o.Plain {
		store.Limiter(int64(o.MaxPages)*65536, -1, -1, -1, -1)
	}
	wc := wasmtime.NewWasiConfig()
	wc.SetArgv(o.Argv())
	var keys, values []string
	for _, kv := range o.Env {
		k, v, _ := strings.Cut(kv, "=")
		keys, values = append(keys, k), append(values, v)
	}
	wc.SetEnv(keys, values)
	wc.InheritStdin()
	wc.InheritStdout()
	wc.InheritStderr()
	if o.Mount != "" {
		if err := wc.PreopenDir(o.Mount, launch.ScratchGuestPath); err != nil {
			return rep.Fail("mount", fmt.Errorf("%s: %w", o.Mount, err))
		}
	}
	store.SetWasi(wc)
	inst, err := linker.Instantiate(store, mod)
	if err != nil {
		return rep.Fail("instantiate", err)
	}
	startFn := inst.GetFunc(store, "_start")
	if startFn == nil {
		return rep.Fail("instantiate", errors.New("module exports no _start function (not a WASI command)"))
	}
	rep.Add(launch.KeyInstantiate, time.Since(t).Nanoseconds())

	t = time.Now()
	_, err = startFn.Call(store)
	rep.Add(launch.KeyRun, time.Since(t).Nanoseconds())
	if err == nil {
		rep.Add(launch.KeyExitCode, 0)
		return 0
	}
	var werr *wasmtime.Error
	if errors.As(err, &werr) {
		if code, ok := werr.ExitStatus(); ok {
			rep.Add(launch.KeyExitCode, code)
			return launch.ExitStatus(int64(code))
		}
	}
	var trap *wasmtime.Trap
	if errors.As(err, &trap) {
		return rep.Fail("trap", errors.New(trap.Message()))
	}
	return rep.Fail("run", err)
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
