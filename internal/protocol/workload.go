package protocol

import (
	"path"

	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/runners"
)

// Workload returns the workload that implements experiment/test in lang,
// with paths under root (the repository root): what the catalog names,
// as a runner prepares and runs it. The experiment must be in the catalog.
func Workload(root, experiment, test, lang string) runners.Workload {
	e, _ := experiments.Lookup(experiment)
	return runners.Workload{
		Experiment: experiment, Test: path.Base(e.Folder(test)), Lang: lang,
		Dir: experiments.Dir(root, experiment, test, lang), Include: experiments.Include(root),
	}
}

// Workloads lists the distinct workloads a run of exps in langs needs.
func Workloads(root string, exps, langs []string) []runners.Workload {
	var out []runners.Workload
	seen := map[string]bool{}
	for _, name := range exps {
		e, _ := experiments.Lookup(name)
		for _, t := range e.Tests {
			for _, l := range langs {
				w := Workload(root, name, t.Name, l)
				if !seen[w.ID()] {
					seen[w.ID()] = true
					out = append(out, w)
				}
			}
		}
	}
	return out
}
