package wazero

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/edgewasm/edgewasm/experiments/dataset"
	"github.com/edgewasm/edgewasm/internal/build"
	"github.com/edgewasm/edgewasm/internal/launch"
	"github.com/edgewasm/edgewasm/internal/proc"
	"github.com/edgewasm/edgewasm/internal/tempdir"
	"github.com/edgewasm/edgewasm/runners"
)

// LauncherPackage is the launcher's main package, relative to the
// repository root.
const LauncherPackage = "./runners/wazero/launcher"

// DefaultMemoryLimitPages is the default guest memory limit: 16384 pages
// of 64 KiB = 1 GiB, the RAM of the thesis's Raspberry Pi 3.
const DefaultMemoryLimitPages = 16384

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

// Runner is one of the wazero platforms.
type Runner struct {
	cfg      Config
	platform string
	engine   string // what runs: EngineCompiler or EngineInterpreter
	cache    bool
	tmp      *tempdir.Dir // BuildDir, when Prepare created it
	created  []string     // paths under BuildDir that Prepare created
	launcher string
	spawner  *proc.Spawner // nil when no C compiler could build it
	spawnErr string
	version  string
	modules  map[string]string // workload ID → module path
	sizes    map[string]int64  // workload ID → module bytes
	cacheDir string
}

// New returns the runner of platform dataset.Wazero, dataset.WazeroCold or
// dataset.WazeroInterp.
func New(platform string, cfg Config) (*Runner, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.MemoryLimitPages == 0 {
		cfg.MemoryLimitPages = DefaultMemoryLimitPages
	}
	r := &Runner{cfg: cfg, platform: platform, engine: EngineCompiler,
		modules: map[string]string{}, sizes: map[string]int64{}}
	switch platform {
	case dataset.Wazero:
		r.cache = true
	case dataset.WazeroCold:
	case dataset.WazeroInterp:
		r.engine = EngineInterpreter
	default:
		return nil, fmt.Errorf("wazero: unknown platform %q", platform)
	}
	if !launch.WazeroCompilerSupported() {
		r.engine, r.cache = EngineInterpreter, false
	}
	return r, nil
}

// Name implements runners.Runner.
func (r *Runner) Name() string { return r.platform }

// Engine returns the engine this runner uses on this machine.
func (r *Runner) Engine() string { return r.engine }

