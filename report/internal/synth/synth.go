// Package synth builds seeded synthetic datasets for the tests of the
// report, its model and its figures: the thesis's design (every experiment
// and test, several platforms and languages, repetitions interleaved) with
// effects shaped like what the thesis and later studies measured. The same
// configuration always gives the same samples.
package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
)

// Config describes a synthetic dataset.
type Config struct {
	Seed      uint64
	Reps      int
	Platforms []string
	Langs     []string
	// Experiments to include; empty means ThesisExperiments.
	Experiments []string
	// FailRate is the probability that an invocation fails (it then has
	// one wall_ms row with no value and status failed:synthetic).
	FailRate float64
	// Dir is the dataset's directory, whose base name labels it.
	Dir string
	// Arch and Device describe the host (Device: a device-tree model
	// such as "Raspberry Pi 3 Model B Plus Rev 1.3"); Arch defaults to
	// x86_64.
	Arch, Device string
	// Unfinished leaves environment.json without a finish time.
	Unfinished bool
	// Profile names the profile (default thesis); Started is when the run
	// started (default 2026-05-01 12:00 UTC, before any claim was
	// registered).
	Profile string
	Started time.Time
	// LauncherCost is, per platform, how much longer its kernels (CPU and
	// file I/O) take than its control platform's (dataset.ControlOf):
	// 0.1 is 10 % longer. A control platform draws its slowdowns as the
	// platform it controls does, so without a cost the two differ by
	// noise only.
	LauncherCost map[string]float64
}

// ThesisExperiments are the experiments of a synthetic dataset unless
// Config.Experiments names others.
var ThesisExperiments = []string{experiments.CPU, experiments.Memory, experiments.FSIO, experiments.Startup}

// Default is the thesis design on an x86 host: 10 repetitions of native,
// docker and wazero, C and Go guests, every experiment, in dir.
func Default(dir string) Config {
	return Config{Seed: 1, Reps: 10, Platforms: []string{dataset.Native, dataset.Docker, dataset.Wazero},
		Langs: dataset.Langs, Dir: dir}
}

// Validate checks the configuration.
func (c Config) Validate() error {
	switch {
	case c.Reps < 1:
		return fmt.Errorf("synthetic: reps %d, want ≥ 1", c.Reps)
	case len(c.Platforms) == 0 || len(c.Langs) == 0:
		return fmt.Errorf("synthetic: want at least one platform and one language")
	case c.FailRate < 0 || c.FailRate >= 1:
		return fmt.Errorf("synthetic: fail_rate %v, want [0, 1)", c.FailRate)
	}
	for _, e := range c.Experiments {
		if !slices.Contains(experiments.Names, e) {
			return fmt.Errorf("synthetic: unknown experiment %q", e)
		}
	}
	return nil
}

// shape is one platform relative to native.
type shape struct {
	startupMS  [2]float64 // c, go
	cpuLo      float64    // per-test slowdown drawn from [cpuLo, cpuHi]
	cpuHi      float64
	fsio       float64 // fsio slowdown
	extraKiB   [2]float64
	startupSig float64 // log-normal spread of start-up
}

// shapes follow what the thesis and later reports measured: Docker about
// as fast as native but ~0.5 s to start and a shim in memory, wazero
// 1.2–2× native CPU, slower still to start without its compilation cache,
// the interpreter an order of magnitude slower.
var shapes = map[string]shape{
	dataset.Native:       {startupMS: [2]float64{1.1, 1.9}, cpuLo: 1, cpuHi: 1, fsio: 1, startupSig: 0.15},
	dataset.Docker:       {startupMS: [2]float64{520, 540}, cpuLo: 1, cpuHi: 1.03, fsio: 1.05, extraKiB: [2]float64{9800, 9800}, startupSig: 0.08},
	dataset.DockerBridge: {startupMS: [2]float64{540, 560}, cpuLo: 1, cpuHi: 1.03, fsio: 1.5, extraKiB: [2]float64{9800, 9800}, startupSig: 0.08},
	dataset.Wazero:       {startupMS: [2]float64{14, 31}, cpuLo: 1.2, cpuHi: 2, fsio: 1.3, extraKiB: [2]float64{9200, 11500}, startupSig: 0.1},
	dataset.WazeroCold:   {startupMS: [2]float64{170, 950}, cpuLo: 1.2, cpuHi: 2, fsio: 1.3, extraKiB: [2]float64{14000, 26000}, startupSig: 0.06},
	dataset.WazeroInterp: {startupMS: [2]float64{9, 24}, cpuLo: 8, cpuHi: 20, fsio: 2.5, extraKiB: [2]float64{7000, 8600}, startupSig: 0.1},
}

