// Package quality finds measurement-quality problems and turns them into
// typed warnings with advice (dataset.Warning), in the manner of
// hyperfine: about the machine while a run is in progress (a busy machine
// at the start, the CPU frequency changing, throttling, swap in use), and
// about the samples afterwards (outliers by modified z-score, a slow first
// repetition, a high coefficient of variation). The run stores them in
// environment.json; the report shows them.
package quality

import (
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
)

// Thresholds. Each is a judgement, stated here once and recorded with
// every warning it produces (Warning.Threshold).
const (
	// LoadPerCore: a 1-minute load average above half a runnable task per
	// core means other work competes with the workload for the CPU.
	LoadPerCore = 0.5
	// FrequencySpread: the CPU frequency observed during the run varied by
	// more than this fraction of its maximum.
	FrequencySpread = 0.05
	// OutlierZ is the modified z-score beyond which Iglewicz and Hoaglin
	// (1993, "How to Detect and Handle Outliers", ASQC Basic References in
	// Quality Control 16, p. 11) label a value a potential outlier:
	// M = 0.6745 (x − median) / MAD, |M| > 3.5.
	OutlierZ = 3.5
	// MinOutlierReps: with fewer repetitions the median absolute deviation
	// is too coarse for the modified z-score to mean anything.
	MinOutlierReps = 5
	// MinDeviation: a value within 1 % of the median is never called an
	// outlier, whatever its score. Memory footprints often repeat to the
	// KiB, so the spread is near zero and any difference scores high
	// without mattering to any conclusion.
	MinDeviation = 0.01
	// MaxCV: a coefficient of variation (sample standard deviation over the
	// mean) above 10 % across repetitions.
	MaxCV = 0.10
	// MinCVReps: the fewest repetitions the coefficient of variation is
	// computed for.
	MinCVReps = 3
)

// Reading is what the machine looked like at one moment.
type Reading struct {
	At        time.Time
	Load1     float64       // 1-minute load average (NaN: unknown)
	SwapUsed  int64         // KiB (−1: unknown)
	SwapIO    int64         // pages swapped in and out since boot (−1: unknown)
	FreqKHz   map[int]int64 // current frequency per CPU, where cpufreq exists
	Throttled int64         // vcgencmd get_throttled bits (−1: no vcgencmd)
	Throttles int64         // x86 thermal throttle events since boot (−1: unknown)
	Cores     int           // CPUs
}

// Monitor watches the machine during one session of a run.
type Monitor struct {
	// Root is where /proc and /sys are found ("/" on a real machine).
	Root    string
	Session int
	// VCGenCmd is the Raspberry Pi's firmware tool; "" to skip.
	VCGenCmd string

	start, last Reading
	minFreq     map[int]int64
	maxFreq     map[int]int64
	throttled   int64 // bits seen set in any reading
	lastVC      time.Time
}

// Start takes the first reading of a session (0: the first run, n: the
// n-th resume).
func Start(session int) *Monitor {
	m := &Monitor{Root: "/", Session: session, minFreq: map[int]int64{}, maxFreq: map[int]int64{}}
	if p, err := exec.LookPath("vcgencmd"); err == nil {
		m.VCGenCmd = p
	}
	m.start = m.read(true)
	m.observe(m.start)
	return m
}

// Observe takes a reading between invocations. It is cheap (a few small
// files) except that vcgencmd runs at most every 10 seconds.
func (m *Monitor) Observe() {
	vc := time.Since(m.lastVC) > 10*time.Second
	m.observe(m.read(vc))
}

func (m *Monitor) observe(r Reading) {
	for cpu, f := range r.FreqKHz {
		if lo, ok := m.minFreq[cpu]; !ok || f < lo {
			m.minFreq[cpu] = f
		}
		if f > m.maxFreq[cpu] {
			m.maxFreq[cpu] = f
		}
	}
	if r.Throttled > 0 {
		m.throttled |= r.Throttled
	}
	m.last = r
}

func (m *Monitor) path(p string) string { return filepath.Join(m.Root, p) }

