// Package wasmrun is the host side that every launcher-based Wasm platform
// shares (wazero, Wasmtime, Wasmer): it builds the platform's launcher
// program in Prepare, checks each workload's module against its committed
// checksum, fills a compiled-module cache where the platform has one, and
// starts one launcher process per invocation through runners/internal/proc, so the
// same measurement (wall time, rusage, max RSS, PSS for Hold, timeouts and
// process-group kills) applies to every runtime. The launcher's phases
// come back through the report protocol of runners/internal/launch.
//
// A platform's runner package (runners/wazero, runners/wasmtime,
// runners/wasmer) embeds a *Runner and adds its name, its settings and
// what only it can do.
package wasmrun

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/build"
	"github.com/edgewasm/edgewasm/runners/internal/launch"
	"github.com/edgewasm/edgewasm/runners/internal/proc"
	"github.com/edgewasm/edgewasm/runners/tempdir"
)

// DefaultMemoryLimitPages is the default guest memory limit: 16384 pages
// of 64 KiB = 1 GiB, the RAM of the thesis's Raspberry Pi 3.
const DefaultMemoryLimitPages = 16384

// Launcher says where a platform's launcher program is and how to build it.
type Launcher struct {
	// Module is the directory of the Go module that holds the launcher,
	// relative to the repository root: "" for edgewasm's own module, or
	// the directory of a nested module (launchers that need cgo).
	Module string
	// Package is the launcher's main package, relative to Module.
	Package string
	// Cgo returns how to build a launcher that needs cgo, given its module
	// directory (nil: pure Go, built with CGO_ENABLED=0), or why it cannot
	// be built for this machine at all. It runs in Prepare and must not
	// need a toolchain: a bundle's prebuilt launcher is only copied.
	Cgo func(dir string) (*build.Cgo, error)
}

// Config configures a launcher-based runner.
type Config struct {
	Platform string   // the platform name, e.g. dataset.Wazero
	Root     string   // repository root
	Launcher Launcher // the platform's launcher
	// Flags are launcher flags of every invocation (and of the cache
	// fill), such as the engine and the memory limit.
	Flags []string
	// Cache: Prepare compiles every module once into a cache directory
	// (launcher -cache DIR -compile-only), and invocations pass -cache DIR.
	Cache bool
	// Tools: Go builds the launcher; CC builds the ewspawn shim (see
	// proc.Spawner) and, through cgo, launchers that need it.
	Tools build.Tools
	// BuildDir receives the launcher, the shared libraries it links
	// (build.LibDir) and the cache; empty means an owned temporary
	// directory. Give each runner its own: Close removes what Prepare
	// created.
	BuildDir string
	// Settle is how long Hold waits after the ready line before reading
	// memory.
	Settle time.Duration
}

// Runner runs one launcher process per invocation.
type Runner struct {
	cfg      Config
	tmp      *tempdir.Dir // BuildDir, when Prepare created it
	created  []string     // paths under BuildDir that Prepare created
	launcher string
	cgo      *build.Cgo
	spawner  *proc.Spawner // nil when no C compiler could build it
	spawnErr string
	version  string
	modules  map[string]string  // workload ID → module path
	sizes    map[string]int64   // workload ID → module bytes
	compile  map[string]float64 // workload ID → compile_ms of the cache fill
	cacheDir string
}

// Every launcher-based platform can say before a run whether it can run.
var _ runners.Prober = (*Runner)(nil)

// New returns a runner for cfg; Prepare builds its launcher.
func New(cfg Config) *Runner {
	return &Runner{cfg: cfg, modules: map[string]string{}, sizes: map[string]int64{}, compile: map[string]float64{}}
}

// Name is the platform's name.
func (r *Runner) Name() string { return r.cfg.Platform }

// Version is what the launcher's -version printed (the runtime's version).
func (r *Runner) Version() string { return r.version }

// LauncherPath is the built launcher ("" before Prepare).
func (r *Runner) LauncherPath() string { return r.launcher }

