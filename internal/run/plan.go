package run

import (
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/edgewasm/edgewasm/internal/protocol"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/internal/host"
)

// Preview is what a run would do: its plan and the estimate of its
// duration and of the bytes it writes (`run --plan`, printed before every
// run, and the disk need that `doctor` checks).
type Preview struct {
	Config   protocol.Config
	Steps    []protocol.Step
	Estimate protocol.Estimate
	// Prior are the earlier datasets the estimate used, preferred first.
	Prior []string
	// Prepare is how long the preparation (builds, images, compilation
	// caches) took in the first prior dataset that recorded it, and which.
	Prepare     time.Duration
	PrepareFrom string
	// LeftOut are the requested platforms that cannot run here, with why
	// (the plan has none of their invocations).
	LeftOut map[string]string
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
	cfg := protocol.Config{Root: c.root, Profile: c.profile, Platforms: c.platforms, Langs: c.langs, Experiments: c.experiments}
	p := Preview{Config: cfg, Steps: protocol.Plan(cfg)}
	var prior [][]dataset.Sample
	p.Prior, prior = priorDatasets(c, p.Steps)
	p.Estimate = protocol.EstimatePlan(cfg, prior, machineFactor())
	for _, dir := range p.Prior {
		if env, err := dataset.ReadEnvironment(dir); err == nil && env.PrepareSeconds > 0 {
			p.Prepare, p.PrepareFrom = time.Duration(env.PrepareSeconds*float64(time.Second)), dir
			break
		}
	}
	return p
}

// print writes the plan with its estimate and where the estimate came from.
func (p Preview) print(w io.Writer) {
	p.Estimate.Print(w, p.Config, p.Steps)
	for _, name := range slices.Sorted(maps.Keys(p.LeftOut)) {
		fmt.Fprintf(w, "left out: platform %s cannot run here: %s\n", name, p.LeftOut[name])
	}
	if p.Prepare > 0 {
		fmt.Fprintf(w, "before that, the preparation (builds, images, compilation caches): %s in %s\n", p.Prepare.Round(time.Second), p.PrepareFrom)
	}
	if len(p.Prior) > 0 {
		fmt.Fprintf(w, "(estimated from %s, the first that has the invocation, else from the model in internal/protocol/estimate.go)\n\n", strings.Join(p.Prior, ", "))
	} else {
		fmt.Fprintf(w, "(estimated from the model in internal/protocol/estimate.go: no earlier dataset of this host)\n\n")
	}
}

// machineFactor scales the estimate model to this machine.
func machineFactor() float64 {
	if emu, _ := host.Emulation("/"); emu != "" {
		return protocol.EmulatedFactor
	}
	if runtime.GOARCH == "arm" || runtime.GOARCH == "arm64" {
		return protocol.ARMFactor
	}
	return 1
}

// priorDatasets finds the complete datasets of this host (same hostname
// and architecture) under root/data or beside the output directory that
// have some of the plan's tests, languages and platforms, and returns them
// preferred first: the same profile (no scaling by size), then the most
// of the plan covered, then the newest.
func priorDatasets(c config, steps []protocol.Step) ([]string, [][]dataset.Sample) {
	hostname, _ := os.Hostname()
	// Beside --out too, unless that is the temporary directory (whose
	// datasets are other programs' scratch runs).
	patterns := []string{filepath.Join(c.root, "data", "*")}
	if parent := filepath.Dir(c.out); parent != filepath.Clean(os.TempDir()) {
		patterns = append(patterns, filepath.Join(parent, "*"))
	}
	var dirs []string
	for _, pattern := range patterns {
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
	type cand struct {
		dir     string
		samples []dataset.Sample
		same    bool
		n       int
		started time.Time
	}
	var cands []cand
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
		if len(have) > 0 {
			cands = append(cands, cand{d, samples, env.Profile.Name == c.profile.Name, len(have), env.Started})
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int {
		switch {
		case a.same != b.same:
			if a.same {
				return -1
			}
			return 1
		case a.n != b.n:
			return b.n - a.n
		}
		return b.started.Compare(a.started)
	})
	var names []string
	var out [][]dataset.Sample
	for _, k := range cands {
		names = append(names, k.dir)
		out = append(out, k.samples)
	}
	return names, out
}