// kernelMS is each CPU test's native kernel time in C (Go: × 1.3).
var kernelMS = map[string]float64{
	"aes": 900, "base64": 400, "dijkstra": 700, "huffman": 500,
	"matmul": 1200, "quicksort": 600, "sha256": 800, "xor": 300,
}

func shapeOf(platform string) shape {
	if s, ok := shapes[platform]; ok {
		return s
	}
	return shapes[dataset.Wazero] // an unknown platform behaves like wazero
}

// Dataset builds the dataset in memory.
func Dataset(c Config) (*dataset.Dataset, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	exps := c.Experiments
	if len(exps) == 0 {
		// The thesis's four, not the whole catalog: a dataset does not
		// change when an experiment is added to edgewasm.
		exps = ThesisExperiments
	}
	rng := rand.New(rand.NewPCG(c.Seed, 0x73796e7468))
	// Per-test slowdowns are drawn first, in a fixed order.
	slow := map[string]float64{}
	for _, p := range c.Platforms {
		sh := shapeOf(p)
		for _, t := range experiments.Tests[experiments.CPU] {
			for _, l := range c.Langs {
				slow[p+t+l] = sh.cpuLo + (sh.cpuHi-sh.cpuLo)*rng.Float64()
			}
		}
	}
	for _, p := range c.Platforms {
		if of, ok := dataset.ControlOf(p); ok {
			for _, t := range experiments.Tests[experiments.CPU] {
				for _, l := range c.Langs {
					if v, drawn := slow[of+t+l]; drawn {
						slow[p+t+l] = v
					}
				}
			}
		}
	}
	cost := func(p string) float64 { return 1 + c.LauncherCost[p] }
	noise := func(sigma float64) float64 { return math.Exp(sigma * rng.NormFloat64()) }
	start := c.Started.UTC()
	if c.Started.IsZero() {
		start = time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	}
	profile := c.Profile
	if profile == "" {
		profile = "thesis"
	}
	arch := c.Arch
	if arch == "" {
		arch = "x86_64"
	}
	ds := &dataset.Dataset{Dir: c.Dir, Env: dataset.Environment{
		Schema: dataset.SchemaVersion, Tool: dataset.Tool{Version: "test", GitCommit: "0123456789abcdef0123"},
		Host: dataset.Host{CPUModel: "Synthetic CPU @ 2.0GHz", Cores: 2, MemTotalKiB: 4 << 20, Kernel: "6.1.0",
			OS: "Debian GNU/Linux 12", Arch: arch, DeviceModel: c.Device},
		Toolchain: dataset.Toolchain{CC: "cc 12", Go: "go1.26", WasmCC: "clang 14", Wazero: "v1.9.0", Runtime: "go1.26"},
		Profile: dataset.Profile{Name: profile, Repetitions: c.Reps,
			Warmups: map[string]int{experiments.CPU: 1, experiments.FSIO: 0, experiments.Memory: 0, experiments.Startup: 1},
			Sizes:   map[string]int64{"fsio/fsio": 64 << 20, "cpu/aes": 1 << 20}, FSIOBlock: 64 << 10,
			Timeout: dataset.Duration(time.Minute), Interleave: true},
		Platforms: c.Platforms, Langs: c.Langs, Experiments: exps, Started: start,
	}}
	// What the wazero runners record about themselves (runners/wazero):
	// the interpreter is the one whose engine says so.
	for _, p := range c.Platforms {
		engine := map[string]string{dataset.Wazero: "compiler", dataset.WazeroCold: "compiler", dataset.WazeroInterp: "interpreter"}[p]
		if engine == "" {
			continue
		}
		if ds.Env.Runners == nil {
			ds.Env.Runners = map[string]map[string]any{}
		}
		ds.Env.Runners[p] = map[string]any{"engine": engine, "compilation_cache": p == dataset.Wazero, "wazero_version": "v1.9.0"}
	}
	seq := 0
	for _, e := range exps {
		for _, t := range experiments.Tests[e] {
			for _, l := range c.Langs {
				li := 0
				if l == dataset.LangGo {
					li = 1
				}
				for rep := 1; rep <= c.Reps; rep++ {
					for _, p := range c.Platforms {
						if p == dataset.DockerBridge && e != experiments.Network {
							continue // as the runner: Docker on its bridge runs the network experiment only
						}
						seq++
						sh := shapeOf(p)
						base := dataset.Sample{Experiment: e, Test: t, Lang: l, Platform: p, Rep: rep, Seq: seq, Unit: dataset.UnitMS,
							Status: dataset.StatusOK, Started: start.Add(time.Duration(seq) * time.Second)}
						if rng.Float64() < c.FailRate {
							s := base
							s.Metric, s.Value, s.Status = dataset.WallMS, math.NaN(), dataset.Failed("synthetic")
							ds.Samples = append(ds.Samples, s)
							ds.Env.Failed++
							ds.Env.Samples++
							continue
						}
						startup := sh.startupMS[li] * noise(sh.startupSig)
						add := func(m, u string, v float64) {
							s := base
							s.Metric, s.Unit, s.Value = m, u, v
							ds.Samples = append(ds.Samples, s)
						}
						switch e {
						case experiments.CPU:
							k := kernelMS[t] * (1 + 0.3*float64(li)) * slow[p+t+l] * cost(p) * noise(0.02)
							add(dataset.WallMS, dataset.UnitMS, startup+k*1.05)
							add(dataset.KernelMS, dataset.UnitMS, k)
						case experiments.Memory:
							pss := []float64{350, 1800}[li] + sh.extraKiB[li]
							add(dataset.FootprintKiB, dataset.UnitKiB, math.Round(pss*noise(0.01)))
							add(dataset.MemAvailDropKiB, dataset.UnitKiB, math.Round(pss*1.1+(100+0.05*pss)*rng.NormFloat64()))
						case experiments.FSIO:
							k := map[string]float64{"write": 150, "read": 60}[t] * sh.fsio * cost(p) * noise(0.05)
							add(dataset.WallMS, dataset.UnitMS, startup+k)
							add(dataset.KernelMS, dataset.UnitMS, k)
						case experiments.Network:
							tr := map[string]float64{"upload": 2000, "download": 2100, "upload-many": 900, "download-many": 950}[t] * sh.fsio * noise(0.05)
							add(dataset.WallMS, dataset.UnitMS, startup+tr*1.05)
							add(dataset.TransferMS, dataset.UnitMS, tr)
							add(dataset.TotalMS, dataset.UnitMS, tr*1.02)
							add(dataset.ThroughputMiBps, dataset.UnitMiBps, 1024/(tr/1000))
							add(dataset.CPUMSPerMiB, dataset.UnitMSPerMiB, 0.5*sh.fsio*noise(0.1))
							idle := 0.0
							if li == 1 && sh.fsio > 1.2 { // Go's poller spins under wazero
								idle = 27.5 * noise(0.05)
							}
							add(dataset.IdleCPUPct, dataset.UnitPct, idle)
							// The CPU behind it over a window of 1 s, two
							// thirds in user space (no random draw, so the
							// other values stay as they were).
							add(dataset.IdleWindowMS, dataset.UnitMS, 1000)
							add(dataset.IdleUserMS, dataset.UnitMS, math.Round(idle*10*2/3))
							add(dataset.IdleSysMS, dataset.UnitMS, math.Round(idle*10/3))
						default:
							add(dataset.WallMS, dataset.UnitMS, startup)
							if p == dataset.Docker {
								add(dataset.CLIMS, dataset.UnitMS, startup*1.7)
							}
						}
						ds.Env.Samples++
					}
				}
			}
		}
	}
	if !c.Unfinished {
		fin := start.Add(time.Duration(seq+1) * time.Second)
		ds.Env.Finished = &fin
	}
	return ds, nil
}

// Write builds the dataset and writes it into c.Dir (created), as edgewasm
// run would: samples.csv and environment.json. It returns c.Dir.
func Write(c Config) (string, error) {
	ds, err := Dataset(c)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return "", err
	}
	w, err := dataset.Create(filepath.Join(c.Dir, dataset.SamplesFile))
	if err != nil {
		return "", err
	}
	if err := w.Write(ds.Samples...); err != nil {
		w.Close()
		return "", err
	}
	if err := w.Close(); err != nil {
		return "", err
	}
	return c.Dir, dataset.WriteEnvironment(c.Dir, ds.Env)
}