// Prepare builds the launcher (once), checks every workload's module
// against its committed checksum and, with Config.Cache, compiles each
// module once into the cache (a deployment step, not measured; its compile
// time goes to Info). A launcher that needs cgo and cannot be built here
// makes the platform unavailable (runners.ErrUnavailable).
func (r *Runner) Prepare(ctx context.Context, ws []runners.Workload) error {
	if _, err := r.Probe(ctx); err != nil {
		return err
	}
	if r.spawner == nil && r.spawnErr == "" {
		sp, err := proc.NewSpawner(ctx, r.cfg.Tools, r.cfg.BuildDir)
		if err != nil {
			r.spawnErr = err.Error()
		} else {
			r.spawner = sp
			r.created = append(r.created, sp.Path, sp.Path+".c")
		}
	}
	if r.cfg.Cache && r.cacheDir == "" {
		r.cacheDir = filepath.Join(r.cfg.BuildDir, r.cfg.Platform+"-cache")
		if err := os.RemoveAll(r.cacheDir); err != nil {
			return err
		}
		if err := os.MkdirAll(r.cacheDir, 0o755); err != nil {
			return err
		}
		r.created = append(r.created, r.cacheDir)
	}
	for _, w := range ws {
		path := build.ModulePath(w.Dir)
		st, err := os.Stat(path)
		if err != nil {
			return fmt.Errorf("workload %s: %w (modules are built by `make wasm`)", w.ID(), err)
		}
		if err := build.VerifyChecksum(w.Dir); err != nil {
			return fmt.Errorf("workload %s: %w", w.ID(), err)
		}
		r.modules[w.ID()], r.sizes[w.ID()] = path, st.Size()
		if r.cfg.Cache {
			if err := r.fill(ctx, w.ID(), path); err != nil {
				return err
			}
		}
	}
	return nil
}

// Probe implements runners.Prober: it obtains the launcher (from the
// bundle, or built here) and starts it with -version and the platform's
// flags; a launcher that cannot be obtained or started, or whose runtime
// lacks what the flags ask for, makes the platform unavailable with the
// reason. It returns the runtime's version.
func (r *Runner) Probe(ctx context.Context) (string, error) {
	if r.cfg.BuildDir == "" {
		d, err := tempdir.New(r.cfg.Platform + "-")
		if err != nil {
			return "", err
		}
		r.cfg.BuildDir, r.tmp = d.Path, d
	} else if err := os.MkdirAll(r.cfg.BuildDir, 0o755); err != nil {
		return "", err
	}
	if r.launcher == "" {
		if err := r.buildLauncher(ctx); err != nil {
			return "", err
		}
	}
	return r.version, nil
}

// fill compiles one module into the cache and keeps its compile time.
func (r *Runner) fill(ctx context.Context, id, path string) error {
	pr, pw, err := os.Pipe()
	if err != nil {
		return err
	}
	wait := collect(pr, pw)
	cmd := exec.CommandContext(ctx, r.launcher, append(r.flags(""), "-compile-only", "-report-fd", "3", path)...)
	cmd.Env = LauncherEnv(os.Environ())
	cmd.ExtraFiles = []*os.File{pw}
	msg, err := cmd.CombinedOutput()
	rep := wait()
	if err != nil {
		return fmt.Errorf("compiling %s into the %s cache: %v\n%s", path, r.cfg.Platform, err, msg)
	}
	if ns, ok := rep.Int(launch.KeyCompile); ok {
		r.compile[id] = float64(ns) / 1e6
	}
	return nil
}

func (r *Runner) buildLauncher(ctx context.Context) error {
	out := filepath.Join(r.cfg.BuildDir, r.cfg.Platform+"-launcher")
	r.created = append(r.created, out)
	dir := filepath.Join(r.cfg.Root, r.cfg.Launcher.Module)
	if l := r.cfg.Launcher; l.Cgo != nil {
		if r.cgo == nil {
			cgo, err := l.Cgo(dir)
			if err != nil {
				return runners.Unavailable(r.cfg.Platform, err)
			}
			r.cgo = cgo
		}
		if len(r.cgo.Libs) > 0 {
			// The libraries go to build.LibDir beside the launcher.
			r.created = append(r.created, filepath.Join(r.cfg.BuildDir, build.LibDir))
		}
		if err := build.Program(ctx, r.cfg.Tools, build.Target{}, dir, l.Package, out, r.cgo); err != nil {
			return runners.Unavailable(r.cfg.Platform, fmt.Errorf("its launcher (cgo, module %s) does not build here: %w", l.Module, err))
		}
	} else if err := build.Program(ctx, r.cfg.Tools, build.Target{}, dir, r.cfg.Launcher.Package, out, nil); err != nil {
		return fmt.Errorf("the %s launcher: %w", r.cfg.Platform, err)
	}
	// -version with the platform's flags: a launcher whose runtime lacks
	// what the flags ask for (a compiler) says so and fails.
	cmd := exec.CommandContext(ctx, out, append(append([]string{}, r.cfg.Flags...), "-version")...)
	cmd.Env = LauncherEnv(os.Environ())
	v, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ExitCode() == launch.ExitEngine {
			return runners.Unavailable(r.cfg.Platform, errors.New(strings.TrimSpace(string(ee.Stderr))))
		}
		// A launcher that cannot start here (no loader, a missing shared
		// library, another architecture) makes the platform unavailable.
		msg := ""
		if ee != nil {
			msg = runners.Tail(ee.Stderr, 300)
		}
		return runners.Unavailable(r.cfg.Platform, fmt.Errorf("its launcher does not start here (%s -version: %v) %s", filepath.Base(out), err, msg))
	}
	r.launcher, r.version = out, strings.TrimSpace(string(v))
	return nil
}

