package experiments

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var cpuTests = []string{"aes", "base64", "dijkstra", "huffman", "matmul", "quicksort", "sha256", "xor"}

type expectedDigest struct {
	size   uint64
	digest string
}

// readExpected parses <experiment>/<test>/expected.txt: "SIZE DIGEST" lines, '#' comments.
func readExpected(t *testing.T, experiment, test string) []expectedDigest {
	t.Helper()
	path := filepath.Join(experiment, test, "expected.txt")
	var out []expectedDigest
	for i, f := range readFields(t, path) {
		if f == nil {
			continue
		}
		size, err := strconv.ParseUint(f[0], 10, 64)
		if len(f) != 2 || err != nil || !regexp.MustCompile(`^[0-9a-f]{16}([0-9a-f]{48})?$`).MatchString(f[1]) {
			t.Fatalf("%s:%d: want \"SIZE DIGEST\" (decimal size, 16 or 64 lowercase hex digits)", path, i+1)
		}
		out = append(out, expectedDigest{size, f[1]})
	}
	if len(out) == 0 {
		t.Fatalf("%s: no digests", path)
	}
	return out
}

// readFields splits each line of a text file into fields; comment and blank lines give nil.
func readFields(t *testing.T, path string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var lines [][]string
	for _, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			lines = append(lines, nil)
			continue
		}
		lines = append(lines, strings.Fields(line))
	}
	return lines
}

// profileSize returns the size of experiment/test in profile from sizes.txt.
func profileSize(t *testing.T, experiment, test, profile string) uint64 {
	t.Helper()
	for i, f := range readFields(t, "sizes.txt") {
		if f == nil {
			continue
		}
		if len(f) != 4 {
			t.Fatalf("sizes.txt:%d: want \"experiment test profile size\"", i+1)
		}
		if f[0] == experiment && f[1] == test && f[2] == profile {
			n, err := strconv.ParseUint(f[3], 10, 64)
			if err != nil || n == 0 {
				t.Fatalf("sizes.txt:%d: size %q is not a positive integer", i+1, f[3])
			}
			return n
		}
	}
	t.Fatalf("sizes.txt: no line for %s %s %s", experiment, test, profile)
	return 0
}

func quickSize(t *testing.T, experiment, test string) uint64 {
	return profileSize(t, experiment, test, "quick")
}

func TestSizesHaveDigests(t *testing.T) {
	check := func(experiment, test, dir string) {
		have := map[uint64]bool{}
		for _, e := range readExpected(t, experiment, dir) {
			have[e.size] = true
		}
		for _, p := range []string{"quick", "thesis"} {
			if n := profileSize(t, experiment, test, p); !have[n] {
				t.Errorf("%s/%s/expected.txt has no digest for the %s size %d", experiment, dir, p, n)
			}
		}
	}
	for _, name := range cpuTests {
		check("cpu", name, name)
	}
	check("fsio", "write", "fsio")
	check("fsio", "read", "fsio")
}

