// Package wasmer is the wasmer, wasmer-singlepass and wasmer-cold
// platforms: Wasmer 2.x, the runtime of the thesis, through wasmer-go,
// with its Cranelift and its Singlepass compiler. One launcher process per
// invocation, like the wazero platforms (runners/internal/wasmrun).
//
// wasmer and wasmer-singlepass run Wasmer as the thesis ran it: the wasmer
// command line keeps compiled modules in a cache by default, so Prepare
// compiles each module once into a cache (the one-time cost goes to
// Info's cache_fill_compile_ms) and every invocation loads it.
// wasmer-cold (Cranelift) compiles at every start, as wazero-cold does:
// what the cache saves. The control platforms wasmer-plain and
// wasmer-singlepass-plain are wasmer and wasmer-singlepass with Wasmer's
// defaults instead of edgewasm's sandbox settings (launcher -plain).
//
// The launcher (runners/wasmer/launcher) needs cgo and the libwasmer.so
// that wasmer-go ships for linux amd64 and aarch64; it is its own Go
// module, so edgewasm itself stays pure Go and only a user who runs these
// platforms downloads wasmer-go. Elsewhere (32-bit ARM, no C compiler) the
// platforms are unavailable.
package wasmer

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/build"
	"github.com/edgewasm/edgewasm/runners/internal/wasmrun"
)

// LauncherModule is the launcher's Go module, relative to the repository
// root.
const LauncherModule = "runners/wasmer/launcher"

// Binding is the Go binding the launcher links, as its go.mod requires it.
const (
	BindingModule = "github.com/wasmerio/wasmer-go"
	Binding       = BindingModule + " v1.0.4"
)

// PreopenNames says how the launcher presents the scratch directory.
const PreopenNames = "Wasmer 2.x counts a trailing NUL in each pre-open name (wasmerio/wasmer#6009), which Go's wasip1 runtime keeps, so no path matched: the launcher answers fd_prestat_get and fd_prestat_dir_name with Wasmer's own answers, read through a probe module in the guest's WASI environment, minus that NUL"

// NoSockets is why the network experiment cannot run on these platforms.
const NoSockets = "no WASI socket API in wasmer-go v1.0.4 (WasiStateBuilder has argv, env, stdio and directories only): a guest cannot be handed a listening socket"

// Config configures the wasmer runners.
type Config = wasmrun.RuntimeConfig

// Runner is one of the wasmer platforms.
type Runner struct {
	*wasmrun.Runner
	compiler string
	pages    uint32
	cache    bool
	plain    bool // a control platform: Wasmer's defaults (launcher -plain)
}

// The wasmer runners hold resident workloads, and say why they do not
// serve (Lacks).
var (
	_ runners.Holder  = (*Runner)(nil)
	_ runners.Lacking = (*Runner)(nil)
)

// Compilers by platform.
var compilers = map[string]string{dataset.Wasmer: "cranelift", dataset.WasmerSinglepass: "singlepass", dataset.WasmerCold: "cranelift",
	dataset.WasmerPlain: "cranelift", dataset.WasmerSinglepassPlain: "singlepass"}

// New returns the runner of dataset.Wasmer (Cranelift),
// dataset.WasmerSinglepass or dataset.WasmerCold (Cranelift, no cache), or
// of the control platforms dataset.WasmerPlain and
// dataset.WasmerSinglepassPlain (as wasmer and wasmer-singlepass, with
// Wasmer's defaults: the module's memory not capped, Wasmer's own pre-open
// names; the launcher's -plain; Config.MemoryLimitPages is not used), or
// an error wrapping runners.ErrUnavailable where wasmer-go has no library.
func New(platform string, cfg Config) (*Runner, error) {
	compiler := compilers[platform]
	if compiler == "" {
		return nil, fmt.Errorf("wasmer: unknown platform %q", platform)
	}
	cache := platform != dataset.WasmerCold
	if err := cfg.Check(dataset.Wasmer); err != nil {
		return nil, err
	}
	if runtime.GOOS != "linux" || (runtime.GOARCH != "amd64" && runtime.GOARCH != "arm64") {
		return nil, runners.Unavailable(platform, fmt.Errorf("wasmer-go v1.0.4 ships libwasmer for linux amd64 and arm64 only, not %s/%s", runtime.GOOS, runtime.GOARCH))
	}
	plain := dataset.IsControl(platform)
	flags := []string{"-compiler", compiler, "-max-pages", strconv.FormatUint(uint64(cfg.MemoryLimitPages), 10)}
	if plain {
		flags = []string{"-compiler", compiler, "-plain"}
	}
	return &Runner{compiler: compiler, pages: cfg.MemoryLimitPages, cache: cache, plain: plain, Runner: wasmrun.New(wasmrun.Config{
		Platform: platform, Root: cfg.Root, Tools: cfg.Tools, BuildDir: cfg.BuildDir, Settle: cfg.Settle,
		Launcher: wasmrun.Launcher{Module: LauncherModule, Package: ".",
			Cgo: func(dir string) (*build.Cgo, error) { return LinkLibrary(dir, runtime.GOARCH) }},
		Flags: flags,
		Cache: cache,
	})}, nil
}

