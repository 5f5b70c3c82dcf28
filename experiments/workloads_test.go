package experiments_test

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/internal/protocol"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/internal/testenv"
	"github.com/edgewasm/edgewasm/runners/build"
)

type sizeDigest struct {
	size   int64
	digest string
}

// expected returns the committed digests of a C workload, smallest size first.
func expected(t *testing.T, experiment, test string) []sizeDigest {
	t.Helper()
	exp, err := experiments.ReadExpected(experiments.Dir("..", experiment, test, dataset.LangC), dataset.LangC)
	if err != nil {
		t.Fatal(err)
	}
	var out []sizeDigest
	for size, digest := range exp {
		if !regexp.MustCompile(`^[0-9a-f]{16}([0-9a-f]{48})?$`).MatchString(digest) {
			t.Errorf("%s/%s expected.txt: digest %q for size %d: want 16 or 64 lowercase hex digits", experiment, test, digest, size)
		}
		out = append(out, sizeDigest{size, digest})
	}
	slices.SortFunc(out, func(a, b sizeDigest) int { return cmp.Compare(a.size, b.size) })
	return out
}

// profileSize returns the size of experiment/test in a profile of sizes.txt.
func profileSize(t *testing.T, experiment, test, profile string) int64 {
	t.Helper()
	p, err := experiments.LoadProfile("..", profile)
	if err != nil {
		t.Fatal(err)
	}
	return p.Sizes[sizeKey(experiment, test)]
}

func quickSize(t *testing.T, experiment, test string) int64 {
	return profileSize(t, experiment, test, "quick")
}

// TestSizesHaveDigests loads both profiles as the runner does and checks that
// every size they name has a committed digest.
func TestSizesHaveDigests(t *testing.T) {
	for _, profile := range experiments.ProfileNames {
		for _, e := range []string{experiments.CPU, experiments.FSIO} {
			for _, test := range experiments.Tests[e] {
				n := profileSize(t, e, test, profile)
				if !slices.ContainsFunc(expected(t, e, test), func(d sizeDigest) bool { return d.size == n }) {
					t.Errorf("%s/%s: no expected digest for the %s size %d", e, test, profile, n)
				}
			}
		}
	}
}

// compile builds experiments/<src>/main.c for this machine into dir, with
// the native recipe and warnings as errors, and returns the binary's path.
func compile(t *testing.T, dir, src string) string {
	t.Helper()
	testenv.CC(t)
	// Read the sources here so that go test's cache notices when they change
	// (it cannot see files that only the compiler opens).
	for _, f := range []string{filepath.Join(src, "main.c"), filepath.Join("common", "edgewasm.h")} {
		if _, err := os.ReadFile(f); err != nil {
			t.Fatal(err)
		}
	}
	bin := filepath.Join(dir, filepath.Base(src))
	if err := build.NativeC(context.Background(), strict, filepath.Join(src, "main.c"), "common", bin, false); err != nil {
		t.Fatal(err)
	}
	return bin
}

type result struct {
	stdout, stderr string
	code           int
}

func run(t *testing.T, stdin io.Reader, bin string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("%s %v: %v", bin, args, err)
	}
	return result{stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()}
}

// parseOutput checks the result lines: digest, kernel_ns, then key=value extras.
func parseOutput(t *testing.T, out string) map[string]string {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "digest=") || !strings.HasPrefix(lines[1], "kernel_ns=") {
		t.Fatalf("output does not start with digest= and kernel_ns= lines:\n%s", out)
	}
	kv := map[string]string{}
	for _, l := range lines {
		k, v, ok := strings.Cut(l, "=")
		if !ok || k == "" || v == "" {
			t.Fatalf("output line %q is not key=value", l)
		}
		kv[k] = v
	}
	if _, err := strconv.ParseUint(kv["kernel_ns"], 10, 64); err != nil {
		t.Errorf("kernel_ns=%q is not a non-negative integer", kv["kernel_ns"])
	}
	return kv
}

func TestCPUPrograms(t *testing.T) {
	dir := t.TempDir()
	for _, name := range experiments.CPUTests {
		t.Run(name, func(t *testing.T) {
			bin := compile(t, dir, filepath.Join("cpu", name))
			if r := run(t, nil, bin, "--selftest"); r.code != 0 || r.stdout != "selftest=ok\n" {
				t.Errorf("--selftest: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
			}
			for _, e := range expected(t, experiments.CPU, name) {
				if e.size > quickSize(t, experiments.CPU, name) {
					continue // thesis sizes take too long for a unit test
				}
				r := run(t, nil, bin, strconv.FormatInt(e.size, 10))
				if r.code != 0 {
					t.Fatalf("size %d: exit %d: %s", e.size, r.code, r.stderr)
				}
				if got := parseOutput(t, r.stdout)["digest"]; got != e.digest {
					t.Errorf("size %d: digest %s, want %s", e.size, got, e.digest)
				}
			}
			for _, args := range [][]string{{}, {"0"}, {"-5"}, {"12x"}, {" 12"}, {"abc"},
				{"99999999999999999999999"}, {"10", "20"}, {"--help"}} {
				if r := run(t, nil, bin, args...); r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, "usage:") {
					t.Errorf("args %q: exit %d, stdout %q, stderr %q; want exit 2 with usage", args, r.code, r.stdout, r.stderr)
				}
			}
		})
	}
}

