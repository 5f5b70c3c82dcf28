package model_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/report/internal/synth"
	"github.com/edgewasm/edgewasm/report/model"
	"github.com/edgewasm/edgewasm/report/stats"
)

func newModel(t *testing.T, cs ...synth.Config) *model.Model {
	t.Helper()
	var ds []*dataset.Dataset
	for _, c := range cs {
		d, err := synth.Dataset(c)
		if err != nil {
			t.Fatal(err)
		}
		ds = append(ds, d)
	}
	m, err := model.New(ds, model.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Values come in repetition order whatever the order of rows in the file,
// and n counts failed invocations only in the metrics their platform
// measures.
func TestCellsInRepetitionOrderWithCounts(t *testing.T) {
	c := synth.Default("data/x86")
	c.Platforms = append(c.Platforms, dataset.WazeroCold)
	d, err := synth.Dataset(c)
	if err != nil {
		t.Fatal(err)
	}
	// Fail reps 2 and 5 of docker's aes/c entirely (one wall_ms row each),
	// then shuffle the file.
	var kept []dataset.Sample
	for _, s := range d.Samples {
		if s.Experiment == "cpu" && s.Test == "aes" && s.Lang == "c" && s.Platform == "docker" && (s.Rep == 2 || s.Rep == 5) {
			if s.Metric == dataset.WallMS {
				s.Status, s.Value = dataset.Failed("boom"), math.NaN()
				kept = append(kept, s)
			}
			continue
		}
		kept = append(kept, s)
	}
	r := rand.New(rand.NewPCG(9, 9))
	r.Shuffle(len(kept), func(i, j int) { kept[i], kept[j] = kept[j], kept[i] })
	d.Samples = kept
	m, err := model.New([]*dataset.Dataset{d}, model.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	s := m.Primary()
	k := model.Key{Exp: "cpu", Test: "aes", Lang: "c", Platform: "docker", Metric: dataset.KernelMS}
	cell := s.Cell(k)
	if cell.Count() != "8/10" || cell.Status() != model.StatusOK || !slices.IsSorted(cell.Reps) || slices.Contains(cell.Reps, 2) {
		t.Errorf("docker aes kernel: %s %s reps %v", cell.Count(), cell.Status(), cell.Reps)
	}
	if n := s.Failed("cpu", "aes", "c", "docker"); n != 2 {
		t.Errorf("failed = %d, want 2", n)
	}
	// A metric only docker measures is not "all failed" on wazero.
	if st := s.Cell(model.Key{Exp: "startup", Test: "noop", Lang: "c", Platform: "wazero", Metric: "cli_ms"}).Status(); st != model.StatusNotMeasured {
		t.Errorf("cli_ms on wazero: %s", st)
	}
	if got := s.Platforms("cpu"); !slices.Equal(got, []string{"native", "docker", "wazero", "wazero-cold"}) {
		t.Errorf("platform order %v", got)
	}
	if got := s.PlatformsOfKind("", dataset.KindWasm); !slices.Equal(got, []string{"wazero", "wazero-cold"}) {
		t.Errorf("wasm platforms %v", got)
	}
	if !s.Finished() || s.OnPi() {
		t.Errorf("finished %v, pi %v", s.Finished(), s.OnPi())
	}
}

func TestOrderPutsUnknownNamesLast(t *testing.T) {
	got := model.OrderPlatforms([]string{"zeta", "wazero", "alpha", "native", "docker", "wazero"})
	if !slices.Equal(got, []string{"native", "docker", "wazero", "alpha", "zeta"}) {
		t.Errorf("%v", got)
	}
	if model.Kind("wazero-interp") != dataset.KindWasm || model.Kind("docker") != dataset.KindContainer || model.Kind("nope") != "" {
		t.Error("kinds")
	}
	if got := model.OrderTests("cpu", []string{"xor", "aes", "new"}); !slices.Equal(got, []string{"aes", "xor", "new"}) {
		t.Errorf("%v", got)
	}
}

// Ratios and geometric means agree with a computation by hand.
func TestRatiosAndGeometricMeans(t *testing.T) {
	m := newModel(t, synth.Default("x86"))
	s := m.Primary()
	var logs []float64
	for _, test := range s.Tests("cpu") {
		a := s.Values(model.Key{Exp: "cpu", Test: test, Lang: "c", Platform: "wazero", Metric: "kernel_ms"})
		b := s.Values(model.Key{Exp: "cpu", Test: test, Lang: "c", Platform: "native", Metric: "kernel_ms"})
		logs = append(logs, math.Log(stats.Median(a)/stats.Median(b)))
		r, err := s.RatioTo(model.Key{Exp: "cpu", Test: test, Lang: "c", Platform: "wazero", Metric: "kernel_ms"}, "native")
		if err != nil || r.Status != model.StatusOK || math.Abs(r.Interval.Estimate-stats.Median(a)/stats.Median(b)) > 1e-12 {
			t.Fatalf("%s: %+v %v", test, r, err)
		}
		if !(r.Interval.Lo <= r.Interval.Estimate && r.Interval.Estimate <= r.Interval.Hi) {
			t.Errorf("%s: interval %+v does not hold its estimate", test, r.Interval)
		}
	}
	want := 0.0
	for _, l := range logs {
		want += l / float64(len(logs))
	}
	g, err := s.GeoMean(model.Query{Exp: "cpu", A: model.Side{Platform: "wazero", Metric: "kernel_ms"}, B: model.Side{Platform: "native"}, Langs: []string{"c"}})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(g.Interval.Estimate-math.Exp(want)) > 1e-9 || len(g.Tests) != 8 || g.Of != 8 {
		t.Errorf("geomean %v (%d of %d tests), want %v", g.Interval.Estimate, len(g.Tests), g.Of, math.Exp(want))
	}
	if lo, hi := g.Range(); !(1.2 <= lo && lo <= hi && hi <= 2.05) {
		t.Errorf("per-test range %v–%v outside the synthetic shape 1.2–2", lo, hi)
	}
	// A cross-metric query: docker's CLI start-up over wazero's.
	cli, err := s.GeoMean(model.Query{Exp: "startup", A: model.Side{Platform: "docker", Metric: "cli_ms"}, B: model.Side{Platform: "wazero", Metric: "wall_ms"}, Langs: []string{"c"}})
	if err != nil || !(cli.Interval.Estimate > 30) {
		t.Errorf("cli/wazero start-up = %+v, %v", cli.Interval, err)
	}
	if _, err := s.GeoMean(model.Query{Exp: "cpu", A: model.Side{Platform: "wasmtime", Metric: "kernel_ms"}, B: model.Side{Platform: "native"}}); !errors.Is(err, model.ErrNotMeasured) {
		t.Errorf("unmeasured platform: %v", err)
	}
	// The baseline against itself is exactly 1.
	r, _ := s.RatioTo(model.Key{Exp: "cpu", Test: "aes", Lang: "c", Platform: "native", Metric: "kernel_ms"}, "native")
	if r.Interval.Estimate != 1 {
		t.Errorf("native/native = %v", r.Interval.Estimate)
	}
}

func TestCrossover(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		sw, kw, sd, kd float64
		t              float64
		status         string
	}{
		{0.01, 1.5, 0.5, 1.0, 0.98, model.CrossShorter},
		{0.6, 1.0, 0.5, 1.2, 0.5, model.CrossLonger},
		{0.01, 1.0, 0.5, 1.0, nan, model.CrossNeverSlower},
		{0.01, 0.9, 0.5, 1.0, nan, model.CrossNeverSlower},
		{0.6, 1.5, 0.5, 1.0, nan, model.CrossOtherNever},
		{0.5, 1.0, 0.5, 1.0, nan, model.CrossEqual},
	}
	for _, c := range cases {
		got, st := model.Crossover(c.sw, c.kw, c.sd, c.kd)
		if st != c.status || (math.IsNaN(c.t) != math.IsNaN(got)) || (!math.IsNaN(got) && math.Abs(got-c.t) > 1e-12) {
			t.Errorf("Crossover(%v, %v, %v, %v) = %v, %q; want %v, %q", c.sw, c.kw, c.sd, c.kd, got, st, c.t, c.status)
		}
	}
}

// The break-even job length is consistent with its own cost terms, and
// the synthetic shapes put it where they should.
func TestBreakEven(t *testing.T) {
	pi := synth.Default("pi")
	pi.Seed, pi.Platforms = 2, []string{"native", "wazero"}
	m := newModel(t, synth.Default("x86"), pi)
	b, err := m.Sets[0].BreakEven("c", "wazero", "docker")
	if err != nil {
		t.Fatal(err)
	}
	want := (b.Against.Startup.Estimate - b.P.Startup.Estimate) / 1000 / (b.P.Slowdown.Estimate - b.Against.Slowdown.Estimate)
	if math.Abs(b.T-want) > 1e-12 || b.Status != model.CrossShorter {
		t.Errorf("t* = %v (%s), want %v", b.T, b.Status, want)
	}
	if k := b.P.Slowdown.Estimate; k < 1.2 || k > 2 {
		t.Errorf("wazero slowdown %v, synthetic shape says 1.2–2", k)
	}
	if s := b.Against.Startup.Estimate; s < 400 || s > 650 {
		t.Errorf("docker start-up %v ms, synthetic shape says ~520", s)
	}
	nb, _ := m.Sets[1].BreakEven("c", "wazero", "docker")
	if nb.Status != "docker not measured" || !math.IsNaN(nb.T) {
		t.Errorf("pi without docker: %+v", nb)
	}
	if c, _ := m.Sets[0].Cost("c", "native"); c.Slowdown.Estimate != 1 || !c.OK() {
		t.Errorf("native cost %+v", c)
	}
}

func TestFriedmanDesigns(t *testing.T) {
	m := newModel(t, synth.Default("x86"))
	s := m.Primary()
	mx, f, err := s.Friedman("cpu", "aes", "c", "kernel_ms", nil)
	if err != nil {
		t.Fatal(err)
	}
	if f.N != 10 || f.K != 3 || len(mx.Blocks) != 10 || !(f.P < 0.001) {
		t.Errorf("friedman n=%d k=%d p=%v", f.N, f.K, f.P)
	}
	pairs, err := s.Posthoc("cpu", "aes", "c", "kernel_ms", []string{"native", "wazero"}, stats.TestWilcoxon)
	if err != nil || len(pairs) != 1 || pairs[0].A != "native" || !(pairs[0].P < 0.01) {
		t.Errorf("posthoc %+v %v", pairs, err)
	}
	tm, err := s.TestMatrix("cpu", "c", "kernel_ms", nil)
	if err != nil || len(tm.Blocks) != 8 || len(tm.Treatments) != 3 {
		t.Fatalf("test matrix %+v %v", tm, err)
	}
	want := stats.Median(s.Values(model.Key{Exp: "cpu", Test: tm.Blocks[0], Lang: "c", Platform: tm.Treatments[1], Metric: "kernel_ms"}))
	if tm.Y[0][1] != want {
		t.Errorf("test-block cell %v, want the median %v", tm.Y[0][1], want)
	}
}

func TestMinReps(t *testing.T) {
	for _, c := range []struct {
		alpha float64
		m     int
		want  int
	}{{0.05, 1, 6}, {0.05, 3, 7}, {0.05, 6, 8}, {0.01, 1, 8}} {
		if got := model.MinReps(c.alpha, c.m); got != c.want {
			t.Errorf("MinReps(%v, %d) = %d, want %d", c.alpha, c.m, got, c.want)
		}
	}
	q := synth.Default("quick")
	q.Reps = 3
	m := newModel(t, q)
	if p := m.Primary().Power(3); !p.Underpowered() || p.Need != 7 {
		t.Errorf("3 repetitions: %+v", p)
	}
}

func TestLoadErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	good, err := synth.Write(synth.Default(filepath.Join(dir, "good")))
	if err != nil {
		t.Fatal(err)
	}
	header := filepath.Join(dir, "header")
	os.MkdirAll(header, 0o755)
	env, _ := os.ReadFile(filepath.Join(good, "environment.json"))
	os.WriteFile(filepath.Join(header, "environment.json"), env, 0o644)
	os.WriteFile(filepath.Join(header, "samples.csv"), []byte("experiment,test,lang,platform,rep,metric,value,unit,status\n"), 0o644)
	for dirs, want := range map[string]string{
		header:                     "header/samples.csv: no samples (only a header)",
		filepath.Join(dir, "none"): "none/environment.json: missing",
		good + "," + good:          "same name",
	} {
		_, err := model.Load(strings.Split(dirs, ","), model.DefaultOptions())
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", dirs, err, want)
		}
	}
	d, _ := synth.Dataset(synth.Default("bad"))
	d.Samples[3].Value = math.Inf(1)
	if _, err := model.New([]*dataset.Dataset{d}, model.DefaultOptions()); err == nil || !strings.Contains(err.Error(), "bad: sample experiment=cpu") {
		t.Errorf("infinite value: %v", err)
	}
}