// compile builds experiments/<src>/main.c with cc into dir and returns the binary's path.
func compile(t *testing.T, dir, src string, extra ...string) string {
	t.Helper()
	cc, err := exec.LookPath("cc")
	if err != nil {
		t.Skip("no C compiler (cc) on PATH")
	}
	// Read the sources here so that go test's cache notices when they change
	// (it cannot see files that only the compiler opens).
	for _, f := range []string{filepath.Join(src, "main.c"), filepath.Join("common", "edgewasm.h")} {
		if _, err := os.ReadFile(f); err != nil {
			t.Fatal(err)
		}
	}
	bin := filepath.Join(dir, filepath.Base(src))
	args := append([]string{"-O2", "-Wall", "-Wextra", "-Werror", "-I", "common", "-o", bin}, extra...)
	args = append(args, filepath.Join(src, "main.c"))
	if out, err := exec.Command(cc, args...).CombinedOutput(); err != nil {
		t.Fatalf("cc %s: %v\n%s", strings.Join(args, " "), err, out)
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
	for _, name := range cpuTests {
		t.Run(name, func(t *testing.T) {
			bin := compile(t, dir, filepath.Join("cpu", name))
			if r := run(t, nil, bin, "--selftest"); r.code != 0 || r.stdout != "selftest=ok\n" {
				t.Errorf("--selftest: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
			}
			for _, e := range readExpected(t, "cpu", name) {
				if e.size > quickSize(t, "cpu", name) {
					continue // thesis sizes take too long for a unit test
				}
				r := run(t, nil, bin, strconv.FormatUint(e.size, 10))
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
	for _, e := range readExpected(t, "fsio", "fsio") {
		if e.size > quickSize(t, "fsio", "write") {
			continue
		}
		for _, blocks := range [][2]string{{"65536", "65536"}, {"777", "4096"}} {
			path := filepath.Join(dir, fmt.Sprintf("f-%d-%s", e.size, blocks[0]))
			w := run(t, nil, bin, "write", path, strconv.FormatUint(e.size, 10), blocks[0])
			if w.code != 0 {
				t.Fatalf("write %d: exit %d: %s", e.size, w.code, w.stderr)
			}
			r := run(t, nil, bin, "read", path, blocks[1])
			if r.code != 0 {
				t.Fatalf("read %d: exit %d: %s", e.size, r.code, r.stderr)
			}
			for op, out := range map[string]string{"write": w.stdout, "read": r.stdout} {
				kv := parseOutput(t, out)
				if kv["digest"] != e.digest || kv["bytes"] != strconv.FormatUint(e.size, 10) {
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
	cc, err := exec.LookPath("cc")
	if err != nil {
		t.Skip("no C compiler (cc) on PATH")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "sha256")
	out, err := exec.Command(cc, "-O2", "-static", "-I", "common", "-o", bin, filepath.Join("cpu", "sha256", "main.c")).CombinedOutput()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("cc -static: %v\n%s", err, out)
		}
		t.Skipf("cc -static failed (static libc missing?): %v\n%s", err, out)
	}
	if r := run(t, nil, bin, "--selftest"); r.code != 0 {
		t.Errorf("static sha256 --selftest: exit %d: %s", r.code, r.stderr)
	}
	if ldd, err := exec.Command("ldd", bin).CombinedOutput(); err == nil && !bytes.Contains(ldd, []byte("not a dynamic")) {
		t.Errorf("ldd says the static binary is dynamic:\n%s", ldd)
	}
}

// TestWasmBuild compiles every program for wasm32-wasi with warnings as errors.
// It skips when clang cannot build for wasm32-wasi here (fails instead with CI=true).
func TestWasmBuild(t *testing.T) {
	dir := t.TempDir()
	build := func(src string) ([]byte, error) {
		return exec.Command("clang", "--target=wasm32-wasi", "-O2", "-Wall", "-Wextra", "-Werror", "-I", "common",
			"-o", filepath.Join(dir, filepath.Base(src)+".wasm"), filepath.Join(src, "main.c")).CombinedOutput()
	}
	if out, err := build(filepath.Join("startup", "noop")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("clang --target=wasm32-wasi: %v\n%s", err, out)
		}
		t.Skipf("clang cannot build wasm32-wasi here: %v\n%s", err, out)
	}
	srcs := []string{filepath.Join("memory", "idle"), filepath.Join("fsio", "fsio")}
	for _, name := range cpuTests {
		srcs = append(srcs, filepath.Join("cpu", name))
	}
	for _, src := range srcs {
		if out, err := build(src); err != nil {
			t.Errorf("%s: %v\n%s", src, err, out)
		}
		wasm, err := os.ReadFile(filepath.Join(dir, filepath.Base(src)+".wasm"))
		if err == nil && !bytes.HasPrefix(wasm, []byte("\x00asm")) {
			t.Errorf("%s: output is not a wasm module", src)
		}
	}
}
