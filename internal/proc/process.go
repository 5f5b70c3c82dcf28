package proc

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"github.com/edgewasm/edgewasm/experiments/dataset"
	"github.com/edgewasm/edgewasm/runners"
)

// start starts cmd, through the shim when sp is set. The returned report
// is nil without a shim.
func start(sp *Spawner, cmd *exec.Cmd) (*spawnReport, error) {
	if sp == nil {
		if err := cmd.Start(); err != nil {
			return nil, runners.Failf("start", "%v", err)
		}
		return nil, nil
	}
	rep, closeW, err := sp.wrap(cmd)
	if err != nil {
		return nil, err
	}
	err = cmd.Start()
	closeW() // the child holds its own copy
	if err != nil {
		<-rep.done
		return nil, runners.Failf("start", "%v", err)
	}
	return rep, nil
}

// finish records CPU time, max RSS (and, when wall is set, wall time) of a
// process that has been waited for, and classifies how it ended.
func finish(ctx context.Context, rep *spawnReport, cmd *exec.Cmd, err error, wall time.Duration, res *runners.Result, stderr []byte) error {
	if rep != nil {
		if ws, ok := rep.apply(res, wall > 0); ok {
			return classify(ctx, err, ws, true, cmd.ProcessState, stderr)
		}
	}
	if wall > 0 {
		res.AddDuration("wall_ms", wall)
	}
	addCPU(res, cmd.ProcessState)
	return classify(ctx, err, 0, false, cmd.ProcessState, stderr)
}

// Measure starts cmd (which must have Setpgid), waits for it and records
// wall time, CPU time, max RSS and the exit status. With a Spawner the
// figures are the shim's: fork to reaped exit, and the program's own
// rusage. Without one, wall time spans Start to Wait on the monotonic
// clock and max RSS is not recorded. When the timeout or ctx expires the
// whole process group is killed. stdout and stderr are captured into the
// Result.
func Measure(ctx context.Context, sp *Spawner, cmd *exec.Cmd, timeout time.Duration) (runners.Result, error) {
	var res runners.Result
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	t0 := time.Now()
	rep, err := start(sp, cmd)
	if err != nil {
		return res, err
	}
	err = waitKill(ctx, cmd, timeout)
	wall := time.Since(t0)
	res.Stdout, res.Stderr = stdout.Bytes(), stderr.Bytes()
	return res, finish(ctx, rep, cmd, err, wall, &res, stderr.Bytes())
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

// addCPU records user and system time of a directly started child. Its
// ru_maxrss is not recorded: see Spawner.
func addCPU(res *runners.Result, ps *os.ProcessState) {
	if ps == nil {
		return
	}
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		res.AddDuration("user_ms", time.Duration(ru.Utime.Nano()))
		res.AddDuration("sys_ms", time.Duration(ru.Stime.Nano()))
	}
}

// classify turns how a process ended into a Failure, or nil. ws is the
// program's wait status as the shim reported it (when reported is true);
// otherwise cmd's own status is used.
func classify(ctx context.Context, err error, ws syscall.WaitStatus, reported bool, ps *os.ProcessState, stderr []byte) error {
	switch {
	case errors.Is(err, errTimeout):
		return runners.Failf("timeout", "killed after the per-invocation timeout")
	case ctx.Err() != nil:
		return runners.Failf("interrupted", "%v", ctx.Err())
	}
	if !reported {
		if err == nil {
			return nil
		}
		if ps == nil {
			return runners.Failf("wait", "%v", err)
		}
		w, ok := ps.Sys().(syscall.WaitStatus)
		if !ok {
			return runners.Failf("wait", "%v", err)
		}
		ws = w
	}
	switch {
	case ws.Signaled():
		return runners.Failf("signal "+ws.Signal().String(), "%s", runners.Tail(stderr, 200))
	case ws.Exited() && ws.ExitStatus() != 0:
		return runners.Failf(fmt.Sprintf("exit status %d", ws.ExitStatus()), "%s", runners.Tail(stderr, 200))
	}
	return nil
}

// Hold runs the resident-workload protocol around cmd: baseline
// MemAvailable, start, wait for ReadyLine on stdout, settle, call measure
// with the workload's pid (the shim's child when sp is set, so the shim is
// never counted), read MemAvailable again, close stdin, wait. Other
// runners reuse it with their own measure function.
func Hold(ctx context.Context, sp *Spawner, cmd *exec.Cmd, timeout, settle time.Duration, measure func(pid int, res *runners.Result) error) (runners.Result, error) {
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
	before, err := MemAvailable()
	if err != nil {
		return res, err
	}
	t0 := time.Now()
	rep, err := start(sp, cmd)
	if err != nil {
		return res, err
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
	var timer <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		timer = t.C
	}
	fail := func(f error) (runners.Result, error) {
		killGroup(cmd)
		<-copied
		_ = cmd.Wait()
		if rep != nil {
			<-rep.done
		}
		res.Stderr = stderr.Bytes()
		return res, f
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
	res.AddDuration("ready_ms", time.Since(t0))
	pid := cmd.Process.Pid
	if rep != nil {
		p, ok := <-rep.pid // sent right after fork, long before ready
		if !ok {
			return fail(runners.Failf("measure", "the spawn shim reported no pid"))
		}
		pid = p
	}
	if settle > 0 {
		time.Sleep(settle)
	}
	if err := measure(pid, &res); err != nil {
		return fail(runners.Failf("measure", "%v", err))
	}
	after, err := MemAvailable()
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
	return res, finish(ctx, rep, cmd, err, 0, &res, stderr.Bytes())
}

// Footprint is the usual measure function for Hold: the PSS of the process
// and its descendants, and how many processes were summed. For a process
// that is the whole platform (a native program, a Wasm launcher with its
// guest inside) that PSS is also its footprint.
func Footprint(pid int, res *runners.Result) error {
	pss, n, err := TreePSS(pid)
	if err != nil {
		return err
	}
	res.Add("pss_kib", float64(pss), dataset.UnitKiB)
	res.Add("processes", float64(n), dataset.UnitCount)
	res.Add(dataset.FootprintKiB, float64(pss), dataset.UnitKiB)
	return nil
}
