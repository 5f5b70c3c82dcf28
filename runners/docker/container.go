package docker

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"syscall"
	"time"

	"github.com/moby/moby/api/pkg/stdcopy"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/mount"
	"github.com/moby/moby/client"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/internal/proc"
)

// GuestScratch is where the fsio scratch directory is mounted.
const GuestScratch = "/scratch"

// drainTimeout bounds how long we wait for the attach stream to deliver
// the last output after the container has exited.
const drainTimeout = 10 * time.Second

// createOptions is the hardened container configuration for inv.
func (r *Runner) createOptions(im image, inv runners.Invocation, interactive bool) client.ContainerCreateOptions {
	pids := r.cfg.PidsLimit
	cfg := &container.Config{
		Image: im.Tag, Cmd: inv.ExpandArgs(GuestScratch), User: r.cfg.User, Labels: r.labels(),
		AttachStdout: true, AttachStderr: true, NetworkDisabled: true,
	}
	if interactive {
		cfg.AttachStdin, cfg.OpenStdin, cfg.StdinOnce = true, true, true
	}
	hc := &container.HostConfig{
		NetworkMode:    "none",
		ReadonlyRootfs: true,
		CapDrop:        []string{"ALL"},
		SecurityOpt:    []string{"no-new-privileges"},
		Resources:      container.Resources{PidsLimit: &pids, CpusetCpus: r.cfg.CPUSet},
	}
	if r.cfg.Memory > 0 {
		// Swap is capped to the same figure, so the limit holds on hosts
		// that have swap (Docker ignores it where the kernel does not
		// account for swap).
		hc.Resources.Memory, hc.Resources.MemorySwap = r.cfg.Memory, r.cfg.Memory
	}
	if inv.Scratch != "" {
		hc.Mounts = []mount.Mount{{Type: mount.TypeBind, Source: inv.Scratch, Target: GuestScratch}}
	}
	return client.ContainerCreateOptions{Config: cfg, HostConfig: hc}
}

// session is one container's life: create → attach → start → wait → remove.
type session struct {
	r       *Runner
	id      string
	att     client.HijackedResponse
	exited  <-chan exitResult
	copied  chan struct{} // closed when the output stream reached EOF
	stdout  bytes.Buffer  // filled by the copier (Run) or the line reader (Hold)
	stderr  bytes.Buffer
	removed bool
}

type exitResult struct {
	code int64
	err  error
}

// open creates the container, attaches to it, registers the wait and
// starts it, timing each phase into res. tctx bounds the invocation.
// out receives the demultiplexed stdout.
func (r *Runner) open(tctx context.Context, res *runners.Result, opts client.ContainerCreateOptions, out func(s *session) io.Writer) (*session, error) {
	s := &session{r: r, copied: make(chan struct{})}
	t := time.Now()
	cr, err := r.cli.ContainerCreate(tctx, opts)
	res.AddDuration(dataset.CreateMS, time.Since(t))
	if err != nil {
		return nil, runners.Failf("create", "%v", err)
	}
	s.id = cr.ID
	r.mu.Lock()
	r.live[s.id] = true
	r.mu.Unlock()

	t = time.Now()
	ar, err := r.cli.ContainerAttach(tctx, s.id, client.ContainerAttachOptions{
		Stream: true, Stdin: opts.Config.OpenStdin, Stdout: true, Stderr: true,
	})
	s.att = ar.HijackedResponse
	if err != nil {
		s.close()
		return nil, runners.Failf("attach", "%v", err)
	}
	go func() {
		defer close(s.copied)
		w := out(s)
		_, _ = stdcopy.StdCopy(w, &s.stderr, s.att.Reader)
		if c, ok := w.(io.Closer); ok {
			c.Close()
		}
	}()
	// Register the wait before starting, as `docker run` does, so a
	// container that exits at once is not missed.
	s.exited = r.waitExit(tctx, s.id)
	res.AddDuration(dataset.AttachMS, time.Since(t))

	t = time.Now()
	_, err = r.cli.ContainerStart(tctx, s.id, client.ContainerStartOptions{})
	res.AddDuration(dataset.StartMS, time.Since(t))
	if err != nil {
		s.close()
		return nil, runners.Failf("start", "%v", err)
	}
	return s, nil
}

// waitExit registers a wait for the container's next exit and delivers
// its outcome on a buffered channel.
func (r *Runner) waitExit(ctx context.Context, id string) <-chan exitResult {
	ch := make(chan exitResult, 1)
	wr := r.cli.ContainerWait(ctx, id, client.ContainerWaitOptions{Condition: container.WaitConditionNextExit})
	go func() {
		select {
		case w := <-wr.Result:
			var err error
			if w.Error != nil && w.Error.Message != "" {
				err = errors.New(w.Error.Message)
			}
			ch <- exitResult{code: w.StatusCode, err: err}
		case err := <-wr.Error:
			ch <- exitResult{err: err}
		}
	}()
	return ch
}

