package native

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/edgewasm/edgewasm/experiments/dataset"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/procfs"
)

// Config configures the native runner.
type Config struct {
	CC     string   `json:"cc"`     // C compiler, default "cc"
	CFlags []string `json:"cflags"` // default -O2
	Go     string   `json:"go"`     // Go toolchain, default "go"
	// BuildDir receives the binaries; empty means a temporary directory
	// removed by Close.
	BuildDir string `json:"build_dir,omitempty"`
	// Settle is how long Hold waits after the ready line before reading
	// memory.
	Settle time.Duration `json:"settle"`
}

// DefaultCFlags are the flags the thesis-style native build uses.
var DefaultCFlags = []string{"-O2"}

// Runner is the native platform.
type Runner struct {
	cfg      Config
	tmp      bool
	bins     map[string]string // workload ID → binary
	spawner  *Spawner
	ccVer    string
	goVer    string
	platform string
}

// New checks the toolchain and returns a runner.
func New(cfg Config) (*Runner, error) {
	if cfg.CC == "" {
		cfg.CC = "cc"
	}
	if cfg.CFlags == nil {
		cfg.CFlags = DefaultCFlags
	}
	if cfg.Go == "" {
		cfg.Go = "go"
	}
	return &Runner{cfg: cfg, bins: map[string]string{}, platform: dataset.Native}, nil
}

// Name implements runners.Runner.
func (r *Runner) Name() string { return r.platform }

// Binary returns the path of a prepared workload's binary.
func (r *Runner) Binary(w runners.Workload) (string, bool) {
	b, ok := r.bins[w.ID()]
	return b, ok
}

// Prepare builds every workload. A missing compiler is reported with what
// to install.
func (r *Runner) Prepare(ctx context.Context, ws []runners.Workload) error {
	if r.cfg.BuildDir == "" {
		d, err := os.MkdirTemp("", "edgewasm-native-")
		if err != nil {
			return err
		}
		r.cfg.BuildDir, r.tmp = d, true
	}
	if err := os.MkdirAll(r.cfg.BuildDir, 0o755); err != nil {
		return err
	}
	sp, err := NewSpawner(ctx, r.cfg.CC, r.cfg.BuildDir)
	if err != nil {
		return err
	}
	r.spawner = sp
	for _, w := range ws {
		bin, err := Build(ctx, r.cfg, w, r.cfg.BuildDir, false)
		if err != nil {
			return err
		}
		r.bins[w.ID()] = bin
		switch {
		case w.Lang == dataset.LangC && r.ccVer == "":
			r.ccVer = toolVersion(ctx, r.cfg.CC, "--version")
		case w.Lang == dataset.LangGo && r.goVer == "":
			r.goVer = toolVersion(ctx, r.cfg.Go, "version")
		}
	}
	return nil
}

// Build compiles one workload into dir and returns the binary's path.
// static links it statically (for FROM-scratch container images).
func Build(ctx context.Context, cfg Config, w runners.Workload, dir string, static bool) (string, error) {
	name := strings.ReplaceAll(w.ID(), "/", "-")
	if static {
		name += "-static"
	}
	out := filepath.Join(dir, name)
	var cmd *exec.Cmd
	switch w.Lang {
	case dataset.LangC:
		cc := cfg.CC
		if cc == "" {
			cc = "cc"
		}
		if _, err := exec.LookPath(cc); err != nil {
			return "", fmt.Errorf("C compiler %q not found: install one (Debian/Ubuntu: apt-get install gcc; Raspberry Pi OS: the same) or pass --cc", cc)
		}
		src := filepath.Join(w.Dir, "main.c")
		if _, err := os.Stat(src); err != nil {
			return "", fmt.Errorf("workload %s: %w", w.ID(), err)
		}
		flags := cfg.CFlags
		if flags == nil {
			flags = DefaultCFlags
		}
		args := append(append([]string{}, flags...), "-I", w.Include, "-o", out, src)
		if static {
			args = append([]string{"-static"}, args...)
		}
		cmd = exec.CommandContext(ctx, cc, args...)
	case dataset.LangGo:
		gotool := cfg.Go
		if gotool == "" {
			gotool = "go"
		}
		if _, err := exec.LookPath(gotool); err != nil {
			return "", fmt.Errorf("Go toolchain %q not found: install Go ≥ 1.24 (https://go.dev/dl) or drop --langs go", gotool)
		}
		cmd = exec.CommandContext(ctx, gotool, "build", "-trimpath", "-o", out, ".")
		cmd.Dir = w.Dir
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	default:
		return "", fmt.Errorf("workload %s: unknown language %q", w.ID(), w.Lang)
	}
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building %s: %s: %v\n%s", w.ID(), strings.Join(cmd.Args, " "), err, msg)
	}
	return out, nil
}

func toolVersion(ctx context.Context, tool, arg string) string {
	out, err := exec.CommandContext(ctx, tool, arg).Output()
	if err != nil {
		return "unknown"
	}
	line, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(line)
}

func (r *Runner) command(inv runners.Invocation) (*exec.Cmd, error) {
	bin, ok := r.bins[inv.Workload.ID()]
	if !ok {
		return nil, fmt.Errorf("workload %s was not prepared", inv.Workload.ID())
	}
	cmd := exec.Command(bin, inv.ExpandArgs(inv.Scratch)...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return cmd, nil
}

// Run implements runners.Runner.
func (r *Runner) Run(ctx context.Context, inv runners.Invocation) (runners.Result, error) {
	cmd, err := r.command(inv)
	if err != nil {
		return runners.Result{}, err
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	return Measure(ctx, r.spawner, cmd, inv.Timeout, &stdout, &stderr)
}

// Hold implements runners.Runner: it starts a resident workload, waits for
// its ready line, lets it settle, reads the PSS of the workload's process
// tree and the drop of the system's MemAvailable since just before the
// start, then closes its stdin and waits for it to exit.
func (r *Runner) Hold(ctx context.Context, inv runners.Invocation) (runners.Result, error) {
	cmd, err := r.command(inv)
	if err != nil {
		return runners.Result{}, err
	}
	return HoldProcess(ctx, r.spawner, cmd, inv.Timeout, r.cfg.Settle, TreePSS)
}

// TreePSS is the usual measure function for HoldProcess: the PSS of the
// process and its descendants, and how many processes were summed. For a
// process that is the whole platform (a native program, the wazero
// launcher with its guest inside) that PSS is also its footprint.
func TreePSS(pid int, res *runners.Result) error {
	pss, n, err := procfs.TreePSS(pid)
	if err != nil {
		return err
	}
	res.Add("pss_kib", float64(pss), "KiB")
	res.Add("processes", float64(n), "count")
	res.Add(dataset.FootprintKiB, float64(pss), "KiB")
	return nil
}

// Info implements runners.Runner.
func (r *Runner) Info() map[string]any {
	return map[string]any{"cc": r.cfg.CC, "cflags": r.cfg.CFlags, "cc_version": r.ccVer, "go_version": r.goVer,
		"spawn": "ewspawn shim (fork+exec, wait4 rusage of the workload itself)"}
}

// Close removes the temporary build directory.
func (r *Runner) Close() error {
	if r.tmp {
		return os.RemoveAll(r.cfg.BuildDir)
	}
	return nil
}
