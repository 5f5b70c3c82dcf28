package protocol

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/edgewasm/edgewasm/experiments"

	"github.com/edgewasm/edgewasm/dataset"
)

// An Estimate is what `edgewasm run --plan` prints: how long a plan
// should take and how many bytes it writes. It is an estimate, not a
// measurement: from an earlier dataset of the same host where it has the
// invocation, else from the rough model below.
type Estimate struct {
	Invocations int                      // every step, warm-ups included
	PerPlatform map[string]time.Duration // summed estimated wall time
	Total       time.Duration
	// BytesWritten are the bytes the workloads write (fsio files, one per
	// repetition, removed after being read back: at most Size on disk at
	// once) plus a bound on samples.csv.
	BytesWritten int64
	// PeakDisk is the most disk the run needs at once.
	PeakDisk int64
	// Sources says, per platform, where the estimate comes from.
	Sources map[string]string
	// Baseline is the native baseline's share of Total (the model's).
	Baseline time.Duration
}

// The model behind an estimate without earlier data. Reference times are
// the calmer native C medians of experiments/README.md ("Sizes") at the
// thesis sizes on the 2-core x86-64 development VM; a step's time is
// scaled linearly in its size (matmul: cubically).
var refNativeMS = map[string]float64{
	"cpu/aes": 280, "cpu/base64": 140, "cpu/dijkstra": 300, "cpu/huffman": 260,
	"cpu/matmul": 230, "cpu/quicksort": 320, "cpu/sha256": 210, "cpu/xor": 185,
}

// refSize are the sizes refNativeMS were measured at (the thesis profile).
var refSize = map[string]float64{
	"cpu/aes": 16777216, "cpu/base64": 67108864, "cpu/dijkstra": 200000, "cpu/huffman": 16777216,
	"cpu/matmul": 768, "cpu/quicksort": 4194304, "cpu/sha256": 67108864, "cpu/xor": 67108864,
}

// platformModel: CPU-time factor over native, and a fixed cost per
// invocation in ms, per language (landscape.md: the feasibility
// prototypes; the committed x86 datasets).
type platformModel struct {
	factor    map[string]float64 // by language
	overhead  map[string]float64 // ms per invocation, by language
	startupMS map[string]float64 // the startup experiment's noop
}

var models = map[string]platformModel{
	dataset.Native:       {map[string]float64{"c": 1, "go": 1.3}, map[string]float64{"c": 1, "go": 2}, map[string]float64{"c": 1, "go": 2}},
	dataset.Docker:       {map[string]float64{"c": 1, "go": 1.3}, map[string]float64{"c": 270, "go": 270}, map[string]float64{"c": 270, "go": 270}},
	dataset.Wazero:       {map[string]float64{"c": 1.3, "go": 4.7}, map[string]float64{"c": 5, "go": 40}, map[string]float64{"c": 5, "go": 40}},
	dataset.WazeroCold:   {map[string]float64{"c": 1.3, "go": 4.7}, map[string]float64{"c": 33, "go": 564}, map[string]float64{"c": 33, "go": 564}},
	dataset.WazeroInterp: {map[string]float64{"c": 72, "go": 280}, map[string]float64{"c": 6, "go": 101}, map[string]float64{"c": 6, "go": 101}},
	// The runtimes: the kernel ratios of x86-vm-thesis-runtimes, the
	// start-ups of x86-vm-quick (Wasmer cached: the load of the serialized
	// module, as Wasmtime's; cold: a Cranelift compilation at every start).
	dataset.Wasmtime:         {map[string]float64{"c": 1.15, "go": 2.8}, map[string]float64{"c": 7, "go": 10}, map[string]float64{"c": 7, "go": 10}},
	dataset.Wasmer:           {map[string]float64{"c": 1.2, "go": 3.6}, map[string]float64{"c": 8, "go": 40}, map[string]float64{"c": 8, "go": 40}},
	dataset.WasmerSinglepass: {map[string]float64{"c": 2.2, "go": 4.8}, map[string]float64{"c": 8, "go": 40}, map[string]float64{"c": 8, "go": 40}},
	dataset.WasmerCold:       {map[string]float64{"c": 1.2, "go": 3.6}, map[string]float64{"c": 9, "go": 1250}, map[string]float64{"c": 9, "go": 1250}},
}

