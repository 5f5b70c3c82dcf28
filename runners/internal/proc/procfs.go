package proc

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Root is the mount point of procfs; tests point it at a fake tree.
var Root = "/proc"

// PSS returns the proportional set size of pid in KiB.
func PSS(pid int) (int64, error) {
	return field(filepath.Join(Root, strconv.Itoa(pid), "smaps_rollup"), "Pss:")
}

// MemAvailable returns the system's MemAvailable in KiB.
func MemAvailable() (int64, error) {
	return field(filepath.Join(Root, "meminfo"), "MemAvailable:")
}

// TreePSS returns the summed PSS of pid and every descendant, in KiB, and
// how many processes it summed. Processes that exit while being read are
// skipped.
func TreePSS(pid int) (int64, int, error) {
	pids, err := Descendants(pid)
	if err != nil {
		return 0, 0, err
	}
	var total int64
	n := 0
	for _, p := range append([]int{pid}, pids...) {
		kib, err := PSS(p)
		if err != nil {
			if p == pid {
				return 0, 0, err
			}
			continue // a child that has gone
		}
		total += kib
		n++
	}
	return total, n, nil
}

// Descendants lists the pids of all descendants of pid, found through the
// parent field of every /proc/N/stat.
func Descendants(pid int) ([]int, error) {
	entries, err := os.ReadDir(Root)
	if err != nil {
		return nil, err
	}
	children := map[int][]int{}
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		pp, err := parent(p)
		if err != nil {
			continue
		}
		children[pp] = append(children[pp], p)
	}
	var out []int
	queue := []int{pid}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, c := range children[p] {
			out = append(out, c)
			queue = append(queue, c)
		}
	}
	return out, nil
}

// parent reads the ppid from /proc/pid/stat. The command name (field 2) may
// contain spaces and parentheses, so parsing starts after the last ')'.
func parent(pid int) (int, error) {
	b, err := os.ReadFile(filepath.Join(Root, strconv.Itoa(pid), "stat"))
	if err != nil {
		return 0, err
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, fmt.Errorf("procfs: %d/stat: no ')'", pid)
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 2 {
		return 0, fmt.Errorf("procfs: %d/stat: too few fields", pid)
	}
	return strconv.Atoi(f[1])
}

// field returns the "<key> <n> kB" value from a /proc file, in KiB.
func field(path, key string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, key) {
			continue
		}
		fs := strings.Fields(line[len(key):])
		if len(fs) == 0 {
			break
		}
		v, err := strconv.ParseInt(fs[0], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%s: %s: %w", path, key, err)
		}
		return v, nil
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("%s: no %s line", path, key)
}

// FindByArgv returns the first process (lowest PID first is not promised)
// whose command line, split at NULs, satisfies match; ok is false when
// none does.
func FindByArgv(match func(argv []string) bool) (pid int, ok bool, err error) {
	entries, err := os.ReadDir(Root)
	if err != nil {
		return 0, false, err
	}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join(Root, e.Name(), "cmdline"))
		if err != nil || len(b) == 0 {
			continue
		}
		if match(strings.Split(strings.TrimRight(string(b), "\x00"), "\x00")) {
			return pid, true, nil
		}
	}
	return 0, false, nil
}
