package testenv

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// NetnsPrefix starts the name of every network namespace Netns creates:
// NetnsPrefix, the owner (Owner.String), "-", the test's name for it.
const NetnsPrefix = "ewt-"

// Netns creates a network namespace for the test, with its loopback up,
// and returns its name: NetnsPrefix, this process's Owner, "-", name
// (letters, digits and dashes). It first sweeps the namespaces of tests
// that were killed (SweepNetns). When the test ends, every process still
// in the namespace is killed and the namespace deleted; when the test is
// killed first, the next sweep does it. It needs root and iproute2.
func Netns(t testing.TB, name string) string {
	t.Helper()
	Tool(t, "ip", "apt-get install iproute2")
	if name == "" || strings.Trim(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
		t.Fatalf("network namespace name %q: want letters, digits and dashes", name)
	}
	if removed, err := SweepNetns(); err != nil {
		t.Fatalf("sweeping the network namespaces of killed tests: %v", err)
	} else if len(removed) > 0 {
		t.Logf("removed network namespaces left by killed tests: %s", strings.Join(removed, " "))
	}
	ns, err := addNetns(name)
	if ns != "" {
		t.Cleanup(func() {
			if err := removeNetns(ns); err != nil {
				t.Errorf("removing network namespace %s: %v", ns, err)
			}
		})
	}
	if err != nil {
		t.Fatal(err)
	}
	return ns
}

// addNetns creates this process's namespace called name, with its
// loopback up. It returns the namespace's name once it exists, even with
// an error.
func addNetns(name string) (string, error) {
	o, err := Self()
	if err != nil {
		return "", err
	}
	ns := NetnsPrefix + o.String() + "-" + name
	if out, err := exec.Command("ip", "netns", "add", ns).CombinedOutput(); err != nil {
		return "", fmt.Errorf("ip netns add %s: %v\n%s", ns, err, out)
	}
	if out, err := exec.Command("ip", "-n", ns, "link", "set", "lo", "up").CombinedOutput(); err != nil {
		return ns, fmt.Errorf("ip -n %s link set lo up: %v\n%s", ns, err, out)
	}
	return ns, nil
}

// NameOwner returns the owner named by a name that Netns or TempDir
// made (NetnsPrefix, the owner, "-", more), and whether the name is one.
func NameOwner(ns string) (Owner, bool) {
	rest, ok := strings.CutPrefix(ns, NetnsPrefix)
	if !ok {
		return Owner{}, false
	}
	f := strings.SplitN(rest, "-", 4)
	if len(f) != 4 || f[3] == "" {
		return Owner{}, false
	}
	o, err := ParseOwner(strings.Join(f[:3], "-"))
	return o, err == nil
}

// Namespaces lists the names of the machine's named network namespaces
// (`ip netns list`).
func Namespaces() ([]string, error) {
	out, err := exec.Command("ip", "netns", "list").Output()
	if err != nil {
		return nil, fmt.Errorf("ip netns list: %w", err)
	}
	var names []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		// "NAME" or "NAME (id: N)"
		if f := strings.Fields(sc.Text()); len(f) > 0 {
			names = append(names, f[0])
		}
	}
	return names, sc.Err()
}

// SweepNetns removes the network namespaces that Netns made for test
// processes that are gone (Owner.Gone), killing every process still in
// them (an sshd, a peer) first, and returns their names. Namespaces of
// live tests and every namespace not named by Netns are left alone.
func SweepNetns() ([]string, error) {
	names, err := Namespaces()
	if err != nil {
		return nil, err
	}
	var removed []string
	var errs []error
	for _, ns := range names {
		if o, ok := NameOwner(ns); !ok || !o.Gone() {
			continue
		}
		if err := removeNetns(ns); err != nil {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, ns)
	}
	return removed, errors.Join(errs...)
}

// removeNetns kills every process in the namespace ns, then deletes it. A
// namespace that another sweep deleted meanwhile is no error.
func removeNetns(ns string) error {
	for range 10 { // a process may fork while its siblings die
		out, err := exec.Command("ip", "netns", "pids", ns).Output()
		if err != nil {
			break // deleted meanwhile; `ip netns del` says so below
		}
		var pids []int
		for _, f := range strings.Fields(string(out)) {
			if pid, err := strconv.Atoi(f); err == nil {
				pids = append(pids, pid)
			}
		}
		if len(pids) == 0 {
			break
		}
		for _, pid := range pids {
			syscall.Kill(pid, syscall.SIGKILL)
		}
		time.Sleep(20 * time.Millisecond)
	}
	out, err := exec.Command("ip", "netns", "del", ns).CombinedOutput()
	if err == nil {
		return nil
	}
	if names, lerr := Namespaces(); lerr == nil && !slices.Contains(names, ns) {
		return nil
	}
	return fmt.Errorf("ip netns del %s: %v %s", ns, err, bytes.TrimSpace(out))
}
