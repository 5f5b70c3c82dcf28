package report

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/report/cells"
	"github.com/edgewasm/edgewasm/report/internal/synth"
)

// afterRegistration is when the test datasets started: after every
// criterion of the committed registry, as a new dataset would.
var afterRegistration = time.Date(2026, 12, 8, 9, 0, 0, 0, time.UTC)

// testData writes an x86 dataset with every platform but the interpreter
// and a Pi dataset without Docker, and returns their directories.
func testData(t testing.TB, dir string) (x86, pi string) {
	t.Helper()
	c := synth.Default(filepath.Join(dir, "x86"))
	c.Started = afterRegistration
	c.Platforms = append(c.Platforms, "wazero-cold")
	x86, err := synth.Write(c)
	if err != nil {
		t.Fatal(err)
	}
	p := synth.Default(filepath.Join(dir, "pi"))
	p.Seed, p.Arch, p.Device, p.Started = 3, "aarch64", "Raspberry Pi 3 Model B Plus Rev 1.3", afterRegistration
	p.Platforms = []string{"native", "wazero"}
	if pi, err = synth.Write(p); err != nil {
		t.Fatal(err)
	}
	return x86, pi
}

// runtimesData writes the runtime comparison's dataset: native and the
// Wasmtime and Wasmer platforms, 3 repetitions.
func runtimesData(t testing.TB, dir string) string {
	t.Helper()
	c := synth.Default(filepath.Join(dir, "runtimes"))
	c.Seed, c.Reps, c.Started = 5, 3, afterRegistration
	c.Platforms = []string{"native", "wasmtime", "wasmer", "wasmer-singlepass"}
	rt, err := synth.Write(c)
	if err != nil {
		t.Fatal(err)
	}
	return rt
}

// TestPaper renders the committed paper against an x86 and a Pi dataset
// and checks computed values, verdicts and layout promises in every format.
func TestPaper(t *testing.T) {
	dir := t.TempDir()
	x86, pi := testData(t, dir)
	rt := runtimesData(t, dir)
	out := filepath.Join(dir, "out")
	if _, err := Render(Config{Data: []string{x86, pi, rt}, Out: out, Literature: "../literature"}); err != nil {
		t.Fatal(err)
	}
	md := read(t, out, "paper.md")
	// The runtime comparison reads the dataset that ran the runtimes.
	if !regexp.MustCompile(`C under Wasmtime took \d\.\d\d× \(95 % CI`).MatchString(md) || strings.Contains(md, "No dataset ran platform") {
		t.Error("paper.md: the runtime comparison has no computed ratio")
	}
	for _, want := range []string{
		"on 2 machines (",                     // the title names both hosts
		"Raspberry Pi 3 Model B Plus Rev 1.3", // the Pi dataset is named
		"| cpu-wasm-2x | ≈ 2× native | 1.5 ≤ wasm/native ≤ 2.5 (kernel_ms) |",
		"figures/claim-map.png", "figures/fig-5-1-x86+pi.png", "**Figure 6.**", "**Table 1.**",
		"AccTEE", "(the thesis's Table 5.1)",
		"| startup-docker-10x-cli |",
		"## Appendix A. The setup of each dataset",
		"- [1] Napieralla, Jonah (2020).",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("paper.md lacks %q", want)
		}
	}
	// The CPU ratio in the prose is computed, and reaches the PDF.
	m := regexp.MustCompile(`C under wazero took (\d\.\d\d)× \(95 % CI`).FindStringSubmatch(md)
	if m == nil {
		t.Fatal("paper.md: no computed CPU ratio in the prose")
	}
	if m[1] < "1.20" || m[1] > "2.00" {
		t.Errorf("CPU ratio %s×, synthetic wazero is 1.2–2×", m[1])
	}
	// No source line break reaches the rendered prose: the abstract is
	// one paragraph on one line.
	if !regexp.MustCompile(`(?m)^\*\*Abstract\.\*\* .*every quantitative claim of the thesis for each guest language.*$`).MatchString(md) {
		t.Error("the abstract's source line breaks leaked into paper.md")
	}
	// Every reference is cited, each once in the list; the thesis's
	// duplicate entries (the -dup keys) do not appear.
	refs := md[strings.Index(md, "## References"):strings.Index(md, "## Appendix A.")]
	if strings.Contains(refs, "-dup") || strings.Count(refs, "“AccTEE") != 1 {
		t.Errorf("references list a work twice:\n%s", refs)
	}
	for _, n := range regexp.MustCompile(`(?m)^- \[(\d+)\]`).FindAllStringSubmatch(refs, -1) {
		if !strings.Contains(md[:strings.Index(md, "## References")], "["+n[1]+"]") && !strings.Contains(md[strings.Index(md, "## Appendix A."):], "["+n[1]+"]") {
			t.Errorf("reference [%s] is never cited", n[1])
		}
	}
	// Every judgement is in the claim map's CSV: the verdict on the CPU
	// claim, and why the Pi's absolute time cannot be judged on x86.
	verdicts := read(t, out, "figures/claim-map.csv")
	for _, want := range []string{
		"x86,2026-12-08 09:00,cpu-wasm-2x,,",
		"same direction,within the band,\"same direction, within the band\"",
		"an absolute time on the thesis's Raspberry Pi 3 B+; x86 ran on Synthetic CPU @ 2.0GHz (x86_64)",
	} {
		if !strings.Contains(verdicts, want) {
			t.Errorf("figures/claim-map.csv lacks %q", want)
		}
	}
	text := pdfText(t, []byte(read(t, out, "paper.pdf")))
	for _, want := range []string{m[1] + "×", "same direction", "not comparable", "Synthetic CPU", "Appendix A. The setup of each dataset"} {
		if !strings.Contains(text, want) {
			t.Errorf("paper.pdf lacks %q", want)
		}
	}
	if sh := read(t, out, "reproduce.sh"); !strings.Contains(sh, "edgewasm stats friedman csv/x86/cpu-aes-c-kernel_ms.csv") {
		t.Error("reproduce.sh lacks the Friedman test's command")
	}
	checkNotebook(t, []byte(read(t, out, "paper.ipynb")))
	if _, err := os.Stat(filepath.Join(out, "csv", "posthoc", "x86-cpu-kernel_ms-wilcoxon.csv")); err != nil {
		t.Error("posthoc cell did not write its complete table")
	}
}

