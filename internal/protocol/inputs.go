package protocol

import (
	"fmt"
	"strings"

	"github.com/edgewasm/edgewasm/experiments"

	"github.com/edgewasm/edgewasm/dataset"
)

// CheckInputs reads, before a run writes anything, every input file it
// would otherwise read halfway through: the expected digests of each
// verified workload of exps in langs, which must list the profile's size.
// (LoadProfile has read sizes.txt.) It returns the digests by workload ID
// for Config.Expected. Errors name the file and line.
func CheckInputs(root string, p dataset.Profile, exps, langs []string) (map[string]experiments.Expected, error) {
	out := map[string]experiments.Expected{}
	var problems []string
	for _, w := range Workloads(root, exps, langs) {
		e, _ := experiments.Lookup(w.Experiment)
		if !e.Verified {
			continue
		}
		exp, err := experiments.ReadExpected(w.Dir, w.Lang)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		out[w.ID()] = exp
		for _, t := range e.Tests {
			if Workload(root, w.Experiment, t.Name, w.Lang).ID() != w.ID() {
				continue
			}
			size := p.Sizes[e.Folder(t.Name)]
			if _, ok := exp[size]; !ok {
				problems = append(problems, fmt.Sprintf("%s: no digest for size %d (profile %s, %s %s): add the line \"%d DIGEST\" (see experiments/README.md, \"Expected digests\")",
					experiments.ExpectedPath(w.Dir, w.Lang), size, p.Name, w.Experiment, t.Name, size))
			}
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(dedupe(problems), "\n"))
	}
	return out, nil
}

func dedupe(xs []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