// A dataset measured under emulation is never set beside real timings: it
// is left out and listed; a model of emulated datasets only is an error.
func TestEmulatedDatasetsLeftOut(t *testing.T) {
	real, err := synth.Dataset(synth.Default("data/x86"))
	if err != nil {
		t.Fatal(err)
	}
	emu, err := synth.Dataset(synth.Default("data/arm64-emulated"))
	if err != nil {
		t.Fatal(err)
	}
	emu.Env.Host.Emulated = "qemu-aarch64"
	m, err := model.New([]*dataset.Dataset{real, emu}, model.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Sets) != 1 || m.Sets[0].Label != "x86" {
		t.Errorf("sets %v, want only x86", m.Labels())
	}
	if len(m.Emulated) != 1 || m.Emulated[0] != "arm64-emulated (qemu-aarch64)" {
		t.Errorf("emulated %v", m.Emulated)
	}
	if _, err := model.New([]*dataset.Dataset{emu}, model.DefaultOptions()); err == nil || !strings.Contains(err.Error(), "emulation") {
		t.Errorf("emulated only: err = %v", err)
	}
}

// The descriptive statistics the paper reads beside the tests: a cell's
// median and box, a median pooled over tests, the spread of the medians'
// intervals and the Friedman test with tests as blocks; each from the
// cells' values.
func TestDescriptive(t *testing.T) {
	m := newModel(t, synth.Default("x86"))
	s := m.Primary()
	k := model.Key{Exp: "cpu", Test: "aes", Lang: "c", Platform: "wazero", Metric: "kernel_ms"}
	vals := s.Values(k)
	if got, want := s.Median(k), stats.Median(vals); got != want {
		t.Errorf("Median %v, want %v", got, want)
	}
	if b := s.Box(k); b.Median != s.Median(k) || b.Min != slices.Min(vals) || b.Max != slices.Max(vals) || !(b.Q1 <= b.Median && b.Median <= b.Q3) {
		t.Errorf("Box %+v of %v", b, vals)
	}
	if b := s.Box(model.Key{Exp: "cpu", Test: "nope"}); !math.IsNaN(b.Median) {
		t.Errorf("Box of an absent cell %+v", b)
	}
	var all []float64
	for _, test := range s.Tests("cpu") {
		all = append(all, s.Values(model.Key{Exp: "cpu", Test: test, Lang: "go", Platform: "native", Metric: "kernel_ms"})...)
	}
	if got, err := s.PooledMedian("cpu", "go", model.Side{Platform: "native", Metric: "kernel_ms"}); err != nil || got != stats.Median(all) {
		t.Errorf("PooledMedian %v %v, want %v", got, err, stats.Median(all))
	}
	if _, err := s.PooledMedian("cpu", "go", model.Side{Platform: "nope", Metric: "kernel_ms"}); !errors.Is(err, model.ErrNotMeasured) {
		t.Errorf("PooledMedian of nothing: %v", err)
	}
	sp, err := s.Spread("cpu", "native", "kernel_ms")
	if err != nil || sp.N != 16 || !(sp.Typical > 0 && sp.Typical <= sp.Largest) {
		t.Errorf("Spread %+v %v", sp, err)
	}
	if _, err := s.Spread("cpu", "nope", "kernel_ms"); !errors.Is(err, model.ErrNotMeasured) {
		t.Errorf("Spread of nothing: %v", err)
	}
	tm, _ := s.TestMatrix("cpu", "c", "kernel_ms", nil)
	want, _ := stats.Friedman(tm)
	if f, err := s.FriedmanTests("cpu", "c", "kernel_ms", nil); err != nil || f.Statistic != want.Statistic || f.P != want.P || f.N != want.N {
		t.Errorf("FriedmanTests %+v %v, want %+v", f, err, want)
	}
	if _, err := s.FriedmanTests("nope", "c", "kernel_ms", nil); !errors.Is(err, model.ErrNotMeasured) {
		t.Errorf("FriedmanTests of nothing: %v", err)
	}
}
