package experiments

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/edgewasm/edgewasm/experiments/dataset"
	"github.com/edgewasm/edgewasm/runners"
)

// Experiment names.
const (
	CPU     = "cpu"
	Memory  = "memory"
	FSIO    = "fsio"
	Startup = "startup"
)

// Names lists the experiments in report order.
var Names = []string{CPU, Memory, FSIO, Startup}

// CPUTests are the thesis's eight CPU benchmarks.
var CPUTests = []string{"aes", "base64", "dijkstra", "huffman", "matmul", "quicksort", "sha256", "xor"}

// Tests maps each experiment to the test names that appear in samples.csv.
var Tests = map[string][]string{
	CPU:     CPUTests,
	Memory:  {"idle"},
	FSIO:    {"write", "read"},
	Startup: {"noop"},
}

// programDir is the workload folder of a test, relative to experiments/.
func programDir(experiment, test string) string {
	switch experiment {
	case Memory:
		return "memory/idle"
	case FSIO:
		return "fsio/fsio"
	case Startup:
		return "startup/noop"
	}
	return experiment + "/" + test
}

// Workload returns the workload that implements experiment/test in lang,
// with paths under root (the repository root).
func Workload(root, experiment, test, lang string) runners.Workload {
	rel := programDir(experiment, test)
	dir := filepath.Join(root, "experiments", filepath.FromSlash(rel))
	if lang == dataset.LangGo {
		dir = filepath.Join(dir, "go")
	}
	name := filepath.Base(rel)
	return runners.Workload{
		Experiment: experiment, Test: name, Lang: lang, Dir: dir,
		Include: filepath.Join(root, "experiments", "common"),
	}
}

// Workloads lists the distinct workloads a run needs.
func Workloads(root string, exps, langs []string) []runners.Workload {
	var out []runners.Workload
	seen := map[string]bool{}
	for _, e := range exps {
		for _, t := range Tests[e] {
			for _, l := range langs {
				w := Workload(root, e, t, l)
				if !seen[w.ID()] {
					seen[w.ID()] = true
					out = append(out, w)
				}
			}
		}
	}
	return out
}

// ParseList splits a comma-separated flag value and checks every element
// against valid; "all" selects every valid name.
func ParseList(kind, value string, valid []string) ([]string, error) {
	if strings.TrimSpace(value) == "all" {
		return slices.Clone(valid), nil
	}
	var out []string
	for _, f := range strings.Split(value, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !slices.Contains(valid, f) {
			return nil, fmt.Errorf("unknown %s %q; valid: %s", kind, f, strings.Join(valid, ", "))
		}
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no %s given; valid: %s", kind, strings.Join(valid, ", "))
	}
	return out, nil
}

// Expected maps a size to the digest the program must print for it.
type Expected map[int64]string

// ReadExpected reads a workload's expected.txt: lines "SIZE DIGEST", with
// blank lines and '#' comments ignored. A Go workload without its own file
// uses its C sibling's (the algorithms and digests are the same).
func ReadExpected(w runners.Workload) (Expected, error) {
	path := filepath.Join(w.Dir, "expected.txt")
	if _, err := os.Stat(path); os.IsNotExist(err) && w.Lang == dataset.LangGo {
		path = filepath.Join(filepath.Dir(w.Dir), "expected.txt")
	}
	exp := Expected{}
	err := readFields(path, 2, "SIZE DIGEST", func(fs []string) error {
		size, err := strconv.ParseInt(fs[0], 10, 64)
		if err != nil || size <= 0 {
			return fmt.Errorf("size %q: want a positive integer", fs[0])
		}
		if _, dup := exp[size]; dup {
			return fmt.Errorf("size %d listed twice", size)
		}
		exp[size] = strings.ToLower(fs[1])
		return nil
	})
	return exp, err
}

// readFields calls fn for every line of a whitespace-separated text file
// that is neither blank nor a '#' comment, after checking it has n fields
// (described by form in errors). Errors carry the file and line.
func readFields(path string, n int, form string, fn func(fs []string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fs := strings.Fields(text)
		if len(fs) != n {
			return fmt.Errorf("%s:%d: want %q, got %q", path, line, form, text)
		}
		if err := fn(fs); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
	}
	return sc.Err()
}

// Output is the key=value lines a workload printed.
type Output map[string]string

// ParseOutput reads key=value lines; other lines are ignored except that a
// malformed digest or kernel_ns is an error.
func ParseOutput(stdout []byte) Output {
	out := Output{}
	for _, line := range strings.Split(string(stdout), "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(line), "=")
		if ok && k != "" {
			out[k] = v
		}
	}
	return out
}
