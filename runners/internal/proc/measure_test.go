package proc

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/internal/testenv"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/build"
)

// tinyProgram builds a C program that exits at once and returns its path
// with a spawner built beside it.
func tinyProgram(t *testing.T) (string, *Spawner) {
	t.Helper()
	testenv.CC(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "tiny.c")
	if err := os.WriteFile(src, []byte("int main(void){ return 0; }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "tiny")
	if err := build.NativeC(context.Background(), build.Tools{}, src, "", bin, false); err != nil {
		t.Fatal(err)
	}
	sp, err := NewSpawner(context.Background(), build.Tools{}, dir)
	if err != nil {
		t.Fatal(err)
	}
	return bin, sp
}

// TestWithoutSpawnerNoMaxRSS: a direct child's ru_maxrss would be the
// parent's, so it must not be recorded at all.
func TestWithoutSpawnerNoMaxRSS(t *testing.T) {
	bin, _ := tinyProgram(t)
	cmd := exec.Command(bin)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	res, err := Measure(context.Background(), nil, cmd, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := res.Metric("maxrss_kib"); ok {
		t.Fatal("maxrss_kib recorded for a directly started child")
	}
	if w, ok := res.Metric("wall_ms"); !ok || w <= 0 {
		t.Fatal("no wall time")
	}
}

func TestSpawnerExecFailure(t *testing.T) {
	_, sp := tinyProgram(t)
	cmd := exec.Command("/nonexistent/edgewasm-program")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	_, err := Measure(context.Background(), sp, cmd, time.Minute)
	var f *runners.Failure
	if !errors.As(err, &f) || f.Reason != "exit status 127" || !strings.Contains(f.Detail, "ewspawn: exec") {
		t.Fatalf("err = %v", err)
	}
}

// TestTimeoutOnlyWhenKilled races the timeout against a normal exit: a
// program that sleeps about as long as its timeout either exits on its own
// (no failure, the shim's figures recorded) or is killed (a "timeout"
// failure, and the process did die by SIGKILL). A timeout reported for a
// process that had exited on its own, or a kill sent after it was reaped,
// breaks one of the two.
func TestTimeoutOnlyWhenKilled(t *testing.T) {
	testenv.CC(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "nap.c")
	if err := os.WriteFile(src, []byte("#include <unistd.h>\nint main(void){ usleep(2000); return 0; }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "nap")
	if err := build.NativeC(context.Background(), build.Tools{}, src, "", bin, true); err != nil {
		t.Fatal(err)
	}
	sp, err := NewSpawner(context.Background(), build.Tools{}, dir)
	if err != nil {
		t.Fatal(err)
	}
	outcomes := map[string]int{}
	for i := range 60 {
		for _, s := range []*Spawner{sp, nil} {
			cmd := exec.Command(bin)
			cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
			timeout := time.Duration(500+(i%12)*300) * time.Microsecond
			res, err := Measure(context.Background(), s, cmd, timeout)
			ws := cmd.ProcessState.Sys().(syscall.WaitStatus)
			var f *runners.Failure
			switch {
			case err == nil:
				outcomes["exited"]++
				if ws.Signaled() || ws.ExitStatus() != 0 {
					t.Fatalf("no failure but wait status %v", ws)
				}
				if _, ok := res.Metric("maxrss_kib"); s != nil && !ok {
					t.Fatal("exited through the shim without its figures")
				}
			case errors.As(err, &f) && f.Reason == "timeout":
				outcomes["killed"]++
				if !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
					t.Fatalf("timeout reported, but the process ended with %v", ws)
				}
			default:
				t.Fatalf("timeout %v: %v", timeout, err)
			}
		}
	}
	t.Logf("outcomes: %v", outcomes)
}

// TestSpawnerFloor: the shim's own contribution to maxrss_kib is known and
// small.
func TestSpawnerFloor(t *testing.T) {
	_, sp := tinyProgram(t)
	kib, err := sp.FloorKiB(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if kib <= 0 || kib > 4096 {
		t.Fatalf("floor_kib = %d", kib)
	}
}

// TestMeasureOutputCap: stdout is kept up to OutputCap and more is a
// failure, not a silent truncation.
func TestMeasureOutputCap(t *testing.T) {
	_, sp := tinyProgram(t)
	cmd := exec.Command("/bin/sh", "-c", "head -c $((1024*1024+1)) /dev/zero; echo oops >&2")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	res, err := Measure(context.Background(), sp, cmd, time.Minute)
	var f *runners.Failure
	if !errors.As(err, &f) || f.Reason != "output over cap" {
		t.Fatalf("err = %v", err)
	}
	if len(res.Stdout) != OutputCap || string(res.Stderr) != "oops\n" {
		t.Fatalf("stdout %d bytes, stderr %q", len(res.Stdout), res.Stderr)
	}
}
