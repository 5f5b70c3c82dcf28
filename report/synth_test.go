package report

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/experiments/dataset"
)

// synth describes a synthetic dataset: the thesis design (8 CPU tests,
// memory, fsio write/read, startup; 10 repetitions) with platform effects
// shaped like the thesis's findings.
type synth struct {
	Seed      uint64
	Reps      int
	Platforms []string
	Langs     []string
	Exps      []string
	Arch      string
	Device    string
}

func defaultSynth() synth {
	return synth{Seed: 1, Reps: 10, Platforms: []string{"native", "docker", "wazero"}, Langs: []string{"c", "go"},
		Exps: experiments.Names, Arch: "x86_64"}
}

// factor is each platform's multiplier on native for a metric family.
var factor = map[string]map[string]float64{
	"cpu":     {"native": 1, "docker": 1.02, "wazero": 2.1},
	"memory":  {"native": 1, "docker": 40, "wazero": 8},
	"write":   {"native": 1, "docker": 1.05, "wazero": 1.4},
	"read":    {"native": 1, "docker": 1.05, "wazero": 2.5},
	"startup": {"native": 1, "docker": 60, "wazero": 6},
}

// writeSynth writes samples.csv and environment.json into dir.
func writeSynth(t testing.TB, dir string, c synth) string {
	t.Helper()
	r := rand.New(rand.NewPCG(c.Seed, 7))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := dataset.Create(filepath.Join(dir, dataset.SamplesFile))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	seq := 0
	noise := func(v float64) float64 { return v * math.Exp(0.03*r.NormFloat64()) }
	for _, exp := range c.Exps {
		for _, test := range experiments.Tests[exp] {
			for ti, lang := range c.Langs {
				for rep := 1; rep <= c.Reps; rep++ {
					for _, p := range c.Platforms {
						seq++
						fam := exp
						if exp == "fsio" {
							fam = test
						}
						base := 100 + 37*float64(len(test)) + 20*float64(ti)
						var rows []dataset.Sample
						add := func(metric, unit string, v float64) {
							rows = append(rows, dataset.Sample{Experiment: exp, Test: test, Lang: lang, Platform: p, Rep: rep,
								Metric: metric, Value: v, Unit: unit, Status: dataset.StatusOK, Seq: seq,
								Started: start.Add(time.Duration(seq) * time.Second)})
						}
						f := factor[fam][p]
						switch exp {
						case "memory":
							add("footprint_kib", "KiB", math.Round(noise(900*f)))
							add("memavail_drop_kib", "KiB", math.Round(noise(1200*f)))
							add("wall_ms", "ms", noise(300))
						case "startup":
							add("wall_ms", "ms", noise(35*f))
						default:
							wall := noise(base * f)
							add("wall_ms", "ms", wall)
							add("kernel_ms", "ms", wall*0.9)
						}
						if err := w.Write(rows...); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	fin := start.Add(time.Duration(seq) * time.Second)
	env := dataset.Environment{
		Schema: dataset.SchemaVersion, Tool: dataset.Tool{Version: "test", GitCommit: "0123456789abcdef0123"},
		Host: dataset.Host{CPUModel: "Synthetic CPU @ 2.0GHz", Cores: 2, MemTotalKiB: 4 << 20, Kernel: "6.1.0",
			OS: "Debian GNU/Linux 12", Arch: c.Arch, DeviceModel: c.Device},
		Toolchain: dataset.Toolchain{CC: "cc 12", Go: "go1.26", Wazero: "v1.9.0", Runtime: "go1.26"},
		Profile: dataset.Profile{Name: "thesis", Repetitions: c.Reps, Warmups: map[string]int{"cpu": 1, "fsio": 0, "memory": 0, "startup": 1},
			Sizes: map[string]int64{"fsio/fsio": 64 << 20, "cpu/aes": 1 << 20}, FSIOBlock: 64 << 10,
			Timeout: dataset.Duration(time.Minute), Interleave: true},
		Platforms: c.Platforms, Langs: c.Langs, Experiments: c.Exps, Started: start, Finished: &fin,
		Samples: seq,
	}
	if err := dataset.WriteEnvironment(dir, env); err != nil {
		t.Fatal(err)
	}
	return dir
}