// flags are the launcher flags shared by every invocation.
func (r *Runner) flags(scratch string) []string {
	f := append([]string{}, r.cfg.Flags...)
	if r.cacheDir != "" {
		f = append(f, "-cache", r.cacheDir)
	}
	if scratch != "" {
		f = append(f, "-mount", scratch)
	}
	return f
}

// Command builds the launcher command of an invocation, with extra
// launcher flags. The returned pipe's write end is the launcher's fd 3
// (its report); Collect reads it.
func (r *Runner) Command(inv runners.Invocation, extra ...string) (*exec.Cmd, *os.File, *os.File, error) {
	mod, ok := r.modules[inv.Workload.ID()]
	if !ok {
		return nil, nil, nil, fmt.Errorf("workload %s was not prepared", inv.Workload.ID())
	}
	pr, pw, err := os.Pipe()
	if err != nil {
		return nil, nil, nil, err
	}
	args := append(append(r.flags(inv.Scratch), extra...), "-report-fd", "3", mod)
	cmd := exec.Command(r.launcher, append(args, inv.ExpandArgs(launch.ScratchGuestPath)...)...)
	cmd.Env = LauncherEnv(os.Environ())
	cmd.ExtraFiles = []*os.File{pw}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return cmd, pr, pw, nil
}

// LoaderPrefix is qemu-user's variable naming the folder that holds the
// target's dynamic loader and C library.
const LoaderPrefix = "QEMU_LD_PREFIX"

// LauncherEnv is a launcher's environment, from the run's own: nothing
// (the guest gets only what -env passes, and a launcher needs nothing),
// except LoaderPrefix. On a device it is never set; under qemu-user
// emulation (a bundle tried on another architecture) it is how the
// emulator finds the target's loader, which the cgo launchers are
// dynamically linked against, as the dynamic C workloads are.
func LauncherEnv(environ []string) []string {
	env := []string{}
	for _, kv := range environ {
		if strings.HasPrefix(kv, LoaderPrefix+"=") {
			env = append(env, kv)
		}
	}
	return env
}

// collect reads the launcher's report concurrently (so a long report
// cannot block the launcher) and returns a function that, once the
// launcher has exited, closes the write end and returns the report.
func collect(pr, pw *os.File) func() launch.Fields {
	done := make(chan []byte, 1)
	go func() {
		b, _ := io.ReadAll(pr)
		pr.Close()
		done <- b
	}()
	return func() launch.Fields {
		pw.Close()
		return launch.Parse(<-done)
	}
}

// Run implements runners.Runner.
func (r *Runner) Run(ctx context.Context, inv runners.Invocation) (runners.Result, error) {
	cmd, pr, pw, err := r.Command(inv)
	if err != nil {
		return runners.Result{}, err
	}
	wait := collect(pr, pw)
	res, err := proc.Measure(ctx, r.spawner, cmd, inv.Timeout)
	return Finish(res, err, wait())
}

// Hold implements runners.Holder: the PSS of the launcher process (guest
// included: it runs inside it) while the idle guest is blocked on stdin.
func (r *Runner) Hold(ctx context.Context, inv runners.Invocation) (runners.Result, error) {
	cmd, pr, pw, err := r.Command(inv)
	if err != nil {
		return runners.Result{}, err
	}
	wait := collect(pr, pw)
	res, err := proc.Hold(ctx, r.spawner, cmd, inv.Timeout, r.cfg.Settle, proc.Footprint)
	return Finish(res, err, wait())
}

// Serve runs a server workload on r through proc.Serve with the extra
// launcher flags (such as the socket to pre-open) and reports the endpoint
// at addr; the CPU time is the launcher's, guest included. It is a
// function, not a method: a platform whose launcher can pre-open a socket
// implements runners.Server with it (wazero), and the platforms that embed
// a *Runner without one (Wasmtime, Wasmer) do not become Servers.
func Serve(ctx context.Context, r *Runner, inv runners.Invocation, addr string, extra []string, during func(context.Context, runners.Endpoint, *runners.Result) error) (runners.Result, error) {
	cmd, pr, pw, err := r.Command(inv, extra...)
	if err != nil {
		return runners.Result{}, err
	}
	wait := collect(pr, pw)
	res, err := proc.Serve(ctx, r.spawner, cmd, nil, inv.Timeout, runners.ExitGrace,
		func(ctx context.Context, pid int, res *runners.Result) error {
			return during(ctx, runners.Endpoint{Addr: addr, CPU: func() (runners.CPUTimes, error) { return proc.CPUTimes(pid) }}, res)
		})
	return Finish(res, err, wait())
}

