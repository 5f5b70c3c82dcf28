package tempdir

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"
)

// The test binary doubles as a process that owns directories and is then
// killed: with helperEnv set, TestMain owns the directories it is told to,
// prints their paths and waits to be killed.
const helperEnv = "EDGEWASM_TEMPDIR_HELPER"

func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) != "" {
		d, err := New("helper-")
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		s, err := Own(os.Getenv(helperEnv))
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		os.WriteFile(filepath.Join(d.Path, "cache"), []byte("compiled"), 0o644)
		fmt.Println(d.Path)
		fmt.Println(s.Path)
		for {
			time.Sleep(time.Hour) // until killed (a bare select{} is a deadlock the runtime kills)
		}
	}
	os.Exit(m.Run())
}

// isolate points the temporary directory and the registry at folders of
// the test's own, so other runs on this machine are never swept.
func isolate(t *testing.T) (tmp, reg string) {
	tmp, reg = t.TempDir(), t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Setenv(RegistryEnv, reg)
	return tmp, reg
}

// startOwner starts a helper process owning a new temporary directory and
// scratch; it returns them and the process.
func startOwner(t *testing.T, scratch string) (string, string, *exec.Cmd) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+scratch)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	sc := bufio.NewScanner(out)
	var lines []string
	for len(lines) < 2 && sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) < 2 {
		t.Fatalf("helper printed %q", lines)
	}
	return lines[0], lines[1], cmd
}

func TestSweepRemovesOnlyDeadOwners(t *testing.T) {
	tmp, reg := isolate(t)
	deadScratch := filepath.Join(t.TempDir(), "scratch-dead")
	liveScratch := filepath.Join(t.TempDir(), "scratch-live")
	for _, d := range []string{deadScratch, liveScratch} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	deadTmp, _, dead := startOwner(t, deadScratch)
	liveTmp, _, _ := startOwner(t, liveScratch)
	if err := dead.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	dead.Wait()
	// Ours, alive; and a directory with the prefix but no owner file (from
	// an older edgewasm, or someone else's).
	mine, err := New("mine-")
	if err != nil {
		t.Fatal(err)
	}
	defer mine.Remove()
	foreign := filepath.Join(tmp, Prefix+"foreign")
	os.Mkdir(foreign, 0o755)

	s := Sweep()
	if len(s.Errors) > 0 {
		t.Fatal(s.Errors)
	}
	slices.Sort(s.Removed)
	want := []string{deadScratch, deadTmp}
	slices.Sort(want)
	if !slices.Equal(s.Removed, want) {
		t.Errorf("removed %v, want %v", s.Removed, want)
	}
	for _, d := range []string{liveTmp, liveScratch, mine.Path, foreign} {
		if _, err := os.Stat(d); err != nil {
			t.Errorf("%s removed: %v", d, err)
		}
	}
	for _, d := range want {
		if _, err := os.Stat(d); !os.IsNotExist(err) {
			t.Errorf("%s still there", d)
		}
	}
	entries, _ := os.ReadDir(reg)
	if len(entries) != 1 { // the live helper's scratch
		t.Errorf("registry holds %d entries, want 1", len(entries))
	}
	if err := mine.Remove(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(mine.Path); !os.IsNotExist(err) {
		t.Error("Remove left the directory")
	}
}

func TestOwnRefusesALiveOwner(t *testing.T) {
	isolate(t)
	scratch := filepath.Join(t.TempDir(), "scratch")
	os.Mkdir(scratch, 0o755)
	_, _, _ = startOwner(t, scratch)
	if _, err := Own(scratch); err == nil {
		t.Fatal("Own took a directory a live process owns")
	}
}

// A directory stays owned while the process lives even when the caller
// keeps no reference to its Dir: the lock file must not be finalized.
func TestDroppedDirStaysLocked(t *testing.T) {
	isolate(t)
	d, err := New("dropped-")
	if err != nil {
		t.Fatal(err)
	}
	path := d.Path
	d = nil
	for range 3 {
		runtime.GC()
	}
	s := Sweep()
	if slices.Contains(s.Removed, path) {
		t.Fatalf("Sweep removed %s, owned by this live process", path)
	}
	if !slices.Contains(s.Live, path) {
		t.Errorf("Sweep did not see %s as live: %+v", path, s)
	}
}
