// Package wasmtime is the wasmtime platform: Wasmtime (Cranelift) through
// wasmtime-go, one launcher process per invocation like the wazero
// platforms (runners/internal/wasmrun), with Wasmtime's compiled-module cache —
// Prepare compiles each module and serializes it, every invocation
// deserializes it (the counterpart of the wazero platform). The control
// platform wasmtime-plain is the same without the store limiter
// (launcher -plain).
//
// The launcher (runners/wasmtime/launcher) needs cgo and links the
// libwasmtime.a that wasmtime-go ships for linux x86_64 and aarch64; it is
// its own Go module, so edgewasm itself stays pure Go and only a user who
// runs this platform downloads wasmtime-go. Elsewhere (32-bit ARM, no C
// compiler) the platform is unavailable.
package wasmtime

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/build"
	"github.com/edgewasm/edgewasm/runners/internal/launch"
	"github.com/edgewasm/edgewasm/runners/internal/wasmrun"
)

// LauncherModule is the launcher's Go module, relative to the repository
// root.
const LauncherModule = "runners/wasmtime/launcher"

// Binding is the Go binding the launcher links, as its go.mod requires it.
const Binding = "github.com/bytecodealliance/wasmtime-go/v25 v25.0.0"

// NoSockets is why the network experiment cannot run on this platform.
const NoSockets = "no WASI socket API in wasmtime-go v25 (WasiConfig has argv, env, stdio and PreopenDir only): a guest cannot be handed a listening socket"

// Config configures the wasmtime runner.
type Config = wasmrun.RuntimeConfig

// Runner is the wasmtime platform.
type Runner struct {
	*wasmrun.Runner
	pages uint32
	plain bool // the control platform: no store limiter (launcher -plain)
}

// The wasmtime runner holds resident workloads, and says why it does not
// serve (Lacks).
var (
	_ runners.Holder  = (*Runner)(nil)
	_ runners.Lacking = (*Runner)(nil)
)

// New returns the runner of dataset.Wasmtime or dataset.WasmtimePlain
// (the same with Wasmtime's defaults: no store limiter, the launcher's
// -plain; Config.MemoryLimitPages is not used), or an error wrapping
// runners.ErrUnavailable where wasmtime-go has no library.
func New(platform string, cfg Config) (*Runner, error) {
	if platform != dataset.Wasmtime && platform != dataset.WasmtimePlain {
		return nil, fmt.Errorf("wasmtime: unknown platform %q", platform)
	}
	if err := cfg.Check(dataset.Wasmtime); err != nil {
		return nil, err
	}
	if runtime.GOOS != "linux" || (runtime.GOARCH != "amd64" && runtime.GOARCH != "arm64") {
		return nil, runners.Unavailable(platform, fmt.Errorf("wasmtime-go v25 ships libwasmtime for linux amd64 and arm64 only, not %s/%s", runtime.GOOS, runtime.GOARCH))
	}
	plain := platform == dataset.WasmtimePlain
	flags := []string{"-max-pages", strconv.FormatUint(uint64(cfg.MemoryLimitPages), 10)}
	if plain {
		flags = []string{"-plain"}
	}
	return &Runner{pages: cfg.MemoryLimitPages, plain: plain, Runner: wasmrun.New(wasmrun.Config{
		Platform: platform, Root: cfg.Root, Tools: cfg.Tools, BuildDir: cfg.BuildDir, Settle: cfg.Settle,
		Launcher: wasmrun.Launcher{Module: LauncherModule, Package: ".",
			Cgo: func(string) (*build.Cgo, error) { return &build.Cgo{}, nil }},
		Flags: flags,
		Cache: true,
	})}, nil
}

// Lacks implements runners.Lacking: no runners.Server, and why (the
// network experiment records the platform's rows as failed:unsupported with
// NoSockets).
func (r *Runner) Lacks() map[runners.Capability]string {
	return map[runners.Capability]string{runners.Serve: NoSockets}
}

// Info implements runners.Runner.
func (r *Runner) Info() map[string]any {
	info := r.Runner.Info()
	info["wasmtime_go_version"] = r.Version()
	info["runtime_version"] = "wasmtime " + strings.TrimPrefix(r.Version(), "v") + " (wasmtime-go's versions are Wasmtime's; libwasmtime.a linked statically)"
	info["binding"] = Binding
	info["engine"] = "cranelift"
	if r.plain {
		info["sandbox"] = wasmrun.PlainSandbox
		info["memory_limit"] = "none: Wasmtime's default (no Store.Limiter)"
	} else {
		info["memory_limit_pages"] = r.pages
		info["memory_limit"] = "Store.Limiter: linear memory ≤ memory_limit_pages × 64 KiB"
	}
	info["clocks"] = "Wasmtime's WASI (host clocks)"
	info["cache"] = "Module.Serialize in Prepare, NewModuleDeserializeFile per invocation (compile_ms is the load)"
	info["network"] = NoSockets
	info["scratch_guest_path"] = launch.ScratchGuestPath
	return info
}
