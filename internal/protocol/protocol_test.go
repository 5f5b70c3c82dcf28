package protocol

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/experiments"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/internal/fake"
	"github.com/edgewasm/edgewasm/runners"
)

// fakeRoot makes a repository root with sizes and expected digests whose
// digest for size n is "d<n>".
func fakeRoot(t testing.TB) string {
	t.Helper()
	root := t.TempDir()
	var sizes strings.Builder
	for i, test := range experiments.CPUTests {
		dir := filepath.Join(root, "experiments", "cpu", test)
		must(t, os.MkdirAll(dir, 0o755))
		n := 100 + i
		fmt.Fprintf(&sizes, "cpu %s quick %d\n", test, n)
		must(t, os.WriteFile(filepath.Join(dir, "expected.txt"), []byte(fmt.Sprintf("# size digest\n%d d%d\n", n, n)), 0o644))
	}
	dir := filepath.Join(root, "experiments", "fsio", "fsio")
	must(t, os.MkdirAll(dir, 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "expected.txt"), []byte("4096 d4096\n"), 0o644))
	fmt.Fprintf(&sizes, "fsio fsio quick 4096\n")
	for _, test := range experiments.Tests[experiments.Network] {
		fmt.Fprintf(&sizes, "network %s quick 100000\n", test)
	}
	fmt.Fprintf(&sizes, "network files quick 5\nnetwork conns quick 2\nnetwork idle-ms quick 20\nnetwork timeout-ms quick 2000\n")
	must(t, os.WriteFile(filepath.Join(root, experiments.SizesFile), []byte(sizes.String()), 0o644))
	return root
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// honest answers like a correct workload: the right digest for its size.
func honest(_ context.Context, inv runners.Invocation, hold bool) (runners.Result, error) {
	var r runners.Result
	r.Add("wall_ms", 1.5, "ms")
	if hold {
		r.Add("pss_kib", 300, "KiB")
		return r, nil
	}
	switch inv.Workload.Experiment {
	case experiments.CPU:
		r.Stdout = []byte(fmt.Sprintf("digest=d%s\nkernel_ns=1000000\n", inv.Args[0]))
	case experiments.FSIO:
		path := strings.ReplaceAll(inv.Args[1], runners.ScratchToken, inv.Scratch)
		if inv.Args[0] == "write" {
			if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
				return r, err
			}
		} else if _, err := os.Stat(path); err != nil {
			return r, runners.Failf("exit status 1", "no file")
		}
		r.Stdout = []byte("digest=d4096\nkernel_ns=5\nbytes=4096\n")
	}
	return r, nil
}

func runFake(t *testing.T, cfg Config, rs map[string]runners.Runner) (Summary, []dataset.Sample) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "samples.csv")
	w, err := dataset.Create(path)
	must(t, err)
	sum, err := Execute(context.Background(), cfg, Plan(cfg), rs, w, nil)
	must(t, err)
	must(t, w.Close())
	got, err := dataset.ReadFile(path)
	must(t, err)
	return sum, got
}

func TestPlanInterleavesAndWarmsUp(t *testing.T) {
	root := fakeRoot(t)
	p, err := experiments.LoadProfile(root, "quick")
	must(t, err)
	cfg := Config{Root: root, Profile: p, Platforms: []string{"a", "b", "c"}, Langs: []string{"c"},
		Experiments: []string{experiments.CPU}}
	steps := Plan(cfg)
	// Per test: 1 warm-up × 3 platforms + 3 reps × 3 platforms.
	if want := 8 * (3 + 9); len(steps) != want {
		t.Fatalf("len(plan) = %d, want %d", len(steps), want)
	}
	var got []string
	for _, s := range steps[:12] {
		got = append(got, fmt.Sprintf("%s%d", s.Platform, s.Rep))
	}
	want := "a0 b0 c0 a1 b1 c1 b2 c2 a2 c3 a3 b3"
	if strings.Join(got, " ") != want {
		t.Fatalf("order = %s, want %s", strings.Join(got, " "), want)
	}
	for _, s := range steps {
		if s.Size != p.Sizes["cpu/"+s.Test] {
			t.Fatalf("%s: size %d", s, s.Size)
		}
	}
}

func TestPlanFSIOPairsWriteRead(t *testing.T) {
	root := fakeRoot(t)
	p, _ := experiments.LoadProfile(root, "quick")
	steps := Plan(Config{Root: root, Profile: p, Platforms: []string{"a"}, Langs: []string{"c"}, Experiments: []string{experiments.FSIO}})
	if len(steps) != 6 { // no warm-up for fsio
		t.Fatalf("len = %d, want 6", len(steps))
	}
	for i := 0; i < len(steps); i += 2 {
		if steps[i].Test != "write" || steps[i+1].Test != "read" || steps[i].Rep != steps[i+1].Rep {
			t.Fatalf("steps %d,%d = %s, %s", i, i+1, steps[i], steps[i+1])
		}
	}
}