// finish waits for the container to exit (or kills it when tctx expires or
// ctx is cancelled), drains its output, removes it, and classifies the
// outcome. It times wait_ms and remove_ms.
func (s *session) finish(ctx, tctx context.Context, res *runners.Result) error {
	t := time.Now()
	var ex exitResult
	select {
	case ex = <-s.exited:
	case <-tctx.Done():
	}
	res.AddDuration(dataset.WaitMS, time.Since(t))
	var fail error
	switch {
	case ctx.Err() != nil:
		fail = runners.Failf(dataset.ReasonInterrupted, "%v", ctx.Err())
	case tctx.Err() != nil:
		fail = runners.Failf(dataset.ReasonTimeout, "container killed after the per-invocation timeout")
	case ex.err != nil:
		fail = runners.Failf("wait", "%v", ex.err)
	}
	if fail != nil {
		s.kill()
	}
	s.drain()
	if fail == nil && ex.code != 0 {
		fail = s.exitFailure(ex.code)
	}

	t = time.Now()
	err := s.remove(ctx)
	res.AddDuration(dataset.RemoveMS, time.Since(t))
	if fail == nil && err != nil {
		fail = runners.Failf("remove", "%v", err)
	}
	return fail
}

// drain waits for the output stream to end, then closes the connection.
func (s *session) drain() {
	select {
	case <-s.copied:
	case <-time.After(drainTimeout):
	}
	s.att.Close()
	<-s.copied
}

// exitFailure names a non-zero exit: OOM kill, death by signal (exit code
// 128+n, the runtime's convention) or a plain exit status.
func (s *session) exitFailure(code int64) error {
	ctx, cancel := cleanupContext()
	defer cancel()
	tail := runners.Tail(s.stderr.Bytes(), 200)
	if in, err := s.r.cli.ContainerInspect(ctx, s.id, client.ContainerInspectOptions{}); err == nil &&
		in.Container.State != nil && in.Container.State.OOMKilled {
		return runners.Failf(dataset.ReasonOOMKilled, "exit status %d; %s", code, tail)
	}
	if code > 128 && code < 128+65 {
		return runners.Failf("signal "+syscall.Signal(code-128).String(), "exit status %d; %s", code, tail)
	}
	return runners.Failf(fmt.Sprintf("exit status %d", code), "%s", tail)
}

// kill stops a container that must not run on, with a fresh context.
func (s *session) kill() {
	ctx, cancel := cleanupContext()
	defer cancel()
	_, _ = s.r.cli.ContainerKill(ctx, s.id, client.ContainerKillOptions{Signal: "KILL"})
}

// remove deletes the container; when ctx is already cancelled it uses a
// fresh one, so an interrupted run leaves nothing behind.
func (s *session) remove(ctx context.Context) error {
	if s.removed {
		return nil
	}
	if ctx.Err() != nil {
		var cancel context.CancelFunc
		ctx, cancel = cleanupContext()
		defer cancel()
	}
	err := s.r.remove(ctx, s.id)
	s.removed = err == nil
	return err
}

// close tears down a session that failed before finish.
func (s *session) close() {
	if s.att.Conn != nil {
		s.att.Close()
	}
	ctx, cancel := cleanupContext()
	defer cancel()
	_ = s.remove(ctx)
}

// remove force-removes a container and forgets it.
func (r *Runner) remove(ctx context.Context, id string) error {
	_, err := r.cli.ContainerRemove(ctx, id, client.ContainerRemoveOptions{Force: true, RemoveVolumes: true})
	if err == nil {
		r.mu.Lock()
		delete(r.live, id)
		r.mu.Unlock()
	}
	return err
}

func (r *Runner) image(inv runners.Invocation) (image, error) {
	im, ok := r.images[inv.Workload.ID()]
	if !ok {
		return im, fmt.Errorf("docker: workload %s was not prepared", inv.Workload.ID())
	}
	return im, nil
}

// timeoutContext bounds an invocation; zero means no bound.
func timeoutContext(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if d <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, d)
}

// Run implements runners.Runner: the equivalent of `docker run --rm`,
// with each phase timed. For the startup experiment the docker CLI is
// then timed on the same image (cli_ms).
func (r *Runner) Run(ctx context.Context, inv runners.Invocation) (runners.Result, error) {
	var res runners.Result
	im, err := r.image(inv)
	if err != nil {
		return res, err
	}
	tctx, cancel := timeoutContext(ctx, inv.Timeout)
	defer cancel()
	start := time.Now()
	s, err := r.open(tctx, &res, r.createOptions(im, inv, false), func(s *session) io.Writer { return &s.stdout })
	if err != nil {
		res.AddDuration(dataset.WallMS, time.Since(start))
		return res, err
	}
	err = s.finish(ctx, tctx, &res)
	res.AddDuration(dataset.WallMS, time.Since(start))
	res.Stdout, res.Stderr = s.stdout.Bytes(), s.stderr.Bytes()
	if err == nil && inv.TimeCLI && r.cliBin != "" {
		err = r.timeCLI(ctx, im, inv, &res)
	}
	return res, err
}

