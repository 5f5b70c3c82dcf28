package report

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPaper renders the committed paper against an x86 and a Pi dataset,
// the latter without Docker, and checks computed values and verdicts in
// every format.
func TestPaper(t *testing.T) {
	dir := t.TempDir()
	x86 := writeSynth(t, filepath.Join(dir, "x86"), defaultSynth())
	pi := defaultSynth()
	pi.Seed, pi.Arch, pi.Device = 3, "aarch64", "Raspberry Pi 3 Model B Plus Rev 1.3"
	pi.Platforms = []string{"native", "wazero"}
	piDir := writeSynth(t, filepath.Join(dir, "pi"), pi)
	out := filepath.Join(dir, "out")
	if _, err := Render(Config{Data: []string{x86, piDir}, Out: out, Literature: "../literature"}); err != nil {
		t.Fatal(err)
	}
	md := read(t, out, "paper.md")
	for _, want := range []string{
		"| Wasm takes about twice the native time on the CPU benchmarks | ≈ 2× native |",
		"Docker start-up takes over 2000 ms on the Raspberry Pi | > 2000 ms | §6 | median docker noop > 2000 ms (wall_ms, c guests) |",
		"not comparable: an absolute time on the thesis's Raspberry Pi 3 B+; x86 ran on Synthetic CPU @ 2.0GHz (x86_64)",
		"not comparable: docker memory not measured",
		"CPU overhead of Wasm about 2× — reproduced",
		"edgewasm stats friedman " + filepath.ToSlash(out) + "/csv/x86/cpu-aes-c-kernel_ms.csv",
		"figures/fig-5-1.png", "**Figure 6.**",
		"Raspberry Pi 3 Model B Plus Rev 1.3",
		"AccTEE", "**Figure 1.**", "(thesis Table 5.1)",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("paper.md lacks %q", want)
		}
	}
	// The CPU ratio in the prose is computed, and the same number reaches
	// the PDF.
	m := regexp.MustCompile(`C kernels under wazero took\s+(\d\.\d\d)× \(95 % CI`).FindStringSubmatch(md)
	if m == nil {
		t.Fatal("paper.md: no computed CPU ratio in the prose")
	}
	if m[1] < "2.00" || m[1] > "2.20" {
		t.Errorf("CPU ratio %s×, synthetic data has 2.1×", m[1])
	}
	text := pdfText(t, []byte(read(t, out, "paper.pdf")))
	for _, want := range []string{m[1] + "×", "reproduced", "not comparable", "Synthetic CPU"} {
		if !strings.Contains(text, want) {
			t.Errorf("paper.pdf lacks %q", want)
		}
	}
	checkNotebook(t, []byte(read(t, out, "paper.ipynb")))
	if _, err := os.Stat(filepath.Join(out, "csv", "pi", "cpu-aes-go-kernel_ms.csv")); err != nil {
		t.Error("friedman cell did not write its CSV")
	}
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
	data := writeSynth(b, filepath.Join(dir, "x86"), defaultSynth())
	cfg := Config{Data: []string{data}, Literature: "../literature"}
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
	for _, c := range NewEngine(nil, "", nil).Commands() {
		if !strings.Contains(string(b), "| `"+c) {
			t.Errorf("README.md does not document the command %s", c)
		}
	}
}
