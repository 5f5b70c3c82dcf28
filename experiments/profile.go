package experiments

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/edgewasm/edgewasm/experiments/dataset"
)

// ProfileNames lists the built-in profiles.
var ProfileNames = []string{"quick", "thesis"}

// baseProfile returns the protocol of a built-in profile without sizes.
//
// thesis follows Napieralla (2020) §4.2: 10 repetitions, one unrecorded
// warm-up per CPU test, none for the filesystem tests. The thesis says
// nothing about warming up the startup test; we run one so every platform
// starts from a warm page cache (the wazero cache and Docker image are
// built in Prepare, outside any measurement). quick keeps the protocol but
// cuts repetitions and sizes for tests and CI.
func baseProfile(name string) (dataset.Profile, bool) {
	p := dataset.Profile{
		Name:       name,
		Warmups:    map[string]int{CPU: 1, Memory: 0, FSIO: 0, Startup: 1},
		FSIOBlock:  64 << 10,
		Interleave: true,
	}
	switch name {
	case "quick":
		p.Repetitions = 3
		p.Timeout = dataset.Duration(2 * time.Minute)
	case "thesis":
		p.Repetitions = 10
		p.Timeout = dataset.Duration(30 * time.Minute)
	default:
		return p, false
	}
	return p, true
}

// SizesFile is where the workload sizes of every profile are recorded,
// relative to the repository root.
const SizesFile = "experiments/sizes.txt"

// LoadProfile returns the named built-in profile with its sizes read from
// root/experiments/sizes.txt.
func LoadProfile(root, name string) (dataset.Profile, error) {
	p, ok := baseProfile(name)
	if !ok {
		return p, fmt.Errorf("unknown profile %q; valid: %s", name, strings.Join(ProfileNames, ", "))
	}
	all, err := ReadSizes(filepath.Join(root, filepath.FromSlash(SizesFile)))
	if err != nil {
		return p, err
	}
	p.Sizes = all[name]
	if err := checkSizes(p); err != nil {
		return p, err
	}
	return p, p.Validate()
}

// sized reports whether a test takes a size argument.
func sized(experiment string) bool { return experiment == CPU || experiment == FSIO }

// SizeKey is the key of a test in Profile.Sizes. Both fsio tests share the
// file size, keyed "fsio/fsio".
func SizeKey(experiment, test string) string {
	if experiment == FSIO {
		return "fsio/fsio"
	}
	return experiment + "/" + test
}

func checkSizes(p dataset.Profile) error {
	for _, e := range Names {
		if !sized(e) {
			continue
		}
		for _, t := range Tests[e] {
			if _, ok := p.Sizes[SizeKey(e, t)]; !ok {
				return fmt.Errorf("%s: profile %s has no size for %s", SizesFile, p.Name, SizeKey(e, t))
			}
		}
	}
	return nil
}

// ReadSizes parses a sizes file: lines "experiment test profile size",
// blank lines and '#' comments ignored. It returns profile → key → size.
func ReadSizes(path string) (map[string]map[string]int64, error) {
	out := map[string]map[string]int64{}
	err := readFields(path, 4, "experiment test profile size", func(fs []string) error {
		size, err := strconv.ParseInt(fs[3], 10, 64)
		if err != nil || size <= 0 {
			return fmt.Errorf("size %q: want a positive integer", fs[3])
		}
		if out[fs[2]] == nil {
			out[fs[2]] = map[string]int64{}
		}
		key := fs[0] + "/" + fs[1]
		if _, dup := out[fs[2]][key]; dup {
			return fmt.Errorf("%s listed twice for profile %s", key, fs[2])
		}
		out[fs[2]][key] = size
		return nil
	})
	return out, err
}

// SortedSizeKeys returns the keys of a size map in order (for stable output).
func SortedSizeKeys(m map[string]int64) []string {
	return slices.Sorted(maps.Keys(m))
}