// Hold implements runners.Holder: it runs a resident workload with stdin
// attached, waits for its ready line, lets it settle, then reads the
// container's cgroup memory, the PSS of the workload process and of its
// containerd shim, and the drop in MemAvailable since just before the
// container was created; then it closes stdin and lets the container exit.
func (r *Runner) Hold(ctx context.Context, inv runners.Invocation) (runners.Result, error) {
	var res runners.Result
	im, err := r.image(inv)
	if err != nil {
		return res, err
	}
	tctx, cancel := timeoutContext(ctx, inv.Timeout)
	defer cancel()
	before, err := proc.MemAvailable()
	if err != nil {
		return res, err
	}
	start := time.Now()
	s, fail, err := r.openReady(ctx, tctx, &res, r.createOptions(im, inv, true), start)
	if err != nil {
		return res, err
	}
	if r.cfg.Settle > 0 {
		time.Sleep(r.cfg.Settle)
	}
	if err := r.measure(tctx, s.id, &res); err != nil {
		return fail(runners.Failf("measure", "%v", err))
	}
	after, err := proc.MemAvailable()
	if err != nil {
		return fail(runners.Failf("measure", "%v", err))
	}
	res.Add(dataset.MemAvailDropKiB, float64(before-after), dataset.UnitKiB)
	if err := s.att.CloseWrite(); err != nil {
		return fail(runners.Failf("close stdin", "%v", err))
	}
	err = s.finish(ctx, tctx, &res)
	res.AddDuration(dataset.WallMS, time.Since(start))
	res.Stdout, res.Stderr = s.stdout.Bytes(), s.stderr.Bytes()
	return res, err
}

// openReady creates and starts a container whose workload prints
// runners.ReadyLine, and waits for that line (ready_ms, from start).
// When it fails, the container is gone, wall_ms and the output are in res,
// and the error is a Failure. Otherwise the caller gets the session and
// fail, which kills and removes the container, completes res the same way
// and returns it with the error it is given.
func (r *Runner) openReady(ctx, tctx context.Context, res *runners.Result, opts client.ContainerCreateOptions, start time.Time) (*session, func(error) (runners.Result, error), error) {
	ready := make(chan error, 1)
	s, err := r.open(tctx, res, opts, func(s *session) io.Writer { return readyWriter(&s.stdout, ready) })
	if err != nil {
		res.AddDuration(dataset.WallMS, time.Since(start))
		return nil, nil, err
	}
	fail := func(f error) (runners.Result, error) {
		s.kill()
		s.drain()
		_ = s.remove(ctx)
		res.AddDuration(dataset.WallMS, time.Since(start))
		res.Stdout, res.Stderr = s.stdout.Bytes(), s.stderr.Bytes()
		return *res, f
	}
	var f error
	select {
	case err := <-ready:
		if err != nil {
			f = runners.Failf("not ready", "%v; stderr: %s", err, runners.Tail(s.stderr.Bytes(), 200))
		}
	case <-tctx.Done():
		f = runners.Failf(dataset.ReasonTimeout, "no %q line before the timeout", runners.ReadyLine)
		if ctx.Err() != nil {
			f = runners.Failf(dataset.ReasonInterrupted, "%v", ctx.Err())
		}
	}
	if f != nil {
		_, f = fail(f)
		return nil, nil, f
	}
	res.AddDuration(dataset.ReadyMS, time.Since(start))
	return s, fail, nil
}

// readyWriter returns a writer that copies into buf and reports on ready
// once a line equal to runners.ReadyLine has been written (or, on Close,
// that the stream ended without one).
func readyWriter(buf *bytes.Buffer, ready chan<- error) io.WriteCloser {
	pr, pw := io.Pipe()
	w := &lineWriter{PipeWriter: pw, done: make(chan struct{})}
	go func() {
		defer close(w.done)
		br := bufio.NewReader(pr)
		sent := false
		for {
			line, err := br.ReadString('\n')
			buf.WriteString(line)
			if !sent && strings.TrimSpace(line) == runners.ReadyLine {
				ready <- nil
				sent = true
			}
			if err != nil {
				if !sent {
					ready <- fmt.Errorf("stdout closed before %q", runners.ReadyLine)
				}
				return
			}
		}
	}()
	return w
}

// lineWriter is the writing end of readyWriter; Close returns once every
// line has reached the buffer.
type lineWriter struct {
	*io.PipeWriter
	done chan struct{}
}

func (w *lineWriter) Close() error {
	err := w.PipeWriter.Close()
	<-w.done
	return err
}
