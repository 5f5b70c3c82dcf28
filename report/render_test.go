package report

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/report/cells"
	"github.com/edgewasm/edgewasm/report/doc"
	"github.com/edgewasm/edgewasm/report/internal/synth"
	"github.com/edgewasm/edgewasm/report/model"
)

// testSource exercises every structural feature: title, toc, sections,
// cross-references, inline values, a table, a figure, a text cell,
// citations with their references, an appendix, and prose wrapped over
// several source lines.
const testSource = `# Test paper

` + "```cell\ntoc\n```" + `

## Method

The host is a {{ env field=cpu }} with {{ env field=cores }}
cores; see {{ ref tab:env }} and {{ ref fig:dots }}, as in [@friedman1937].
We recorded {{ samples exp=cpu }} CPU invocations.

` + "```cell #tab:env\nenvironment\ncaption: The machines.\n```" + `

### Deviations

` + "```cell\ndeviations\n```" + `

## Results

` + "```cell #fig:dots\ndots exp=cpu\ncaption: A figure of the CPU data [@wilcoxon1945; @friedman1937].\n```" + `

` + "```cell #tab:fail\nfailures exp=memory\ncaption: Failed memory invocations.\n```" + `

## References {-}

` + "```cell\nreferences\n```" + `

## Appendix: Commands

` + "```cell\nreproduce\n```" + `
`

// dotsCommand is a test command that draws a PNG whose pixels depend on
// the data, standing in for the figures package.
func dotsCommand() cells.Command {
	return cells.Command{
		Needs: func(a cells.Args) []string { return []string{cells.NeedExp(a.KV["exp"])} },
		Run: func(e *cells.Engine, a cells.Args) (*doc.Output, error) {
			o := &doc.Output{}
			for _, s := range e.Model.Sets {
				img := image.NewRGBA(image.Rect(0, 0, 40, 20))
				for i, v := range s.Values(model.Key{Exp: a.KV["exp"], Test: "aes", Lang: "c", Platform: "native", Metric: "wall_ms"}) {
					img.Set(i, int(v)%20, color.Black)
				}
				var b bytes.Buffer
				if err := png.Encode(&b, img); err != nil {
					return nil, err
				}
				o.Figures = append(o.Figures, doc.Figure{Name: "dots-" + s.Label + ".png", Title: s.Label, PNG: b.Bytes()})
				o.Commands = append(o.Commands, cells.Reproduce(s, a))
			}
			return o, nil
		},
	}
}

