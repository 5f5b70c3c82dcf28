package report

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/report/cells"
	"github.com/edgewasm/edgewasm/report/doc"
	"github.com/edgewasm/edgewasm/report/format"
	"github.com/edgewasm/edgewasm/report/internal/synth"
	"github.com/edgewasm/edgewasm/report/write/md"
)

// assemblePaper evaluates the committed paper source on the datasets dirs
// (the first primary) with a cache shared by the calls of a test, and
// returns the document and its paper.md.
func assemblePaper(t *testing.T, dirs []string, cache string) (*doc.Document, string) {
	t.Helper()
	e, src, err := Load(Config{Data: dirs, Out: t.TempDir(), Literature: "../literature"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := e.Assemble(src, cells.Cache{Dir: cache}, &cells.Stats{})
	if err != nil {
		t.Fatalf("%v: %v", dirs, err)
	}
	// The README's findings fit the datasets too: no value "not measured"
	// (a verdict may give it as its reason, in parentheses).
	f, err := findings(e, cells.Cache{Dir: cache})
	if err != nil {
		t.Fatalf("%v: findings: %v", dirs, err)
	}
	for _, i := range notMeasuredRE.FindAllStringIndex(f, -1) {
		if !strings.HasPrefix(f[i[1]:], ")") {
			t.Errorf("%v: the findings print a value %q: …%s…", dirs, format.NotMeasured, f[max(0, i[0]-60):i[1]])
		}
	}
	return d, string(md.Write(d))
}

var (
	notMeasuredRE = regexp.MustCompile(regexp.QuoteMeta(format.NotMeasured))
	citeKeyRE     = regexp.MustCompile(`\[@[^\]]+\]`)
)

var (
	linkRE   = regexp.MustCompile(`\]\(#([^)]+)\)`)
	anchorRE = regexp.MustCompile(`<a id="([^"]+)"></a>`)
)

// checkPaper holds a rendered paper to what any set of datasets must give:
// every expression evaluated, every value in the prose a value (never
// "not measured" or a placeholder: the guards leave out what no dataset
// measured), no table without rows, figures and tables numbered 1, 2, …
// without gaps, every cross-reference to an anchor that exists, and no
// reference to something left out.
func checkPaper(t *testing.T, name string, d *doc.Document, paper string) {
	t.Helper()
	if strings.Contains(paper, "{{") {
		t.Errorf("%s: an expression was not evaluated", name)
	}
	count := map[string]int{}
	for _, b := range d.Blocks {
		for _, sp := range b.Values {
			if v := b.Prose[sp.Start:sp.End]; v == format.NotMeasured || strings.HasPrefix(v, "*[") {
				t.Errorf("%s: the prose (source line %d) prints %q for %s", name, b.Line, v, sp.Prov.Command)
			}
			if !strings.Contains(sp.Prov.Command, "edgewasm ") && !strings.HasPrefix(sp.Prov.Command, "jq ") || len(sp.Prov.Reads) == 0 {
				t.Errorf("%s: a value in the prose (source line %d) without its command and reads: %+v", name, b.Line, sp.Prov)
			}
		}
		if b.Cell == nil || b.Out == nil {
			continue
		}
		verb, _, _ := strings.Cut(b.Cell.Command, " ")
		for _, tb := range b.Out.Tables {
			if len(tb.Rows) == 0 {
				t.Errorf("%s: %s (line %d) has a table without rows", name, b.Cell.Command, b.Cell.Line)
			}
			// Every cell reads at print size: no more than about 80
			// characters (a citation counts as its number).
			for _, row := range tb.Rows {
				for _, v := range row {
					if n := len([]rune(citeKeyRE.ReplaceAllString(v, "[00]"))); n > 82 {
						t.Errorf("%s: %s: a cell of %d characters: %q", name, b.Cell.Command, n, v)
					}
				}
			}
			if !slices.Contains([]string{"medians", "friedman", "runtimes", "claims", "verdicts"}, verb) {
				continue
			}
			// Every number these tables compute says where it comes from.
			for r, row := range tb.Rows {
				for c, v := range row {
					if c < len(tb.Right) && tb.Right[c] && v != "—" && v != "" && tb.CellProv(r, c) == nil {
						t.Errorf("%s: %s: cell %q (row %d, column %s) has no provenance", name, b.Cell.Command, v, r, tb.Header[c])
					}
				}
			}
		}
		has := len(b.Out.Tables)+len(b.Out.Figures) > 0
		switch {
		case b.Cell.Label == "":
		case has && b.Num != count[b.Cell.Kind()]+1:
			t.Errorf("%s: %s is %s %d after %d", name, b.Cell.Label, b.Cell.Kind(), b.Num, count[b.Cell.Kind()])
		case has:
			count[b.Cell.Kind()]++
		case b.Num != 0:
			t.Errorf("%s: %s shows nothing but has number %d", name, b.Cell.Label, b.Num)
		}
	}
	anchors := map[string]bool{}
	for _, m := range anchorRE.FindAllStringSubmatch(paper, -1) {
		anchors[m[1]] = true
	}
	for _, line := range strings.Split(paper, "\n") {
		if lvl := doc.HeadingLevel(line); lvl > 0 {
			anchors[doc.Slug(strings.TrimSpace(line[lvl:]))] = true
		}
	}
	for _, m := range linkRE.FindAllStringSubmatch(paper, -1) {
		if !anchors[m[1]] {
			t.Errorf("%s: a link to #%s, which is no anchor of the paper", name, m[1])
		}
	}
	for _, line := range strings.Split(paper, "\n") {
		if i := strings.Index(line, "(not shown)"); i >= 0 {
			t.Errorf("%s: the paper refers to a table, figure or section it left out: …%s…", name, line[max(0, i-80):i+11])
		}
	}
}

// TestEverySubsetOfTheCommittedData renders the paper from every
// non-empty set of the committed datasets, primary chosen as make report
// chooses it (-short: each dataset alone; make report renders them all).
func TestEverySubsetOfTheCommittedData(t *testing.T) {
	all, err := Discover("../data")
	if err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	n := 0
	for mask := 1; mask < 1<<len(all); mask++ {
		var sub []string
		for i, d := range all {
			if mask&(1<<i) != 0 {
				sub = append(sub, d)
			}
		}
		if testing.Short() && len(sub) != 1 {
			continue
		}
		dirs, err := Datasets(nil, "", "")
		if err == nil {
			t.Fatal("Datasets with no dataset: want an error")
		}
		p, err := ChoosePrimary(sub)
		if err != nil {
			t.Fatal(err)
		}
		if dirs, err = Datasets(sub, "", p); err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, d := range dirs {
			names = append(names, filepath.Base(d))
		}
		name := strings.Join(names, "+")
		d, paper := assemblePaper(t, dirs, cache)
		checkPaper(t, name, d, paper)
		n++
	}
	t.Logf("%d subsets of %d datasets rendered", n, len(all))
}

// TestOddDatasets renders the paper from synthetic datasets that each
// lack something the paper talks about, alone and (unless -short) beside a
// complete one, and (unless -short) writes every format of the oddest.
func TestOddDatasets(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]func(*synth.Config){
		"network-only": func(c *synth.Config) {
			c.Experiments = []string{"network"}
			c.Platforms = []string{dataset.Native, dataset.Docker, dataset.DockerBridge, dataset.Wazero}
		},
		"interpreter-only": func(c *synth.Config) { c.Platforms = []string{dataset.Native, dataset.WazeroInterp} },
		"native-only":      func(c *synth.Config) { c.Platforms = []string{dataset.Native} },
		"c-only":           func(c *synth.Config) { c.Langs = []string{dataset.LangC} },
		"no-docker":        func(c *synth.Config) { c.Platforms = []string{dataset.Native, dataset.Wazero, dataset.WazeroCold} },
		"cpu-only":         func(c *synth.Config) { c.Experiments = []string{"cpu"} },
		"quick-failing": func(c *synth.Config) {
			c.Profile, c.Reps, c.FailRate = "quick", 3, 0.1
		},
	}
	full := synthDir(t, filepath.Join(dir, "complete"), nil)
	cache := t.TempDir()
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range cases {
			if !yield(k) {
				return
			}
		}
	}) {
		d := synthDir(t, filepath.Join(dir, name), cases[name])
		doc1, paper := assemblePaper(t, []string{d}, cache)
		checkPaper(t, name, doc1, paper)
		// What each says of itself, and what it leaves out.
		for _, want := range map[string][]string{
			"network-only":     {"### 3.1 Network", "The primary dataset measured none of the thesis's four experiments"},
			"interpreter-only": {"wazero-interp (an interpreter, as its runner recorded)"},
			"native-only":      {"Nothing to compare: native-only ran cpu on native alone."},
			"c-only":           {"Over the eight CPU kernels, C under wazero took"},
			"no-docker":        {"no container platform run"},
		}[name] {
			if !strings.Contains(paper, want) {
				t.Errorf("%s: paper.md lacks %q", name, want)
			}
		}
		for _, bad := range map[string][]string{
			"network-only":     {"### 3.2 Memory", "Memory footprint of the idle workload", "Appendix A. Verdicts"},
			"interpreter-only": {"Docker's start-up was", "Time to finish a job"},
			"c-only":           {"The Go ports took", "· Go guests"},
			"no-docker":        {"In Docker the kernels took", "Time to finish a job"},
			"cpu-only":         {"Start-up", "### 3.2 Memory"},
		}[name] {
			if strings.Contains(paper, bad) {
				t.Errorf("%s: paper.md has %q", name, bad)
			}
		}
		if !testing.Short() {
			doc2, paper := assemblePaper(t, []string{d, full}, cache)
			checkPaper(t, name+"+complete", doc2, paper)
		}
		if !testing.Short() && (name == "network-only" || name == "native-only") {
			// Every format of a paper with most sections left out.
			out := filepath.Join(dir, "out-"+name)
			if _, err := Render(Config{Data: []string{d}, Out: out, Literature: "../literature", Cache: cache}); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			checkNotebook(t, []byte(read(t, out, "paper.ipynb")))
		}
	}
}

