// Package tempdir creates the directories a run needs for a while (build
// directories, compilation caches, the fsio scratch directory) so that
// nothing is left behind when the run is killed: each directory holds an
// owner file that its process keeps locked (flock) for as long as it uses
// the directory. The kernel drops the lock when the process dies, even by
// SIGKILL or power loss, so Sweep can tell the directories of dead runs
// from those of live ones (other runs, other users' tests on the same
// machine) without trusting process IDs, and removes only the former.
//
// Directories outside the temporary directory (a dataset's scratch) are
// also listed in a registry, a folder of symbolic links in the user's
// cache directory, so Sweep finds them too.
package tempdir

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// OwnerFile is the name of the owner file inside an owned directory.
const OwnerFile = ".edgewasm-owner"

// Prefix starts the name of every temporary directory edgewasm creates.
const Prefix = "edgewasm-"

// RegistryEnv overrides the registry folder (tests point it at their own).
const RegistryEnv = "EDGEWASM_OWNED_DIRS"

// Registry returns the folder of links to owned directories: $RegistryEnv,
// else edgewasm/owned in the user's cache directory; "" when there is none.
func Registry() string {
	if d := os.Getenv(RegistryEnv); d != "" {
		return d
	}
	c, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(c, "edgewasm", "owned")
}

// held keeps every lock file of this process reachable until Remove or
// Release: an *os.File that becomes unreachable is closed by its finalizer,
// which would drop the lock while the directory is still in use.
var held sync.Map // *os.File → struct{}

// Dir is a directory this process owns.
type Dir struct {
	Path  string
	lock  *os.File
	entry string // registry link, "" when not registered
}

// New creates a directory in the temporary directory, named Prefix+name
// plus a random suffix, and owns it.
func New(name string) (*Dir, error) {
	path, err := os.MkdirTemp("", Prefix+name)
	if err != nil {
		return nil, err
	}
	d, err := Own(path)
	if err != nil {
		os.RemoveAll(path)
		return nil, err
	}
	return d, nil
}

// Own takes ownership of the existing directory path. It fails when a live
// process owns it already.
func Own(path string) (*Dir, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	owner := filepath.Join(abs, OwnerFile)
	if f, err := os.Open(owner); err == nil {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s is in use by another process (%s)", abs, describe(owner))
		}
	}
	// Lock a new file, then rename it into place: Sweep never sees an
	// owner file that is not yet locked.
	f, err := os.CreateTemp(abs, OwnerFile+"-*")
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("locking %s: %w", f.Name(), err)
	}
	host, _ := os.Hostname()
	cmd, _ := os.ReadFile("/proc/self/cmdline")
	fmt.Fprintf(f, "pid=%d\nhost=%s\ncreated=%s\ncmd=%s\n", os.Getpid(), host,
		time.Now().UTC().Format(time.RFC3339), strings.TrimSpace(strings.ReplaceAll(string(cmd), "\x00", " ")))
	if err := os.Rename(f.Name(), owner); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	d := &Dir{Path: abs, lock: f}
	held.Store(f, struct{}{})
	if reg := Registry(); reg != "" && !inTempDir(abs) {
		if err := os.MkdirAll(reg, 0o755); err == nil {
			link := filepath.Join(reg, randomName())
			if os.Symlink(abs, link) == nil {
				d.entry = link
			}
		}
	}
	return d, nil
}

// Remove deletes the directory and everything in it, then releases it.
func (d *Dir) Remove() error {
	if d == nil || d.lock == nil {
		return nil
	}
	err := os.RemoveAll(d.Path)
	held.Delete(d.lock)
	d.lock.Close()
	d.lock = nil
	if d.entry != "" {
		os.Remove(d.entry)
	}
	return err
}

// Release gives the directory up without removing it (its owner file is
// removed, so Sweep leaves it alone).
func (d *Dir) Release() {
	if d == nil || d.lock == nil {
		return
	}
	os.Remove(filepath.Join(d.Path, OwnerFile))
	held.Delete(d.lock)
	d.lock.Close()
	d.lock = nil
	if d.entry != "" {
		os.Remove(d.entry)
	}
}

// Swept is what Sweep found.
type Swept struct {
	Removed []string // directories of dead processes, removed
	Live    []string // directories still owned by a live process, kept
	Errors  []error
}

// Sweep removes every owned directory whose owner has died: those in the
// temporary directory named Prefix*, and those in the registry. A
// directory without an owner file is never touched.
func Sweep() Swept {
	var s Swept
	seen := map[string]bool{}
	try := func(dir string) {
		if seen[dir] {
			return
		}
		seen[dir] = true
		switch removed, err := sweepOne(dir); {
		case err != nil:
			s.Errors = append(s.Errors, err)
		case removed:
			s.Removed = append(s.Removed, dir)
		case exists(filepath.Join(dir, OwnerFile)):
			s.Live = append(s.Live, dir)
		}
	}
	if reg := Registry(); reg != "" {
		entries, _ := os.ReadDir(reg)
		for _, e := range entries {
			link := filepath.Join(reg, e.Name())
			target, err := os.Readlink(link)
			if err != nil {
				continue
			}
			try(target)
			if !exists(filepath.Join(target, OwnerFile)) {
				os.Remove(link) // removed now, or released, or gone
			}
		}
	}
	matches, _ := filepath.Glob(filepath.Join(os.TempDir(), Prefix+"*", OwnerFile))
	for _, m := range matches {
		try(filepath.Dir(m))
	}
	return s
}

// sweepOne removes dir when its owner file exists and is not locked.
func sweepOne(dir string) (bool, error) {
	owner := filepath.Join(dir, OwnerFile)
	f, err := os.Open(owner)
	if err != nil {
		return false, nil // not owned (or already removed)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return false, nil // its owner is alive
		}
		return false, fmt.Errorf("%s: %w", owner, err)
	}
	// Still ours to remove? Another sweeper may have removed and a new
	// owner recreated the directory meanwhile; the file we locked must be
	// the one in place.
	st1, err1 := f.Stat()
	st2, err2 := os.Stat(owner)
	if err1 != nil || err2 != nil || !os.SameFile(st1, st2) {
		return false, nil
	}
	if err := os.RemoveAll(dir); err != nil {
		return false, fmt.Errorf("removing %s of a dead run: %w", dir, err)
	}
	return true, nil
}

// describe summarizes an owner file for messages.
func describe(owner string) string {
	b, err := os.ReadFile(owner)
	if err != nil {
		return "owner unknown"
	}
	var pid string
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "pid="); ok {
			pid = v
		}
	}
	if _, err := strconv.Atoi(pid); err != nil {
		return "owner unknown"
	}
	return "pid " + pid
}

// inTempDir reports whether Sweep finds path without the registry: a
// Prefix* directory directly in the temporary directory.
func inTempDir(path string) bool {
	tmp, err := filepath.Abs(os.TempDir())
	return err == nil && filepath.Dir(path) == tmp && strings.HasPrefix(filepath.Base(path), Prefix)
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

func randomName() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return strconv.Itoa(os.Getpid()) + "-" + hex.EncodeToString(b)
}