func (m *Monitor) read(vc bool) Reading {
	r := Reading{At: time.Now(), Load1: math.NaN(), SwapUsed: -1, SwapIO: -1, Throttled: -1, Throttles: -1,
		FreqKHz: map[int]int64{}}
	if b, err := os.ReadFile(m.path("proc/loadavg")); err == nil {
		if f := strings.Fields(string(b)); len(f) > 0 {
			if v, err := strconv.ParseFloat(f[0], 64); err == nil {
				r.Load1 = v
			}
		}
	}
	if mi := keyValues(m.path("proc/meminfo"), ":"); mi != nil {
		total, ok1 := mi["SwapTotal"]
		free, ok2 := mi["SwapFree"]
		if ok1 && ok2 {
			r.SwapUsed = total - free
		}
	}
	if vm := keyValues(m.path("proc/vmstat"), " "); vm != nil {
		in, ok1 := vm["pswpin"]
		out, ok2 := vm["pswpout"]
		if ok1 && ok2 {
			r.SwapIO = in + out
		}
	}
	cpus, _ := filepath.Glob(m.path("sys/devices/system/cpu/cpu[0-9]*"))
	for _, dir := range cpus {
		n, err := strconv.Atoi(strings.TrimPrefix(filepath.Base(dir), "cpu"))
		if err != nil {
			continue
		}
		r.Cores++
		if v, ok := readInt(filepath.Join(dir, "cpufreq", "scaling_cur_freq")); ok {
			r.FreqKHz[n] = v
		}
		if v, ok := readInt(filepath.Join(dir, "thermal_throttle", "core_throttle_count")); ok {
			if r.Throttles < 0 {
				r.Throttles = 0
			}
			r.Throttles += v
		}
	}
	if vc && m.VCGenCmd != "" {
		m.lastVC = time.Now()
		if out, err := exec.Command(m.VCGenCmd, "get_throttled").Output(); err == nil {
			if v, ok := strings.CutPrefix(strings.TrimSpace(string(out)), "throttled="); ok {
				if bits, err := strconv.ParseInt(strings.TrimPrefix(v, "0x"), 16, 64); err == nil {
					r.Throttled = bits
				}
			}
		}
	}
	return r
}

// Warnings returns the machine warnings of the session so far.
func (m *Monitor) Warnings() []dataset.Warning {
	var out []dataset.Warning
	add := func(w dataset.Warning) {
		w.Session = m.Session
		out = append(out, w)
	}
	if cores := m.start.Cores; cores > 0 && !math.IsNaN(m.start.Load1) && m.start.Load1 > LoadPerCore*float64(cores) {
		add(dataset.Warning{Kind: dataset.WarnLoad, Value: m.start.Load1, Threshold: LoadPerCore * float64(cores),
			Message: fmt.Sprintf("the 1-minute load average was %.2f on %d cores when the run started: other programs were competing for the CPU", m.start.Load1, cores),
			Advice:  "stop other work on the machine (check with top) and wait for the load to settle before measuring; timings include the interference"})
	}
	var lo, hi int64
	for cpu, f := range m.maxFreq {
		if hi == 0 || f > hi {
			hi = f
		}
		if l := m.minFreq[cpu]; lo == 0 || l < lo {
			lo = l
		}
	}
	if hi > 0 && float64(hi-lo) > FrequencySpread*float64(hi) {
		add(dataset.Warning{Kind: dataset.WarnFrequency, Value: float64(hi-lo) / float64(hi), Threshold: FrequencySpread,
			Message: fmt.Sprintf("the CPU frequency varied between %d and %d MHz during the run", lo/1000, hi/1000),
			Advice:  "fix the frequency: set the cpufreq governor to performance (cpupower frequency-set -g performance, or echo performance > /sys/devices/system/cpu/cpu*/cpufreq/scaling_governor), and keep the board cool"})
	}
	if bits := m.throttled; bits > 0 {
		add(dataset.Warning{Kind: dataset.WarnThrottled, Value: float64(bits), Threshold: 0,
			Message: fmt.Sprintf("vcgencmd get_throttled reported 0x%x during the run (%s)", bits, throttleBits(bits)),
			Advice:  "use the official power supply and a heatsink or fan; an under-voltage or hot Raspberry Pi slows down and its timings are not comparable"})
	} else if m.start.Throttles >= 0 && m.last.Throttles > m.start.Throttles {
		n := m.last.Throttles - m.start.Throttles
		add(dataset.Warning{Kind: dataset.WarnThrottled, Value: float64(n), Threshold: 0,
			Message: fmt.Sprintf("the CPU was thermally throttled %d times during the run", n),
			Advice:  "improve cooling or lower the load; throttled cores run slower and the timings are not comparable"})
	}
	used := max(m.start.SwapUsed, m.last.SwapUsed)
	swapped := int64(0)
	if m.start.SwapIO >= 0 && m.last.SwapIO >= 0 {
		swapped = m.last.SwapIO - m.start.SwapIO
	}
	if used > 0 || swapped > 0 {
		add(dataset.Warning{Kind: dataset.WarnSwap, Value: float64(used), Threshold: 0,
			Message: fmt.Sprintf("%d KiB of swap were in use (%d pages swapped in or out during the run)", used, swapped),
			Advice:  "free memory or disable swap (swapoff -a) before measuring: paging makes timings and memory footprints unreliable"})
	}
	return out
}

