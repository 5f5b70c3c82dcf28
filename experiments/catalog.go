package experiments

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/edgewasm/edgewasm/dataset"
)

// Experiment names.
const (
	CPU     = "cpu"
	Memory  = "memory"
	FSIO    = "fsio"
	Startup = "startup"
	Network = "network"
)

// Experiment describes one experiment: everything the protocol needs to
// plan, run and verify it. Adding an experiment is one entry in Catalog
// plus its workloads; no code switches on an experiment's name, and
// runners get what they need from the Invocation.
type Experiment struct {
	Name  string
	Tests []Test // in report order; their names appear in the test column
	// Program is the workload folder, relative to experiments/, when all
	// tests share one program; empty means one program per test, in
	// <Name>/<test>. The folder (e.g. "cpu/aes", "fsio/fsio") is also the
	// key of the test's size in sizes.txt.
	Program string
	// Sized: each test takes a size argument from the profile.
	Sized bool
	// Verified: the program prints digest= and kernel_ns=, checked against
	// its expected.txt for the size (the same file for C and Go).
	Verified bool
	// Resident: the program blocks until its stdin closes, and is
	// measured through runners.Holder (memory footprint) instead of Run.
	// Runners without runners.Holder record the test as failed:unsupported.
	Resident bool
	// Warmups is the number of unrecorded warm-up invocations per test,
	// platform and language before the recorded repetitions.
	Warmups int
	// Scratch: the program gets a scratch directory it may write.
	Scratch bool
	// FilePair: in each repetition the first test writes a file in the
	// scratch directory and the next tests read it back (after its pages
	// are evicted from the page cache); the tests form one group that runs
	// on one platform before the next platform starts.
	FilePair bool
	// TimeCLI: also time the platform's command-line client where it has
	// one (the thesis timed `docker run` with time(1)).
	TimeCLI bool
	// TestSizes: each test has its own size line in sizes.txt, keyed
	// <Name>/<test>, although the tests share one program.
	TestSizes bool
	// Params are further per-profile parameters the experiment reads from
	// sizes.txt, keyed <Name>/<param>.
	Params []string
	// Network: the program is a server that the runner hands a listening
	// socket (runners.Server), and each test is a Transfer that the peer
	// runs against it. Runners without runners.Server record the test as
	// failed:unsupported.
	Network bool
	// Controls lists the control platforms (dataset.ControlOf) that run
	// the experiment; a control platform runs nothing else.
	Controls []string
}

// Test is one test of an experiment.
type Test struct {
	Name string
	// Args are the program's arguments. Placeholders: {size} (the size
	// from the profile), {block} (the profile's fsio block size), {file}
	// (the repetition's file in the scratch directory, FilePair only),
	// {lifetime} (seconds a server may live: the profile's timeout plus a
	// minute).
	Args []string
	// Transfer describes a test of a Network experiment.
	Transfer *Transfer
}

// Transfer is what the peer does in a network test.
type Transfer struct {
	// Direction is the device's: Upload (the workload sends) or Download
	// (the workload receives).
	Direction string
	// Many: the profile's ParamFiles transfers over at most ParamConns
	// concurrent connections; otherwise one transfer.
	Many bool
}

// The directions of a Transfer, as the device sees them; the peer does
// the opposite.
const (
	Upload   = "upload"
	Download = "download"
)

// The parameters of the network experiment in sizes.txt (see Params).
const (
	ParamFiles     = "files"      // transfers of a many-file test
	ParamConns     = "conns"      // concurrent connections of a many-file test
	ParamIdleMS    = "idle-ms"    // how long the workload's idle CPU is measured
	ParamTimeoutMS = "timeout-ms" // per-transfer timeout
)