// TestChoosePrimary: the dataset a run has just written is the primary
// one, whatever its name, unless it is a quick run or cannot answer the
// thesis's questions; --primary overrides.
func TestChoosePrimary(t *testing.T) {
	dir := t.TempDir()
	day := func(d int) time.Time { return time.Date(2026, 11, d, 12, 0, 0, 0, time.UTC) }
	mk := func(name string, started time.Time, edit func(*synth.Config)) string {
		return synthDir(t, filepath.Join(dir, name), func(c *synth.Config) {
			c.Started, c.Reps = started, 2
			if edit != nil {
				edit(c)
			}
		})
	}
	old := mk("x86-vm-thesis", day(1), nil)
	// A host named so that its dataset sorts after the committed one.
	newer := mk("zz-thesis", day(2), nil)
	quick := mk("zz-quick", day(3), func(c *synth.Config) { c.Profile = "quick" })
	noDocker := mk("zz-runtimes", day(4), func(c *synth.Config) { c.Platforms = []string{dataset.Native, dataset.Wasmtime} })
	emulated := mk("zz-emulated", day(6), nil)
	env, err := dataset.ReadEnvironment(emulated)
	if err != nil {
		t.Fatal(err)
	}
	env.Host.Emulated = "qemu-aarch64"
	if err := dataset.WriteEnvironment(emulated, env); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		dirs []string
		want string
	}{
		{[]string{old, newer}, newer},
		{[]string{old, newer, quick, noDocker, emulated}, newer},
		{[]string{old, quick}, old},
		{[]string{quick, noDocker}, noDocker}, // no dataset covers the comparison: the newest full-protocol one
		{[]string{quick}, quick},
		{[]string{emulated, quick}, quick},
	} {
		got, err := ChoosePrimary(c.dirs)
		if err != nil || got != c.want {
			t.Errorf("ChoosePrimary(%v) = %s, %v; want %s", c.dirs, got, err, c.want)
		}
	}
	pi := mk("pi", day(5), func(c *synth.Config) {
		c.Profile, c.Arch, c.Device = "pi", "arm64", "Raspberry Pi 3 Model B Plus Rev 1.3"
	})
	if got, _ := ChoosePrimary([]string{old, newer, pi}); got != pi {
		t.Errorf("a newer Pi dataset: primary %s, want %s", got, pi)
	}
	got, err := Datasets(nil, dir, "")
	if err != nil || got[0] != pi {
		t.Errorf("Datasets(--data-dir %s) = %v, %v; want %s first", dir, got, err, pi)
	}
	if got, err = Datasets(nil, dir, old); err != nil || got[0] != old || len(got) != 6 {
		t.Errorf("Datasets(--data-dir, --primary %s) = %v, %v", old, got, err)
	}
	if got, err = Datasets([]string{newer}, "", pi); err != nil || !slices.Equal(got, []string{pi, newer}) {
		t.Errorf("Datasets(--data %s, --primary %s) = %v, %v; want the primary added first", newer, pi, got, err)
	}
	if _, err = Datasets([]string{newer}, "", filepath.Join(dir, "missing")); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("--primary of a missing dataset: err = %v", err)
	}
}

