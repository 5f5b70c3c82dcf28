package figures

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/experiments/dataset"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// testDatasets are an x86-like host with every platform, both languages
// and a few failed invocations, and a Pi-like board without Docker or the
// interpreter, C only.
func testDatasets(t testing.TB) []*dataset.Dataset {
	t.Helper()
	x86, err := Synthetic(SynthConfig{Seed: 1, Reps: 10, Platforms: PlatformOrder, Langs: []string{"c", "go"}, FailRate: 0.02, Dir: "data/x86-thesis"})
	if err != nil {
		t.Fatal(err)
	}
	pi, err := Synthetic(SynthConfig{Seed: 2, Reps: 5, Platforms: []string{"native", "wazero", "wazero-cold"}, Langs: []string{"c"}, Dir: "data/pi3-thesis"})
	if err != nil {
		t.Fatal(err)
	}
	return []*dataset.Dataset{x86, pi}
}

func TestGoldenCSV(t *testing.T) {
	dir := t.TempDir()
	figs, err := All(testDatasets(t), dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(figs) != len(Producers) {
		t.Fatalf("%d figures, want %d", len(figs), len(Producers))
	}
	for _, f := range figs {
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
	for _, dir := range []string{a, b} {
		if _, err := All(testDatasets(t), dir); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range Producers {
		fig, err := f(testDatasets(t), DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		for _, ext := range []string{".csv", ".svg"} {
			x, _ := os.ReadFile(filepath.Join(a, fig.ID+ext))
			y, _ := os.ReadFile(filepath.Join(b, fig.ID+ext))
			if len(x) == 0 || !bytes.Equal(x, y) {
				t.Errorf("%s%s: two renderings differ (or are empty)", fig.ID, ext)
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
	dir := t.TempDir()
	figs, err := All(testDatasets(t), dir)
	if err != nil {
		t.Fatal(err)
	}
	common := append([]string{"x86-thesis · c", "pi3-thesis · c"}, PlatformOrder...)
	want := map[string][]string{
		"fig-5-1":          {"aes", "xor", "x86-thesis · go · kernel only (kernel_ms)", "not measured", "median / native median"},
		"fig-5-2":          {"median MiB", "x86-thesis · footprint (footprint_kib) · absolute", "not measured"},
		"fig-5-3":          {"write", "read", "not measured"},
		"fig-5-4":          {"median ms", "not measured"},
		"fig-startup-dist": {"wall ms", "not measured"},
		"fig-break-even":   {"docker not measured", "native job length t, s (log)"},
	}
	for _, f := range figs {
		texts := strings.Join(svgTexts(t, f.SVG), "\n")
		if !strings.Contains(texts, f.Title) {
			t.Errorf("%s: no title %q", f.ID, f.Title)
		}
		for _, w := range append(slices.Clone(want[f.ID]), common...) {
			if f.ID == "fig-5-2" || f.ID == "fig-5-4" {
				if strings.HasSuffix(w, " · c") {
					continue // panels titled by dataset only
				}
			}
			if !strings.Contains(texts, w) {
				t.Errorf("%s: no text %q", f.ID, w)
			}
		}
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
	ds := testDatasets(t)
	// Every invocation of one cell fails; another loses three of ten.
	for i, s := range ds[0].Samples {
		if s.Experiment == "cpu" && s.Platform == "wazero" && s.Lang == "c" && (s.Test == "aes" || (s.Test == "xor" && s.Rep <= 3)) {
			ds[0].Samples[i].Status, ds[0].Samples[i].Value = dataset.Failed("trap"), math.NaN()
		}
	}
	dir := t.TempDir()
	f, err := Fig51(ds, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Save(dir, 72); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, f.CSV)
	find := func(label, metric, lang, test, platform string) map[string]string {
		for _, r := range rows {
			if r["dataset"] == label && r["metric"] == metric && r["lang"] == lang && r["test"] == test && r["platform"] == platform {
				return r
			}
		}
		t.Fatalf("no row %s %s %s %s %s", label, metric, lang, test, platform)
		return nil
	}
	if r := find("x86-thesis", "wall_ms", "c", "aes", "wazero"); r["status"] != "all failed" || r["n_ok"] != "0" || r["n"] != "10" || r["ratio"] != "" {
		t.Errorf("all-failed cell: %v", r)
	}
	if r := find("x86-thesis", "kernel_ms", "c", "xor", "wazero"); r["status"] != "ok" || r["n_ok"] != "7" || r["n"] != "10" {
		t.Errorf("partly failed cell: %v", r)
	}
	if r := find("pi3-thesis", "wall_ms", "c", "aes", "docker"); r["status"] != "not measured" || r["n"] != "0" || r["median"] != "" {
		t.Errorf("missing platform: %v", r)
	}
	if r := find("pi3-thesis", "wall_ms", "go", "sha256", "native"); r["status"] != "not measured" {
		t.Errorf("missing language: %v", r)
	}
	texts := svgTexts(t, f.SVG)
	for _, w := range []string{"all failed 0/10", "7/10", "not measured"} {
		if !slices.Contains(texts, w) {
			t.Errorf("SVG lacks label %q", w)
		}
	}
}

func TestRejectsBadOKValues(t *testing.T) {
	for _, v := range []float64{math.NaN(), -1, math.Inf(1)} {
		ds := testDatasets(t)
		for i, s := range ds[0].Samples {
			if s.Experiment == "cpu" && s.Test == "sha256" && s.Lang == "go" && s.Platform == "wazero" && s.Rep == 3 && s.Metric == "kernel_ms" {
				ds[0].Samples[i].Value = v
				ds[0].Samples[i].Status = dataset.StatusOK
			}
		}
		for _, p := range Producers {
			_, err := p(ds, DefaultOptions())
			want := "x86-thesis: sample experiment=cpu test=sha256 lang=go platform=wazero rep=3 metric=kernel_ms"
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("value %v: err = %v, want it to name %q", v, err, want)
			}
		}
	}
}

func TestCrossover(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		sw, kw, sd, kd float64
		t              float64
		status         string
	}{
		{0.01, 1.5, 0.5, 1.0, 0.98, "wasm faster for shorter jobs"},
		{0.6, 1.0, 0.5, 1.2, 0.5, "wasm faster for longer jobs"},
		{0.01, 1.0, 0.5, 1.0, nan, "no crossover: wasm never slower"},
		{0.01, 0.9, 0.5, 1.0, nan, "no crossover: wasm never slower"},
		{0.6, 1.5, 0.5, 1.0, nan, "no crossover: docker never slower"},
		{0.5, 1.0, 0.5, 1.0, nan, "no crossover: equal"},
	}
	for _, c := range cases {
		got, st := Crossover(c.sw, c.kw, c.sd, c.kd)
		if st != c.status || (math.IsNaN(c.t) != math.IsNaN(got)) || (!math.IsNaN(got) && math.Abs(got-c.t) > 1e-12) {
			t.Errorf("Crossover(%v, %v, %v, %v) = %v, %q; want %v, %q", c.sw, c.kw, c.sd, c.kd, got, st, c.t, c.status)
		}
	}
}

// The break-even CSV must be consistent with its own S and k columns, and
// the synthetic x86 host must cross where its shapes say.
func TestBreakEvenTable(t *testing.T) {
	f, err := FigBreakEven(testDatasets(t), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range f.Table.Header {
		col[h] = i
	}
	get := func(r []string, c string) float64 {
		v, err := strconv.ParseFloat(r[col[c]], 64)
		if err != nil {
			return math.NaN()
		}
		return v
	}
	byKey := map[string][]string{}
	for _, r := range f.Table.Rows {
		byKey[r[0]+"/"+r[1]+"/"+r[2]] = r
	}
	dock := byKey["x86-thesis/c/docker"]
	w := byKey["x86-thesis/c/wazero"]
	if dock == nil || w == nil {
		t.Fatal("missing rows")
	}
	want := (get(dock, "startup_ms") - get(w, "startup_ms")) / 1000 / (get(w, "slowdown") - get(dock, "slowdown"))
	if got := get(w, "crossover_vs_docker_s"); math.Abs(got-want) > 1e-4*want || w[col["crossover_status"]] != "wasm faster for shorter jobs" {
		t.Errorf("wazero crossover %v (%s), want %v", got, w[col["crossover_status"]], want)
	}
	// Synthetic shapes: docker starts in ~0.5 s, wazero 1.2–2× slower.
	if k := get(w, "slowdown"); k < 1.2 || k > 2 {
		t.Errorf("wazero slowdown %v, synthetic shape says 1.2–2", k)
	}
	if s := get(dock, "startup_ms"); s < 400 || s > 650 {
		t.Errorf("docker startup %v ms, synthetic shape says ~520", s)
	}
	if r := byKey["pi3-thesis/c/wazero"]; r[col["crossover_status"]] != "docker not measured" || r[col["crossover_vs_docker_s"]] != "" {
		t.Errorf("pi without docker: %v", r)
	}
	if r := byKey["x86-thesis/c/native"]; r[col["slowdown"]] != "1" || r[col["crossover_status"]] != "n/a" {
		t.Errorf("native row: %v", r)
	}
}

func TestOptionsAndSynthValidate(t *testing.T) {
	o := DefaultOptions()
	o.DPI = 0
	if _, err := Fig51(testDatasets(t), o); err == nil {
		t.Error("dpi 0 accepted")
	}
	o = DefaultOptions()
	o.Labels = []string{"only one"}
	if _, err := Fig51(testDatasets(t), o); err == nil || !strings.Contains(err.Error(), "1 labels for 2 datasets") {
		t.Errorf("label count: %v", err)
	}
	if _, err := Fig51(nil, DefaultOptions()); err == nil {
		t.Error("no datasets accepted")
	}
	if _, err := Synthetic(SynthConfig{Reps: 0, Platforms: []string{"native"}, Langs: []string{"c"}}); err == nil {
		t.Error("0 reps accepted")
	}
	a, _ := Synthetic(SynthConfig{Seed: 7, Reps: 2, Platforms: []string{"native"}, Langs: []string{"c"}})
	b, _ := Synthetic(SynthConfig{Seed: 7, Reps: 2, Platforms: []string{"native"}, Langs: []string{"c"}})
	c, _ := Synthetic(SynthConfig{Seed: 8, Reps: 2, Platforms: []string{"native"}, Langs: []string{"c"}})
	if !slices.EqualFunc(a.Samples, b.Samples, func(x, y dataset.Sample) bool { return x == y }) {
		t.Error("same seed, different samples")
	}
	if a.Samples[0].Value == c.Samples[0].Value {
		t.Error("different seeds, same first value")
	}
	for _, s := range a.Samples {
		if err := s.Validate(); err != nil {
			t.Fatalf("synthetic sample %+v: %v", s, err)
		}
	}
}

// BenchmarkAll renders every figure of a thesis-sized dataset: 10
// repetitions × 5 platforms × 2 languages × every test.
func BenchmarkAll(b *testing.B) {
	ds, err := Synthetic(SynthConfig{Seed: 1, Reps: 10, Platforms: PlatformOrder, Langs: []string{"c", "go"}, Dir: "thesis"})
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for b.Loop() {
		if _, err := All([]*dataset.Dataset{ds}, dir); err != nil {
			b.Fatal(err)
		}
	}
}

// TestIDsMatchProducers keeps ByID honest: IDs[i] is what Producers[i]
// draws.
func TestIDsMatchProducers(t *testing.T) {
	ds, err := Synthetic(SynthConfig{Seed: 3, Reps: 3, Platforms: PlatformOrder, Langs: []string{"c"}, Dir: "data/ids"})
	if err != nil {
		t.Fatal(err)
	}
	if len(IDs) != len(Producers) {
		t.Fatalf("%d IDs for %d producers", len(IDs), len(Producers))
	}
	for i, p := range Producers {
		f, err := p([]*dataset.Dataset{ds}, DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		if f.ID != IDs[i] {
			t.Errorf("Producers[%d] draws %s, IDs says %s", i, f.ID, IDs[i])
		}
		if q, ok := ByID(f.ID); !ok || fmt.Sprintf("%p", q) != fmt.Sprintf("%p", p) {
			t.Errorf("ByID(%s) is not Producers[%d]", f.ID, i)
		}
	}
	if _, ok := ByID("fig-9-9"); ok {
		t.Error("ByID found an unknown figure")
	}
}