// Catalog is every experiment, in report order. Warm-ups follow the
// thesis (§4.2): one per CPU test, none for the filesystem tests. It says
// nothing about the memory and start-up tests; start-up gets one warm-up so
// that every platform starts from a warm page cache (images and caches are
// built in Prepare, outside any measurement), memory none.
var Catalog = []Experiment{
	{
		Name: CPU, Sized: true, Verified: true, Warmups: 1,
		// Every launcher's control: the kernels are where a memory cap or
		// limiter could cost.
		Controls: dataset.ControlPlatforms(),
		Tests:    testsWithArgs([]string{"{size}"}, "aes", "base64", "dijkstra", "huffman", "matmul", "quicksort", "sha256", "xor"),
	},
	{
		Name: Memory, Program: "memory/idle", Resident: true,
		Tests: []Test{{Name: "idle"}},
	},
	{
		Name: FSIO, Program: "fsio/fsio", Sized: true, Verified: true, Scratch: true, FilePair: true,
		// wazero's confined file system against its WithDirMount. (Go's
		// file I/O fails under plain Wasmer 2.x, whose pre-open names the
		// wasmer launcher corrects: wasmer-plain runs only the kernels.)
		Controls: []string{dataset.WazeroPlain},
		Tests: []Test{
			{Name: "write", Args: []string{"write", "{file}", "{size}", "{block}"}},
			{Name: "read", Args: []string{"read", "{file}", "{block}"}},
		},
	},
	{
		Name: Startup, Program: "startup/noop", Warmups: 1, TimeCLI: true,
		Tests: []Test{{Name: "noop"}},
	},
	{
		// The thesis designed these four tests (§4.2) but could not run
		// them: Wasmer had no sockets in 2020. One warm-up, as for start-up.
		Name: Network, Program: "network/server", Sized: true, TestSizes: true, Warmups: 1, Network: true,
		Params: []string{ParamFiles, ParamConns, ParamIdleMS, ParamTimeoutMS},
		Tests: []Test{
			{Name: "upload", Args: []string{"{lifetime}"}, Transfer: &Transfer{Direction: Upload}},
			{Name: "download", Args: []string{"{lifetime}"}, Transfer: &Transfer{Direction: Download}},
			{Name: "upload-many", Args: []string{"{lifetime}"}, Transfer: &Transfer{Direction: Upload, Many: true}},
			{Name: "download-many", Args: []string{"{lifetime}"}, Transfer: &Transfer{Direction: Download, Many: true}},
		},
	},
}

func testsWithArgs(args []string, names ...string) []Test {
	out := make([]Test, len(names))
	for i, n := range names {
		out[i] = Test{Name: n, Args: args}
	}
	return out
}

// Lookup returns the experiment named name.
func Lookup(name string) (Experiment, bool) {
	for _, e := range Catalog {
		if e.Name == name {
			return e, true
		}
	}
	return Experiment{}, false
}

// TestNames returns the names of the experiment's tests.
func (e Experiment) TestNames() []string {
	out := make([]string, len(e.Tests))
	for i, t := range e.Tests {
		out[i] = t.Name
	}
	return out
}

// Test returns the named test.
func (e Experiment) Test(name string) (Test, bool) {
	for _, t := range e.Tests {
		if t.Name == name {
			return t, true
		}
	}
	return Test{}, false
}

// Folder is the workload folder of a test, relative to experiments/ (with
// forward slashes); it is also the key of the test's size in sizes.txt.
func (e Experiment) Folder(test string) string {
	if e.Program != "" {
		return e.Program
	}
	return e.Name + "/" + test
}

// SizeKey is the key of a test's size in sizes.txt and in a profile's
// Sizes: its workload folder, or <Name>/<test> with TestSizes.
func (e Experiment) SizeKey(test string) string {
	if e.TestSizes {
		return e.Name + "/" + test
	}
	return e.Folder(test)
}

// ParamKey is the key of a parameter in sizes.txt and a profile's Sizes.
func (e Experiment) ParamKey(param string) string { return e.Name + "/" + param }

// OnPlatform reports whether the experiment runs on a platform: a network
// variant of a platform (dataset.NetworkVariantOf) runs only experiments
// that need a network, a control platform (dataset.IsControl) only those
// whose Controls name it.
func (e Experiment) OnPlatform(platform string) bool {
	if dataset.IsControl(platform) {
		return slices.Contains(e.Controls, platform)
	}
	_, variant := dataset.NetworkVariantOf[platform]
	return e.Network || !variant
}

