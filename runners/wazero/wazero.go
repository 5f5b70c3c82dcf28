package wazero

import (
	"context"
	"errors"
	"fmt"
	"net"
	"runtime"
	"strconv"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/build"
	"github.com/edgewasm/edgewasm/runners/internal/launch"
	"github.com/edgewasm/edgewasm/runners/internal/proc"
	"github.com/edgewasm/edgewasm/runners/internal/wasmrun"
)

// LauncherPackage is the launcher's main package, relative to the
// repository root.
const LauncherPackage = "./runners/wazero/launcher"

// DefaultMemoryLimitPages is the default guest memory limit of every Wasm
// platform: 16384 pages of 64 KiB = 1 GiB, the RAM of the thesis's
// Raspberry Pi 3.
const DefaultMemoryLimitPages = wasmrun.DefaultMemoryLimitPages

// Engines.
const (
	EngineCompiler    = "compiler"
	EngineInterpreter = "interpreter"
)

// Config configures the wazero runner.
type Config struct {
	// Root is the repository root; Prepare builds the launcher from
	// Root/runners/wazero/launcher.
	Root string `json:"root"`
	// Tools: Go builds the launcher; CC builds the ewspawn shim (see
	// proc.Spawner). Without a C compiler max RSS is not recorded.
	Tools build.Tools `json:"tools"`
	// MemoryLimitPages caps each guest's linear memory (64 KiB pages,
	// 1..65536); 0 means DefaultMemoryLimitPages.
	MemoryLimitPages uint32 `json:"memory_limit_pages"`
	// BuildDir receives the launcher and the compilation cache; empty
	// means a temporary directory. Close removes what Prepare created.
	BuildDir string `json:"build_dir,omitempty"`
	// Settle is how long Hold waits after the ready line before reading
	// memory.
	Settle time.Duration `json:"settle"`
}

// Validate checks the configuration.
func (c Config) Validate() error {
	if c.Root == "" {
		return errors.New("wazero: Config.Root (the repository root) is required to build the launcher")
	}
	if c.MemoryLimitPages > 65536 {
		return fmt.Errorf("wazero: memory_limit_pages %d: want 1..65536 (0 for the default %d)", c.MemoryLimitPages, DefaultMemoryLimitPages)
	}
	if c.Settle < 0 {
		return fmt.Errorf("wazero: settle %v is negative", c.Settle)
	}
	return nil
}

// Runner is one of the wazero platforms: the shared launcher-based runner
// (runners/internal/wasmrun) with the wazero launcher.
type Runner struct {
	*wasmrun.Runner
	cfg    Config
	engine string // what runs: EngineCompiler or EngineInterpreter
	cache  bool
	plain  bool // the control platform: wazero's defaults (launcher -plain)
}

// The wazero runners have every capability.
var (
	_ runners.Holder = (*Runner)(nil)
	_ runners.Server = (*Runner)(nil)
)

// New returns the runner of platform dataset.Wazero, dataset.WazeroCold,
// dataset.WazeroInterp or dataset.WazeroPlain (wazero as the wazero
// platform runs it, with wazero's defaults instead of edgewasm's sandbox
// settings: the launcher's -plain; Config.MemoryLimitPages is not used).
func New(platform string, cfg Config) (*Runner, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.MemoryLimitPages == 0 {
		cfg.MemoryLimitPages = DefaultMemoryLimitPages
	}
	r := &Runner{cfg: cfg, engine: EngineCompiler}
	switch platform {
	case dataset.Wazero:
		r.cache = true
	case dataset.WazeroPlain:
		r.cache, r.plain = true, true
	case dataset.WazeroCold:
	case dataset.WazeroInterp:
		r.engine = EngineInterpreter
	default:
		return nil, fmt.Errorf("wazero: unknown platform %q", platform)
	}
	if !CompilerSupported() {
		r.engine, r.cache = EngineInterpreter, false
	}
	flags := []string{"-engine", r.engine, "-max-pages", strconv.FormatUint(uint64(cfg.MemoryLimitPages), 10)}
	if r.plain {
		flags = []string{"-engine", r.engine, "-plain"}
	}
	r.Runner = wasmrun.New(wasmrun.Config{
		Platform: platform, Root: cfg.Root, Tools: cfg.Tools, BuildDir: cfg.BuildDir, Settle: cfg.Settle,
		Launcher: wasmrun.Launcher{Package: LauncherPackage},
		Flags:    flags,
		Cache:    r.cache,
	})
	return r, nil
}

// CompilerSupported reports whether wazero's optimizing compiler runs on
// this machine (amd64 and arm64); elsewhere every wazero platform falls
// back to the interpreter, without a compilation cache.
func CompilerSupported() bool { return launch.WazeroCompilerSupported() }

// Engine returns the engine this runner uses on this machine.
func (r *Runner) Engine() string { return r.engine }

// Serve implements runners.Server: the launcher pre-opens a socket
// listening on inv.Listen.Host at a port chosen just before (wazero's
// experimental/sock binds it itself), which the guest sees as fd 3. The
// CPU time is the launcher's, guest included.
func (r *Runner) Serve(ctx context.Context, inv runners.Invocation, during func(context.Context, runners.Endpoint, *runners.Result) error) (runners.Result, error) {
	if inv.Listen == nil {
		return runners.Result{}, fmt.Errorf("wazero: Serve needs Invocation.Listen")
	}
	port, err := proc.FreePort(inv.Listen.Host)
	if err != nil {
		return runners.Result{}, runners.Failf("listen", "%v", err)
	}
	addr := net.JoinHostPort(inv.Listen.Host, port)
	return wasmrun.Serve(ctx, r.Runner, inv, addr, []string{"-listen", addr}, during)
}

// Info implements runners.Runner.
func (r *Runner) Info() map[string]any {
	info := r.Runner.Info()
	info["wazero_version"] = r.Version()
	info["engine"] = r.engine
	if r.plain {
		info["sandbox"] = wasmrun.PlainSandbox
		info["memory_limit"] = "none: wazero's default (no WithMemoryLimitPages)"
		info["scratch_mount"] = "wazero's WithDirMount"
	} else {
		info["memory_limit_pages"] = r.cfg.MemoryLimitPages
		info["scratch_mount"] = "a file system that keeps symbolic links inside the directory (launcher confined.go)"
	}
	info["clocks"] = "host (WithSysWalltime, WithSysNanotime, WithSysNanosleep)"
	info["network"] = "network experiment: one TCP listener pre-opened by wazero's experimental/sock (launcher -listen), the guest's fd 3"
	if r.Name() != dataset.WazeroInterp && r.engine == EngineInterpreter {
		info["fallback"] = "wazero has no compiler for " + runtime.GOARCH + ": this platform ran the interpreter"
	}
	return info
}