// Prepare builds the launcher, checks every workload's module against its
// committed checksum and, for dataset.Wazero, compiles each module once to
// fill the compilation cache (a deployment step, not measured).
func (r *Runner) Prepare(ctx context.Context, ws []runners.Workload) error {
	if r.cfg.BuildDir == "" {
		d, err := tempdir.New(r.platform + "-")
		if err != nil {
			return err
		}
		r.cfg.BuildDir, r.tmp = d.Path, d
	} else if err := os.MkdirAll(r.cfg.BuildDir, 0o755); err != nil {
		return err
	}
	if r.launcher == "" {
		if err := r.buildLauncher(ctx); err != nil {
			return err
		}
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
	if r.cache && r.cacheDir == "" {
		r.cacheDir = filepath.Join(r.cfg.BuildDir, r.platform+"-cache")
		if err := os.RemoveAll(r.cacheDir); err != nil {
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
		if r.cache {
			cmd := exec.CommandContext(ctx, r.launcher, append(r.flags(""), "-compile-only", path)...)
			if msg, err := cmd.CombinedOutput(); err != nil {
				return fmt.Errorf("compiling %s into the cache: %v\n%s", path, err, msg)
			}
		}
	}
	return nil
}

func (r *Runner) buildLauncher(ctx context.Context) error {
	out := filepath.Join(r.cfg.BuildDir, r.platform+"-launcher")
	r.created = append(r.created, out)
	if err := build.Program(ctx, r.cfg.Tools, build.Target{}, r.cfg.Root, LauncherPackage, out, ""); err != nil {
		return fmt.Errorf("the wazero launcher: %w", err)
	}
	v, err := exec.CommandContext(ctx, out, "-version").Output()
	if err != nil {
		return fmt.Errorf("%s -version: %v", out, err)
	}
	r.launcher, r.version = out, strings.TrimSpace(string(v))
	return nil
}

// flags are the launcher flags shared by every invocation.
func (r *Runner) flags(scratch string) []string {
	f := []string{"-engine", r.engine, "-max-pages", strconv.FormatUint(uint64(r.cfg.MemoryLimitPages), 10)}
	if r.cacheDir != "" {
		f = append(f, "-cache", r.cacheDir)
	}
	if scratch != "" {
		f = append(f, "-mount", scratch)
	}
	return f
}

// command builds the launcher command of an invocation. The returned
// pipe's write end is the launcher's fd 3 (its report); the caller closes
// it once the launcher has exited and reads the report from the read end.
func (r *Runner) command(inv runners.Invocation, extra ...string) (*exec.Cmd, *os.File, *os.File, error) {
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
	cmd.Env = []string{} // the guest gets no environment; the launcher needs none
	cmd.ExtraFiles = []*os.File{pw}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return cmd, pr, pw, nil
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
	cmd, pr, pw, err := r.command(inv)
	if err != nil {
		return runners.Result{}, err
	}
	wait := collect(pr, pw)
	res, err := proc.Measure(ctx, r.spawner, cmd, inv.Timeout)
	return finish(res, err, wait())
}

// Hold implements runners.Runner: the PSS of the launcher process (guest
// included: it runs inside it) while the idle guest is blocked on stdin.
func (r *Runner) Hold(ctx context.Context, inv runners.Invocation) (runners.Result, error) {
	cmd, pr, pw, err := r.command(inv)
	if err != nil {
		return runners.Result{}, err
	}
	wait := collect(pr, pw)
	res, err := proc.Hold(ctx, r.spawner, cmd, inv.Timeout, r.cfg.Settle, proc.Footprint)
	return finish(res, err, wait())
}

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
	cmd, pr, pw, err := r.command(inv, "-listen", addr)
	if err != nil {
		return runners.Result{}, err
	}
	wait := collect(pr, pw)
	res, err := proc.Serve(ctx, r.spawner, cmd, nil, inv.Timeout, runners.ExitGrace,
		func(ctx context.Context, pid int, res *runners.Result) error {
			return during(ctx, runners.Endpoint{Addr: addr, CPU: func() (runners.CPUTimes, error) { return proc.CPUTimes(pid) }}, res)
		})
	return finish(res, err, wait())
}

// finish adds the launcher's phases to res and decides the failure: an
// engine error (trap, invalid module) from the report, else the guest's
// exact exit code, else whatever the process measurement found (timeout,
// signal).
func finish(res runners.Result, err error, rep launch.Fields) (runners.Result, error) {
	for _, p := range launch.Phases {
		if ns, ok := rep.Int(p.Key); ok {
			res.AddDuration(p.Metric, time.Duration(ns))
		}
	}
	var f *runners.Failure
	if errors.As(err, &f) && (f.Reason == "timeout" || f.Reason == "interrupted") {
		return res, err
	}
	if kib, ok := rep.Int(launch.KeyPeakRSS); ok {
		res.Add("hwm_kib", float64(kib), dataset.UnitKiB)
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

// Info implements runners.Runner.
func (r *Runner) Info() map[string]any {
	info := map[string]any{
		"wazero_version":     r.version,
		"engine":             r.engine,
		"compilation_cache":  r.cache,
		"memory_limit_pages": r.cfg.MemoryLimitPages,
		"module_bytes":       r.sizes,
		"clocks":             "host (WithSysWalltime, WithSysNanotime, WithSysNanosleep)",
		"scratch_guest_path": launch.ScratchGuestPath,
		"network":            "network experiment: one TCP listener pre-opened by wazero's experimental/sock (launcher -listen), the guest's fd 3",
		"goarch":             runtime.GOARCH,
	}
	if r.platform != dataset.WazeroInterp && r.engine == EngineInterpreter {
		info["fallback"] = "wazero has no compiler for " + runtime.GOARCH + ": this platform ran the interpreter"
	}
	if r.launcher != "" {
		if st, err := os.Stat(r.launcher); err == nil {
			info["launcher_bytes"] = st.Size()
		}
	}
	if r.cacheDir != "" {
		info["cache_bytes"] = dirSize(r.cacheDir)
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

// Close removes the launcher and the compilation cache (wazero never
// evicts it), and the build directory if Prepare created it.
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
