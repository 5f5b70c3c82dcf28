package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/internal/protocol"
	"github.com/edgewasm/edgewasm/internal/resume"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/internal/testenv"
	"github.com/edgewasm/edgewasm/runners/tempdir"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// edgewasmBinary builds bin/edgewasm's equivalent once per test process.
func edgewasmBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "cmd-test-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "edgewasm")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = errors.New(string(out))
		}
	})
	if binErr != nil {
		t.Fatalf("go build: %v", binErr)
	}
	return binPath
}

// leftovers lists what runs leave behind when killed: owned directories
// in the temporary directory, and the dataset's scratch directory.
func leftovers(out string) []string {
	found, _ := filepath.Glob(filepath.Join(os.TempDir(), tempdir.Prefix+"*"))
	if _, err := os.Stat(filepath.Join(out, "scratch")); err == nil {
		found = append(found, filepath.Join(out, "scratch"))
	}
	return found
}

// killWhenRunning starts cmd, waits until samples.csv in out holds at
// least rows rows, then kills it with SIGKILL.
func killWhenRunning(t *testing.T, cmd *exec.Cmd, out string, rows int) {
	t.Helper()
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Minute)
	for {
		b, _ := os.ReadFile(filepath.Join(out, dataset.SamplesFile))
		if bytes.Count(b, []byte("\n")) > rows {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("no %d rows after 5 minutes:\n%s", rows, log.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
}

// TestKill9ThenCleanAndResume kills a real run (bin/edgewasm on native and
// wazero: build directories, the wazero launcher and its compilation
// cache, the fsio scratch directory) with SIGKILL in the middle of its
// measurements, and shows that
//   - `edgewasm clean` removes everything it left, and nothing that belongs
//     to a live process (this test's own directory stands in for another
//     run on the machine);
//   - after a second kill, `run --resume` removes the leftovers itself and
//     completes the dataset: every invocation once, all verified.
//
// The temporary directory and the registry of owned directories are the
// test's own, so other runs on the machine are never touched.
func TestKill9ThenCleanAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	testenv.CC(t)
	bin := edgewasmBinary(t)
	t.Setenv("TMPDIR", t.TempDir())
	t.Setenv(tempdir.RegistryEnv, t.TempDir())
	live, err := tempdir.New("live-")
	if err != nil {
		t.Fatal(err)
	}
	defer live.Remove()

	out := filepath.Join(t.TempDir(), "ds")
	run := exec.Command(bin, "run", "--profile", "quick", "--platforms", "native,wazero", "--langs", "c",
		"--experiments", "fsio,startup,memory", "--out", out)
	killWhenRunning(t, run, out, 8)
	left := leftovers(out)
	if len(left) < 3 { // the live directory, native's and wazero's build directories, the scratch
		t.Fatalf("after kill -9 only %v are left: the test does not exercise clean", left)
	}
	hasCache := false
	for _, d := range left {
		if m, _ := filepath.Glob(filepath.Join(d, "wazero-cache")); len(m) > 0 {
			hasCache = true
		}
	}
	if !hasCache {
		t.Errorf("no wazero compilation cache among the leftovers %v", left)
	}

	label := "org.edgewasm.test=robust-" + randomHex()
	var cleanOut bytes.Buffer
	clean := exec.Command(bin, "clean", "--label", label)
	clean.Stdout, clean.Stderr = &cleanOut, &cleanOut
	if err := clean.Run(); err != nil && !(strings.Contains(cleanOut.String(), "daemon unreachable") && !testenv.InCI()) {
		t.Fatalf("clean: %v\n%s", err, cleanOut.String())
	}
	if got := leftovers(out); len(got) != 1 || got[0] != live.Path {
		t.Fatalf("after clean: %v; want only the live directory %s\n%s", got, live.Path, cleanOut.String())
	}
	if !strings.Contains(cleanOut.String(), "kept 1 in use") {
		t.Errorf("clean output:\n%s", cleanOut.String())
	}

	// Kill the resumed run too; the next resume sweeps, then finishes.
	resumed := exec.Command(bin, "run", "--resume", out)
	killWhenRunning(t, resumed, out, 20)
	if len(leftovers(out)) < 3 {
		t.Fatalf("after the second kill only %v are left", leftovers(out))
	}
	var log bytes.Buffer
	final := exec.Command(bin, "run", "--resume", out)
	final.Stdout, final.Stderr = &log, &log
	if err := final.Run(); err != nil {
		t.Fatalf("final resume: %v\n%s", err, log.String())
	}
	if !strings.Contains(log.String(), "directories left by killed runs") {
		t.Errorf("the resumed run did not sweep:\n%s", log.String())
	}
	if got := leftovers(out); len(got) != 1 || got[0] != live.Path {
		t.Errorf("after the resumed run: %v", got)
	}
	ds, err := dataset.Load(out)
	if err != nil {
		t.Fatal(err)
	}
	cfg := protocol.Config{Profile: ds.Env.Profile, Platforms: ds.Env.Platforms, Langs: ds.Env.Langs, Experiments: ds.Env.Experiments}
	missing, err := resume.Audit(cfg, ds.Samples)
	if err != nil || len(missing) > 0 {
		t.Fatalf("audit: %v, %d missing", err, len(missing))
	}
	for _, s := range ds.Samples {
		if !s.OK() {
			t.Errorf("failed: %+v", s)
		}
	}
	if len(ds.Env.Resumes) != 2 {
		t.Errorf("%d resumes recorded, want 2", len(ds.Env.Resumes))
	}
}

func randomHex() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
