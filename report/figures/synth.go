package figures

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/experiments/dataset"
)

// SynthConfig describes a synthetic dataset.
type SynthConfig struct {
	Seed      uint64   `json:"seed"`
	Reps      int      `json:"reps"`
	Platforms []string `json:"platforms"`
	Langs     []string `json:"langs"`
	// Experiments to include; empty means all of experiments.Names.
	Experiments []string `json:"experiments,omitempty"`
	// FailRate is the probability that an invocation fails (it then has
	// one wall_ms row with no value and status failed:synthetic).
	FailRate float64 `json:"fail_rate"`
	// Dir is the dataset's directory name, which labels it in figures.
	Dir string `json:"dir"`
}

// Validate checks the configuration.
func (c SynthConfig) Validate() error {
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

// synthPlatform is the shape of one platform relative to native.
type synthPlatform struct {
	startupMS  [2]float64 // c, go
	cpuLo      float64    // per-test slowdown drawn from [cpuLo, cpuHi]
	cpuHi      float64
	fsio       float64 // fsio slowdown
	extraKiB   [2]float64
	startupSig float64 // log-normal spread of start-up
}

// synthShapes follow what the thesis and later reports measured: Docker
// about as fast as native but ~0.5 s to start and a shim in memory, wazero
// 1.2–2× native CPU, slower still without its compilation cache, the
// interpreter an order of magnitude slower.
var synthShapes = map[string]synthPlatform{
	dataset.Native:  {startupMS: [2]float64{1.1, 1.9}, cpuLo: 1, cpuHi: 1, fsio: 1, startupSig: 0.15},
	"docker":        {startupMS: [2]float64{520, 540}, cpuLo: 1, cpuHi: 1.03, fsio: 1.05, extraKiB: [2]float64{9800, 9800}, startupSig: 0.08},
	"wazero":        {startupMS: [2]float64{14, 31}, cpuLo: 1.2, cpuHi: 2, fsio: 1.3, extraKiB: [2]float64{9200, 11500}, startupSig: 0.1},
	"wazero-cold":   {startupMS: [2]float64{170, 950}, cpuLo: 1.2, cpuHi: 2, fsio: 1.3, extraKiB: [2]float64{14000, 26000}, startupSig: 0.06},
	"wazero-interp": {startupMS: [2]float64{9, 24}, cpuLo: 8, cpuHi: 20, fsio: 2.5, extraKiB: [2]float64{7000, 8600}, startupSig: 0.1},
}

// synthKernelMS is each CPU test's native kernel time in C (Go: × 1.3).
var synthKernelMS = map[string]float64{
	"aes": 900, "base64": 400, "dijkstra": 700, "huffman": 500,
	"matmul": 1200, "quicksort": 600, "sha256": 800, "xor": 300,
}

// Synthetic builds a dataset with realistic shapes from a seed: the same
// configuration always gives the same samples. Platforms it has no shape
// for behave like wazero.
func Synthetic(c SynthConfig) (*dataset.Dataset, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	exps := c.Experiments
	if len(exps) == 0 {
		exps = experiments.Names
	}
	rng := rand.New(rand.NewPCG(c.Seed, 0x73796e7468))
	// Per-test slowdowns are drawn first, in a fixed order.
	slow := map[string]float64{}
	for _, p := range c.Platforms {
		sh := shape(p)
		for _, t := range experiments.CPUTests {
			for _, l := range c.Langs {
				slow[p+t+l] = sh.cpuLo + (sh.cpuHi-sh.cpuLo)*rng.Float64()
			}
		}
	}
	noise := func(sigma float64) float64 { return math.Exp(sigma * rng.NormFloat64()) }
	ds := &dataset.Dataset{Dir: c.Dir, Env: dataset.Environment{
		Schema: dataset.SchemaVersion, Host: dataset.Host{Arch: "synthetic", Hostname: c.Dir},
		Profile:   dataset.Profile{Name: "synthetic", Repetitions: c.Reps},
		Platforms: c.Platforms, Langs: c.Langs, Experiments: exps,
	}}
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
						seq++
						sh := shape(p)
						base := dataset.Sample{Experiment: e, Test: t, Lang: l, Platform: p, Rep: rep, Seq: seq, Unit: "ms", Status: dataset.StatusOK}
						if rng.Float64() < c.FailRate {
							s := base
							s.Metric, s.Value, s.Status = "wall_ms", math.NaN(), dataset.Failed("synthetic")
							ds.Samples = append(ds.Samples, s)
							ds.Env.Failed++
							continue
						}
						startup := sh.startupMS[li] * noise(sh.startupSig)
						var out []dataset.Sample
						add := func(m, u string, v float64) {
							s := base
							s.Metric, s.Unit, s.Value = m, u, v
							out = append(out, s)
						}
						switch e {
						case experiments.CPU:
							k := synthKernelMS[t] * (1 + 0.3*float64(li)) * slow[p+t+l] * noise(0.02)
							add("wall_ms", "ms", startup+k*1.05)
							add("kernel_ms", "ms", k)
						case experiments.Memory:
							pss := []float64{350, 1800}[li] + sh.extraKiB[li]
							add("footprint_kib", "KiB", math.Round(pss*noise(0.01)))
							add("memavail_drop_kib", "KiB", math.Max(0, math.Round(pss*1.1+(100+0.05*pss)*rng.NormFloat64())))
						case experiments.FSIO:
							k := map[string]float64{"write": 150, "read": 60}[t] * sh.fsio * noise(0.05)
							add("wall_ms", "ms", startup+k)
							add("kernel_ms", "ms", k)
						default:
							add("wall_ms", "ms", startup)
						}
						ds.Samples = append(ds.Samples, out...)
						ds.Env.Samples++
					}
				}
			}
		}
	}
	return ds, nil
}

func shape(platform string) synthPlatform {
	if s, ok := synthShapes[platform]; ok {
		return s
	}
	return synthShapes["wazero"]
}
