package testenv

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// OwnerLabel is the label that names, on every Docker object a test
// creates, the test process that owns it (Owner.String), so a later test
// can remove what a killed test left (see Owner.Gone).
const OwnerLabel = "org.edgewasm.test.owner"

// Owner names a process for as long as it lives: its PID namespace, its
// PID and its start time (clock ticks after boot, /proc/PID/stat). A PID
// reused by a later process comes with another start time, so an Owner
// never names two processes.
type Owner struct {
	PIDNS uint64 // inode of the PID namespace the PID belongs to
	PID   int
	Start uint64
}

// String is "PIDNS-PID-START", a valid part of a network namespace name
// and of a Docker label value.
func (o Owner) String() string { return fmt.Sprintf("%d-%d-%d", o.PIDNS, o.PID, o.Start) }

// ParseOwner reads what Owner.String wrote.
func ParseOwner(s string) (Owner, error) {
	f := strings.Split(s, "-")
	if len(f) != 3 {
		return Owner{}, fmt.Errorf("owner %q: want PIDNS-PID-START", s)
	}
	ns, err1 := strconv.ParseUint(f[0], 10, 64)
	pid, err2 := strconv.Atoi(f[1])
	start, err3 := strconv.ParseUint(f[2], 10, 64)
	if err := errors.Join(err1, err2, err3); err != nil || pid <= 0 {
		return Owner{}, fmt.Errorf("owner %q: want PIDNS-PID-START, three decimal numbers: %v", s, err)
	}
	return Owner{PIDNS: ns, PID: pid, Start: start}, nil
}

var self = sync.OnceValues(func() (Owner, error) { return ProcessOwner(os.Getpid()) })

// Self is the Owner of this process.
func Self() (Owner, error) { return self() }

// pidNamespace is the inode of this process's PID namespace.
func pidNamespace() (uint64, error) {
	link, err := os.Readlink("/proc/self/ns/pid")
	if err != nil {
		return 0, err
	}
	v, ok := strings.CutPrefix(link, "pid:[")
	if !ok || !strings.HasSuffix(v, "]") {
		return 0, fmt.Errorf("/proc/self/ns/pid → %q: want pid:[INODE]", link)
	}
	return strconv.ParseUint(strings.TrimSuffix(v, "]"), 10, 64)
}

// ProcessOwner returns the Owner of process pid (in this process's PID
// namespace); an error wrapping os.ErrNotExist when there is no such
// process, or only its zombie.
func ProcessOwner(pid int) (Owner, error) {
	ns, err := pidNamespace()
	if err != nil {
		return Owner{}, err
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if errors.Is(err, syscall.ESRCH) { // exited between open and read
		return Owner{}, fmt.Errorf("process %d: %w", pid, os.ErrNotExist)
	}
	if err != nil {
		return Owner{}, err
	}
	// The command name (field 2) is in parentheses and may hold spaces
	// and parentheses: the fields after it follow the last ')'.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return Owner{}, fmt.Errorf("/proc/%d/stat: no ')' after the command name", pid)
	}
	f := strings.Fields(string(b[i+1:]))
	// f[0] is field 3 (state), so field 22 (starttime) is f[19].
	if len(f) < 20 {
		return Owner{}, fmt.Errorf("/proc/%d/stat: %d fields after the command name, want at least 20", pid, len(f))
	}
	if f[0] == "Z" || f[0] == "X" {
		return Owner{}, fmt.Errorf("process %d is a zombie: %w", pid, os.ErrNotExist)
	}
	start, err := strconv.ParseUint(f[19], 10, 64)
	if err != nil {
		return Owner{}, fmt.Errorf("/proc/%d/stat: start time %q: %v", pid, f[19], err)
	}
	return Owner{PIDNS: ns, PID: pid, Start: start}, nil
}

// Gone reports whether o is certainly dead: it lived in this PID
// namespace and its PID is now free, a zombie's, or another process's.
// An owner in another PID namespace (a test in a container sharing the
// Docker daemon) is never gone: this process cannot tell.
func (o Owner) Gone() bool {
	ns, err := pidNamespace()
	if err != nil || ns != o.PIDNS {
		return false
	}
	now, err := ProcessOwner(o.PID)
	if errors.Is(err, os.ErrNotExist) {
		return true
	}
	return err == nil && now != o
}

// OwnerGone reports whether s (an OwnerLabel value, or the owner part of
// a name) names an owner that is certainly dead. Anything it cannot parse
// is not its to judge: false.
func OwnerGone(s string) bool {
	o, err := ParseOwner(s)
	return err == nil && o.Gone()
}

// OwnerLabels returns the labels that mark a Docker object as this test
// process's: OwnerLabel, plus the given ones.
func OwnerLabels(t testing.TB, also map[string]string) map[string]string {
	t.Helper()
	o, err := Self()
	if err != nil {
		t.Fatal(err)
	}
	l := map[string]string{OwnerLabel: o.String()}
	for k, v := range also {
		l[k] = v
	}
	return l
}
