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

	"github.com/edgewasm/edgewasm/internal/build"
	"github.com/edgewasm/edgewasm/internal/testenv"
	"github.com/edgewasm/edgewasm/runners"
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