// otherModel is used for platforms without a model of their own (runtimes
// added later): a compiling Wasm runtime.
var otherModel = platformModel{map[string]float64{"c": 1.5, "go": 5}, map[string]float64{"c": 10, "go": 60}, map[string]float64{"c": 10, "go": 60}}

// MachineFactor scales the model from the development VM to this machine:
// 1 on x86-64; ARMFactor on arm; EmulatedFactor under emulation.
const (
	// ARMFactor: a Raspberry Pi 3 B+ (Cortex-A53, 1.4 GHz, in order) is
	// taken as 8× slower per core than the development VM. This is an
	// estimate, not a measurement: published single-core benchmark scores
	// put the A53 at 1.4 GHz at 1/6 to 1/10 of a current x86 core.
	ARMFactor = 8
	// EmulatedFactor: qemu-user runs arm code on x86 about 10× slower
	// than native x86 code (also an estimate).
	EmulatedFactor = 10
)

// fsioMBps is the assumed file write+read throughput in MB/s on the
// development VM (scaled by the machine factor like the rest).
const fsioMBps = 400

// EstimatePlan estimates the plan of cfg. prior holds the samples of
// earlier datasets of this host, preferred first (an invocation is taken
// from the first that has it; none for no data); machine is the machine
// factor (1, ARMFactor or EmulatedFactor) applied to the model (not to
// prior data, which is this host's own).
func EstimatePlan(cfg Config, prior [][]dataset.Sample, machine float64) Estimate {
	est := Estimate{PerPlatform: map[string]time.Duration{}, Sources: map[string]string{}}
	med := map[priorKey]priorMedian{}
	for _, samples := range prior {
		for k, m := range priorMedians(samples) {
			if _, ok := med[k]; !ok {
				med[k] = m
			}
		}
	}
	for _, s := range Plan(cfg) {
		est.Invocations++
		ms, fromPrior := stepMS(s, cfg.Profile, med, machine)
		d := time.Duration(ms * float64(time.Millisecond))
		est.PerPlatform[s.Platform] += d
		est.Total += d
		src := "model"
		if fromPrior {
			src = "earlier dataset"
		}
		if old, ok := est.Sources[s.Platform]; ok && old != src {
			src = "earlier dataset and model"
		}
		est.Sources[s.Platform] = src
		if s.Experiment == experiments.FSIO && s.Test == "write" {
			est.BytesWritten += s.Size
			est.PeakDisk = max(est.PeakDisk, s.Size)
		}
	}
	// The native baseline, three readings of BaselineReps runs of its
	// kernel per session (DefaultBaseline), outside the plan.
	est.Baseline = time.Duration(3 * BaselineReps * (refNativeMS["cpu/sha256"] + models[dataset.Native].overhead[dataset.LangC]) * machine * float64(time.Millisecond))
	est.Total += est.Baseline
	// samples.csv: about 16 rows of about 100 bytes per invocation.
	csv := int64(est.Invocations) * 16 * 100
	est.BytesWritten += csv
	est.PeakDisk += csv
	return est
}

type priorKey struct{ exp, test, lang, platform string }

// priorMedian is what an earlier dataset says about one test, language
// and platform: medians over its ok repetitions of the invocation's time
// and of its parts, and the size it ran at.
type priorMedian struct {
	ms   float64 // invocation_ms where recorded, else wall_ms
	size int64
	// kernel is the workload's own timing of its kernel (kernel_ms).
	kernel float64
	// run is the part that grows with the size: the guest's run (run_ms,
	// a Wasm launcher's) or the container's (wait_ms); NaN when the
	// platform reports neither.
	run float64
	// The network experiment's parts: the transfers (total_ms), the idle
	// window and the body bytes moved.
	total, idle, bytes float64
}

