package run

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"time"

	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/experiments/dataset"
	"github.com/edgewasm/edgewasm/internal/host"
)

// Preview is what a run would do: its plan and the estimate of its
// duration and of the bytes it writes (`run --plan`, printed before every
// run, and the disk need that `doctor` checks).
type Preview struct {
	Config   experiments.Config
	Steps    []experiments.Step
	Estimate experiments.Estimate
	// Prior is the earlier dataset the estimate used ("" for none).
	Prior string
}

// Plan validates the options as Run does and returns the preview of the
// run, running nothing and writing nothing.
func Plan(o Options) (Preview, error) {
	c, err := validate(o)
	if err != nil {
		return Preview{}, err
	}
	return preview(c), nil
}

func preview(c config) Preview {
	cfg := experiments.Config{Root: c.root, Profile: c.profile, Platforms: c.platforms, Langs: c.langs, Experiments: c.experiments}
	p := Preview{Config: cfg, Steps: experiments.Plan(cfg)}
	var prior []dataset.Sample
	p.Prior, prior = priorDataset(c, p.Steps)
	p.Estimate = experiments.EstimatePlan(cfg, prior, machineFactor())
	return p
}

// print writes the plan with its estimate and where the estimate came from.
func (p Preview) print(w io.Writer) {
	p.Estimate.Print(w, p.Config, p.Steps)
	if p.Prior != "" {
		fmt.Fprintf(w, "(estimated from %s where it has the invocation, else from the model in experiments/estimate.go)\n\n", p.Prior)
	} else {
		fmt.Fprintf(w, "(estimated from the model in experiments/estimate.go: no earlier dataset of this host)\n\n")
	}
}

// machineFactor scales the estimate model to this machine.
func machineFactor() float64 {
	if emu, _ := host.Emulation("/"); emu != "" {
		return experiments.EmulatedFactor
	}
	if runtime.GOARCH == "arm" || runtime.GOARCH == "arm64" {
		return experiments.ARMFactor
	}
	return 1
}

// priorDataset finds the complete dataset of this host (same hostname
// and architecture) under root/data or beside the output directory that
// has the most of the plan's tests, languages and platforms, one of the
// same profile first (the newest among equals), and returns its path and samples.
func priorDataset(c config, steps []experiments.Step) (string, []dataset.Sample) {
	hostname, _ := os.Hostname()
	var dirs []string
	for _, pattern := range []string{filepath.Join(c.root, "data", "*"), filepath.Join(filepath.Dir(c.out), "*")} {
		m, _ := filepath.Glob(pattern)
		dirs = append(dirs, m...)
	}
	slices.Sort(dirs)
	dirs = slices.Compact(dirs)
	type cell struct{ exp, test, lang, platform string }
	want := map[cell]bool{}
	for _, s := range steps {
		want[cell{s.Experiment, s.Test, s.Lang, s.Platform}] = true
	}
	best, bestN := "", 0
	var bestSamples []dataset.Sample
	var bestStart time.Time
	for _, d := range dirs {
		if d == c.out {
			continue
		}
		env, err := dataset.ReadEnvironment(d)
		if err != nil || env.Finished == nil || env.Host.Hostname != hostname || env.Host.Arch != runtime.GOARCH {
			continue
		}
		samples, err := dataset.ReadFile(filepath.Join(d, dataset.SamplesFile))
		if err != nil {
			continue
		}
		have := map[cell]bool{}
		for _, s := range samples {
			if k := (cell{s.Experiment, s.Test, s.Lang, s.Platform}); want[k] && s.OK() {
				have[k] = true
			}
		}
		// The same profile first (no scaling by size), then coverage.
		n := len(have)
		if n > 0 && env.Profile.Name == c.profile.Name {
			n += len(want)
		}
		if n > bestN || (n == bestN && n > 0 && env.Started.After(bestStart)) {
			best, bestN, bestSamples, bestStart = d, n, samples, env.Started
		}
	}
	return best, bestSamples
}
