package report

import (
	"cmp"
	"errors"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
)

// FullProfiles are the profiles that run the thesis's protocol at full
// size: thesis (sizes for a fast machine) and pi (sizes for a Raspberry
// Pi 3 B+). A dataset of another profile (quick) is never the default
// primary while one of these is given.
var FullProfiles = []string{"thesis", "pi"}

// ThesisExperiments are the experiments the thesis's claims are about.
var ThesisExperiments = []string{experiments.CPU, experiments.Memory, experiments.FSIO, experiments.Startup}

// Datasets resolves the datasets of a command and puts the primary one
// first: the directories given with --data (the first is primary), or
// every dataset under dataDir (the primary chosen by ChoosePrimary), not
// both. primary, when set (--primary, make report PRIMARY=DIR), overrides
// either choice; a directory not among the datasets is added to them.
func Datasets(data []string, dataDir, primary string) ([]string, error) {
	var dirs []string
	switch {
	case dataDir != "" && len(data) > 0:
		return nil, errors.New("give --data or --data-dir, not both")
	case dataDir != "":
		var err error
		if dirs, err = Discover(dataDir); err != nil {
			return nil, err
		}
		if primary == "" {
			if primary, err = ChoosePrimary(dirs); err != nil {
				return nil, err
			}
		}
	case len(data) == 0:
		return nil, errors.New("no dataset: give --data DIR or --data-dir DIR")
	default:
		dirs = slices.Clone(data)
	}
	if primary == "" {
		return dirs, nil
	}
	i := slices.IndexFunc(dirs, func(d string) bool { return filepath.Clean(d) == filepath.Clean(primary) })
	if i < 0 {
		if _, err := dataset.ReadEnvironment(primary); err != nil {
			return nil, fmt.Errorf("--primary %s: %v", primary, err)
		}
		return append([]string{primary}, dirs...), nil
	}
	first := dirs[i]
	return append([]string{first}, slices.Delete(dirs, i, i+1)...), nil
}

// ChoosePrimary picks the primary dataset among dirs when none is named:
// the one whose paper it is. A dataset ranks by, in this order,
//
//  1. not measured under an emulator (the report leaves those out);
//  2. run with a full-size profile, thesis or pi (FullProfiles): the
//     thesis's protocol, not the quick one;
//  3. covering the thesis's comparison: every experiment its claims are
//     about (ThesisExperiments) on native, a container and a Wasm platform;
//  4. the newest by environment.json's started, so that the dataset `make
//     reproduce` has just written is the primary one (make reproduce also
//     names it with --primary);
//  5. its directory, in lexical order, to break ties.
//
// A Raspberry Pi dataset (profile pi) is eligible like any other: the
// thesis ran on a Pi, and a Pi dataset is the only one on which its
// absolute times can be judged, so a Pi dataset newer than the others
// makes the paper the Pi's. `make report PRIMARY=DIR` chooses any other.
func ChoosePrimary(dirs []string) (string, error) {
	type cand struct {
		dir  string
		rank [3]bool
		env  dataset.Environment
	}
	var cs []cand
	for _, d := range dirs {
		env, err := dataset.ReadEnvironment(d)
		if err != nil {
			return "", err
		}
		cs = append(cs, cand{dir: d, env: env, rank: [3]bool{env.Host.Emulated == "", slices.Contains(FullProfiles, env.Profile.Name), coversThesis(env)}})
	}
	if len(cs) == 0 {
		return "", errors.New("no dataset to choose the primary one from")
	}
	best := slices.MaxFunc(cs, func(a, b cand) int {
		for i := range a.rank {
			if a.rank[i] != b.rank[i] {
				if a.rank[i] {
					return 1
				}
				return -1
			}
		}
		if c := a.env.Started.Compare(b.env.Started); c != 0 {
			return c
		}
		return -cmp.Compare(a.dir, b.dir) // the first in lexical order wins a tie
	})
	return best.dir, nil
}

// coversThesis reports whether a dataset ran every experiment of the
// thesis's claims on native, a container and a Wasm platform (as
// environment.json records what was asked and what was unavailable).
func coversThesis(env dataset.Environment) bool {
	for _, x := range ThesisExperiments {
		if !slices.Contains(env.Experiments, x) {
			return false
		}
	}
	kinds := map[string]bool{}
	for _, p := range env.Platforms {
		if _, gone := env.Unavailable[p]; gone {
			continue
		}
		if info, ok := dataset.Platform(p); ok {
			kinds[info.Kind] = true
		}
	}
	return kinds[dataset.KindNative] && kinds[dataset.KindContainer] && kinds[dataset.KindWasm]
}
