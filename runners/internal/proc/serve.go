package proc

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/runners"
)

// Serve runs a server workload (the network experiment): it starts cmd
// (which must have Setpgid) and closes parentCopies, the parent's copies
// of files the child inherits (its listening socket), so that only the
// child holds them. Once the workload prints runners.ReadyLine it calls
// during with the workload's pid (the shim's child when sp is set) and a
// context that expires with the invocation's timeout; during exercises
// the workload and finally asks it to exit. Serve then waits up to grace
// for the exit, kills the process group if it has not come, and records
// wall time, CPU time and max RSS as Measure does, plus ready_ms. An error
// from during is returned in preference to anything else, after the
// workload has been stopped.
func Serve(ctx context.Context, sp *Spawner, cmd *exec.Cmd, parentCopies []*os.File, timeout, grace time.Duration,
	during func(ctx context.Context, pid int, res *runners.Result) error) (runners.Result, error) {
	var res runners.Result
	closeCopies := func() {
		for _, f := range parentCopies {
			f.Close()
		}
	}
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		closeCopies()
		return res, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	tctx, cancel := context.WithCancel(ctx)
	if timeout > 0 {
		tctx, cancel = context.WithTimeout(ctx, timeout)
	}
	defer cancel()

	t0 := time.Now()
	rep, err := start(sp, cmd, true)
	closeCopies()
	if err != nil {
		return res, err
	}
	var stdout bytes.Buffer
	ready, copied := readyLine(pipe, &stdout)
	stop := func() {
		killGroup(cmd)
		<-copied
		_ = cmd.Wait()
		if rep != nil {
			<-rep.done
		}
		res.Stdout, res.Stderr = stdout.Bytes(), stderr.Bytes()
	}
	select {
	case err := <-ready:
		if err != nil {
			stop()
			return res, runners.Failf("not ready", "%v; stderr: %s", err, runners.Tail(stderr.Bytes(), 200))
		}
	case <-tctx.Done():
		stop()
		if ctx.Err() != nil {
			return res, runners.Failf(dataset.ReasonInterrupted, "%v", ctx.Err())
		}
		return res, runners.Failf(dataset.ReasonTimeout, "no %q line before the timeout", runners.ReadyLine)
	}
	res.AddDuration(dataset.ReadyMS, time.Since(t0))
	pid := cmd.Process.Pid
	if rep != nil {
		p, ok := <-rep.pid // sent right after fork, long before ready
		if !ok {
			stop()
			return res, runners.Failf("measure", "the spawn shim reported no pid")
		}
		pid = p
	}

	derr := during(tctx, pid, &res)

	g := time.NewTimer(grace)
	defer g.Stop()
	exited := true
	select {
	case <-copied: // stdout closed: the workload has exited
	case <-g.C:
		exited = false
	case <-tctx.Done():
		exited = false
	}
	if !exited {
		killGroup(cmd)
		<-copied
	}
	werr := cmd.Wait()
	wall := time.Since(t0)
	res.Stdout, res.Stderr = stdout.Bytes(), stderr.Bytes()
	ferr := finish(ctx, rep, cmd, werr, wall, &res, stderr.Bytes())
	switch {
	case ctx.Err() != nil:
		return res, runners.Failf(dataset.ReasonInterrupted, "%v", ctx.Err())
	case derr != nil:
		return res, derr
	case tctx.Err() != nil:
		return res, runners.Failf(dataset.ReasonTimeout, "killed after the per-invocation timeout")
	case !exited:
		return res, runners.Failf("no exit", "still running %v after it was asked to exit; stderr: %s", grace, runners.Tail(stderr.Bytes(), 200))
	}
	return res, ferr
}

// readyLine copies r into buf and reports on ready once a line equal to
// runners.ReadyLine has been read (or an error if r ended without one);
// copied is closed when r reached EOF.
func readyLine(r io.Reader, buf *bytes.Buffer) (<-chan error, <-chan struct{}) {
	ready := make(chan error, 1)
	copied := make(chan struct{})
	go func() {
		defer close(copied)
		br := bufio.NewReader(r)
		for {
			line, err := br.ReadString('\n')
			buf.WriteString(line)
			if strings.TrimSpace(line) == runners.ReadyLine {
				ready <- nil
				_, _ = io.Copy(buf, br)
				return
			}
			if err != nil {
				ready <- fmt.Errorf("stdout closed before %q", runners.ReadyLine)
				return
			}
		}
	}()
	return ready, copied
}
