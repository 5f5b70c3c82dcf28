package model

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/report/stats"
)

// BaselineAgreement is how far two datasets' native baselines may differ
// for their numbers to be set beside each other: 10 %, the bound of a
// run's own baseline drift (internal/quality.BaselineDrift).
const BaselineAgreement = 0.10

// Comparison says whether two datasets may be compared and, if not, why.
type Comparison struct {
	OK bool
	// Reason is why not ("" when OK): the host fingerprint fields that
	// differ, or how far the native baselines are apart.
	Reason string
	// Baseline is b's native baseline over a's (NaN when there is none in
	// common); Basis says what it was taken from.
	Baseline float64
	Basis    string
}

// Compare decides whether the numbers of datasets a and b may be set
// beside each other (the same platform in two datasets, or two platforms
// measured in different datasets): only when they ran on the same host
// (the fingerprint in environment.json: CPU, cores, memory, kernel, OS,
// architecture, board, governor, virtualization, emulation, hostname) and
// their native baselines agree within BaselineAgreement. A machine state
// is otherwise indistinguishable from a platform effect.
//
// The baseline is the native baseline each run re-measured
// (environment.json baselines: the median of every reading of the same
// workload and size); for datasets without one (older runs), the native C
// CPU kernels both measured at the same size (the geometric mean of the
// ratios of their kernel_ms medians).
func Compare(a, b *Set) Comparison {
	if diff := hostDifferences(a.Env.Host, b.Env.Host); len(diff) > 0 {
		return Comparison{Baseline: math.NaN(), Reason: fmt.Sprintf("%s and %s ran on different hosts (%s differ)", a.Label, b.Label, strings.Join(diff, ", "))}
	}
	ratio, basis := baselineRatio(a, b)
	c := Comparison{Baseline: ratio, Basis: basis}
	switch {
	case math.IsNaN(ratio):
		c.Reason = fmt.Sprintf("%s and %s have no native baseline in common (no baseline readings, no native C CPU kernel at the same size)", a.Label, b.Label)
	case math.Abs(ratio-1) > BaselineAgreement:
		c.Reason = fmt.Sprintf("the native baselines of %s and %s differ by %.0f %% (%s; more than %.0f %%): the machine was in another state",
			a.Label, b.Label, 100*math.Abs(ratio-1), basis, 100*BaselineAgreement)
	default:
		c.OK = true
	}
	return c
}

// MemTotalTolerance: MemTotal moves by a few KiB between boots of one
// machine (the kernel's own reservations), so totals within 2 % are the
// same memory.
const MemTotalTolerance = 0.02

// hostDifferences names the fingerprint fields in which two hosts differ.
// kernel_arch, recorded only by later runs, counts only where both have it.
func hostDifferences(a, b dataset.Host) []string {
	var out []string
	for _, f := range []struct {
		name string
		a, b any
	}{
		{"cpu_model", a.CPUModel, b.CPUModel}, {"cores", a.Cores, b.Cores},
		{"kernel", a.Kernel, b.Kernel}, {"os", a.OS, b.OS}, {"arch", a.Arch, b.Arch},
		{"device_model", a.DeviceModel, b.DeviceModel}, {"cpufreq_governor", a.Governor, b.Governor},
		{"virtualization", a.Virtualized, b.Virtualized}, {"emulated", a.Emulated, b.Emulated}, {"hostname", a.Hostname, b.Hostname},
	} {
		if f.a != f.b {
			out = append(out, fmt.Sprintf("%s %v / %v", f.name, f.a, f.b))
		}
	}
	if a.KernelArch != "" && b.KernelArch != "" && a.KernelArch != b.KernelArch {
		out = append(out, fmt.Sprintf("kernel_arch %s / %s", a.KernelArch, b.KernelArch))
	}
	if lo, hi := min(a.MemTotalKiB, b.MemTotalKiB), max(a.MemTotalKiB, b.MemTotalKiB); float64(hi-lo) > MemTotalTolerance*float64(hi) {
		out = append(out, fmt.Sprintf("mem_total_kib %d / %d", a.MemTotalKiB, b.MemTotalKiB))
	}
	return out
}

// baselineRatio is b's native baseline over a's, and its basis.
func baselineRatio(a, b *Set) (float64, string) {
	type key struct {
		workload string
		size     int64
	}
	readings := func(s *Set) map[key][]float64 {
		out := map[key][]float64{}
		for _, bl := range s.Env.Baselines {
			for _, r := range bl.Readings {
				if !math.IsNaN(r.MedianMS) && r.MedianMS > 0 {
					k := key{bl.Workload, bl.Size}
					out[k] = append(out[k], r.MedianMS)
				}
			}
		}
		return out
	}
	ra, rb := readings(a), readings(b)
	for _, k := range slices.SortedFunc(func(yield func(key) bool) {
		for k := range ra {
			if !yield(k) {
				return
			}
		}
	}, func(x, y key) int { return strings.Compare(fmt.Sprint(x), fmt.Sprint(y)) }) {
		if len(rb[k]) > 0 {
			return stats.Median(rb[k]) / stats.Median(ra[k]), fmt.Sprintf("baseline %s at size %d: %.4g ms / %.4g ms", k.workload, k.size, stats.Median(rb[k]), stats.Median(ra[k]))
		}
	}
	// Older datasets: the native C kernels both measured at one size.
	var logs []float64
	cpu, _ := experiments.Lookup(experiments.CPU)
	for _, test := range experiments.Tests[experiments.CPU] {
		k := Key{experiments.CPU, test, dataset.LangC, dataset.Native, dataset.KernelMS}
		ma, mb := a.Median(k), b.Median(k)
		sa, sb := a.Env.Profile.Sizes[cpu.SizeKey(test)], b.Env.Profile.Sizes[cpu.SizeKey(test)]
		if ma > 0 && mb > 0 && sa == sb && sa > 0 {
			logs = append(logs, math.Log(mb/ma))
		}
	}
	if len(logs) == 0 {
		return math.NaN(), ""
	}
	var sum float64
	for _, l := range logs {
		sum += l
	}
	return math.Exp(sum / float64(len(logs))), fmt.Sprintf("native C CPU kernels, %d tests at the same sizes", len(logs))
}