// The same inputs give the same bytes whatever the output folder: nothing
// in the paper names it.
func TestPaperBytesDoNotDependOnTheOutputFolder(t *testing.T) {
	lit, err := filepath.Abs("../literature")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	testData(t, dir)
	// Datasets named as make report names them, relative to the working
	// directory; the two outputs anywhere.
	t.Chdir(dir)
	one := filepath.Join(dir, "o")
	two := filepath.Join(t.TempDir(), "elsewhere", "much", "deeper", "paper")
	for _, c := range []Config{{Out: one}, {Out: two, Cache: "off"}} {
		c.Data, c.Literature = []string{"x86", "pi"}, lit
		if _, err := Render(c); err != nil {
			t.Fatal(err)
		}
	}
	a, b := tree(t, one), tree(t, two)
	if len(a) != len(b) || len(a) < 10 {
		t.Fatalf("%d vs %d files", len(a), len(b))
	}
	for name, x := range a {
		if !bytes.Equal(x, b[name]) {
			t.Errorf("%s differs between %s and %s", name, one, two)
		}
		if bytes.Contains(x, []byte(dir)) && !strings.HasSuffix(name, ".png") {
			t.Errorf("%s names a path under the test's folder", name)
		}
	}
}

// tree reads every file under dir but the cache.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if d.IsDir() && d.Name() == ".cache" {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[rel] = b
		}
		return nil
	})
	return out
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// BenchmarkRender renders the committed paper from a thesis-sized dataset
// in all four formats, with an empty and with a warm cell cache.
func BenchmarkRender(b *testing.B) {
	dir := b.TempDir()
	x86, _ := testData(b, dir)
	cfg := Config{Data: []string{x86}, Literature: "../literature"}
	b.Run("cold", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			cfg.Out = filepath.Join(dir, "cold", strings.Repeat("x", i%2+1), string(rune('a'+i%26)))
			os.RemoveAll(cfg.Out)
			if _, err := Render(cfg); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("warm", func(b *testing.B) {
		cfg.Out = filepath.Join(dir, "warm")
		if _, err := Render(cfg); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := Render(cfg); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestREADMEListsEveryCommand keeps the cell-language documentation in
// step with the code.
func TestREADMEListsEveryCommand(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cells.NewEngine(nil, cells.Inputs{}).Commands() {
		if !strings.Contains(string(b), "| `"+c) {
			t.Errorf("README.md does not document the command %s", c)
		}
	}
}

// The README's findings are the model's: rendering them from the
// committed datasets gives the committed text (make report rewrites it).
func TestREADMEFindingsAreGenerated(t *testing.T) {
	dirs, err := Discover("../data")
	if err != nil {
		t.Skip("no committed dataset:", err)
	}
	e, _, err := Load(Config{Data: dirs, Out: t.TempDir(), Literature: "../literature"})
	if err != nil {
		t.Fatal(err)
	}
	want, err := findings(e, cells.Cache{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i, j := strings.Index(s, FindingsBegin), strings.Index(s, FindingsEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md has no findings block (%q … %q)", FindingsBegin, FindingsEnd)
	}
	if got := strings.TrimSpace(s[i+len(FindingsBegin) : j]); got != want {
		t.Errorf("README.md's findings differ from the data; run make report.\ngot:\n%s\nwant:\n%s", got, want)
	}
}
