package run

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/internal/testenv"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/build"
)

// The sandbox tests: a purpose-built hostile guest (testdata/hostile)
// attacks every platform that claims to isolate it — every platform of
// kind wasm or container in dataset.Platforms, created through NewRunner,
// so a platform added later is attacked too. A platform that cannot run
// here is reported (skipped outside CI, a failure in CI).

// hostileLimitPages is the memory limit of the memory attack: 256 pages
// of 64 KiB, 16 MiB (containers get the same in bytes).
const hostileLimitPages = 256

// sandboxes lists the platforms that isolate their guests (not the
// control platforms, which run without edgewasm's sandbox settings).
func sandboxes() []dataset.PlatformInfo {
	var out []dataset.PlatformInfo
	for _, p := range dataset.Platforms {
		if (p.Kind == dataset.KindWasm || p.Kind == dataset.KindContainer) && !dataset.IsControl(p.Name) {
			out = append(out, p)
		}
	}
	return out
}

// attempt is one line the guest printed.
type attempt struct{ result, detail string }

var attemptLine = regexp.MustCompile(`(?m)^attempt=(\S+) result=(\S+) detail=(.*)$`)

func attempts(stdout []byte) map[string]attempt {
	out := map[string]attempt{}
	for _, m := range attemptLine.FindAllStringSubmatch(string(stdout), -1) {
		out[m[1]] = attempt{m[2], m[3]}
	}
	return out
}

// hostileWorkload builds the guest's module beside a copy of its source.
func hostileWorkload(t *testing.T) runners.Workload {
	t.Helper()
	dir := t.TempDir()
	src, err := os.ReadFile("testdata/hostile/main.c")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.c"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	include, _ := filepath.Abs("../../experiments/common")
	if err := build.WasmC(context.Background(), build.Tools{}, dir, include, build.ModulePath(dir)); err != nil {
		t.Fatal(err)
	}
	return runners.Workload{Experiment: "startup", Test: "hostile", Lang: dataset.LangC, Dir: dir, Include: include}
}

func TestHostileGuests(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	testenv.Clang(t)
	testenv.CC(t)
	isolateTemp(t)
	w := hostileWorkload(t)
	label := dockerLabels(t, map[string]string{"org.edgewasm.test": "hostile"})
	t.Cleanup(func() { matrix.log(t) })
	for _, p := range sandboxes() {
		t.Run(p.Name, func(t *testing.T) {
			r, err := NewRunner(p.Name, PlatformOptions{Root: "../..", WasmMaxPages: hostileLimitPages, Labels: label})
			if errors.Is(err, runners.ErrUnavailable) {
				testenv.Missing(t, fmt.Sprintf("platform %s is unavailable here: %v", p.Name, err))
			}
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if err := r.Prepare(context.Background(), []runners.Workload{w}); err != nil {
				if errors.Is(err, runners.ErrUnavailable) {
					testenv.Missing(t, fmt.Sprintf("platform %s is unavailable here: %v", p.Name, err))
				}
				t.Fatalf("prepare: %v", err)
			}
			t.Run("filesystem", func(t *testing.T) { attackFiles(t, r, w, p.Kind) })
			t.Run("memory", func(t *testing.T) { attackMemory(t, r, w) })
			t.Run("system", func(t *testing.T) { attackSystem(t, r, w, p.Kind) })
		})
	}
}

// run runs the guest and logs each attempt (the table in the report).
func runGuest(t *testing.T, r runners.Runner, w runners.Workload, scratch string, args ...string) (runners.Result, error, map[string]attempt) {
	t.Helper()
	res, err := r.Run(context.Background(), runners.Invocation{Workload: w, Args: args, Scratch: scratch, Timeout: 2 * time.Minute})
	as := attempts(res.Stdout)
	for name, a := range as {
		t.Logf("%s %s: %s (%s)", r.Name(), name, a.result, a.detail)
	}
	return res, err, as
}

// fsAttempts are the file-system attempts, in the guest's order: three
// controls, then the attacks.
var fsAttempts = []string{"control-write", "control-read", "control-symlink-read",
	"dotdot-read", "dotdot-deep-read", "dotdot-write", "absolute-read", "absolute-etc", "absolute-write",
	"planted-symlink-absolute-read", "planted-symlink-relative-read", "planted-symlink-write",
	"own-symlink-relative-read", "own-symlink-root-read", "own-symlink-write", "hardlink-read"}