// TestPiPaper: when the primary dataset comes from a Raspberry Pi 3 B+,
// the paper is the Pi's: its abstract and conclusions judge the thesis's
// absolute start-up time, which no other machine can test.
func TestPiPaper(t *testing.T) {
	dir := t.TempDir()
	synthDir(t, filepath.Join(dir, "x86-thesis"), nil)
	pi := synthDir(t, filepath.Join(dir, "pi"), func(c *synth.Config) {
		c.Profile, c.Arch, c.Device = "pi", "arm64", "Raspberry Pi 3 Model B Plus Rev 1.3"
		c.Started = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC) // measured after the x86 dataset
	})
	dirs, err := Datasets(nil, dir, "")
	if err != nil || dirs[0] != pi {
		t.Fatalf("datasets %v, %v: want the Pi's first", dirs, err)
	}
	d, paper := assemblePaper(t, dirs, t.TempDir())
	checkPaper(t, "pi+x86", d, paper)
	e, _, err := Load(Config{Data: dirs, Out: dir, Literature: "../literature"})
	if err != nil {
		t.Fatal(err)
	}
	v, err := e.Print("verdict id=startup-docker-2000")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(v, "not comparable") || strings.Contains(v, "no verdict") {
		t.Errorf("on the Pi, Docker's absolute start-up gets %q; want a verdict", v)
	}
	abstract := strings.SplitN(paper, "\n\n", 3)[1]
	for _, want := range []string{
		"That Docker takes over two seconds to start on the Raspberry Pi is " + strings.TrimSpace(v),
		"pi (Raspberry Pi 3 Model B Plus Rev 1.3) comes from a Raspberry Pi",
	} {
		if !strings.Contains(abstract, want) {
			t.Errorf("the abstract lacks %q:\n%s", want, abstract)
		}
	}
	if strings.Contains(paper, "It does not re-run the thesis on its hardware") {
		t.Error("a Pi paper says it does not re-run the thesis on its hardware")
	}
	if !strings.Contains(paper, fmt.Sprintf("- Docker start-up above two seconds: %s.", strings.TrimSpace(v))) {
		t.Error("the conclusions lack the Pi's verdict on Docker's start-up")
	}
}
