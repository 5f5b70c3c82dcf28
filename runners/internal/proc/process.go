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

	"golang.org/x/sys/unix"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/runners"
)

// start starts cmd, through the shim when sp is set (asking it for the
// program's pid when wantPID is set). The returned report is nil without a
// shim.
func start(sp *Spawner, cmd *exec.Cmd, wantPID bool) (*spawnReport, error) {
	if sp == nil {
		if err := cmd.Start(); err != nil {
			return nil, runners.Failf("start", "%v", err)
		}
		return nil, nil
	}
	rep, closeW, err := sp.wrap(cmd, wantPID)
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
		res.AddDuration(dataset.WallMS, wall)
	}
	addCPU(res, cmd.ProcessState)
	return classify(ctx, err, 0, false, cmd.ProcessState, stderr)
}

// Measure starts cmd (which must have Setpgid), waits for it and records
// wall time, CPU time, max RSS and the exit status. With a Spawner the
// figures are the shim's: spawn to reaped exit, and the program's own
// rusage. Without one, wall time spans Start to Wait on the monotonic
// clock and max RSS is not recorded. When the timeout or ctx expires the
// whole process group is killed. stdout and stderr go to unlinked
// temporary files, not pipes, so edgewasm neither wakes up nor allocates
// while the program writes; afterwards the Result gets the first
// OutputCap bytes of stdout (more is a failure: the workloads print a few
// key=value lines) and the last OutputCap bytes of stderr.
func Measure(ctx context.Context, sp *Spawner, cmd *exec.Cmd, timeout time.Duration) (runners.Result, error) {
	var res runners.Result
	stdout, err := captureFile()
	if err != nil {
		return res, err
	}
	defer stdout.Close()
	stderr, err := captureFile()
	if err != nil {
		return res, err
	}
	defer stderr.Close()
	cmd.Stdout, cmd.Stderr = stdout, stderr
	t0 := time.Now()
	rep, err := start(sp, cmd, false)
	if err != nil {
		return res, err
	}
	err = waitKill(ctx, cmd, timeout)
	wall := time.Since(t0)
	var over bool
	res.Stdout, over = readCapture(stdout, false)
	res.Stderr, _ = readCapture(stderr, true)
	ferr := finish(ctx, rep, cmd, err, wall, &res, res.Stderr)
	if ferr == nil && over {
		ferr = runners.Failf("output over cap", "stdout longer than %d bytes", OutputCap)
	}
	return res, ferr
}

// OutputCap bounds the output of one measured program that edgewasm keeps
// in memory.
const OutputCap = 1 << 20

// captureFile is an unlinked temporary file for a child's output. Where
// the file system supports it the file never has a name (O_TMPFILE), so a
// run killed here leaves nothing behind; elsewhere it is created and
// unlinked at once.
func captureFile() (*os.File, error) {
	if fd, err := unix.Open(os.TempDir(), unix.O_TMPFILE|unix.O_RDWR|unix.O_CLOEXEC, 0o600); err == nil {
		return os.NewFile(uintptr(fd), "edgewasm-out"), nil
	}
	f, err := os.CreateTemp("", "edgewasm-out-")
	if err != nil {
		return nil, err
	}
	if err := os.Remove(f.Name()); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// readCapture reads back what a child wrote to f: the first OutputCap bytes
// (tail false) or the last (tail true), and whether there was more.
func readCapture(f *os.File, tail bool) ([]byte, bool) {
	st, err := f.Stat()
	if err != nil {
		return nil, false
	}
	size, off := st.Size(), int64(0)
	n := min(size, OutputCap)
	if tail {
		off = size - n
	}
	b := make([]byte, n)
	m, _ := f.ReadAt(b, off)
	return b[:m], size > OutputCap
}

// errTimeout marks a process killed because its timeout expired.
var errTimeout = errors.New(dataset.ReasonTimeout)

// waitKill waits for cmd; if timeout or ctx expire first it kills the
// process group and reaps it. Until the kill decision is made the process
// is only waited for, not reaped (waitid WNOWAIT), so its pid, which is
// also the process group's id, cannot be reused by another process that
// the kill would hit. A process that exits on its own between the timer
// and the kill is not a timeout: errTimeout (or ctx's error) is returned
// only when the kill is what ended it.
func waitKill(ctx context.Context, cmd *exec.Cmd, timeout time.Duration) error {
	exited := make(chan struct{})
	pid := cmd.Process.Pid
	go func() {
		defer close(exited)
		var info unix.Siginfo
		for {
			err := unix.Waitid(unix.P_PID, pid, &info, unix.WEXITED|unix.WNOWAIT, nil)
			if err != unix.EINTR {
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
	var why error
	select {
	case <-exited:
	case <-timer:
		why = errTimeout
	case <-ctx.Done():
		why = ctx.Err()
	}
	if why != nil {
		select {
		case <-exited: // it won the race: not killed
			why = nil
		default:
			killGroup(cmd)
			<-exited
		}
	}
	err := cmd.Wait()
	if why == nil || (why == errTimeout && !killedBy(cmd.ProcessState, syscall.SIGKILL)) {
		return err // exited on its own, perhaps just after the timer fired
	}
	return why
}

// killedBy tells whether a process ended by signal sig.
func killedBy(ps *os.ProcessState, sig syscall.Signal) bool {
	if ps == nil {
		return false
	}
	ws, ok := ps.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == sig
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
		res.AddDuration(dataset.UserMS, time.Duration(ru.Utime.Nano()))
		res.AddDuration(dataset.SysMS, time.Duration(ru.Stime.Nano()))
	}
}

// classify turns how a process ended into a Failure, or nil. ws is the
// program's wait status as the shim reported it (when reported is true);
// otherwise cmd's own status is used.
func classify(ctx context.Context, err error, ws syscall.WaitStatus, reported bool, ps *os.ProcessState, stderr []byte) error {
	switch {
	case errors.Is(err, errTimeout):
		return runners.Failf(dataset.ReasonTimeout, "killed after the per-invocation timeout")
	case ctx.Err() != nil:
		return runners.Failf(dataset.ReasonInterrupted, "%v", ctx.Err())
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
	rep, err := start(sp, cmd, true)
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
		return fail(runners.Failf(dataset.ReasonTimeout, "no %q line before the timeout", runners.ReadyLine))
	case <-ctx.Done():
		return fail(runners.Failf(dataset.ReasonInterrupted, "%v", ctx.Err()))
	}
	res.AddDuration(dataset.ReadyMS, time.Since(t0))
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
	res.Add(dataset.MemAvailDropKiB, float64(before-after), dataset.UnitKiB)
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
	res.Add(dataset.PSSKiB, float64(pss), dataset.UnitKiB)
	res.Add(dataset.Processes, float64(n), dataset.UnitCount)
	res.Add(dataset.FootprintKiB, float64(pss), dataset.UnitKiB)
	return nil
}
