package native

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/build"
	"github.com/edgewasm/edgewasm/runners/internal/proc"
	"github.com/edgewasm/edgewasm/runners/tempdir"
)

// Config configures the native runner.
type Config struct {
	// Tools are the compilers (C: cc, Go: go by default).
	Tools build.Tools `json:"tools"`
	// BuildDir receives the binaries; empty means a temporary directory
	// removed by Close.
	BuildDir string `json:"build_dir,omitempty"`
	// Settle is how long Hold waits after the ready line before reading
	// memory.
	Settle time.Duration `json:"settle"`
}

// Runner is the native platform.
type Runner struct {
	cfg     Config
	tmp     *tempdir.Dir      // the build directory when Prepare created it
	bins    map[string]string // workload ID → binary
	spawner *proc.Spawner
	ccVer   string
	goVer   string
}

// The native runner has every capability.
var (
	_ runners.Holder = (*Runner)(nil)
	_ runners.Server = (*Runner)(nil)
)

// New returns a runner; Prepare checks the toolchain.
func New(cfg Config) (*Runner, error) {
	return &Runner{cfg: cfg, bins: map[string]string{}}, nil
}

// Name implements runners.Runner.
func (r *Runner) Name() string { return dataset.Native }

// Prepare builds every workload. A missing compiler is reported with what
// to install.
func (r *Runner) Prepare(ctx context.Context, ws []runners.Workload) error {
	if r.cfg.BuildDir == "" {
		d, err := tempdir.New("native-")
		if err != nil {
			return err
		}
		r.cfg.BuildDir, r.tmp = d.Path, d
	}
	if err := os.MkdirAll(r.cfg.BuildDir, 0o755); err != nil {
		return err
	}
	sp, err := proc.NewSpawner(ctx, r.cfg.Tools, r.cfg.BuildDir)
	if err != nil {
		return err
	}
	r.spawner = sp
	for _, w := range ws {
		out := filepath.Join(r.cfg.BuildDir, strings.ReplaceAll(w.ID(), "/", "-"))
		if err := build.Workload(ctx, r.cfg.Tools, w.Lang, w.Dir, w.Include, out, false); err != nil {
			return fmt.Errorf("workload %s: %w", w.ID(), err)
		}
		r.bins[w.ID()] = out
		tools := r.cfg.Tools.WithDefaults()
		switch {
		case w.Lang == dataset.LangC && r.ccVer == "":
			r.ccVer = build.Version(ctx, tools.CC, "--version")
		case w.Lang == dataset.LangGo && r.goVer == "":
			r.goVer = build.Version(ctx, tools.Go, "version")
		}
	}
	return nil
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
	return proc.Measure(ctx, r.spawner, cmd, inv.Timeout)
}

// Hold implements runners.Holder: it starts a resident workload, waits for
// its ready line, lets it settle, reads the PSS of the workload's process
// tree and the drop of the system's MemAvailable since just before the
// start, then closes its stdin and waits for it to exit.
func (r *Runner) Hold(ctx context.Context, inv runners.Invocation) (runners.Result, error) {
	cmd, err := r.command(inv)
	if err != nil {
		return runners.Result{}, err
	}
	return proc.Hold(ctx, r.spawner, cmd, inv.Timeout, r.cfg.Settle, proc.Footprint)
}

// Serve implements runners.Server: the workload inherits a socket
// listening on inv.Listen.Host as its fd 3, as with systemd's socket
// activation, so no port can be taken in between.
func (r *Runner) Serve(ctx context.Context, inv runners.Invocation, during func(context.Context, runners.Endpoint, *runners.Result) error) (runners.Result, error) {
	if inv.Listen == nil {
		return runners.Result{}, fmt.Errorf("native: Serve needs Invocation.Listen")
	}
	cmd, err := r.command(inv)
	if err != nil {
		return runners.Result{}, err
	}
	f, addr, err := proc.ListenFile(inv.Listen.Host)
	if err != nil {
		return runners.Result{}, runners.Failf("listen", "%v", err)
	}
	cmd.ExtraFiles = []*os.File{f} // fd 3
	return proc.Serve(ctx, r.spawner, cmd, []*os.File{f}, inv.Timeout, runners.ExitGrace,
		func(ctx context.Context, pid int, res *runners.Result) error {
			return during(ctx, runners.Endpoint{Addr: addr, CPU: func() (runners.CPUTimes, error) { return proc.CPUTimes(pid) }}, res)
		})
}

// Info implements runners.Runner.
func (r *Runner) Info() map[string]any {
	info := map[string]any{"cc": r.cfg.Tools.WithDefaults().CC, "cflags": build.CFlags, "cc_version": r.ccVer, "go_version": r.goVer}
	if r.spawner != nil {
		info["spawn"] = r.spawner.Info(context.Background())
	}
	return info
}

// Close removes the temporary build directory.
func (r *Runner) Close() error {
	err := r.tmp.Remove()
	r.tmp = nil
	return err
}