func TestFsio(t *testing.T) {
	dir := t.TempDir()
	bin := compile(t, dir, filepath.Join("fsio", "fsio"))
	for _, e := range expected(t, experiments.FSIO, "write") {
		if e.size > quickSize(t, experiments.FSIO, "write") {
			continue
		}
		for _, blocks := range [][2]string{{"65536", "65536"}, {"777", "4096"}} {
			path := filepath.Join(dir, fmt.Sprintf("f-%d-%s", e.size, blocks[0]))
			w := run(t, nil, bin, "write", path, strconv.FormatInt(e.size, 10), blocks[0])
			if w.code != 0 {
				t.Fatalf("write %d: exit %d: %s", e.size, w.code, w.stderr)
			}
			r := run(t, nil, bin, "read", path, blocks[1])
			if r.code != 0 {
				t.Fatalf("read %d: exit %d: %s", e.size, r.code, r.stderr)
			}
			for op, out := range map[string]string{"write": w.stdout, "read": r.stdout} {
				kv := parseOutput(t, out)
				if kv["digest"] != e.digest || kv["bytes"] != strconv.FormatInt(e.size, 10) {
					t.Errorf("%s %d (blocks %v): digest %s bytes %s, want %s and %d", op, e.size, blocks, kv["digest"], kv["bytes"], e.digest, e.size)
				}
			}
			content, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(content, stream(int(e.size))) {
				t.Errorf("file of %d bytes is not the seeded byte stream", e.size)
			}
		}
	}
	for _, args := range [][]string{{}, {"write", "x", "10"}, {"write", "x", "0", "10"}, {"write", "x", "10", "0"},
		{"read", "x"}, {"read", "x", "1k"}, {"copy", "x", "10"}} {
		if r := run(t, nil, bin, args...); r.code != 2 || !strings.Contains(r.stderr, "usage:") {
			t.Errorf("args %q: exit %d, stderr %q; want exit 2 with usage", args, r.code, r.stderr)
		}
	}
	if r := run(t, nil, bin, "read", filepath.Join(dir, "missing"), "4096"); r.code != 1 || !strings.Contains(r.stderr, "missing") {
		t.Errorf("read of a missing file: exit %d, stderr %q; want exit 1 naming the file", r.code, r.stderr)
	}
}

func TestIdle(t *testing.T) {
	bin := compile(t, t.TempDir(), filepath.Join("memory", "idle"))
	cmd := exec.Command(bin)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	out := bufio.NewReader(stdout)
	if line, err := out.ReadString('\n'); err != nil || line != "ready\n" {
		t.Fatalf("first line %q (%v), want \"ready\\n\"", line, err)
	}
	// Input before EOF is consumed and ignored; only EOF ends the program.
	if _, err := io.WriteString(stdin, "not yet\n"); err != nil {
		t.Fatal(err)
	}
	stdin.Close()
	rest, _ := io.ReadAll(out)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("after stdin EOF: %v", err)
	}
	if len(rest) != 0 {
		t.Errorf("output after ready: %q", rest)
	}
}

func TestNoop(t *testing.T) {
	bin := compile(t, t.TempDir(), filepath.Join("startup", "noop"))
	if r := run(t, nil, bin); r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 0 and no output", r.code, r.stdout, r.stderr)
	}
}

// TestStaticBuild checks that cc -static works, as the Docker images need it.
// Outside CI a missing static libc skips the test; with CI=true it fails.
func TestStaticBuild(t *testing.T) {
	testenv.CC(t)
	bin := filepath.Join(t.TempDir(), "sha256")
	if err := build.NativeC(context.Background(), strict, filepath.Join("cpu", "sha256", "main.c"), "common", bin, true); err != nil {
		testenv.Missing(t, fmt.Sprintf("cc -static failed (static libc missing? apt-get install libc6-dev): %v", err))
	}
	if r := run(t, nil, bin, "--selftest"); r.code != 0 {
		t.Errorf("static sha256 --selftest: exit %d: %s", r.code, r.stderr)
	}
	if ldd, err := exec.Command("ldd", bin).CombinedOutput(); err == nil && !bytes.Contains(ldd, []byte("not a dynamic")) {
		t.Errorf("ldd says the static binary is dynamic:\n%s", ldd)
	}
}

// strict are the tools of the build tests: warnings are errors.
var strict = build.Tools{Warnings: []string{"-Wall", "-Wextra", "-Werror"}}

// TestWasmBuild compiles every C program for wasm32-wasi with warnings as
// errors, with the recipe of the committed modules.
func TestWasmBuild(t *testing.T) {
	testenv.Clang(t)
	for _, w := range protocol.Workloads("..", experiments.Names, []string{dataset.LangC}) {
		out := filepath.Join(t.TempDir(), "main.wasm")
		if err := build.WasmC(context.Background(), strict, w.Dir, w.Include, out); err != nil {
			t.Errorf("%s: %v", w.ID(), err)
			continue
		}
		wasm, err := os.ReadFile(out)
		if err == nil && !bytes.HasPrefix(wasm, []byte("\x00asm")) {
			t.Errorf("%s: output is not a wasm module", w.ID())
		}
	}
}

// sizeKey is the key of a test's size in a profile.
func sizeKey(experiment, test string) string {
	e, _ := experiments.Lookup(experiment)
	return e.SizeKey(test)
}