// priorMedians returns the medians of every test, language and platform
// of the earlier dataset (ok rows of recorded repetitions, the latest
// attempt of each).
func priorMedians(prior []dataset.Sample) map[priorKey]priorMedian {
	prior, _ = dataset.LatestAttempts(prior)
	type series map[string][]float64
	vals := map[priorKey]series{}
	sizes := map[priorKey]int64{}
	// failed: the invocation times of keys whose every invocation failed
	// (a platform without a capability fails at once: the network
	// experiment without runners.Server).
	failed := map[priorKey][]float64{}
	unsupported := map[priorKey]bool{}
	for _, s := range prior {
		k := priorKey{s.Experiment, s.Test, s.Lang, s.Platform}
		if !s.OK() && s.Rep >= 1 {
			if s.Metric == dataset.InvocationMS && !math.IsNaN(s.Value) {
				failed[k] = append(failed[k], s.Value)
			}
			if strings.HasPrefix(s.Status, dataset.Failed(dataset.ReasonUnsupported)) {
				unsupported[k] = true
			}
		}
		if !s.OK() || s.Rep < 1 || math.IsNaN(s.Value) {
			continue
		}
		if vals[k] == nil {
			vals[k] = series{}
		}
		vals[k][s.Metric] = append(vals[k][s.Metric], s.Value)
		sizes[k] = s.Size
	}
	med := func(xs []float64) float64 {
		if len(xs) == 0 {
			return math.NaN()
		}
		return Median(xs)
	}
	out := map[priorKey]priorMedian{}
	for k, v := range vals {
		m := priorMedian{ms: med(v[dataset.InvocationMS]), size: sizes[k], run: med(v[dataset.RunMS]), kernel: med(v[dataset.KernelMS]),
			total: med(v[dataset.TotalMS]), idle: med(v[dataset.IdleWindowMS]), bytes: med(v[dataset.Bytes])}
		if math.IsNaN(m.ms) {
			m.ms = med(v[dataset.WallMS])
		}
		if math.IsNaN(m.run) {
			m.run = med(v[dataset.WaitMS])
		}
		if !math.IsNaN(m.ms) {
			out[k] = m
		}
	}
	for k := range unsupported {
		if _, ok := out[k]; !ok {
			m := priorMedian{ms: med(failed[k]), run: math.NaN(), kernel: math.NaN(), total: math.NaN(), idle: math.NaN(), bytes: math.NaN()}
			if math.IsNaN(m.ms) {
				m.ms = 0 // recorded before invocation_ms: an instant
			}
			out[k] = m
		}
	}
	return out
}

// stepMS estimates one step in milliseconds: from the earlier datasets'
// medians where they have the step's test, language and platform, scaled
// to the step's size, else from the model.
//
// Scaling keeps what does not depend on the size and scales what does: a
// Wasm launcher's guest run (run_ms) or a container's wait (wait_ms),
// else, natively, what exceeds the platform's start-up (the startup
// experiment's noop in the same dataset). The network experiment's
// transfers (total_ms) scale with the bytes moved (size × files for the
// -many tests), its idle window is the profile's, and the rest (start-up
// to ready, quit) is kept.
func stepMS(s Step, p dataset.Profile, med map[priorKey]priorMedian, machine float64) (float64, bool) {
	pm, ok := models[s.Platform]
	if !ok {
		pm = otherModel
	}
	if m, ok := med[priorKey{s.Experiment, s.Test, s.Lang, s.Platform}]; ok {
		return scaled(s, p, m, med), true
	}
	var ms float64
	switch s.Experiment {
	case experiments.CPU:
		key := s.Experiment + "/" + s.Test
		ms = refNativeMS[key]*scale(key, float64(s.Size)/refSize[key])*pm.factor[s.Lang] + pm.overhead[s.Lang]
	case experiments.FSIO:
		ms = float64(s.Size)/(fsioMBps*1e6)*1e3*max(1, pm.factor[s.Lang]/4) + pm.overhead[s.Lang]
	case experiments.Memory:
		ms = pm.startupMS[s.Lang] + 400 // start, settle, read memory
	case experiments.Startup:
		ms = pm.startupMS[s.Lang]
	default:
		// network and experiments added later: a transfer of the size at
		// 200 MB/s through loopback, plus start-up.
		ms = float64(max(s.Size, 1<<20))/(200e6)*1e3*max(1, pm.factor[s.Lang]/2) + pm.startupMS[s.Lang] + 300
	}
	return ms * machine, false
}