func TestExecuteRecordsAndVerifies(t *testing.T) {
	root := fakeRoot(t)
	p, _ := experiments.LoadProfile(root, "quick")
	good := &fake.Runner{Platform: "good", Func: honest}
	// liar prints a wrong digest for matmul and crashes on sha256.
	liar := &fake.Runner{Platform: "liar", Func: func(ctx context.Context, inv runners.Invocation, hold bool) (runners.Result, error) {
		switch inv.Workload.Test {
		case "matmul":
			return runners.Result{Stdout: []byte("digest=bad\nkernel_ns=1\n")}, nil
		case "sha256":
			return runners.Result{}, runners.Failf("signal segmentation fault", "")
		}
		return honest(ctx, inv, hold)
	}}
	cfg := Config{Root: root, Profile: p, Platforms: []string{"good", "liar"}, Langs: []string{"c"},
		Experiments: []string{experiments.CPU, experiments.Memory, experiments.FSIO}, Scratch: t.TempDir()}
	sum, got := runFake(t, cfg, map[string]runners.Runner{"good": good, "liar": liar})

	wantInv := 2 * (8*3 + 3 + 2*3)
	if sum.Invocations != wantInv || sum.Failed != 6 {
		t.Fatalf("summary = %+v, want %d invocations, 6 failed", sum, wantInv)
	}
	failed := map[string]int{}
	for _, s := range got {
		if s.Platform == "good" && !s.OK() {
			t.Fatalf("good platform failed: %+v", s)
		}
		if !s.OK() {
			failed[s.Test+" "+s.Status]++
		}
	}
	if failed["matmul failed:digest mismatch: got bad want d104"] == 0 {
		t.Errorf("digest mismatch not recorded: %v", failed)
	}
	if failed["sha256 failed:signal segmentation fault"] == 0 {
		t.Errorf("crash not recorded: %v", failed)
	}
	// kernel_ms comes from the guest's kernel_ns.
	found := false
	for _, s := range got {
		if s.Metric == "kernel_ms" && s.Test == "aes" && s.Value == 1 {
			found = true
		}
	}
	if !found {
		t.Error("no kernel_ms=1 row for aes")
	}
	entries, _ := os.ReadDir(cfg.Scratch)
	if len(entries) != 0 {
		t.Errorf("scratch not cleaned: %v", entries)
	}
}

func TestExecuteFailedWriteFailsRead(t *testing.T) {
	root := fakeRoot(t)
	p, _ := experiments.LoadProfile(root, "quick")
	broken := &fake.Runner{Platform: "x", Func: func(ctx context.Context, inv runners.Invocation, hold bool) (runners.Result, error) {
		if inv.Args[0] == "write" {
			return runners.Result{}, runners.Failf("exit status 1", "disk full")
		}
		return honest(ctx, inv, hold)
	}}
	cfg := Config{Root: root, Profile: p, Platforms: []string{"x"}, Langs: []string{"c"}, Experiments: []string{experiments.FSIO}, Scratch: t.TempDir()}
	sum, got := runFake(t, cfg, map[string]runners.Runner{"x": broken})
	if sum.Failed != 6 {
		t.Fatalf("failed = %d, want 6 (3 writes, 3 reads)", sum.Failed)
	}
	for _, s := range got {
		if s.Test == "read" && !strings.Contains(s.Status, "write step") {
			t.Fatalf("read status = %q", s.Status)
		}
	}
	if len(broken.Calls) != 3 {
		t.Fatalf("reads were attempted without a file: %d calls", len(broken.Calls))
	}
}

func TestExecuteInterruptKeepsSamples(t *testing.T) {
	root := fakeRoot(t)
	p, _ := experiments.LoadProfile(root, "quick")
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	r := &fake.Runner{Platform: "x", Func: func(c context.Context, inv runners.Invocation, hold bool) (runners.Result, error) {
		n++
		if n == 6 {
			cancel()
			return runners.Result{}, c.Err()
		}
		return honest(c, inv, hold)
	}}
	path := filepath.Join(t.TempDir(), "samples.csv")
	w, _ := dataset.Create(path)
	cfg := Config{Root: root, Profile: p, Platforms: []string{"x"}, Langs: []string{"c"}, Experiments: []string{experiments.CPU}}
	sum, err := Execute(ctx, cfg, Plan(cfg), map[string]runners.Runner{"x": r}, w, nil)
	must(t, err)
	w.Close()
	got, err := dataset.ReadFile(path)
	must(t, err)
	// Calls 1–4 are aes (warm-up, 3 reps), 5 base64s warm-up; 6 is interrupted.
	if !sum.Interrupted || sum.Invocations != 4 || sum.Failed != 1 {
		t.Fatalf("summary %+v", sum)
	}
	last := got[len(got)-1]
	if last.Status != "failed:interrupted" || last.Test != "base64" {
		t.Fatalf("last sample = %+v", last)
	}
}

func TestLoadProfileErrors(t *testing.T) {
	root := fakeRoot(t)
	if _, err := experiments.LoadProfile(root, "nope"); err == nil || !strings.Contains(err.Error(), "quick, thesis") {
		t.Fatalf("unknown profile error = %v", err)
	}
	must(t, os.WriteFile(filepath.Join(root, experiments.SizesFile), []byte("cpu aes quick 10\ncpu aes quick x\n"), 0o644))
	_, err := experiments.LoadProfile(root, "quick")
	if err == nil || !strings.Contains(err.Error(), "sizes.txt:2") {
		t.Fatalf("bad size error = %v", err)
	}
}

func TestParseList(t *testing.T) {
	if _, err := experiments.ParseList("platform", "native,wasmer", []string{"native", "docker"}); err == nil ||
		!strings.Contains(err.Error(), `"wasmer"`) || !strings.Contains(err.Error(), "native, docker") {
		t.Fatalf("err = %v", err)
	}
	got, err := experiments.ParseList("x", "b, a,b", []string{"a", "b"})
	if err != nil || strings.Join(got, ",") != "b,a" {
		t.Fatalf("got %v %v", got, err)
	}
	// "all" with exclusions keeps the valid order.
	got, err = experiments.ParseList("platform", "all, -b", []string{"a", "b", "c"})
	if err != nil || strings.Join(got, ",") != "a,c" {
		t.Fatalf("all,-b: got %v %v", got, err)
	}
	for _, bad := range []string{"all,-d", "all,b", "all,-a,-b,-c"} {
		if _, err := experiments.ParseList("platform", bad, []string{"a", "b", "c"}); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