func renderTest(t *testing.T, cfg Config) (*Result, map[string][]byte) {
	t.Helper()
	if cfg.Literature == "" {
		cfg.Literature = "../literature"
	}
	e, _, err := Load(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.Define("dots", dotsCommand())
	src, err := cells.Parse("test.md", []byte(testSource))
	if err != nil {
		t.Fatal(err)
	}
	res, err := render(e, src, cfg)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range res.Files {
		b, err := os.ReadFile(filepath.Join(cfg.Out, f))
		if err != nil {
			t.Fatal(err)
		}
		files[f] = b
	}
	return res, files
}

func synthDir(t *testing.T, dir string, edit func(*synth.Config)) string {
	t.Helper()
	c := synth.Default(dir)
	if edit != nil {
		edit(&c)
	}
	d, err := synth.Write(c)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestRenderAllFormats(t *testing.T) {
	dir := t.TempDir()
	data := synthDir(t, filepath.Join(dir, "x86"), nil)
	_, files := renderTest(t, Config{Data: []string{data}, Out: filepath.Join(dir, "out")})
	for _, f := range []string{"paper.md", "paper.html", "paper.pdf", "paper.ipynb", "figures/dots-x86.png"} {
		if len(files[f]) == 0 {
			t.Fatalf("%s missing or empty; have %v", f, slices.Sorted(mapsKeys(files)))
		}
	}
	md := string(files["paper.md"])
	// 8 tests × 2 langs × 3 platforms × 10 reps.
	for _, want := range []string{"Synthetic CPU @ 2.0GHz with 2 cores; see [Table 1](#tab-env) and [Figure 1](#fig-dots), as in [1].",
		"We recorded 480 CPU invocations", "## 1 Method", "### 1.1 Deviations", "- [2 Results](#2-results)",
		"**Table 1.** The machines.", "**Figure 1.** A figure of the CPU data [2, 1].", "![", "figures/dots-x86.png",
		"*Wasm runtime*: wazero instead of Wasmer", "64 MiB", "No invocation of the memory experiment failed in x86.",
		"## References\n", "- [1] Friedman, Milton (1937).", "- [2] Wilcoxon, Frank (1945).",
		"## Appendix A. Commands", "The commands that recompute every table and figure of this paper are listed, one by one, in [reproduce.sh](reproduce.sh)"} {
		if !strings.Contains(md, want) {
			t.Errorf("paper.md lacks %q", want)
		}
	}
	if strings.Contains(md, "{{") {
		t.Error("paper.md has an unevaluated {{ expression")
	}

	if sh := string(files["reproduce.sh"]); !strings.Contains(sh, "\n# Figure 1. A figure of the CPU data [2, 1].\nedgewasm report --data ") {
		t.Errorf("reproduce.sh does not list the figure's command:\n%s", sh)
	}

	html := string(files["paper.html"])
	// Provenance on hover: the CPU model is the env command's, read from
	// environment.json; a median of a table says which cell it is.
	for _, want := range []string{
		`<span class="v" title="edgewasm report --data ` + data + ` --cell &#39;env field=cpu&#39;&#10;reads x86: environment.json host.cpu_model">Synthetic CPU @ 2.0GHz</span>`,
		`--cell &#39;samples exp=cpu&#39;&#10;reads x86: cpu / every test / every language / every platform / wall_ms">480</span>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("paper.html lacks %q", want)
		}
	}
	if !strings.Contains(html, `src="data:image/png;base64,`) {
		t.Error("paper.html does not inline the figure")
	}
	for _, bad := range []string{"<link", "<script", `src="http`, `src="figures/`, "@import", "url("} {
		if strings.Contains(html, bad) {
			t.Errorf("paper.html is not self-contained: it has %q", bad)
		}
	}
	if !strings.Contains(html, `id="1-method"`) || !strings.Contains(html, `href="#1-method"`) {
		t.Error("paper.html: table of contents does not link to heading ids")
	}

	nb := checkNotebook(t, files["paper.ipynb"])
	if !strings.Contains(nb, `"image/png"`) || !strings.Contains(nb, `"text/html"`) || !strings.Contains(nb, `"environment`) {
		t.Error("paper.ipynb lacks a figure, table or cell source")
	}

	if strings.Count(md, "Holm, Sture") != 0 {
		t.Error("an uncited work is in the references")
	}
	text := pdfText(t, files["paper.pdf"])
	for _, want := range []string{"Synthetic CPU @ 2.0GHz", "480", "Table 1.", "Figure 1.", "1.1 Deviations", "Appendix A. Commands"} {
		if !strings.Contains(text, want) {
			t.Errorf("paper.pdf text lacks %q", want)
		}
	}
	if n := bytes.Count(files["paper.pdf"], []byte("/Subtype /Image")); n < 1 {
		t.Errorf("paper.pdf has %d image objects, want the figure", n)
	}
}

func mapsKeys(m map[string][]byte) func(func(string) bool) {
	return func(y func(string) bool) {
		for k := range m {
			if !y(k) {
				return
			}
		}
	}
}

// pdfText extracts the text of a PDF with poppler's pdftotext.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		skipOutsideCI(t, "pdftotext (poppler-utils) not installed")
	}
	p := filepath.Join(t.TempDir(), "p.pdf")
	os.WriteFile(p, pdf, 0o644)
	out, err := exec.Command(bin, "-layout", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// checkNotebook validates with Debian's python3-nbformat.
func checkNotebook(t *testing.T, nb []byte) string {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(nb, &v); err != nil {
		t.Fatalf("paper.ipynb is not JSON: %v", err)
	}
	p := filepath.Join(t.TempDir(), "p.ipynb")
	os.WriteFile(p, nb, 0o644)
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import nbformat").Run(); err != nil {
		skipOutsideCI(t, "python3-nbformat not installed")
	}
	out, err := exec.Command(py, "-c", "import sys, nbformat; nb = nbformat.read(sys.argv[1], as_version=nbformat.NO_CONVERT); nbformat.validate(nb); print(nb.nbformat, nb.nbformat_minor)", p).CombinedOutput()
	if err != nil {
		t.Fatalf("nbformat.validate: %v\n%s", err, out)
	}
	if strings.TrimSpace(string(out)) != "4 5" {
		t.Fatalf("nbformat version %q, want 4 5", out)
	}
	return string(nb)
}

func skipOutsideCI(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s (required in CI)", why)
	}
	t.Skip(why)
}

func TestRenderIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	a := synthDir(t, filepath.Join(dir, "a", "x86"), nil)
	b := synthDir(t, filepath.Join(dir, "pi"), func(c *synth.Config) {
		c.Seed, c.Arch, c.Device = 2, "aarch64", "Raspberry Pi 3 Model B Plus Rev 1.3"
	})
	_, one := renderTest(t, Config{Data: []string{a, b}, Out: filepath.Join(dir, "o1")})
	_, two := renderTest(t, Config{Data: []string{a, b}, Out: filepath.Join(dir, "somewhere", "else"), Cache: "off"})
	if len(one) != len(two) {
		t.Fatalf("%d vs %d files", len(one), len(two))
	}
	for name, x := range one {
		if !bytes.Equal(x, two[name]) {
			t.Errorf("%s differs between two renders of the same input", name)
		}
	}
	if !bytes.Contains(one["paper.md"], []byte("| property | x86 | pi |")) {
		t.Error("two datasets are not side by side in the environment table")
	}
	if !bytes.Contains(one["paper.pdf"], []byte("D:2026")) {
		t.Error("paper.pdf creation date is not the datasets' timestamp")
	}
}

func TestCacheRecomputesOnlyWhatChanged(t *testing.T) {
	dir := t.TempDir()
	data := synthDir(t, filepath.Join(dir, "x86"), nil)
	cfg := Config{Data: []string{data}, Out: filepath.Join(dir, "out")}
	cold, first := renderTest(t, cfg)
	if cold.Stats.Cached != 0 || len(cold.Stats.Executed) == 0 {
		t.Fatalf("cold render: %+v", cold.Stats)
	}
	warm, second := renderTest(t, cfg)
	if len(warm.Stats.Executed) != 0 || warm.Stats.Cached != len(cold.Stats.Executed) {
		t.Fatalf("warm render executed %v (cached %d of %d)", warm.Stats.Executed, warm.Stats.Cached, len(cold.Stats.Executed))
	}
	if !bytes.Equal(first["paper.pdf"], second["paper.pdf"]) || !bytes.Equal(first["paper.md"], second["paper.md"]) {
		t.Fatal("cached render differs from the computed one")
	}
	// Change one CPU value: the cells reading cpu rows recompute, those
	// reading only memory rows or the environment do not.
	p := filepath.Join(data, "samples.csv")
	b, _ := os.ReadFile(p)
	re := regexp.MustCompile(`(?m)^(cpu,aes,c,native,1,wall_ms,)[0-9.]+`)
	if !re.Match(b) {
		t.Fatal("fixture has no cpu/aes/c/native rep 1 row")
	}
	os.WriteFile(p, re.ReplaceAll(b, []byte("${1}1234.5")), 0o644)
	changed, _ := renderTest(t, cfg)
	slices.Sort(changed.Stats.Executed)
	want := []string{"dots exp=cpu", "samples exp=cpu"}
	if !slices.Equal(changed.Stats.Executed, want) {
		t.Fatalf("after a cpu edit executed %q, want %q", changed.Stats.Executed, want)
	}
}