// scaled is an earlier median m moved to step s of profile p.
func scaled(s Step, p dataset.Profile, m priorMedian, med map[priorKey]priorMedian) float64 {
	e, _ := experiments.Lookup(s.Experiment)
	if e.Network && !math.IsNaN(m.total) && m.bytes > 0 {
		bytes := float64(s.Size)
		if t, ok := e.Test(s.Test); ok && t.Transfer.Many {
			bytes *= float64(p.Sizes[e.ParamKey(experiments.ParamFiles)])
		}
		idle := float64(p.Sizes[e.ParamKey(experiments.ParamIdleMS)])
		rest := max(m.ms-m.total-m.idle, 0)
		if math.IsNaN(m.idle) {
			rest = max(m.ms-m.total, 0)
		}
		return rest + idle + m.total*bytes/m.bytes
	}
	if m.size <= 0 || s.Size <= 0 || m.size == s.Size {
		return m.ms
	}
	r := scale(s.Experiment+"/"+s.Test, float64(s.Size)/float64(m.size))
	variable := growing(s.Lang, s.Platform, m, med)
	if s.Platform != dataset.Native {
		// Where the platform's own growing part drowns in its start-up's
		// noise (small sizes: a 4 MiB file under Docker), the native
		// one's, in the ratio of the kernels' own times, is the better
		// measure of it.
		if n, ok := med[priorKey{s.Experiment, s.Test, s.Lang, dataset.Native}]; ok && n.size == m.size && n.kernel > 0 && m.kernel > 0 {
			variable = max(variable, growing(s.Lang, dataset.Native, n, med)*m.kernel/n.kernel)
		}
	}
	variable = min(max(variable, 0), m.ms)
	return m.ms - variable + variable*r
}

// growing is the part of m that grows with the size: the guest's run
// (run_ms) or the container's wait (wait_ms) beyond the start-up's own
// (the runtime's initialisation, the exit's notification), or natively
// what exceeds the start-up (the startup experiment's noop in the same
// dataset).
func growing(lang, platform string, m priorMedian, med map[priorKey]priorMedian) float64 {
	noop, haveNoop := med[priorKey{experiments.Startup, "noop", lang, platform}]
	switch {
	case math.IsNaN(m.run) && haveNoop:
		return m.ms - noop.ms
	case math.IsNaN(m.run):
		return m.ms
	case haveNoop && !math.IsNaN(noop.run):
		return m.run - noop.run
	}
	return m.run
}

// scale is how a test's time grows when its size is multiplied by r.
func scale(key string, r float64) float64 {
	if key == "cpu/matmul" {
		return math.Pow(r, 3)
	}
	return r
}

// Print writes the plan and its estimate: the invocations per experiment
// and platform, the estimated time per platform and in total, and the
// bytes written.
func (est Estimate) Print(w io.Writer, cfg Config, steps []Step) {
	fmt.Fprintf(w, "plan: profile %s, %d repetitions, %d invocations (warm-ups included)\n", cfg.Profile.Name, cfg.Profile.Repetitions, len(steps))
	type row struct{ exp, test, lang, platform string }
	count := map[row]int{}
	var order []row
	for _, s := range steps {
		r := row{s.Experiment, s.Test, s.Lang, s.Platform}
		if count[r] == 0 {
			order = append(order, r)
		}
		count[r]++
	}
	for _, r := range order {
		size := cfg.Profile.Sizes[r.exp+"/"+r.test]
		if e, ok := experiments.Lookup(r.exp); ok && e.Sized {
			size = cfg.Profile.Sizes[e.SizeKey(r.test)]
		}
		sz := ""
		if size > 0 {
			sz = fmt.Sprintf(" size %d", size)
		}
		fmt.Fprintf(w, "  %-8s %-14s %-3s on %-23s × %d%s\n", r.exp, r.test, r.lang, r.platform, count[r], sz)
	}
	fmt.Fprintln(w, "estimated duration (an estimate, not a measurement):")
	platforms := slices.Sorted(func(yield func(string) bool) {
		for p := range est.PerPlatform {
			if !yield(p) {
				return
			}
		}
	})
	for _, p := range platforms {
		fmt.Fprintf(w, "  %-23s %10s  (%s)\n", p, est.PerPlatform[p].Round(time.Second), est.Sources[p])
	}
	fmt.Fprintf(w, "  %-23s %10s  (model)\n", "native baseline", est.Baseline.Round(time.Second))
	fmt.Fprintf(w, "  %-23s %10s\n", "total", est.Total.Round(time.Second))
	fmt.Fprintf(w, "bytes written: %s in all, at most %s on disk at once\n", Bytes(est.BytesWritten), Bytes(est.PeakDisk))
}

// Bytes formats a byte count in binary units.
func Bytes(n int64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB"}
	f := float64(n)
	i := 0
	for f >= 1024 && i < len(units)-1 {
		f /= 1024
		i++
	}
	if i == 0 {
		return fmt.Sprintf("%d B", n)
	}
	return strings.TrimSuffix(fmt.Sprintf("%.1f", f), ".0") + " " + units[i]
}
