package native

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/internal/testenv"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/build"
)

// program writes a one-file C workload and returns it.
func program(t *testing.T, name, src string) runners.Workload {
	t.Helper()
	testenv.CC(t)
	dir := filepath.Join(t.TempDir(), name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.c"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return runners.Workload{Experiment: "cpu", Test: name, Lang: dataset.LangC, Dir: dir, Include: dir}
}

func prepared(t *testing.T, ws ...runners.Workload) *Runner {
	t.Helper()
	r, err := New(Config{Settle: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Prepare(context.Background(), ws); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		dir := r.cfg.BuildDir
		r.Close()
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("build dir %s left behind", dir)
		}
	})
	return r
}

func TestRunMeasuresAndClassifies(t *testing.T) {
	ok := program(t, "ok", `#include <stdio.h>
int main(int c, char **v){ volatile unsigned long x=0; for(unsigned long i=0;i<20000000UL;i++) x+=i; printf("digest=%s\n", c>1?v[1]:"none"); return 0; }`)
	exit3 := program(t, "exit3", `#include <stdio.h>
int main(void){ fprintf(stderr, "bad things\n"); return 3; }`)
	crash := program(t, "crash", `#include <signal.h>
int main(void){ raise(SIGSEGV); return 0; }`)
	hang := program(t, "hang", `#include <unistd.h>
int main(void){ for(;;) pause(); }`)
	r := prepared(t, ok, exit3, crash, hang)
	ctx := context.Background()

	res, err := r.Run(ctx, runners.Invocation{Workload: ok, Args: []string{runners.ScratchToken + "/f"}, Scratch: "/s", Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if string(res.Stdout) != "digest=/s/f\n" {
		t.Fatalf("stdout %q: scratch token not expanded", res.Stdout)
	}
	wall, _ := res.Metric("wall_ms")
	user, _ := res.Metric("user_ms")
	rss, _ := res.Metric("maxrss_kib")
	if wall <= 0 || user < 0 || rss <= 0 || user > wall*1.5+5 {
		t.Fatalf("implausible metrics: %+v", res.Metrics)
	}

	_, err = r.Run(ctx, runners.Invocation{Workload: exit3, Timeout: time.Minute})
	var f *runners.Failure
	if !errors.As(err, &f) || f.Reason != "exit status 3" || !strings.Contains(f.Detail, "bad things") {
		t.Fatalf("exit3: %v", err)
	}
	_, err = r.Run(ctx, runners.Invocation{Workload: crash, Timeout: time.Minute})
	if !errors.As(err, &f) || !strings.HasPrefix(f.Reason, "signal segmentation fault") {
		t.Fatalf("crash: %v", err)
	}
	res, err = r.Run(ctx, runners.Invocation{Workload: hang, Timeout: 200 * time.Millisecond})
	if !errors.As(err, &f) || f.Reason != "timeout" {
		t.Fatalf("hang: %v", err)
	}
	if _, ok := res.Metric("wall_ms"); !ok {
		t.Fatal("a timed-out invocation lost its wall time")
	}
}

func TestHold(t *testing.T) {
	idle := program(t, "idle", `#include <stdio.h>
#include <unistd.h>
int main(void){ char b[64]; puts("ready"); fflush(stdout); while (read(0, b, sizeof b) > 0) {} return 0; }`)
	mute := program(t, "mute", `#include <unistd.h>
int main(void){ char b[64]; while (read(0, b, sizeof b) > 0) {} return 0; }`)
	r := prepared(t, idle, mute)
	res, err := r.Hold(context.Background(), runners.Invocation{Workload: idle, Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	pss, ok := res.Metric("pss_kib")
	if !ok || pss <= 0 || pss > 100_000 {
		t.Fatalf("pss = %v (%v)", pss, res.Metrics)
	}
	if _, ok := res.Metric("memavail_drop_kib"); !ok {
		t.Fatal("no memavail_drop_kib")
	}
	_, err = r.Hold(context.Background(), runners.Invocation{Workload: mute, Timeout: 300 * time.Millisecond})
	var f *runners.Failure
	if !errors.As(err, &f) || f.Reason != "timeout" {
		t.Fatalf("mute: %v", err)
	}
}

func TestMissingCompiler(t *testing.T) {
	r, _ := New(Config{Tools: build.Tools{CC: "no-such-cc-edgewasm"}})
	defer r.Close()
	err := r.Prepare(context.Background(), []runners.Workload{{Experiment: "cpu", Test: "x", Lang: "c", Dir: t.TempDir()}})
	if err == nil || !strings.Contains(err.Error(), "apt-get install gcc") {
		t.Fatalf("err = %v", err)
	}
}

// TestMaxRSSIsTheWorkloadsOwn guards against Linux charging the parent's
// RSS high-water mark to a child started with CLONE_VM (as Go starts every
// child): with the ewspawn shim a tiny program reports a tiny max RSS even
// when edgewasm itself is large.
func TestMaxRSSIsTheWorkloadsOwn(t *testing.T) {
	tiny := program(t, "tiny", `int main(void){ return 0; }`)
	r := prepared(t, tiny)
	ballast := make([]byte, 64<<20)
	for i := range ballast {
		ballast[i] = byte(i)
	}
	res, err := r.Run(context.Background(), runners.Invocation{Workload: tiny, Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	rss, ok := res.Metric("maxrss_kib")
	if !ok || rss <= 0 || rss > 16<<10 {
		t.Fatalf("maxrss_kib = %v (recorded %v): want the program's own, well under the parent's 64 MiB", rss, ok)
	}
	if ballast[len(ballast)-1] != byte(len(ballast)-1) {
		t.Fatal("ballast changed")
	}
}
