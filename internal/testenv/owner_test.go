package testenv

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// helperEnv makes the test binary a helper process instead (TestMain).
const helperEnv = "EDGEWASM_TESTENV_HELPER"

func TestMain(m *testing.M) {
	switch os.Getenv(helperEnv) {
	case "netns":
		netnsOwner()
	case "tempdir":
		tempDirOwner()
	}
	os.Exit(m.Run())
}

// tempDirOwner is the helper process of TestSweepTempDirsOfKilledOwner:
// it creates a directory as TempDir would, with a file in it, prints its
// path and waits to be killed.
func tempDirOwner() {
	dir, err := mkTempDir("owner")
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "data"), []byte("left behind"), 0o644)
	}
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Println(dir)
	for {
		time.Sleep(time.Hour) // until killed
	}
}

// startHelper starts this test binary as the helper of the given kind and
// returns it and the first line it prints. The helper is killed when the
// test ends.
func startHelper(t *testing.T, kind string) (*exec.Cmd, string) {
	t.Helper()
	helper := exec.Command(os.Args[0], "-test.run=^$")
	helper.Env = append(os.Environ(), helperEnv+"="+kind)
	helper.Stderr = os.Stderr
	out, err := helper.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := helper.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		helper.Process.Kill()
		helper.Wait()
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || strings.HasPrefix(line, "error") {
		t.Fatalf("helper said %q (%v)", line, err)
	}
	return helper, strings.TrimSpace(line)
}

// kill kills the helper as a test's timeout or an OOM killer would: no
// cleanup runs.
func kill(t *testing.T, helper *exec.Cmd) {
	t.Helper()
	if err := helper.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	helper.Wait()
}

// TestSweepTempDirsOfKilledOwner kills (SIGKILL) a process that created a
// temporary directory as TempDir does: the next sweep must remove it, and
// keep the directory of a live owner (this test's).
func TestSweepTempDirsOfKilledOwner(t *testing.T) {
	live := TempDir(t, "live")
	helper, dir := startHelper(t, "tempdir")
	t.Cleanup(func() { os.RemoveAll(dir) })
	if o, ok := NameOwner(filepath.Base(dir)); !ok || o.PID != helper.Process.Pid || filepath.Dir(dir) != os.TempDir() {
		t.Fatalf("directory %s: owner %+v, %v; want the helper's, pid %d, in %s", dir, o, ok, helper.Process.Pid, os.TempDir())
	}
	if removed, err := SweepTempDirs(); err != nil || slices.Contains(removed, dir) || slices.Contains(removed, live) {
		t.Fatalf("sweep while the owners live: removed %v, %v", removed, err)
	}
	kill(t, helper)
	if _, err := os.Stat(filepath.Join(dir, "data")); err != nil {
		t.Fatalf("after the kill the helper's directory should be left, or the test proves nothing: %v", err)
	}
	removed, err := SweepTempDirs()
	if err != nil || !slices.Contains(removed, dir) {
		t.Fatalf("sweep after the kill: removed %v, %v; want %s among them", removed, err, dir)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s after the sweep: %v", dir, err)
	}
	if _, err := os.Stat(live); err != nil {
		t.Errorf("the live owner's directory: %v", err)
	}
}

// netnsOwner is the helper process of TestSweepNetnsOfKilledOwner: it
// creates a namespace as Netns would, starts a process in it that outlives
// the helper (as an sshd does), prints "NAMESPACE PID" and waits to be
// killed.
func netnsOwner() {
	ns, err := addNetns("owner")
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	sleeper := exec.Command("ip", "netns", "exec", ns, "sleep", "600")
	if err := sleeper.Start(); err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Println(ns, sleeper.Process.Pid)
	for {
		time.Sleep(time.Hour) // until killed
	}
}

