package host

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// userHZ is the unit of /proc/stat (USER_HZ): 100 on every Linux
// architecture edgewasm runs on, whatever the kernel's own tick rate.
const userHZ = 100

// Counters are the machine's cumulative contention counters at one
// moment: their differences over an invocation say what competed with it.
type Counters struct {
	// StealMS is the steal time of every CPU since boot (/proc/stat, the
	// 8th value of the cpu line, USER_HZ ticks), in ms; NaN when unknown.
	StealMS float64
	// StallMS is the CPU pressure stall time since boot (/proc/pressure/cpu,
	// the "some" line's total, µs), in ms; NaN when the kernel has no PSI
	// (before Linux 4.20, or built or booted without it): PSIError says why.
	StallMS  float64
	PSIError string
	// Load1 is the 1-minute load average (/proc/loadavg); NaN when unknown.
	Load1 float64
}

// ReadCounters reads the counters from the procfs mounted at ProcRoot.
func ReadCounters() Counters {
	c := Counters{StealMS: math.NaN(), StallMS: math.NaN(), Load1: math.NaN()}
	if v, err := steal(filepath.Join(ProcRoot, "stat")); err == nil {
		c.StealMS = v
	}
	if v, err := cpuStall(filepath.Join(ProcRoot, "pressure", "cpu")); err == nil {
		c.StallMS = v
	} else {
		c.PSIError = err.Error()
	}
	if b, err := os.ReadFile(filepath.Join(ProcRoot, "loadavg")); err == nil {
		if f := strings.Fields(string(b)); len(f) > 0 {
			if v, err := strconv.ParseFloat(f[0], 64); err == nil {
				c.Load1 = v
			}
		}
	}
	return c
}

// steal reads the steal time of the aggregate cpu line of /proc/stat:
// "cpu user nice system idle iowait irq softirq steal …" (Linux ≥ 2.6.11).
func steal(path string) (float64, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || f[0] != "cpu" {
			continue
		}
		if len(f) < 9 {
			return 0, fmt.Errorf("%s: the cpu line has %d values, no steal (the 8th)", path, len(f)-1)
		}
		ticks, err := strconv.ParseUint(f[8], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%s: steal %q: %w", path, f[8], err)
		}
		return float64(ticks) * 1000 / userHZ, nil
	}
	return 0, fmt.Errorf("%s: no cpu line", path)
}

// cpuStall reads the total of the "some" line of /proc/pressure/cpu:
// "some avg10=0.00 avg60=0.00 avg300=0.00 total=12345" (µs).
func cpuStall(path string) (float64, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return 0, fmt.Errorf("%s does not exist: the kernel reports no pressure stall information (PSI needs Linux 4.20 or later, built with CONFIG_PSI and not booted with psi=0)", path)
	}
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || f[0] != "some" {
			continue
		}
		for _, kv := range f[1:] {
			if v, ok := strings.CutPrefix(kv, "total="); ok {
				us, err := strconv.ParseUint(v, 10, 64)
				if err != nil {
					return 0, fmt.Errorf("%s: total %q: %w", path, v, err)
				}
				return float64(us) / 1000, nil
			}
		}
		return 0, fmt.Errorf("%s: the some line has no total=", path)
	}
	return 0, fmt.Errorf("%s: no some line", path)
}
