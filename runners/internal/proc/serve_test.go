package proc

import (
	"context"
	"errors"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/runners"
)

func sh(script string) *exec.Cmd {
	cmd := exec.Command("sh", "-c", script)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return cmd
}

func reason(err error) string {
	var f *runners.Failure
	if errors.As(err, &f) {
		return f.Reason
	}
	return ""
}

// TestServeOutcomes: a server that exits when asked, one that never
// becomes ready, one that does not exit, and a failure of during, which
// wins and stops the server.
func TestServeOutcomes(t *testing.T) {
	ctx := context.Background()
	called := 0
	during := func(err error) func(context.Context, int, *runners.Result) error {
		return func(_ context.Context, pid int, res *runners.Result) error {
			called++
			if pid <= 0 {
				t.Errorf("pid %d", pid)
			}
			res.Add("during", 1, "count")
			return err
		}
	}
	// A server that exits shortly after it is ready.
	res, err := Serve(ctx, nil, sh("echo ready; sleep 0.2; echo bye"), nil, time.Minute, 5*time.Second, during(nil))
	if err != nil || string(res.Stdout) != "ready\nbye\n" {
		t.Errorf("clean exit: %v, stdout %q", err, res.Stdout)
	}
	if _, ok := res.Metric("ready_ms"); !ok {
		t.Error("no ready_ms")
	}
	if _, ok := res.Metric("during"); !ok {
		t.Error("during's metric lost")
	}
	if _, err := Serve(ctx, nil, sh("echo starting; exit 3"), nil, time.Minute, time.Second, during(nil)); reason(err) != "not ready" {
		t.Errorf("no ready line: %v", err)
	}
	if _, err := Serve(ctx, nil, sh("echo ready; exec sleep 60"), nil, time.Minute, 200*time.Millisecond, during(nil)); reason(err) != "no exit" {
		t.Errorf("no exit: %v", err)
	}
	boom := runners.Failf("digest", "transfer 1")
	if _, err := Serve(ctx, nil, sh("echo ready; exec sleep 60"), nil, time.Minute, 200*time.Millisecond, during(boom)); err != boom {
		t.Errorf("during failed: %v, want its failure", err)
	}
	if called != 3 {
		t.Errorf("during called %d times, want 3", called)
	}
}