func TestOwner(t *testing.T) {
	me, err := Self()
	if err != nil {
		t.Fatal(err)
	}
	if me.PID != os.Getpid() || me.Start == 0 || me.PIDNS == 0 {
		t.Fatalf("Self() = %+v", me)
	}
	if o, err := ParseOwner(me.String()); err != nil || o != me {
		t.Fatalf("ParseOwner(%q) = %+v, %v", me.String(), o, err)
	}
	if me.Gone() || OwnerGone(me.String()) {
		t.Fatal("this process is gone, it says")
	}
	// The same PID started at another time is another process, gone.
	if !(Owner{PIDNS: me.PIDNS, PID: me.PID, Start: me.Start + 1}).Gone() {
		t.Error("an owner whose PID was reused is not gone")
	}
	// An owner in another PID namespace is never judged gone.
	if (Owner{PIDNS: me.PIDNS + 1, PID: 1 << 30, Start: 1}).Gone() {
		t.Error("an owner of another PID namespace is gone")
	}
	for _, bad := range []string{"", "1-2", "1-2-3-4", "a-2-3", "1-0-3", "1--3"} {
		if _, err := ParseOwner(bad); err == nil {
			t.Errorf("ParseOwner(%q) succeeded", bad)
		}
		if OwnerGone(bad) {
			t.Errorf("OwnerGone(%q): something unparsable is not ours to judge", bad)
		}
	}

	// A child: alive while it runs, gone once reaped.
	child := exec.Command("sleep", "60")
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	o, err := ProcessOwner(child.Process.Pid)
	if err != nil || o.Gone() {
		t.Fatalf("running child: %+v, %v, gone %v", o, err, o.Gone())
	}
	child.Process.Kill()
	child.Wait()
	if !o.Gone() {
		t.Errorf("child %+v killed and reaped, but not gone", o)
	}
	if _, err := ProcessOwner(child.Process.Pid); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ProcessOwner of a reaped child: %v, want os.ErrNotExist", err)
	}
}

func TestNameOwner(t *testing.T) {
	me, _ := Self()
	for name, want := range map[string]bool{
		NetnsPrefix + me.String() + "-fleet-ctl": true,
		NetnsPrefix + me.String() + "-":          false,
		NetnsPrefix + me.String():                false,
		"ewfleet123-ctl":                         false,
		"ewt-1-2-x-peer":                         false,
		"other":                                  false,
	} {
		o, ok := NameOwner(name)
		if ok != want || (ok && o != me) {
			t.Errorf("NameOwner(%q) = %+v, %v; want %v", name, o, ok, want)
		}
	}
}

// TestSweepNetnsOfKilledOwner kills (SIGKILL) a process that created a
// network namespace and left a process running in it, as a test killed by
// its timeout does: its cleanups never run. The next sweep must delete the
// namespace and end the process, and leave the namespace of a live owner
// (this test's) alone.
func TestSweepNetnsOfKilledOwner(t *testing.T) {
	if testing.Short() {
		t.Skip("creates network namespaces: -short")
	}
	if os.Geteuid() != 0 {
		Missing(t, "the sweep test creates network namespaces: run it as root")
	}
	Tool(t, "ip", "apt-get install iproute2")
	Tool(t, "sleep", "apt-get install coreutils")
	live := Netns(t, "live")

	helper, line := startHelper(t, "netns")
	f := strings.Fields(line)
	if len(f) != 2 {
		t.Fatalf("helper said %q", line)
	}
	ns := f[0]
	t.Cleanup(func() { removeNetns(ns) }) // whatever happens, nothing of the helper's is left
	sleeper, err := strconv.Atoi(f[1])
	if err != nil {
		t.Fatalf("helper said %q", line)
	}
	owner, ok := NameOwner(ns)
	if !ok || owner.PID != helper.Process.Pid {
		t.Fatalf("namespace %s: owner %+v, %v; want the helper, pid %d", ns, owner, ok, helper.Process.Pid)
	}
	sleeperOwner, err := ProcessOwner(sleeper)
	if err != nil {
		t.Fatalf("the process in %s: %v", ns, err)
	}
	if removed, err := SweepNetns(); err != nil || slices.Contains(removed, ns) || slices.Contains(removed, live) {
		t.Fatalf("sweep while the owners live: removed %v, %v", removed, err)
	}

	kill(t, helper)
	names, err := Namespaces()
	if err != nil || !slices.Contains(names, ns) || sleeperOwner.Gone() {
		t.Fatalf("after the kill: namespaces %v (%v), process in it gone %v; want both left behind, or the test proves nothing",
			names, err, sleeperOwner.Gone())
	}

	removed, err := SweepNetns()
	if err != nil || !slices.Contains(removed, ns) {
		t.Fatalf("sweep after the kill: removed %v, %v; want %s among them", removed, err, ns)
	}
	names, err = Namespaces()
	if err != nil || slices.Contains(names, ns) || !slices.Contains(names, live) {
		t.Errorf("after the sweep: namespaces %v (%v); want %s gone and %s (a live owner's) kept", names, err, ns, live)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !sleeperOwner.Gone() {
		if time.Now().After(deadline) {
			t.Fatalf("process %d, in the swept namespace, still runs", sleeper)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
