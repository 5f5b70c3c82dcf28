package experiments_test

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/internal/protocol"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/native"
)

// goGuests returns the Go workload of every test in the catalogue; each
// must exist. It reads their sources and the shared guest package so that
// go test's cache notices when they change (it cannot see files that only
// the go command it starts opens).
func goGuests(t *testing.T, root string) []runners.Workload {
	t.Helper()
	ws := protocol.Workloads(root, experiments.Names, []string{dataset.LangGo})
	srcs, _ := filepath.Glob(filepath.Join(root, "experiments", "common", "guest", "*.go"))
	for _, w := range ws {
		srcs = append(srcs, filepath.Join(w.Dir, "main.go"))
	}
	for _, f := range srcs {
		if _, err := os.ReadFile(f); err != nil {
			t.Errorf("Go guest source: %v", err)
		}
	}
	return ws
}

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// paritySizes are the sizes at which a Go CPU guest is compared with its
// C twin: a few small ones that exercise partial blocks, plus the quick
// profile's size when experiments/sizes.txt has one.
func paritySizes(t *testing.T, root, experiment, test string) []int64 {
	sizes := []int64{1, 7, 1000}
	all, err := experiments.ReadSizes(filepath.Join(root, filepath.FromSlash(experiments.SizesFile)))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	if s, ok := all["quick"][sizeKey(experiment, test)]; ok {
		sizes = append(sizes, s)
	}
	return sizes
}

func runGuest(t *testing.T, r runners.Runner, w runners.Workload, args ...string) (runners.Result, error) {
	t.Helper()
	return r.Run(context.Background(), runners.Invocation{Workload: w, Args: args, Timeout: 2 * time.Minute})
}

// exited reports whether err is the runner's failure for exit status code.
func exited(err error, code int) bool {
	var f *runners.Failure
	return errors.As(err, &f) && f.Reason == fmt.Sprintf("exit status %d", code)
}

