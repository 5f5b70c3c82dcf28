package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/report/cells"
	"github.com/edgewasm/edgewasm/report/doc"
	"github.com/edgewasm/edgewasm/report/internal/synth"
	"github.com/edgewasm/edgewasm/report/write/pdf"
)

// The page budget of issue 24: a main text of at most 16 pages, the
// references apart, and appendices of at most 10.
const (
	maxMainPages     = 16
	maxAppendixPages = 10
)

// allPlatforms writes a stand-in for a definitive run: every platform
// but the interpreter, every experiment, the thesis's repetitions, started
// after every registered criterion; and a quick run of the interpreter.
func allPlatforms(t *testing.T, dir string) []string {
	t.Helper()
	c := synth.Default(filepath.Join(dir, "all-thesis"))
	c.Started = afterRegistration.Add(24 * time.Hour)
	c.Platforms = []string{dataset.Native, dataset.Docker, dataset.DockerBridge, dataset.Wazero, dataset.WazeroCold,
		dataset.Wasmtime, dataset.Wasmer, dataset.WasmerSinglepass}
	c.Experiments = []string{"cpu", "memory", "fsio", "startup", "network"}
	thesis, err := synth.Write(c)
	if err != nil {
		t.Fatal(err)
	}
	q := synth.Default(filepath.Join(dir, "all-quick"))
	q.Seed, q.Reps, q.Profile, q.Started = 7, 3, "quick", c.Started.Add(time.Hour)
	q.Platforms = []string{dataset.Native, dataset.WazeroInterp}
	q.Experiments = c.Experiments
	quick, err := synth.Write(q)
	if err != nil {
		t.Fatal(err)
	}
	return []string{thesis, quick}
}

// layout assembles the paper on dirs (the first primary) and counts its
// PDF pages.
func layout(t *testing.T, dirs []string) (*doc.Document, pdf.Pages) {
	t.Helper()
	e, src, err := Load(Config{Data: dirs, Out: t.TempDir(), Literature: "../literature"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := e.Assemble(src, cells.Cache{}, &cells.Stats{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := pdf.Layout(d)
	if err != nil {
		t.Fatal(err)
	}
	return d, p
}

// The paper keeps its page budget with every platform in one dataset (the
// definitive run's shape) and, unless -short, with the committed data.
func TestPaperFitsItsPageBudget(t *testing.T) {
	sets := map[string][]string{"every platform": allPlatforms(t, t.TempDir())}
	if !testing.Short() {
		all, err := Discover("../data")
		if err != nil {
			t.Fatal(err)
		}
		p, err := ChoosePrimary(all)
		if err != nil {
			t.Fatal(err)
		}
		if sets["committed data"], err = Datasets(all, "", p); err != nil {
			t.Fatal(err)
		}
	}
	for name, dirs := range sets {
		_, p := layout(t, dirs)
		t.Logf("%s: main text %d pages, references %d, appendices %d (%d in all)", name, p.Main, p.References, p.Appendices, p.Total)
		if p.Main > maxMainPages || p.Appendices > maxAppendixPages || p.References == 0 {
			t.Errorf("%s: main text %d pages (at most %d), appendices %d (at most %d), references %d",
				name, p.Main, maxMainPages, p.Appendices, maxAppendixPages, p.References)
		}
	}
}

// A URL is never broken inside a word: a URL longer than a line, after
// words that fill part of one, breaks only after a separator.
func TestURLsBreakAtSeparators(t *testing.T) {
	dir := t.TempDir()
	url := "https://example.org/a-very/long/path/that-does-not/fit/on-one-line/of-the-page/at-all/nor/on/the/next/line/either/index.html"
	src := filepath.Join(dir, "paper.src.md")
	if err := os.WriteFile(src, []byte("# A paper\n\nSome words to fill part of the line first, then the URL "+url+" and after it a few words more.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if _, err := Render(Config{Data: allPlatforms(t, dir)[:1], Out: out, Source: src, Literature: "../literature", Cache: "off"}); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, []byte(read(t, out, "paper.pdf")))
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	joined := strings.Join(lines, "\n")
	i := strings.Index(joined, "https://")
	if i < 0 {
		t.Fatalf("no URL in the PDF:\n%s", text)
	}
	rest := joined[i:]
	var pieces []string
	for got := ""; got != url; {
		line, more, _ := strings.Cut(rest, "\n")
		piece := strings.Fields(line)[0]
		if !strings.HasPrefix(url, got+piece) {
			t.Fatalf("the URL comes out as %q after %q", piece, got)
		}
		pieces, got, rest = append(pieces, piece), got+piece, more
	}
	if len(pieces) < 2 {
		t.Fatalf("the URL fits one line (%q): make it longer", pieces)
	}
	for _, p := range pieces[:len(pieces)-1] {
		if !strings.ContainsRune("/.-_?&=#", rune(p[len(p)-1])) {
			t.Errorf("the URL breaks inside a word after %q (pieces %q)", p, pieces)
		}
	}
}

// A render removes from its own folders what an earlier render into the
// same folder wrote and this one did not (a figure of a dataset no longer
// given), and leaves files of other kinds alone.
func TestRenderRemovesStaleFiles(t *testing.T) {
	dir := t.TempDir()
	dirs := allPlatforms(t, dir)
	out := filepath.Join(dir, "out")
	src := filepath.Join(dir, "paper.src.md")
	if err := os.WriteFile(src, []byte("# A paper\n\n```cell #fig:cpu\nfigure id=fig-5-1 data=primary\ncaption: CPU.\n```\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Render(Config{Data: dirs, Out: out, Source: src, Literature: "../literature", Cache: "off"}); err != nil {
		t.Fatal(err)
	}
	// With two datasets the primary one's figure is named after it.
	primaryFig := filepath.Join(out, "figures", "fig-5-1-all-thesis.png")
	if _, err := os.Stat(primaryFig); err != nil {
		t.Fatalf("the first render wrote no %s: %v", primaryFig, err)
	}
	mine := filepath.Join(out, "figures", "notes.md")
	if err := os.WriteFile(mine, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Render(Config{Data: dirs[:1], Out: out, Source: src, Literature: "../literature", Cache: "off"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(primaryFig); !os.IsNotExist(err) {
		t.Errorf("the primary dataset's figure of the first render is still there after a render of it alone: %v (wrote %v)", err, res.Files)
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("a file of another kind was removed: %v", err)
	}
}
