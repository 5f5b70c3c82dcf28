package wazero

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/cpu"

	"github.com/edgewasm/edgewasm/experiments/dataset"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/native"
)

// ScratchGuestPath is where the guest sees Invocation.Scratch; the
// launcher mounts it there (keep in sync with launcher.ScratchGuestPath).
const ScratchGuestPath = "/scratch"

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
	// Go is the Go toolchain that builds the launcher, default "go".
	Go string `json:"go"`
	// CC is the C compiler that builds the ewspawn shim (see
	// native.Spawner), default "cc". Without one, max RSS is not recorded.
	CC string `json:"cc"`
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

// CompilerSupported reports whether wazero's optimizing compiler runs on
// this machine: arm64, or amd64 with SSE4.1 (wazero's own condition).
func CompilerSupported() bool {
	switch runtime.GOARCH {
	case "arm64":
		return true
	case "amd64":
		return cpu.X86.HasSSE41
	}
	return false
}

// Runner is one of the wazero platforms.
type Runner struct {
	cfg      Config
	platform string
	engine   string // what runs: EngineCompiler or EngineInterpreter
	cache    bool
	tmp      bool     // BuildDir was created by Prepare
	created  []string // paths under BuildDir that Prepare created
	launcher string
	spawner  *native.Spawner // nil when no C compiler could build it
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
	if cfg.Go == "" {
		cfg.Go = "go"
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
	if !CompilerSupported() {
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
		d, err := os.MkdirTemp("", "edgewasm-"+r.platform+"-")
		if err != nil {
			return err
		}
		r.cfg.BuildDir, r.tmp = d, true
	} else if err := os.MkdirAll(r.cfg.BuildDir, 0o755); err != nil {
		return err
	}
	if r.launcher == "" {
		if err := r.buildLauncher(ctx); err != nil {
			return err
		}
	}
	if r.spawner == nil && r.spawnErr == "" {
		sp, err := native.NewSpawner(ctx, r.cfg.CC, r.cfg.BuildDir)
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
		path := ModulePath(w)
		st, err := os.Stat(path)
		if err != nil {
			return fmt.Errorf("workload %s: %w (C modules are built by `make wasm`)", w.ID(), err)
		}
		if err := VerifyChecksum(w.Dir); err != nil {
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
	if _, err := exec.LookPath(r.cfg.Go); err != nil {
		return fmt.Errorf("Go toolchain %q not found: it builds the wazero launcher; install Go ≥ 1.24 (https://go.dev/dl)", r.cfg.Go)
	}
	cmd := exec.CommandContext(ctx, r.cfg.Go, "build", "-trimpath", "-o", out, "./runners/wazero/launcher")
	cmd.Dir = r.cfg.Root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	r.created = append(r.created, out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building the wazero launcher: %s: %v\n%s", strings.Join(cmd.Args, " "), err, msg)
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
func (r *Runner) command(inv runners.Invocation) (*exec.Cmd, *os.File, *os.File, error) {
	mod, ok := r.modules[inv.Workload.ID()]
	if !ok {
		return nil, nil, nil, fmt.Errorf("workload %s was not prepared", inv.Workload.ID())
	}
	pr, pw, err := os.Pipe()
	if err != nil {
		return nil, nil, nil, err
	}
	args := append(r.flags(inv.Scratch), "-report-fd", "3", mod)
	cmd := exec.Command(r.launcher, append(args, inv.ExpandArgs(ScratchGuestPath)...)...)
	cmd.Env = []string{} // the guest gets no environment; the launcher needs none
	cmd.ExtraFiles = []*os.File{pw}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return cmd, pr, pw, nil
}

// collect reads the launcher's report concurrently (so a long report
// cannot block the launcher) and returns a function that, once the
// launcher has exited, closes the write end and returns the report.
func collect(pr, pw *os.File) func() report {
	done := make(chan []byte, 1)
	go func() {
		b, _ := io.ReadAll(pr)
		pr.Close()
		done <- b
	}()
	return func() report {
		pw.Close()
		return parseReport(<-done)
	}
}

// Run implements runners.Runner.
func (r *Runner) Run(ctx context.Context, inv runners.Invocation) (runners.Result, error) {
	cmd, pr, pw, err := r.command(inv)
	if err != nil {
		return runners.Result{}, err
	}
	wait := collect(pr, pw)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	res, err := native.Measure(ctx, r.spawner, cmd, inv.Timeout, &stdout, &stderr)
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
	res, err := native.HoldProcess(ctx, r.spawner, cmd, inv.Timeout, r.cfg.Settle, native.TreePSS)
	return finish(res, err, wait())
}

// finish adds the launcher's phases to res and decides the failure: an
// engine error (trap, invalid module) from the report, else the guest's
// exact exit code, else whatever native classification found (timeout,
// signal).
func finish(res runners.Result, err error, rep report) (runners.Result, error) {
	for _, p := range phases {
		if ns, ok := rep.int(p.key); ok {
			res.AddDuration(p.metric, time.Duration(ns))
		}
	}
	var f *runners.Failure
	if errors.As(err, &f) && (f.Reason == "timeout" || f.Reason == "interrupted") {
		return res, err
	}
	if kib, ok := rep.int("hwm_kib"); ok {
		res.Add("hwm_kib", float64(kib), "KiB")
	}
	if msg := rep["error"]; msg != "" {
		detail := rep["detail"]
		if detail == "" {
			detail = runners.Tail(res.Stderr, 200)
		}
		return res, &runners.Failure{Reason: msg, Detail: detail}
	}
	if code, ok := rep.int("exit_code"); ok && code != 0 {
		return res, runners.Failf(fmt.Sprintf("exit status %d", code), "%s", runners.Tail(res.Stderr, 200))
	}
	return res, err
}

// phases maps the launcher's report keys to metric names.
var phases = []struct{ key, metric string }{
	{"setup_ns", "setup_ms"},
	{"compile_ns", "compile_ms"},
	{"instantiate_ns", "instantiate_ms"},
	{"run_ns", "run_ms"},
	{"launcher_ns", "launcher_ms"},
}

// report is the launcher's key=value report.
type report map[string]string

func parseReport(b []byte) report {
	rep := report{}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			rep[k] = v
		}
	}
	return rep
}

func (r report) int(key string) (int64, bool) {
	v, err := strconv.ParseInt(r[key], 10, 64)
	return v, err == nil
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
		"scratch_guest_path": ScratchGuestPath,
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
	if r.tmp {
		errs = append(errs, os.RemoveAll(r.cfg.BuildDir))
		r.tmp = false
	}
	return errors.Join(errs...)
}