// throttleBits names the set bits of vcgencmd get_throttled.
func throttleBits(bits int64) string {
	names := []struct {
		bit  uint
		name string
	}{{0, "under-voltage now"}, {1, "frequency capped now"}, {2, "throttled now"}, {3, "soft temperature limit now"},
		{16, "under-voltage has occurred"}, {17, "frequency capping has occurred"}, {18, "throttling has occurred"}, {19, "soft temperature limit has occurred"}}
	var out []string
	for _, n := range names {
		if bits&(1<<n.bit) != 0 {
			out = append(out, n.name)
		}
	}
	if len(out) == 0 {
		return "unknown bits"
	}
	return strings.Join(out, ", ")
}

// keyValues reads "key<sep> value [unit]" lines into key → value.
func keyValues(path, sep string) map[string]int64 {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	out := map[string]int64{}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, sep)
		if !ok {
			continue
		}
		f := strings.Fields(v)
		if len(f) == 0 {
			continue
		}
		if n, err := strconv.ParseInt(f[0], 10, 64); err == nil {
			out[strings.TrimSpace(k)] = n
		}
	}
	return out
}

func readInt(path string) (int64, bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, false
	}
	v, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	return v, err == nil
}

// Headline returns the metrics of an experiment whose repetitions the
// sample checks examine: the workload's own kernel time where it reports
// one, the footprint of a resident workload, and the invocation's wall
// time otherwise.
func Headline(experiment string) []string {
	e, ok := experiments.Lookup(experiment)
	switch {
	case !ok:
		return []string{dataset.WallMS}
	case e.Resident:
		return []string{dataset.FootprintKiB}
	case e.Verified:
		return []string{dataset.KernelMS, dataset.WallMS}
	}
	return []string{dataset.WallMS}
}

