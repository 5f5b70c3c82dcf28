package proc

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/edgewasm/edgewasm/runners"
)

// userHZ is the unit of the CPU times in /proc/PID/stat (USER_HZ): 100 on
// every Linux architecture edgewasm runs on (x86, arm, arm64), whatever
// the kernel's own tick rate.
const userHZ = 100

// CPUTimes returns the user and system CPU time that process pid (all its
// threads, including threads that have exited) has used so far, from
// /proc/PID/stat (the resolution is 1/userHZ s, 10 ms), and the context
// switches of its live threads, summed over /proc/PID/task/*/status.
func CPUTimes(pid int) (runners.CPUTimes, error) {
	path := filepath.Join(Root, strconv.Itoa(pid), "stat")
	b, err := os.ReadFile(path)
	if err != nil {
		return runners.CPUTimes{}, err
	}
	c, err := parseStatCPU(path, string(b))
	if err != nil {
		return c, err
	}
	c.Voluntary, c.Involuntary, c.Switches = switches(pid)
	return c, nil
}

// switches sums voluntary_ctxt_switches and nonvoluntary_ctxt_switches
// over the threads of pid; false when no thread's status could be read.
func switches(pid int) (vol, invol int64, ok bool) {
	tasks, _ := filepath.Glob(filepath.Join(Root, strconv.Itoa(pid), "task", "*", "status"))
	for _, path := range tasks {
		b, err := os.ReadFile(path)
		if err != nil {
			continue // the thread exited
		}
		var v, n int64
		var haveV, haveN bool
		for _, line := range strings.Split(string(b), "\n") {
			if s, found := strings.CutPrefix(line, "voluntary_ctxt_switches:"); found {
				v, err = strconv.ParseInt(strings.TrimSpace(s), 10, 64)
				haveV = err == nil
			} else if s, found := strings.CutPrefix(line, "nonvoluntary_ctxt_switches:"); found {
				n, err = strconv.ParseInt(strings.TrimSpace(s), 10, 64)
				haveN = err == nil
			}
		}
		if haveV && haveN {
			vol, invol, ok = vol+v, invol+n, true
		}
	}
	return vol, invol, ok
}

// parseStatCPU reads utime and stime, fields 14 and 15 of a stat line.
// The command name (field 2) is in parentheses and may hold spaces or
// parentheses itself, so fields are counted after its last ')'.
func parseStatCPU(path, line string) (runners.CPUTimes, error) {
	i := strings.LastIndexByte(line, ')')
	if i < 0 {
		return runners.CPUTimes{}, fmt.Errorf("%s: no command name in %q", path, line)
	}
	f := strings.Fields(line[i+1:]) // f[0] is field 3 (state)
	if len(f) < 13 {
		return runners.CPUTimes{}, fmt.Errorf("%s: %d fields after the command name, want at least 13", path, len(f))
	}
	tick := func(s string) (time.Duration, error) {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("%s: CPU time %q is not a count of ticks", path, s)
		}
		return time.Duration(n) * time.Second / userHZ, nil
	}
	u, err := tick(f[11])
	if err != nil {
		return runners.CPUTimes{}, err
	}
	s, err := tick(f[12])
	if err != nil {
		return runners.CPUTimes{}, err
	}
	return runners.CPUTimes{User: u, Sys: s}, nil
}