// attackFiles: the guest may use its scratch directory and nothing else
// of the host, whether it names other files through "..", absolute paths,
// or symbolic and hard links planted by the host or made by itself. A
// container has a root file system of its own (its image, and the
// /etc/hostname Docker writes for it): reading that is not an escape;
// reading the host's files is.
func attackFiles(t *testing.T, r runners.Runner, w runners.Workload, kind string) {
	base := t.TempDir()
	secret := filepath.Join(base, "secret.txt")
	token := "TOPSECRET-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	if err := os.WriteFile(secret, []byte(token+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	scratch := filepath.Join(base, "scratch")
	// A runtime that aborts on an attempt (Wasmer 2.x panics on an
	// absolute symbolic link) is not escaped from, but the attempts after
	// it were not made: the guest runs again in a fresh scratch directory,
	// skipping the attempts the runtime aborted on (at most one rerun per
	// attempt), and each abort is noted in the matrix.
	var res runners.Result
	var as map[string]attempt
	aborted := map[string]string{}
	for {
		if err := os.RemoveAll(scratch); err != nil {
			t.Fatal(err)
		}
		if err := os.Mkdir(scratch, 0o777); err != nil {
			t.Fatal(err)
		}
		os.Chmod(scratch, 0o777) // containers run as nobody
		for link, target := range map[string]string{"link-out": base, "link-up": "../secret.txt"} {
			if err := os.Symlink(target, filepath.Join(scratch, link)); err != nil {
				t.Fatal(err)
			}
		}
		var err error
		args := append([]string{"fs", runners.ScratchToken, secret, base}, slices.Sorted(maps.Keys(aborted))...)
		res, err, as = runGuest(t, r, w, scratch, args...)
		if err == nil {
			break
		}
		next := ""
		for _, name := range fsAttempts {
			if _, ok := as[name]; !ok {
				next = name
				break
			}
		}
		if next == "" || len(aborted) == len(fsAttempts) || strings.HasPrefix(next, "control-") {
			t.Fatalf("the guest failed: %v\n%s\n%s", err, res.Stdout, res.Stderr)
		}
		why := err.Error()
		if _, panic, ok := strings.Cut(string(res.Stderr), "panicked at "); ok {
			why, _, _ = strings.Cut("panicked at "+panic, "\n")
		}
		aborted[next] = why
		t.Logf("%s: the runtime aborted during %s: %v", r.Name(), next, err)
	}
	for name, why := range aborted {
		as[name] = attempt{"aborted", why}
	}
	for _, c := range []string{"control-write", "control-read"} {
		if as[c].result != "ALLOWED" {
			t.Fatalf("%s: %+v: the guest cannot use its own scratch directory, so the attacks prove nothing\n%s", c, as[c], res.Stdout)
		}
	}
	// A runtime without symbolic links (Wasmer 2.x) denies the link
	// attacks for that reason; the matrix shows it.
	matrix.note(r.Name(), "fs control-symlink-read", as["control-symlink-read"], false)
	hostname, _ := os.ReadFile("/etc/hostname")
	hostsOwn := strings.NewReplacer("\n", "_", " ", "_").Replace(string(hostname))
	escaped := func(a attempt) bool {
		switch {
		case a.result != "ALLOWED":
			return false
		case kind == dataset.KindWasm:
			return true // a Wasm guest sees nothing but its scratch directory
		}
		return strings.Contains(a.detail, token) || (hostsOwn != "" && a.detail == hostsOwn)
	}
	for _, name := range fsAttempts[3:] {
		a, ok := as[name]
		switch {
		case !ok:
			t.Errorf("%s: not attempted\n%s", name, res.Stdout)
		case escaped(a):
			t.Errorf("%s: the guest escaped its scratch directory (%s)", name, a.detail)
		}
		matrix.note(r.Name(), "fs "+name, a, escaped(a))
	}
	if strings.Contains(string(res.Stdout), token) {
		t.Errorf("the secret leaked into the guest's output")
	}
	// Nothing was created outside the scratch directory.
	entries, _ := os.ReadDir(base)
	for _, e := range entries {
		if e.Name() != "secret.txt" && e.Name() != "scratch" {
			t.Errorf("the guest created %s outside its scratch directory", e.Name())
		}
	}
}

var allocated = regexp.MustCompile(`(?m)^allocated_mib=(\d+)`)

// maxAllocated is the most MiB the guest reported holding.
func maxAllocated(stdout []byte) int {
	most := 0
	for _, m := range allocated.FindAllStringSubmatch(string(stdout), -1) {
		n, _ := strconv.Atoi(m[1])
		most = max(most, n)
	}
	return most
}

