package host

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// ProcRoot is the mount point of procfs that the readings of this file
// use; tests point it at a fake tree.
var ProcRoot = "/proc"

// kibField returns the value of a "Key: N kB" line of a /proc file
// (meminfo, status), in KiB.
func kibField(rel, key string) (int64, error) {
	path := filepath.Join(ProcRoot, rel)
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		rest, ok := strings.CutPrefix(line, key+":")
		if !ok {
			continue
		}
		fs := strings.Fields(rest)
		if len(fs) == 0 {
			break
		}
		v, err := strconv.ParseInt(fs[0], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%s: %s: %w", path, key, err)
		}
		return v, nil
	}
	return 0, fmt.Errorf("%s: no %s line", path, key)
}

// MemTotal returns the system's MemTotal in KiB.
func MemTotal() (int64, error) { return kibField("meminfo", "MemTotal") }

// SelfPeakRSS is this process's resident high-water mark (VmHWM), in KiB.
func SelfPeakRSS() (int64, error) { return kibField("self/status", "VmHWM") }

// ResetSelfPeakRSS lowers this process's VmHWM to its current RSS (Linux
// ≥ 4.0, "5" to /proc/self/clear_refs), so that SelfPeakRSS reads the peak
// of a phase.
func ResetSelfPeakRSS() error {
	return os.WriteFile(filepath.Join(ProcRoot, "self", "clear_refs"), []byte("5"), 0)
}

// SelfCPU is the user plus system CPU time of this process, every thread.
func SelfCPU() (time.Duration, error) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, err
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), nil
}

// TrimSelf gives back memory this process holds but a measuring phase
// does not need: the Go heap's free pages (debug.FreeOSMemory) and the
// pages of the edgewasm executable that earlier phases touched (builds,
// images, flag parsing), which madvise(MADV_PAGEOUT) drops so that only
// those used again come back. Clean file pages are what the kernel would
// reclaim first anyway under memory pressure; dropping them up front
// makes edgewasm's resident set its working set. Kernels before 5.4 lack
// MADV_PAGEOUT: the heap is still trimmed and the error says so.
func TrimSelf() error {
	debug.FreeOSMemory()
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	maps, err := os.ReadFile(filepath.Join(ProcRoot, "self", "maps"))
	if err != nil {
		return err
	}
	var errs []error
	for _, line := range strings.Split(string(maps), "\n") {
		f := strings.Fields(line)
		if len(f) < 6 || f[5] != exe {
			continue
		}
		lo, hi, ok := strings.Cut(f[0], "-")
		start, err1 := strconv.ParseUint(lo, 16, 64)
		end, err2 := strconv.ParseUint(hi, 16, 64)
		if !ok || err1 != nil || err2 != nil {
			continue
		}
		if _, _, e := unix.Syscall(unix.SYS_MADVISE, uintptr(start), uintptr(end-start), unix.MADV_PAGEOUT); e != 0 {
			errs = append(errs, fmt.Errorf("madvise(MADV_PAGEOUT) %s: %w", f[0], e))
		}
	}
	return errors.Join(errs...)
}