func TestBadInputNamesTheFile(t *testing.T) {
	dir := t.TempDir()
	good := synthDir(t, filepath.Join(dir, "good"), nil)
	bad := filepath.Join(dir, "bad")
	os.MkdirAll(bad, 0o755)
	envB, _ := os.ReadFile(filepath.Join(good, "environment.json"))
	os.WriteFile(filepath.Join(bad, "environment.json"), envB, 0o644)
	os.WriteFile(filepath.Join(bad, "samples.csv"), []byte("experiment,test,lang,platform,rep,metric,value,unit,status\ncpu,aes,c,native,1,wall_ms,fast,ms,ok\n"), 0o644)
	empty := filepath.Join(dir, "empty")
	os.MkdirAll(empty, 0o755)
	cases := []struct {
		data []string
		want string
	}{
		{[]string{bad}, "bad/samples.csv:2: column value"},
		{[]string{empty}, "empty/environment.json: missing"},
		{[]string{filepath.Join(dir, "nope")}, "nope/environment.json"},
		{[]string{good, good}, "same name"},
	}
	for _, c := range cases {
		_, err := Render(Config{Data: c.data, Out: filepath.Join(dir, "out")})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: err = %v, want %q", c.data, err, c.want)
		}
	}
	// A claims file given on the command line is named as given.
	claims := filepath.Join(dir, "mine.csv")
	os.WriteFile(claims, []byte("id,claim\n"), 0o644)
	if _, err := Render(Config{Data: []string{good}, Out: filepath.Join(dir, "out"), Claims: claims}); err == nil || !strings.Contains(err.Error(), filepath.ToSlash(claims)+":1: header") {
		t.Errorf("bad claims file: %v", err)
	}
	e, _, err := Load(Config{Data: []string{good}, Out: dir})
	if err != nil {
		t.Fatal(err)
	}
	for src, want := range map[string]string{
		"x\n```cell #fig:a\nenvironment\ncaption: c\n```\n": "test.md:2: cell fig:a is labelled as a figure",
		"x\n\n{{ nosuch a=b }}\n":                           "test.md:3: {{ nosuch a=b }}: unknown command",
		"{{ environment }}\n":                               "block command",
		"{{ ref fig:zz }}\n":                                "no cell or section has this label",
		"```cell\nfailures\n```\n":                          "missing argument exp=",
		"```cell\nenvironment colour=red\n```\n":            "unknown argument colour=",
		"{{ env field=cpu data=other }}\n":                  "data=other: no dataset \"other\"; loaded: good",
		"x [@nope] y\n":                                     "test.md:1: citation [@nope], but the paper has no references cell",
	} {
		s, err := cells.Parse("test.md", []byte(src))
		if err == nil {
			_, err = e.Assemble(s, cells.Cache{}, &cells.Stats{})
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err = %v, want %q", src, err, want)
		}
	}
}

// A missing literature folder (edgewasm report run outside the
// repository) is a clear error naming the folder, not a failing cell.
func TestMissingLiteratureFolder(t *testing.T) {
	cfg := Config{Data: []string{"../data/x86-vm-thesis"}, Out: t.TempDir(), Literature: filepath.Join(t.TempDir(), "nowhere")}
	err := cfg.Validate()
	if err == nil || !strings.Contains(err.Error(), "nowhere") || !strings.Contains(err.Error(), "--literature") {
		t.Fatalf("Validate = %v, want an error naming the folder and --literature", err)
	}
	cfg.Literature = "../literature"
	if err := cfg.Validate(); err != nil {
		t.Fatalf("Validate with the repository's literature/: %v", err)
	}
}
