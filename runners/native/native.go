package native

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

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
	return &Runner{cfg: cfg, bins: map[string]string{}, platform: runners.Native}, nil
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
	for _, w := range ws {
		bin, err := Build(ctx, r.cfg, w, r.cfg.BuildDir, false)
		if err != nil {
			return err
		}
		r.bins[w.ID()] = bin
		switch w.Lang {
		case runners.LangC:
			r.ccVer = toolVersion(ctx, r.cfg.CC, "--version")
		case runners.LangGo:
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
	case runners.LangC:
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
	case runners.LangGo:
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
	return Measure(ctx, cmd, inv.Timeout, &stdout, &stderr)
}

// Measure starts cmd (which must have Setpgid), waits for it and records
// wall time, rusage and the exit status. When the timeout or ctx expires
// the whole process group is killed. Wall time spans fork/exec to reaped
// exit, measured with the monotonic clock.
func Measure(ctx context.Context, cmd *exec.Cmd, timeout time.Duration, stdout, stderr *bytes.Buffer) (runners.Result, error) {
	var res runners.Result
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return res, runners.Failf("start", "%v", err)
	}
	err := waitKill(ctx, cmd, timeout)
	wall := time.Since(start)
	res.Stdout, res.Stderr = stdout.Bytes(), stderr.Bytes()
	res.AddDuration("wall_ms", wall)
	addRusage(&res, cmd.ProcessState)
	return res, exitFailure(ctx, err, cmd.ProcessState, stderr.Bytes())
}

// errTimeout marks a process killed because its timeout expired.
var errTimeout = errors.New("timeout")

// waitKill waits for cmd; if timeout or ctx expire first it kills the
// process group and reaps it.
func waitKill(ctx context.Context, cmd *exec.Cmd, timeout time.Duration) error {
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var timer <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		timer = t.C
	}
	select {
	case err := <-done:
		return err
	case <-timer:
		killGroup(cmd)
		<-done
		return errTimeout
	case <-ctx.Done():
		killGroup(cmd)
		<-done
		return ctx.Err()
	}
}

func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}

func addRusage(res *runners.Result, ps *os.ProcessState) {
	if ps == nil {
		return
	}
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return
	}
	res.AddDuration("user_ms", time.Duration(ru.Utime.Nano()))
	res.AddDuration("sys_ms", time.Duration(ru.Stime.Nano()))
	res.Add("maxrss_kib", float64(ru.Maxrss), "KiB") // Linux reports KiB
}

// exitFailure classifies how a process ended.
func exitFailure(ctx context.Context, err error, ps *os.ProcessState, stderr []byte) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, errTimeout):
		return runners.Failf("timeout", "killed after the per-invocation timeout")
	case ctx.Err() != nil:
		return runners.Failf("interrupted", "%v", ctx.Err())
	}
	if ps != nil {
		if ws, ok := ps.Sys().(syscall.WaitStatus); ok {
			if ws.Signaled() {
				return runners.Failf("signal "+ws.Signal().String(), "%s", runners.Tail(stderr, 200))
			}
			if ws.Exited() {
				return runners.Failf(fmt.Sprintf("exit status %d", ws.ExitStatus()), "%s", runners.Tail(stderr, 200))
			}
		}
	}
	return runners.Failf("wait", "%v", err)
}

// Hold implements runners.Runner: it starts a resident workload, waits for
// its ready line, lets it settle, reads its PSS and the drop of the
// system's MemAvailable since just before the start, then closes its stdin
// and waits for it to exit.
func (r *Runner) Hold(ctx context.Context, inv runners.Invocation) (runners.Result, error) {
	cmd, err := r.command(inv)
	if err != nil {
		return runners.Result{}, err
	}
	return HoldProcess(ctx, cmd, inv.Timeout, r.cfg.Settle, func(pid int, res *runners.Result) error {
		pss, n, err := procfs.TreePSS(pid)
		if err != nil {
			return err
		}
		res.Add("pss_kib", float64(pss), "KiB")
		res.Add("processes", float64(n), "count")
		return nil
	})
}

// HoldProcess runs the resident-workload protocol around cmd: baseline
// MemAvailable, start, wait for ReadyLine on stdout, settle, call measure
// with the process's pid, read MemAvailable again, close stdin, wait.
// Other runners reuse it with their own measure function.
func HoldProcess(ctx context.Context, cmd *exec.Cmd, timeout, settle time.Duration, measure func(pid int, res *runners.Result) error) (runners.Result, error) {
	var res runners.Result
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return res, err
	}
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		return res, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	before, err := procfs.MemAvailable()
	if err != nil {
		return res, err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return res, runners.Failf("start", "%v", err)
	}
	ready := make(chan error, 1)
	copied := make(chan struct{}) // closed when stdout reached EOF
	var stdout bytes.Buffer
	go func() {
		defer close(copied)
		br := bufio.NewReader(pipe)
		for {
			line, err := br.ReadString('\n')
			stdout.WriteString(line)
			if strings.TrimSpace(line) == runners.ReadyLine {
				ready <- nil
				_, _ = io.Copy(&stdout, br)
				return
			}
			if err != nil {
				ready <- fmt.Errorf("stdout closed before %q", runners.ReadyLine)
				return
			}
		}
	}()
	fail := func(f error) (runners.Result, error) {
		killGroup(cmd)
		<-copied
		_ = cmd.Wait()
		res.Stderr = stderr.Bytes()
		return res, f
	}
	var timer <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		timer = t.C
	}
	select {
	case err := <-ready:
		if err != nil {
			return fail(runners.Failf("not ready", "%v; stderr: %s", err, runners.Tail(stderr.Bytes(), 200)))
		}
	case <-timer:
		return fail(runners.Failf("timeout", "no %q line before the timeout", runners.ReadyLine))
	case <-ctx.Done():
		return fail(runners.Failf("interrupted", "%v", ctx.Err()))
	}
	res.AddDuration("ready_ms", time.Since(start))
	if settle > 0 {
		time.Sleep(settle)
	}
	if err := measure(cmd.Process.Pid, &res); err != nil {
		return fail(runners.Failf("measure", "%v", err))
	}
	after, err := procfs.MemAvailable()
	if err != nil {
		return fail(runners.Failf("measure", "%v", err))
	}
	res.Add("memavail_drop_kib", float64(before-after), "KiB")
	stdin.Close()
	// Drain stdout before Wait, which closes the pipe.
	select {
	case <-copied:
	case <-timer:
		killGroup(cmd)
		<-copied
	case <-ctx.Done():
		killGroup(cmd)
		<-copied
	}
	err = waitKill(ctx, cmd, timeout)
	res.Stdout, res.Stderr = stdout.Bytes(), stderr.Bytes()
	addRusage(&res, cmd.ProcessState)
	return res, exitFailure(ctx, err, cmd.ProcessState, stderr.Bytes())
}

// Info implements runners.Runner.
func (r *Runner) Info() map[string]any {
	return map[string]any{"cc": r.cfg.CC, "cflags": r.cfg.CFlags, "cc_version": r.ccVer, "go_version": r.goVer}
}

// Close removes the temporary build directory.
func (r *Runner) Close() error {
	if r.tmp {
		return os.RemoveAll(r.cfg.BuildDir)
	}
	return nil
}
