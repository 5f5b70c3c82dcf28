package protocol

import (
	"os"

	"golang.org/x/sys/unix"
)

// EvictFile drops a file's clean pages from the page cache, so the next
// read comes from the device. The file was fsynced by its writer.
func EvictFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return err
	}
	return unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED)
}