// TestGoGuestsNative builds every Go guest natively, as the native runner
// does, and checks its digests against the C program's expected.txt and,
// where a C compiler is installed, against the C program itself; its
// known-answer self-test; and its usage errors.
func TestGoGuestsNative(t *testing.T) {
	root := repoRoot(t)
	ws := goGuests(t, root)
	r, err := native.New(native.Config{BuildDir: t.TempDir(), Settle: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if err := r.Prepare(context.Background(), ws); err != nil {
		t.Fatal(err)
	}
	var cr *native.Runner // the C twins, when cc is installed
	if _, err := exec.LookPath("cc"); err == nil {
		cr, _ = native.New(native.Config{BuildDir: t.TempDir()})
		defer cr.Close()
	} else {
		t.Logf("no C compiler: comparing with expected.txt only")
	}
	for _, w := range ws {
		t.Run(w.ID(), func(t *testing.T) {
			switch w.Experiment {
			case experiments.CPU:
				checkCPU(t, root, r, cr, w)
			case experiments.FSIO:
				checkFSIO(t, root, r, w)
			case experiments.Memory:
				checkIdle(t, r, w)
			case experiments.Startup:
				res, err := runGuest(t, r, w)
				if err != nil || len(res.Stdout)+len(res.Stderr) != 0 {
					t.Errorf("noop: %v, stdout %q, stderr %q; want exit 0 and no output", err, res.Stdout, res.Stderr)
				}
			}
		})
	}
}

func checkCPU(t *testing.T, root string, r, cr *native.Runner, w runners.Workload) {
	res, err := runGuest(t, r, w, "--selftest")
	if err != nil || string(res.Stdout) != "selftest=ok\n" {
		t.Errorf("--selftest: %v, stdout %q, stderr %q", err, res.Stdout, res.Stderr)
	}
	for _, bad := range [][]string{nil, {"0"}, {"-1"}, {"12x"}, {"1", "2"}, {"--help"}} {
		if _, err := runGuest(t, r, w, bad...); !exited(err, 2) {
			t.Errorf("args %q: got %v, want exit status 2", bad, err)
		}
	}

	digest := func(r *native.Runner, w runners.Workload, size int64) string {
		res, err := runGuest(t, r, w, strconv.FormatInt(size, 10))
		if err != nil {
			t.Fatalf("%s %d: %v", w.ID(), size, err)
		}
		out := experiments.ParseOutput(res.Stdout)
		if _, err := strconv.ParseUint(out["kernel_ns"], 10, 64); err != nil {
			t.Errorf("%s %d: kernel_ns %q: %v", w.ID(), size, out["kernel_ns"], err)
		}
		if _, err := hex.DecodeString(out["digest"]); err != nil || len(out["digest"]) < 16 {
			t.Errorf("%s %d: digest %q, want at least 16 hex digits", w.ID(), size, out["digest"])
		}
		return out["digest"]
	}

	exp, err := experiments.ReadExpected(w.Dir, w.Lang)
	switch {
	case os.IsNotExist(err):
		t.Logf("no expected.txt next to the C program yet")
	case err != nil:
		t.Fatal(err)
	}
	quick := paritySizes(t, root, w.Experiment, w.Test)
	for _, size := range slices.Sorted(func(yield func(int64) bool) {
		for s := range exp {
			if s <= slices.Max(quick) && !yield(s) {
				return
			}
		}
	}) {
		if got := digest(r, w, size); got != exp[size] {
			t.Errorf("size %d: digest %s, expected.txt says %s", size, got, exp[size])
		}
	}
	if cr == nil {
		return
	}
	cw := protocol.Workload(root, w.Experiment, w.Test, dataset.LangC)
	if err := cr.Prepare(context.Background(), []runners.Workload{cw}); err != nil {
		t.Fatal(err)
	}
	for _, size := range quick {
		if g, c := digest(r, w, size), digest(cr, cw, size); g != c {
			t.Errorf("size %d: Go digest %s, C digest %s", size, g, c)
		}
	}
}

// checkFSIO writes and reads back files of each expected size, with
// different block sizes, and checks the digests, byte counts and errors.
func checkFSIO(t *testing.T, root string, r *native.Runner, w runners.Workload) {
	exp, err := experiments.ReadExpected(w.Dir, w.Lang)
	if err != nil {
		t.Fatal(err)
	}
	quick := paritySizes(t, root, experiments.FSIO, "write")
	dir := t.TempDir()
	for size, want := range exp {
		if size > slices.Max(quick) {
			continue
		}
		path := filepath.Join(dir, fmt.Sprintf("f%d", size))
		for _, args := range [][]string{
			{"write", path, strconv.FormatInt(size, 10), "65536"},
			{"read", path, "65536"},
			{"read", path, "1000"},
		} {
			res, err := runGuest(t, r, w, args...)
			if err != nil {
				t.Fatalf("%q: %v", args, err)
			}
			out := experiments.ParseOutput(res.Stdout)
			if out["digest"] != want || out["bytes"] != strconv.FormatInt(size, 10) || out["block"] != args[len(args)-1] {
				t.Errorf("%q: digest %s bytes %s block %s; want %s %d %s", args, out["digest"], out["bytes"], out["block"], want, size, args[len(args)-1])
			}
			if _, err := strconv.ParseUint(out["kernel_ns"], 10, 64); err != nil {
				t.Errorf("%q: kernel_ns %q", args, out["kernel_ns"])
			}
		}
		if st, err := os.Stat(path); err != nil || st.Size() != size {
			t.Errorf("file %s: %v, want %d bytes", path, err, size)
		}
	}
	if _, err := runGuest(t, r, w, "read", filepath.Join(dir, "missing"), "65536"); !exited(err, 1) {
		t.Errorf("reading a missing file: got %v, want exit status 1", err)
	}
	for _, bad := range [][]string{nil, {"write", "x", "0", "1"}, {"write", "x", "1", "67108865"}, {"read", "x"}, {"copy", "x", "y"}} {
		if _, err := runGuest(t, r, w, bad...); !exited(err, 2) {
			t.Errorf("args %q: got %v, want exit status 2", bad, err)
		}
	}
}

// checkIdle holds the idle guest through the runner's resident protocol:
// it must print ready, stay alive while measured, and exit 0 once its
// stdin closes.
func checkIdle(t *testing.T, r *native.Runner, w runners.Workload) {
	res, err := r.Hold(context.Background(), runners.Invocation{Workload: w, Timeout: time.Minute})
	if err != nil {
		t.Fatalf("hold: %v (stderr %q)", err, res.Stderr)
	}
	pss, _ := res.Metric("pss_kib")
	if pss <= 0 {
		t.Errorf("hold measured no PSS: %+v", res.Metrics)
	}
	// Run gives it an empty stdin: it must see EOF at once and exit 0.
	if res, err := runGuest(t, r, w); err != nil || string(res.Stdout) != "ready\n" {
		t.Errorf("idle with an empty stdin: %v, stdout %q; want ready and exit 0", err, res.Stdout)
	}
}
