package experiments

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
)

// ProfileNames lists the built-in profiles.
var ProfileNames = []string{"quick", "thesis", "pi"}

// baseProfile returns the protocol of a built-in profile without sizes.
//
// thesis follows Napieralla (2020) §4.2: 10 repetitions, and the warm-ups
// of the Catalog. quick keeps the protocol but cuts repetitions and sizes
// for tests and CI. pi keeps the thesis protocol with sizes for a
// Raspberry Pi 3 B+ (sizes.txt says how they were chosen).
func baseProfile(name string) (dataset.Profile, bool) {
	p := dataset.Profile{
		Name:       name,
		Warmups:    map[string]int{},
		FSIOBlock:  64 << 10,
		Interleave: true,
	}
	for _, e := range Catalog {
		p.Warmups[e.Name] = e.Warmups
	}
	switch name {
	case "quick":
		p.Repetitions = 3
		p.Timeout = dataset.Duration(2 * time.Minute)
	case "thesis", "pi":
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

func checkSizes(p dataset.Profile) error {
	for _, e := range Catalog {
		for _, param := range e.Params {
			if _, ok := p.Sizes[e.ParamKey(param)]; !ok {
				return fmt.Errorf("%s: profile %s has no line for %s (want \"%s %s %s VALUE\")", SizesFile, p.Name, e.ParamKey(param), e.Name, param, p.Name)
			}
		}
		if !e.Sized {
			continue
		}
		for _, t := range e.Tests {
			if _, ok := p.Sizes[e.SizeKey(t.Name)]; !ok {
				return fmt.Errorf("%s: profile %s has no size for %s", SizesFile, p.Name, e.SizeKey(t.Name))
			}
		}
	}
	return nil
}

// ReadSizes parses a sizes file: lines "experiment test profile size",
// blank lines and '#' comments ignored. It returns profile → key → size.
// Every line must name a sized experiment of the Catalog, one of its tests
// (its workload folder, e.g. "fsio fsio") and a built-in profile: a typo
// would otherwise be ignored silently and the run would use no size.
func ReadSizes(path string) (map[string]map[string]int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseSizes(f, path)
}

// sizedKeys lists the "experiment/test" keys a sizes file may hold: the
// size keys of sized tests and the experiments' parameters.
func sizedKeys() []string {
	var keys []string
	for _, e := range Catalog {
		if !e.Sized {
			continue
		}
		for _, t := range e.Tests {
			if k := e.SizeKey(t.Name); !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
		for _, p := range e.Params {
			keys = append(keys, e.ParamKey(p))
		}
	}
	return keys
}

func parseSizes(r io.Reader, name string) (map[string]map[string]int64, error) {
	out := map[string]map[string]int64{}
	keys := sizedKeys()
	err := readFieldsFrom(r, name, 4, "experiment test profile size", func(fs []string) error {
		e, ok := Lookup(fs[0])
		switch {
		case !ok:
			return fmt.Errorf("unknown experiment %q; valid: %s", fs[0], strings.Join(Names, ", "))
		case !e.Sized:
			return fmt.Errorf("experiment %s takes no size", fs[0])
		case !slices.Contains(keys, fs[0]+"/"+fs[1]):
			var tests []string
			for _, k := range keys {
				if ex, t, _ := strings.Cut(k, "/"); ex == fs[0] {
					tests = append(tests, t)
				}
			}
			return fmt.Errorf("experiment %s has no sized test %q; valid: %s", fs[0], fs[1], strings.Join(tests, ", "))
		case !slices.Contains(ProfileNames, fs[2]):
			return fmt.Errorf("unknown profile %q; valid: %s", fs[2], strings.Join(ProfileNames, ", "))
		}
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
