package figures

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"flag"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/report/internal/synth"
	"github.com/edgewasm/edgewasm/report/model"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// allPlatforms are the platforms of the synthetic x86 dataset: a fixed
// list, so the goldens do not change when edgewasm learns a platform.
var allPlatforms = []string{dataset.Native, dataset.Docker, dataset.Wazero, dataset.WazeroCold, dataset.WazeroInterp}

// testModel holds an x86-like host with every platform, both languages
// and a few failed invocations, and a Pi-like board without Docker or the
// interpreter, C only. edit, if not nil, changes the x86 samples first.
func testModel(t testing.TB, edit func([]dataset.Sample)) *model.Model {
	t.Helper()
	x86, err := synth.Dataset(synth.Config{Seed: 1, Reps: 10, Platforms: allPlatforms, Langs: []string{"c", "go"}, FailRate: 0.02, Dir: "data/x86-thesis"})
	if err != nil {
		t.Fatal(err)
	}
	pi, err := synth.Dataset(synth.Config{Seed: 2, Reps: 5, Platforms: []string{"native", "wazero", "wazero-cold"}, Langs: []string{"c"}, Dir: "data/pi3-thesis"})
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(x86.Samples)
	}
	m, err := model.New([]*dataset.Dataset{x86, pi}, model.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func drawAll(t testing.TB, m *model.Model, dir string) []*Figure {
	t.Helper()
	var figs []*Figure
	for _, s := range Specs {
		f, err := Draw(m, nil, s, DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Save(dir, 72); err != nil {
			t.Fatal(err)
		}
		figs = append(figs, f)
	}
	return figs
}

func TestGoldenCSV(t *testing.T) {
	for _, f := range drawAll(t, testModel(t, nil), t.TempDir()) {
		got, err := os.ReadFile(f.CSV)
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", f.ID+".csv.golden")
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (run go test -update if the change is intended)\n%s", f.CSV, golden, firstDiff(got, want))
		}
		for _, p := range []string{f.SVG, f.PNG} {
			if st, err := os.Stat(p); err != nil || st.Size() == 0 {
				t.Errorf("%s: %v", p, err)
			}
		}
	}
}

func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return "line " + strconv.Itoa(i+1) + ":\n got " + g[i] + "\nwant " + w[i]
		}
	}
	return "lengths differ: " + strconv.Itoa(len(g)) + " vs " + strconv.Itoa(len(w)) + " lines"
}

func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	drawAll(t, testModel(t, nil), a)
	drawAll(t, testModel(t, nil), b)
	for _, id := range IDs() {
		for _, ext := range []string{".csv", ".svg"} {
			x, _ := os.ReadFile(filepath.Join(a, id+ext))
			y, _ := os.ReadFile(filepath.Join(b, id+ext))
			if len(x) == 0 || !bytes.Equal(x, y) {
				t.Errorf("%s%s: two renderings differ (or are empty)", id, ext)
			}
		}
	}
}