// attackMemory: the guest cannot hold more memory than its limit. It asks
// for four times the limit; it must get an allocation failure, a trap or
// an out-of-memory kill before it holds the limit. A small allocation
// works (the limit is not zero).
func attackMemory(t *testing.T, r runners.Runner, w runners.Workload) {
	limitMiB := hostileLimitPages * 64 / 1024
	res, err, _ := runGuest(t, r, w, "", "mem", "4")
	if err != nil || maxAllocated(res.Stdout) != 4 {
		t.Fatalf("4 MiB under a %d MiB limit: %v\n%s\n%s", limitMiB, err, res.Stdout, res.Stderr)
	}
	res, err, as := runGuest(t, r, w, "", "mem", strconv.Itoa(4*limitMiB))
	got := maxAllocated(res.Stdout)
	how := "malloc failed"
	if err != nil {
		how = err.Error()
	}
	matrix.note(r.Name(), "memory: 64 MiB under a 16 MiB limit", attempt{as["exceed-memory"].result, fmt.Sprintf("held %d MiB, %s", got, how)},
		as["exceed-memory"].result == "ALLOWED" || got >= limitMiB)
	if as["exceed-memory"].result == "ALLOWED" || got >= limitMiB {
		t.Fatalf("the guest held %d MiB under a %d MiB limit (%v)", got, limitMiB, err)
	}
	var f *runners.Failure
	if err != nil && !errors.As(err, &f) {
		t.Fatalf("not a recorded failure of the workload: %v", err)
	}
}

// attackSystem: a container runs as non-root with no capabilities, cannot
// write its root file system and has no network (only lo, and the host's
// loopback is out of reach); a Wasm guest has no socket at all, no /proc,
// and no root file system to write.
func attackSystem(t *testing.T, r runners.Runner, w runners.Workload, kind string) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var reached atomic.Int64
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			reached.Add(1)
			c.Close()
		}
	}()
	port := ln.Addr().(*net.TCPAddr).Port
	res, err, as := runGuest(t, r, w, "", "sys", strconv.Itoa(port))
	if err != nil {
		t.Fatalf("the guest failed: %v\n%s\n%s", err, res.Stdout, res.Stderr)
	}
	want := []string{"rootfs-write"}
	if kind == dataset.KindContainer {
		want = append(want, "run-as-root", "rootfs-mkdir", "network-interfaces", "network-host-loopback")
		for _, cap := range []string{"CapEff", "CapPrm", "CapBnd", "CapAmb"} {
			re := regexp.MustCompile(`(?m)^` + cap + `:\s*0+$`)
			if !re.Match(res.Stdout) {
				t.Errorf("%s: the container has capabilities\n%s", cap, res.Stdout)
			}
		}
		if !regexp.MustCompile(`(?m)^NoNewPrivs:\s*1$`).Match(res.Stdout) {
			t.Errorf("no-new-privileges is not set\n%s", res.Stdout)
		}
	} else {
		want = append(want, "network-socket", "proc-status")
	}
	for _, name := range want {
		a, ok := as[name]
		switch {
		case !ok:
			t.Errorf("%s: not attempted\n%s", name, res.Stdout)
		case a.result != "denied":
			t.Errorf("%s: allowed (%s)", name, a.detail)
		}
		matrix.note(r.Name(), "system "+name, a, a.result != "denied")
	}
	if kind == dataset.KindContainer {
		capEff := regexp.MustCompile(`(?m)^CapEff:\s*(\S+)`).FindSubmatch(res.Stdout)
		eff := "?"
		if capEff != nil {
			eff = string(capEff[1])
		}
		matrix.note(r.Name(), "system capabilities", attempt{"CapEff=" + eff, ""}, eff != "0000000000000000")
	}
	if n := reached.Load(); n > 0 {
		t.Errorf("the guest reached the host's loopback %d times", n)
	}
}

// outcomes collects platform × attack → outcome for the test's log (the
// table in the closing note).
type outcomes struct {
	mu   sync.Mutex
	rows []string
}

var matrix outcomes

func (o *outcomes) note(platform, attack string, a attempt, bad bool) {
	verdict := "held"
	if bad {
		verdict = "BROKEN"
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.rows = append(o.rows, fmt.Sprintf("%-14s %-46s %-7s %s %s", platform, attack, verdict, a.result, a.detail))
}

func (o *outcomes) log(t *testing.T) {
	o.mu.Lock()
	defer o.mu.Unlock()
	t.Logf("platform × attack → outcome:\n%s", strings.Join(o.rows, "\n"))
}