// phases are the durations of a launcher's report in order, with the
// metrics they become (data/README.md).
var phases = []struct{ key, metric string }{
	{launch.KeySetup, dataset.SetupMS},
	{launch.KeyCompile, dataset.CompileMS},
	{launch.KeyInstantiate, dataset.InstantiateMS},
	{launch.KeyRun, dataset.RunMS},
	{launch.KeyLauncher, dataset.LauncherMS},
}

// Finish adds the launcher's phases to res and decides the failure: an
// engine error (trap, invalid module) from the report, else the guest's
// exact exit code, else whatever the process measurement found (timeout,
// signal).
func Finish(res runners.Result, err error, rep launch.Fields) (runners.Result, error) {
	for _, p := range phases {
		if ns, ok := rep.Int(p.key); ok {
			res.AddDuration(p.metric, time.Duration(ns))
		}
	}
	var f *runners.Failure
	if errors.As(err, &f) && (f.Reason == dataset.ReasonTimeout || f.Reason == dataset.ReasonInterrupted) {
		return res, err
	}
	if kib, ok := rep.Int(launch.KeyPeakRSS); ok {
		res.Add(dataset.HWMKiB, float64(kib), dataset.UnitKiB)
	}
	if msg := rep[launch.KeyError]; msg != "" {
		detail := rep[launch.KeyDetail]
		if detail == "" {
			detail = runners.Tail(res.Stderr, 200)
		}
		return res, &runners.Failure{Reason: msg, Detail: detail}
	}
	if code, ok := rep.Int(launch.KeyExitCode); ok && code != 0 {
		return res, runners.Failf(fmt.Sprintf("exit status %d", code), "%s", runners.Tail(res.Stderr, 200))
	}
	return res, err
}

// Info returns what every launcher-based platform records in
// environment.json; a platform adds its own keys.
func (r *Runner) Info() map[string]any {
	info := map[string]any{
		"compilation_cache":  r.cfg.Cache,
		"module_bytes":       r.sizes,
		"scratch_guest_path": launch.ScratchGuestPath,
		"goarch":             runtime.GOARCH,
		"launcher_flags":     r.cfg.Flags,
	}
	if r.cfg.Launcher.Module != "" {
		info["launcher_module"] = r.cfg.Launcher.Module
	}
	if r.cgo != nil {
		info["launcher_cgo"] = r.cgo
	}
	if r.launcher != "" {
		if st, err := os.Stat(r.launcher); err == nil {
			info["launcher_bytes"] = st.Size()
		}
	}
	if r.cacheDir != "" {
		info["cache_bytes"] = dirSize(r.cacheDir)
		info["cache_fill_compile_ms"] = r.compile
	}
	if r.spawnErr != "" {
		info["maxrss"] = "not recorded: " + r.spawnErr
	}
	return info
}

// dirSize sums the sizes of the regular files under dir.
func dirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// Close removes the launcher and the cache (no runtime evicts it), and
// the build directory if Prepare created it.
func (r *Runner) Close() error {
	var errs []error
	for _, p := range r.created {
		errs = append(errs, os.RemoveAll(p))
	}
	r.created = nil
	errs = append(errs, r.tmp.Remove())
	r.tmp = nil
	return errors.Join(errs...)
}

// PlainSandbox is what the runner of a control platform (dataset.IsControl)
// records as its Info's "sandbox": its launcher runs with -plain.
const PlainSandbox = "none: the runtime's defaults (control; launcher -plain)"

// RuntimeConfig configures a runner whose launcher links a runtime
// library through cgo (Wasmtime, Wasmer): what each such runner takes.
type RuntimeConfig struct {
	Root  string      `json:"root"`  // repository root
	Tools build.Tools `json:"tools"` // Go and the C compiler (cgo)
	// MemoryLimitPages caps each guest's linear memory (64 KiB pages,
	// 1..65536); 0 means DefaultMemoryLimitPages. How the cap is applied
	// is the runtime's (a store limiter, or a lower maximum written into
	// the module).
	MemoryLimitPages uint32        `json:"memory_limit_pages"`
	BuildDir         string        `json:"build_dir,omitempty"`
	Settle           time.Duration `json:"settle"`
}

// Check validates c for the runner name and fills the default memory
// limit.
func (c *RuntimeConfig) Check(name string) error {
	if c.Root == "" {
		return fmt.Errorf("%s: Config.Root (the repository root) is required to build the launcher", name)
	}
	if c.MemoryLimitPages > 65536 || c.Settle < 0 {
		return fmt.Errorf("%s: memory_limit_pages %d (want 0..65536) or settle %v (want ≥ 0)", name, c.MemoryLimitPages, c.Settle)
	}
	if c.MemoryLimitPages == 0 {
		c.MemoryLimitPages = DefaultMemoryLimitPages
	}
	return nil
}