// svgTexts returns the contents of every <text> element.
func svgTexts(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	var out []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("%s does not parse as XML: %v", path, err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "text" {
			var s string
			if err := dec.DecodeElement(&s, &se); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
	}
}

func TestSVGLabels(t *testing.T) {
	figs := drawAll(t, testModel(t, nil), t.TempDir())
	want := map[string][]string{
		"fig-5-1":        {"aes", "xor", "x86-thesis · Go guests · kernel_ms", "pi3-thesis · C guests · kernel_ms", "median / native median", "1×", "2×"},
		"fig-5-2":        {"median, MiB (log)", "x86-thesis · C guests", "x86-thesis · Go guests", "native", "docker", "wazero"},
		"fig-5-3":        {"write", "read"},
		"fig-5-4":        {"wall_ms, ms (log)", "x86-thesis · Go guests", "pi3-thesis · C guests", "1", "100", "native", "wazero"},
		"fig-break-even": {"native job length t, s (log)", "time to finish, s (log)", "t* against docker: wazero ", "x86-thesis · C guests"},
	}
	for _, f := range figs {
		texts := svgTexts(t, f.SVG)
		joined := strings.Join(texts, "\n")
		if !strings.Contains(joined, f.Title) {
			t.Errorf("%s: no title %q", f.ID, f.Title)
		}
		for _, w := range want[f.ID] {
			if !slices.Contains(texts, w) && !strings.Contains(joined, w) {
				t.Errorf("%s: no text %q", f.ID, w)
			}
		}
		for _, bad := range []string{"undefined", "NaN", "+Inf"} {
			if strings.Contains(joined, bad) {
				t.Errorf("%s: label %q", f.ID, bad)
			}
		}
	}
}

// A platform a dataset did not measure gets no slot in its panels: the
// Pi's ratio panel has dots for wazero and wazero-cold only.
func TestNoEmptySlots(t *testing.T) {
	m := testModel(t, nil)
	f, err := Draw(m, m.Sets[1:], Specs[0], DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(f.panels) != 1 || !slices.Equal(f.legend, []string{"wazero", "wazero-cold"}) {
		t.Errorf("%d panels, legend %v", len(f.panels), f.legend)
	}
	for _, r := range f.Table.Rows {
		if r[4] == "docker" {
			t.Errorf("row for an unmeasured platform: %v", r)
		}
	}
	// An experiment no dataset measured is an error, not an empty figure.
	if _, err := Draw(m, nil, Spec{ID: "x", Kind: KindRatio, Exp: "network", Metric: "wall_ms"}, DefaultOptions()); err == nil || !strings.Contains(err.Error(), "not measured") {
		t.Errorf("unmeasured experiment: %v", err)
	}
}

// readCSV reads a figure's CSV into maps by column name.
func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func TestMissingAndFailedCells(t *testing.T) {
	// Every invocation of one cell fails; another loses three of ten.
	m := testModel(t, func(ss []dataset.Sample) {
		for i, s := range ss {
			if s.Experiment == "cpu" && s.Platform == "wazero" && s.Lang == "c" && (s.Test == "aes" || (s.Test == "xor" && s.Rep <= 3)) {
				ss[i].Status, ss[i].Value = dataset.Failed("trap"), math.NaN()
			}
		}
	})
	dir := t.TempDir()
	f, err := Draw(m, nil, Specs[0], DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Save(dir, 72); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, f.CSV)
	find := func(label, lang, test, platform string) map[string]string {
		for _, r := range rows {
			if r["dataset"] == label && r["lang"] == lang && r["test"] == test && r["platform"] == platform {
				return r
			}
		}
		t.Fatalf("no row %s %s %s %s", label, lang, test, platform)
		return nil
	}
	if r := find("x86-thesis", "c", "aes", "wazero"); r["status"] != "all failed" || r["n_ok"] != "0" || r["n"] != "10" || r["ratio"] != "" {
		t.Errorf("all-failed cell: %v", r)
	}
	if r := find("x86-thesis", "c", "xor", "wazero"); r["status"] != "ok" || r["n_ok"] != "7" || r["n"] != "10" {
		t.Errorf("partly failed cell: %v", r)
	}
	// A platform with nothing to draw in a test is named under the
	// panel's title (no rotated label in its slot); a partly failed cell
	// carries n_ok/n.
	texts := svgTexts(t, f.SVG)
	joined := strings.Join(texts, "\n")
	for _, w := range []string{"all failed: wazero", "7/10"} {
		if !strings.Contains(joined, w) {
			t.Errorf("SVG lacks label %q", w)
		}
	}
}

func TestLogTicks(t *testing.T) {
	labels := func(lo, hi float64) []string {
		var out []string
		for _, tk := range (logTicks{suffix: "×"}).Ticks(lo, hi) {
			if tk.Label != "" {
				out = append(out, tk.Label)
			}
		}
		return out
	}
	if got := labels(0.9, 3.3); !slices.Equal(got, []string{"1×", "1.5×", "2×", "3×"}) {
		t.Errorf("one decade: %v", got)
	}
	if got := labels(0.8, 450); !slices.Equal(got, []string{"1×", "3×", "10×", "30×", "100×", "300×"}) {
		t.Errorf("three decades: %v", got)
	}
	if got := labels(0.5, 20); !slices.Equal(got, []string{"0.5×", "1×", "2×", "5×", "10×", "20×"}) {
		t.Errorf("1.6 decades: %v", got)
	}
}

// BenchmarkDraw draws every figure of a thesis-sized dataset.
func BenchmarkDraw(b *testing.B) {
	for b.Loop() {
		m := testModel(b, nil)
		drawAll(b, m, b.TempDir())
	}
}

// The numbers a distribution figure prints are the model's, and they are
// those of the box gonum/plot draws: its quartiles, median and extremes.
func TestDistributionNumbersAreTheBoxes(t *testing.T) {
	s := testModel(t, nil).Primary()
	n := 0
	for _, test := range s.Tests("startup") {
		for _, p := range s.Platforms("startup") {
			k := model.Key{Exp: "startup", Test: test, Lang: "c", Platform: p, Metric: dataset.WallMS}
			vals := s.Values(k)
			for cut := 1; cut <= len(vals); cut++ { // every sample size, odd and even
				sub := &dataset.Dataset{Dir: "cut", Env: s.Env}
				for i, v := range vals[:cut] {
					sub.Samples = append(sub.Samples, dataset.Sample{Experiment: k.Exp, Test: k.Test, Lang: k.Lang, Platform: k.Platform, Rep: i + 1, Metric: k.Metric, Value: v, Unit: dataset.UnitMS, Status: dataset.StatusOK})
				}
				m, err := model.New([]*dataset.Dataset{sub}, model.DefaultOptions())
				if err != nil {
					t.Fatal(err)
				}
				got := m.Primary().Box(k)
				b, err := plotter.NewBoxPlot(vg.Points(16), 0, plotter.Values(vals[:cut]))
				if err != nil {
					t.Fatal(err)
				}
				if want := (model.Box{Min: b.Min, Q1: b.Quartile1, Median: b.Median, Q3: b.Quartile3, Max: b.Max}); got != want {
					t.Errorf("%s, %d values: model %+v, box plot %+v", k, cut, got, want)
				}
				n++
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d boxes compared", n)
	}
}

// The legend breaks into rows that fit the figure: with every platform
// edgewasm knows, none is cut at the edge ("ıative", "wasmer-singlep").
func TestLegendRowsFitTheWidth(t *testing.T) {
	names := append(dataset.PlatformNames(), "wasmer-cold", "a-platform-with-a-long-name")
	rows := legendRows(fullWidth-8, names)
	if len(rows) < 2 {
		t.Fatalf("%d platforms in %d legend row(s)", len(names), len(rows))
	}
	var all []string
	for _, r := range rows {
		w := -legendGap
		for _, p := range r {
			w += legendEntry(p) + legendGap
		}
		if w > fullWidth-8 {
			t.Errorf("legend row %v is %.0f pt wide, the figure %.0f", r, w, fullWidth-8)
		}
		all = append(all, r...)
	}
	if !slices.Equal(all, names) {
		t.Errorf("legend rows %v lose or reorder platforms", rows)
	}
}

// The claim map refuses a row that does not cover its columns, and draws
// the words of the verdicts, the groups and every platform.
func TestClaimMapDraws(t *testing.T) {
	m := ClaimMap{Title: "map",
		Groups: []MapGroup{{Title: "x86 · C", Platforms: []string{"wazero", "wasmer-singlepass"}}, {Title: "x86 · Go", Platforms: []string{"wazero"}}},
		Legend: map[string]string{MapSame: "same direction", MapNotComparable: "not comparable", MapWithin: "in band"},
		Rows: []MapRow{
			{Label: "cpu-wasm-2x", Cells: []MapCell{{Direction: MapSame, Size: MapWithin, Value: "2.04×", Mark: " 4/8"}, {Direction: MapSame, Size: MapLarger, Value: "4.7×"}, {Direction: MapOpposite, Value: "0.4×"}}},
			{Label: "cpu-docker-native", Cells: []MapCell{{Direction: MapNotComparable, Span: 2}, {Empty: true}}},
		},
		Table: Table{Header: []string{"claim"}, Rows: [][]string{{"cpu-wasm-2x"}}},
	}
	f, err := DrawClaimMap(m)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := f.Save(dir, 72); err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(svgTexts(t, f.SVG), "\n")
	for _, want := range []string{"x86 · C", "x86 · Go", "wazero", "wasmer-", "singlepass", "2.04× 4/8", "in band", "above", "n/c", "same direction", "not comparable", "cpu-docker-native"} {
		if !strings.Contains(joined, want) {
			t.Errorf("the claim map lacks %q", want)
		}
	}
	bad := m
	bad.Rows = append(slices.Clone(m.Rows), MapRow{Label: "short", Cells: []MapCell{{Direction: MapSame}}})
	if _, err := DrawClaimMap(bad); err == nil || !strings.Contains(err.Error(), `row "short" covers 1 columns of 3`) {
		t.Errorf("a short row: err = %v", err)
	}
}