// libDirs are the directories of libwasmer.so inside wasmer-go, by GOARCH.
var libDirs = map[string]string{"amd64": "linux-amd64", "arm64": "linux-aarch64"}

// Library is the shared library the launcher links: wasmer-go ships it,
// and the launcher loads it from build.LibDir beside itself.
const Library = "libwasmer.so"

// LinkLibrary returns how to link the launcher in module directory dir
// for goarch: against the libwasmer.so that wasmer-go ships, placed in
// build.LibDir beside the launcher, which finds it through its run path
// ($ORIGIN/lib) wherever the two are copied: a bundle carries both, and a
// device needs neither Go nor the module cache. Only a build here looks
// for the library in the module cache (downloading wasmer-go if needed).
func LinkLibrary(dir, goarch string) (*build.Cgo, error) {
	sub, ok := libDirs[goarch]
	if !ok {
		return nil, fmt.Errorf("wasmer-go v1.0.4 has no libwasmer for linux/%s", goarch)
	}
	return &build.Cgo{Libs: []string{Library}, LibSource: func(ctx context.Context) (string, error) {
		modDir, err := build.ModuleDir(ctx, build.Tools{}, dir, BindingModule)
		if err != nil {
			return "", err
		}
		return filepath.Join(modDir, "wasmer", "packaged", "lib", sub), nil
	}}, nil
}

// Lacks implements runners.Lacking: no runners.Server, and why (the
// network experiment records the platforms' rows as failed:unsupported with
// NoSockets).
func (r *Runner) Lacks() map[runners.Capability]string {
	return map[runners.Capability]string{runners.Serve: NoSockets}
}

// Info implements runners.Runner.
func (r *Runner) Info() map[string]any {
	info := r.Runner.Info()
	// The launcher prints "v1.0.4 wasmer 2.0.0": wasmer-go's version, then
	// libwasmer's own (wasmer_version()).
	binding, lib, _ := strings.Cut(r.Version(), " ")
	info["wasmer_go_version"] = binding
	info["runtime_version"] = lib
	info["binding"] = Binding
	info["runtime"] = "libwasmer.so shipped in wasmer-go, universal engine"
	info["engine"] = r.compiler
	if r.plain {
		info["sandbox"] = wasmrun.PlainSandbox
		info["memory_limit"] = "none: the module's memory maximum as it is (Wasmer's default)"
	} else {
		info["memory_limit_pages"] = r.pages
		info["memory_limit"] = "the module's memory maximum lowered to memory_limit_pages before compiling (wasmer-go has no limiter)"
	}
	info["clocks"] = "Wasmer's WASI (host clocks)"
	info["network"] = NoSockets
	if r.cache && r.plain {
		info["cache"] = "Module.Serialize in Prepare, DeserializeModule per invocation (compile_ms is the load)"
	} else if r.cache {
		info["cache"] = "Module.Serialize in Prepare (the module as compiled: its memory capped), DeserializeModule per invocation (compile_ms is the load)"
	} else {
		info["cache"] = "none: every invocation compiles the module (compile_ms)"
	}
	if r.plain {
		info["preopen_names"] = "Wasmer's own (a trailing NUL counted in each name: Go guests find no pre-open)"
	} else {
		info["preopen_names"] = PreopenNames
	}
	return info
}
