package run

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"github.com/edgewasm/edgewasm/dataset"
)

// lockDir creates dir if needed and locks it for this process (flock on
// the directory itself, so no lock file is left behind; the kernel drops
// the lock when the process dies). A second run on the same dataset is
// refused.
func lockDir(dir string) (func(), error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := dataset.SyncDir(filepath.Dir(dir)); err != nil {
		return nil, err
	}
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("another edgewasm run is writing %s", dir)
		}
		return nil, err
	}
	// A run killed in the middle of dataset.WriteFileAtomic leaves its
	// temporary file; nobody else writes here while we hold the lock.
	stale, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	for _, p := range stale {
		os.Remove(p)
	}
	return func() { f.Close() }, nil
}