// FromSamples checks the repetitions of every series (experiment, test,
// language, platform and headline metric; ok samples only) and returns
// the warnings, in series order.
func FromSamples(samples []dataset.Sample) []dataset.Warning {
	type series struct {
		experiment, test, lang, platform, metric, unit string
	}
	vals := map[series]map[int]float64{}
	var order []series
	for _, s := range samples {
		if !s.OK() || !slices.Contains(Headline(s.Experiment), s.Metric) {
			continue
		}
		k := series{s.Experiment, s.Test, s.Lang, s.Platform, s.Metric, s.Unit}
		if vals[k] == nil {
			vals[k] = map[int]float64{}
			order = append(order, k)
		}
		vals[k][s.Rep] = s.Value
	}
	var out []dataset.Warning
	for _, k := range order {
		reps := make([]int, 0, len(vals[k]))
		for r := range vals[k] {
			reps = append(reps, r)
		}
		sort.Ints(reps)
		xs := make([]float64, len(reps))
		for i, r := range reps {
			xs[i] = vals[k][r]
		}
		base := dataset.Warning{Experiment: k.experiment, Test: k.test, Lang: k.lang, Platform: k.platform, Metric: k.metric}
		what := fmt.Sprintf("%s of %s/%s/%s on %s", k.metric, k.experiment, k.test, k.lang, k.platform)
		if len(xs) >= MinOutlierReps {
			z := ModifiedZ(xs)
			var outliers []int
			worst := 0.0
			med := median(xs)
			for i, m := range z {
				if math.Abs(m) > OutlierZ && math.Abs(xs[i]-med) > MinDeviation*math.Abs(med) {
					outliers = append(outliers, reps[i])
					worst = math.Max(worst, math.Abs(m))
				}
			}
			switch {
			case reps[0] == 1 && z[0] > OutlierZ && xs[0]-med > MinDeviation*med && k.unit == dataset.UnitMS:
				w := base
				w.Kind, w.Reps, w.Value, w.Threshold = dataset.WarnSlowFirst, []int{1}, z[0], OutlierZ
				w.Message = fmt.Sprintf("the first repetition of %s was much slower than the others (%.4g %s; modified z-score %.1f)", what, xs[0], k.unit, z[0])
				w.Advice = "something was still cold in the first repetition (page cache, compilation cache, image layers): add a warm-up for this experiment in the profile, or re-run on a quiet machine in case it was a random outlier"
				out = append(out, w)
			case len(outliers) > 0:
				w := base
				w.Kind, w.Reps, w.Value, w.Threshold = dataset.WarnOutliers, outliers, worst, OutlierZ
				w.Message = fmt.Sprintf("%d of %d repetitions of %s are outliers (modified z-score above %.1f: reps %v)", len(outliers), len(xs), what, OutlierZ, outliers)
				w.Advice = "other programs probably interfered; re-run on a quiet machine (see the load warning), or pin the workload with --cpu; medians are robust to a few outliers, means are not"
				out = append(out, w)
			}
		}
		if len(xs) >= MinCVReps {
			if cv := CV(xs); cv > MaxCV {
				w := base
				w.Kind, w.Value, w.Threshold = dataset.WarnVariation, cv, MaxCV
				w.Message = fmt.Sprintf("%s varies by %.0f %% across %d repetitions (coefficient of variation)", what, 100*cv, len(xs))
				w.Advice = "more repetitions (the thesis profile), a quiet machine, a fixed CPU frequency and --cpu pinning reduce the spread; compare medians"
				out = append(out, w)
			}
		}
	}
	return out
}

// ModifiedZ returns the modified z-score of each value (Iglewicz and
// Hoaglin, 1993): 0.6745 (x − median) / MAD, where MAD is the median of
// the absolute deviations from the median and 0.6745 the 0.75 quantile of
// the standard normal distribution (so that M matches a z-score for normal
// data). When MAD is 0 (more than half the values equal the median), the
// mean absolute deviation scaled by 1.253314 (√(π/2)) stands in for it, as
// IBM SPSS does; when that is 0 too, every value is the median and scores 0.
func ModifiedZ(xs []float64) []float64 {
	med := median(xs)
	dev := make([]float64, len(xs))
	var sum float64
	for i, x := range xs {
		dev[i] = math.Abs(x - med)
		sum += dev[i]
	}
	z := make([]float64, len(xs))
	if mad := median(dev); mad > 0 {
		for i, x := range xs {
			z[i] = 0.6745 * (x - med) / mad
		}
	} else if meanAD := sum / float64(len(xs)); meanAD > 0 {
		for i, x := range xs {
			z[i] = (x - med) / (1.253314 * meanAD)
		}
	}
	return z
}

// CV is the coefficient of variation: the sample standard deviation over
// the mean (NaN when the mean is not positive).
func CV(xs []float64) float64 {
	if len(xs) < 2 {
		return math.NaN()
	}
	var sum float64
	for _, x := range xs {
		sum += x
	}
	mean := sum / float64(len(xs))
	if mean <= 0 {
		return math.NaN()
	}
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return math.Sqrt(ss/float64(len(xs)-1)) / mean
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	sort.Float64s(s)
	n := len(s)
	if n == 0 {
		return math.NaN()
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