// SelectPlatforms completes a platform selection for the experiments: it
// adds the network variants of selected platforms when an experiment needs
// a network, and drops variants when none does and control platforms when
// no experiment runs on them. Order follows dataset.Platforms for added
// variants (each right after its platform).
func SelectPlatforms(platforms, exps []string) []string {
	network := false
	for _, name := range exps {
		if e, _ := Lookup(name); e.Network {
			network = true
		}
	}
	var out []string
	for _, p := range platforms {
		if _, variant := dataset.NetworkVariantOf[p]; variant && !network {
			continue
		}
		if dataset.IsControl(p) && len(ExperimentsOn(p, exps)) == 0 {
			continue
		}
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
		if !network {
			continue
		}
		for _, v := range dataset.PlatformNames() {
			if dataset.NetworkVariantOf[v] == p && !slices.Contains(platforms, v) && !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
	}
	return out
}

// ExperimentsOn filters exps to those that run on platform.
func ExperimentsOn(platform string, exps []string) []string {
	var out []string
	for _, name := range exps {
		if e, ok := Lookup(name); ok && e.OnPlatform(platform) {
			out = append(out, name)
		}
	}
	return out
}

// Names lists the experiments in report order.
var Names = func() []string {
	out := make([]string, len(Catalog))
	for i, e := range Catalog {
		out[i] = e.Name
	}
	return out
}()

// Tests maps each experiment to the test names that appear in samples.csv.
var Tests = func() map[string][]string {
	out := map[string][]string{}
	for _, e := range Catalog {
		out[e.Name] = e.TestNames()
	}
	return out
}()

// CPUTests are the thesis's eight CPU benchmarks.
var CPUTests = Tests[CPU]

// Dir is the folder of the program that implements experiment/test in
// lang, under root (the repository root): for C the folder holding main.c
// (and the committed main.wasm), for Go its go/ subfolder. The experiment
// must be in the catalog.
func Dir(root, experiment, test, lang string) string {
	e, _ := Lookup(experiment)
	dir := filepath.Join(root, "experiments", filepath.FromSlash(e.Folder(test)))
	if lang == dataset.LangGo {
		dir = filepath.Join(dir, "go")
	}
	return dir
}

// Include is the folder of the C headers every workload shares, under
// root.
func Include(root string) string { return filepath.Join(root, "experiments", "common") }

// ParseList splits a comma-separated flag value and checks every element
// against valid; "all" selects every valid name, and "all,-a,-b" every
// valid name but a and b.
func ParseList(kind, value string, valid []string) ([]string, error) {
	if IsAll(value) {
		out := slices.Clone(valid)
		for _, f := range strings.Split(value, ",")[1:] {
			f = strings.TrimSpace(f)
			name, ok := strings.CutPrefix(f, "-")
			if !ok || !slices.Contains(valid, name) {
				return nil, fmt.Errorf("after \"all\", only exclusions -NAME of a known %s may follow, not %q; valid: %s", kind, f, strings.Join(valid, ", "))
			}
			out = slices.DeleteFunc(out, func(v string) bool { return v == name })
		}
		if len(out) == 0 {
			return nil, fmt.Errorf("%q excludes every %s", value, kind)
		}
		return out, nil
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

// IsAll reports whether a list flag's value starts with "all" (every
// valid name, possibly with exclusions).
func IsAll(value string) bool {
	first, _, _ := strings.Cut(value, ",")
	return strings.TrimSpace(first) == "all"
}

// Expected maps a size to the digest the program must print for it.
type Expected map[int64]string

// ReadExpected reads the expected.txt of the workload in dir (see Dir):
// lines "SIZE DIGEST", with blank lines and '#' comments ignored. A Go
// workload without its own file uses its C sibling's (the algorithms and
// digests are the same).
func ReadExpected(dir, lang string) (Expected, error) {
	path := ExpectedPath(dir, lang)
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseExpected(f, path)
}

// ExpectedPath is the expected.txt the workload in dir is verified
// against.
func ExpectedPath(dir, lang string) string {
	path := filepath.Join(dir, "expected.txt")
	if _, err := os.Stat(path); os.IsNotExist(err) && lang == dataset.LangGo {
		path = filepath.Join(filepath.Dir(dir), "expected.txt")
	}
	return path
}

// validDigest reports whether d looks like a digest a workload prints:
// hexadecimal digits.
func validDigest(d string) bool {
	if len(d) == 0 || len(d) > 128 {
		return false
	}
	for _, c := range d {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

func parseExpected(r io.Reader, name string) (Expected, error) {
	exp := Expected{}
	err := readFieldsFrom(r, name, 2, "SIZE DIGEST", func(fs []string) error {
		size, err := strconv.ParseInt(fs[0], 10, 64)
		if err != nil || size <= 0 {
			return fmt.Errorf("size %q: want a positive integer", fs[0])
		}
		if _, dup := exp[size]; dup {
			return fmt.Errorf("size %d listed twice", size)
		}
		if !validDigest(fs[1]) {
			return fmt.Errorf("digest %q: want hexadecimal digits", fs[1])
		}
		exp[size] = strings.ToLower(fs[1])
		return nil
	})
	return exp, err
}

// readFields calls fn for every line of a whitespace-separated text file
// that is neither blank nor a '#' comment, after checking it has n fields
// (described by form in errors). Errors carry the file and line.
func readFieldsFrom(r io.Reader, name string, n int, form string, fn func(fs []string) error) error {
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if !utf8.ValidString(text) {
			return fmt.Errorf("%s:%d: not UTF-8 text", name, line)
		}
		fs := strings.Fields(text)
		if len(fs) != n {
			return fmt.Errorf("%s:%d: want %q, got %q", name, line, form, text)
		}
		if err := fn(fs); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return nil
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
