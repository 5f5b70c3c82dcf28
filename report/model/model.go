// Package model is the one analysis model behind the edgewasm paper: it
// loads the datasets once and answers every question the paper's cells,
// figures and claims ask of them.
//
// A dataset becomes a Set of cells, one per experiment, test, language,
// platform and metric (Key). A cell holds the values of its successful
// samples in repetition order, how many invocations should have produced
// one (n), and hence its status: ok, all failed, or not measured. On top
// of the cells the model computes, and memoizes, everything derived:
//
//   - medians with percentile-bootstrap intervals (Summary),
//   - ratios of a cell's median to a baseline platform's (Ratio),
//   - geometric means over tests of ratios of medians, on any pair of
//     platform and metric (GeoMean: e.g. Docker's cli_ms over wazero's
//     wall_ms),
//   - the cost model T_p(t) = S_p + k_p·t and its break-even job length
//     (Cost, BreakEven),
//   - the inputs of the Friedman and post-hoc tests, with repetitions as
//     blocks (Matrix) or tests as blocks (TestMatrix), and their results,
//   - the power of a dataset: whether it has enough repetitions for a test
//     to reach significance at all (MinReps),
//   - the descriptive numbers printed beside them: a cell's median and
//     box-plot quartiles (Median, Box), a median pooled over tests
//     (PooledMedian), the spread of the medians' intervals (Spread).
//
// The model is the only package of the report that calls report/stats:
// the cells, the claims and the figures read every number from it, and
// name the statistics' types through it (Interval, Matrix, Pair, …).
//
// Orders are defined once: platforms follow dataset.Platforms (native, the
// container, then the Wasm platforms; unknown ones after, sorted),
// languages dataset.Langs, experiments and tests package experiments.
// Nothing here knows a platform, experiment or language by name beyond the
// baseline (dataset.Native) and the experiments the cost model reads, so a
// new platform, runtime or experiment in a dataset flows through unchanged;
// "every Wasm platform" is Kind(p) == dataset.KindWasm.
//
// Same datasets, same numbers: intervals use a fixed seed, and nothing
// depends on map order.
package model

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/report/stats"
)

// Cell statuses.
const (
	StatusOK          = dataset.StatusOK
	StatusAllFailed   = "all failed"
	StatusNotMeasured = "not measured"
	StatusNoBaseline  = "no baseline"
)

// ErrNotMeasured marks a quantity the dataset cannot give.
var ErrNotMeasured = errors.New(StatusNotMeasured)

// Options configure the statistics of a model.
type Options struct {
	// Bootstrap configures every confidence interval.
	Bootstrap stats.BootstrapConfig `json:"bootstrap"`
	// Alpha is the significance level of every test (the thesis: 0.05).
	Alpha float64 `json:"alpha"`
}

// DefaultOptions are 2000 bootstrap resamples for 95 % intervals with seed
// 1, and α = 0.05 as in the thesis.
func DefaultOptions() Options { return Options{Bootstrap: stats.DefaultBootstrap, Alpha: 0.05} }

// Validate checks the options.
func (o Options) Validate() error {
	if err := o.Bootstrap.Validate(); err != nil {
		return err
	}
	if !(o.Alpha > 0 && o.Alpha < 1) {
		return fmt.Errorf("model: alpha %v, expected a value in (0, 1)", o.Alpha)
	}
	return nil
}

// Model is every dataset of a render, the first one primary.
type Model struct {
	Sets []*Set
	Opts Options
	// Emulated lists the datasets left out because they were measured
	// under an emulator (environment.json host.emulated), as "label
	// (emulator)": functional evidence only, never timings beside real
	// ones.
	Emulated []string
}

// Load reads dataset directories (samples.csv and environment.json each).
// Errors name the file and the problem; two directories with the same base
// name are an error, since datasets are labelled by it.
func Load(dirs []string, o Options) (*Model, error) {
	var ds []*dataset.Dataset
	for _, dir := range dirs {
		d, err := loadDir(dir)
		if err != nil {
			return nil, err
		}
		ds = append(ds, d)
	}
	return New(ds, o)
}

func loadDir(dir string) (*dataset.Dataset, error) {
	d, err := dataset.Load(dir)
	var pe *fs.PathError
	switch {
	case errors.As(err, &pe) && errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s: missing: a dataset directory holds %s and %s (written by edgewasm run)", pe.Path, dataset.SamplesFile, dataset.EnvironmentFile)
	case err != nil:
		return nil, err
	case len(d.Samples) == 0:
		return nil, fmt.Errorf("%s: no samples (only a header)", filepath.Join(dir, dataset.SamplesFile))
	}
	return d, nil
}

// New indexes datasets already in memory. Each is labelled by the base
// name of its directory ("dataset N" when it has none). A dataset measured
// under emulation is left out and listed in Model.Emulated. An ok sample whose
// value is not finite, or negative for a metric that cannot be
// (dataset.SignedMetrics), is an error naming it.
func New(ds []*dataset.Dataset, o Options) (*Model, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if len(ds) == 0 {
		return nil, errors.New("model: no dataset given")
	}
	m := &Model{Opts: o}
	seen := map[string]string{}
	for i, d := range ds {
		label := filepath.Base(filepath.Clean(d.Dir))
		if d.Dir == "" || label == "." || label == string(filepath.Separator) {
			label = fmt.Sprintf("dataset %d", i+1)
		}
		if prev, dup := seen[label]; dup {
			return nil, fmt.Errorf("%s and %s have the same name %q: datasets are labelled by their directory name, which must differ", prev, d.Dir, label)
		}
		seen[label] = d.Dir
		if emu := d.Env.Host.Emulated; emu != "" {
			m.Emulated = append(m.Emulated, label+" ("+emu+")")
			continue
		}
		s, err := newSet(label, d, o)
		if err != nil {
			return nil, err
		}
		m.Sets = append(m.Sets, s)
	}
	if len(m.Sets) == 0 {
		return nil, fmt.Errorf("model: every dataset was measured under emulation (%s): their timings are functional evidence only and are not reported", strings.Join(m.Emulated, ", "))
	}
	return m, nil
}

// Primary is the first dataset: inline values in the paper read it.
func (m *Model) Primary() *Set { return m.Sets[0] }

// Set returns the dataset with the given label.
func (m *Model) Set(label string) (*Set, error) {
	for _, s := range m.Sets {
		if s.Label == label {
			return s, nil
		}
	}
	return nil, fmt.Errorf("no dataset %q; loaded: %s", label, strings.Join(m.Labels(), ", "))
}

// Labels lists the dataset labels in order.
func (m *Model) Labels() []string {
	out := make([]string, len(m.Sets))
	for i, s := range m.Sets {
		out[i] = s.Label
	}
	return out
}

// Key names one cell: a metric of one test, language and platform.
type Key struct {
	Exp, Test, Lang, Platform, Metric string
}

func (k Key) String() string {
	return k.Exp + "/" + k.Test + "/" + k.Lang + "/" + k.Platform + " " + k.Metric
}

// Cell holds the measurements of one key.
type Cell struct {
	Key
	// Values of the successful samples, in repetition order; Reps[i] is
	// the repetition of Values[i].
	Values []float64
	Reps   []int
	// N counts the invocations that should have produced a value: those
	// with a row for the metric plus failed ones that stopped before
	// measuring it.
	N int
}

// Status is ok when the cell has values, otherwise why not.
func (c *Cell) Status() string {
	switch {
	case len(c.Values) > 0:
		return StatusOK
	case c.N > 0:
		return StatusAllFailed
	}
	return StatusNotMeasured
}

// Count is "n_ok/n".
func (c *Cell) Count() string { return fmt.Sprintf("%d/%d", len(c.Values), c.N) }

// Complete reports whether every invocation gave a value.
func (c *Cell) Complete() bool { return len(c.Values) == c.N }

// Set is one dataset, indexed.
type Set struct {
	Label string // directory base name, unique in the model
	Dir   string // as given, slash-separated
	Env   dataset.Environment
	opts  Options

	cells  map[Key]*Cell
	failed map[Key]int // by key without metric: failed invocations
	// reasons by key without metric: each distinct failure status
	// ("failed:<reason>") with how many samples carried it.
	reasons map[Key]map[string]int
	// failures: every failed invocation with its reasons, in sample order.
	failures []Failure
	exps     []string
	idx      map[string]*expIndex
	hashes   map[string]string // experiment → hash of its rows; "" → environment.json

	mu   sync.Mutex
	memo map[string]*memoCell
}

type expIndex struct{ tests, langs, platforms []string }

func newSet(label string, d *dataset.Dataset, o Options) (*Set, error) {
	s := &Set{
		Label: label, Dir: filepath.ToSlash(filepath.Clean(d.Dir)), Env: d.Env, opts: o,
		cells: map[Key]*Cell{}, failed: map[Key]int{}, reasons: map[Key]map[string]int{}, idx: map[string]*expIndex{},
		hashes: map[string]string{}, memo: map[string]*memoCell{},
	}
	type inv struct {
		exp, test, lang, platform string
		rep                       int
	}
	type row struct {
		k   Key
		rep int
		v   float64
		ok  bool
	}
	rows := make([]row, 0, len(d.Samples))
	failed := map[inv]bool{}
	seenFailure := map[Failure]bool{}
	metricsOf := map[[2]string]map[string]bool{} // (exp, platform) → metrics
	hs := map[string]*hasher{}
	for _, x := range d.Samples {
		if x.OK() && (math.IsNaN(x.Value) || math.IsInf(x.Value, 0) || (x.Value < 0 && !dataset.SignedMetrics[x.Metric])) {
			return nil, fmt.Errorf("%s: sample experiment=%s test=%s lang=%s platform=%s rep=%d metric=%s: status ok but value %v (want a finite value ≥ 0)",
				label, x.Experiment, x.Test, x.Lang, x.Platform, x.Rep, x.Metric, x.Value)
		}
		k := Key{x.Experiment, x.Test, x.Lang, x.Platform, x.Metric}
		rows = append(rows, row{k, x.Rep, x.Value, x.OK()})
		if !x.OK() {
			iv := inv{x.Experiment, x.Test, x.Lang, x.Platform, x.Rep}
			reason := strings.TrimPrefix(x.Status, dataset.FailedPrefix)
			if f := (Failure{Key: Key{x.Experiment, x.Test, x.Lang, x.Platform, ""}, Rep: x.Rep, Reason: reason}); !seenFailure[f] {
				seenFailure[f] = true
				s.failures = append(s.failures, f)
			}
			failed[iv] = true
			rk := Key{x.Experiment, x.Test, x.Lang, x.Platform, ""}
			if s.reasons[rk] == nil {
				s.reasons[rk] = map[string]int{}
			}
			s.reasons[rk][x.Status]++
		}
		ep := [2]string{x.Experiment, x.Platform}
		if metricsOf[ep] == nil {
			metricsOf[ep] = map[string]bool{}
		}
		metricsOf[ep][x.Metric] = true
		ix := s.idx[x.Experiment]
		if ix == nil {
			ix = &expIndex{}
			s.idx[x.Experiment] = ix
			s.exps = append(s.exps, x.Experiment)
		}
		addUnique(&ix.tests, x.Test)
		addUnique(&ix.langs, x.Lang)
		addUnique(&ix.platforms, x.Platform)
		h := hs[x.Experiment]
		if h == nil {
			h = newHasher()
			hs[x.Experiment] = h
		}
		fmt.Fprintf(h, "%s|%s|%s|%s|%d|%s|%s|%s|%d\n", x.Experiment, x.Test, x.Lang, x.Platform, x.Rep, x.Metric, dataset.FormatValue(x.Value), x.Status, x.Size)
	}
	// Repetition order, so that values do not depend on the order of rows
	// in the file.
	slices.SortStableFunc(rows, func(a, b row) int { return cmp.Compare(a.rep, b.rep) })
	seen := map[Key]map[int]bool{}
	for _, r := range rows {
		c := s.cells[r.k]
		if c == nil {
			c = &Cell{Key: r.k}
			s.cells[r.k] = c
			seen[r.k] = map[int]bool{}
		}
		if r.ok {
			c.Values = append(c.Values, r.v)
			c.Reps = append(c.Reps, r.rep)
		}
		seen[r.k][r.rep] = true
	}
	// A failed invocation counts in every metric its platform measures in
	// this experiment, whether or not it got as far as measuring it.
	for iv := range failed {
		s.failed[Key{iv.exp, iv.test, iv.lang, iv.platform, ""}]++
		for m := range metricsOf[[2]string{iv.exp, iv.platform}] {
			k := Key{iv.exp, iv.test, iv.lang, iv.platform, m}
			if s.cells[k] == nil {
				s.cells[k] = &Cell{Key: k}
				seen[k] = map[int]bool{}
			}
			seen[k][iv.rep] = true
		}
	}
	for k, reps := range seen {
		s.cells[k].N = len(reps)
	}
	for e, h := range hs {
		s.hashes[e] = h.sum()
	}
	envJSON, err := json.Marshal(d.Env)
	if err != nil {
		return nil, err
	}
	s.hashes[""] = hashBytes(envJSON)
	s.exps = OrderExperiments(s.exps)
	for e, ix := range s.idx {
		ix.tests = OrderTests(e, ix.tests)
		ix.langs = OrderLangs(ix.langs)
		ix.platforms = OrderPlatforms(ix.platforms)
	}
	return s, nil
}

func addUnique(list *[]string, v string) {
	if !slices.Contains(*list, v) {
		*list = append(*list, v)
	}
}

// Options returns the statistics options of the set's model.
func (s *Set) Options() Options { return s.opts }

// Cell returns the cell of a key; a key the dataset does not hold gives an
// empty cell (status not measured), never nil.
func (s *Set) Cell(k Key) *Cell {
	if c := s.cells[k]; c != nil {
		return c
	}
	return &Cell{Key: k}
}

// Values is the successful values of a cell in repetition order.
func (s *Set) Values(k Key) []float64 { return s.Cell(k).Values }

// FailureReasons lists the distinct statuses of a test's failed samples on
// a platform, without the "failed:" prefix, sorted.
func (s *Set) FailureReasons(exp, test, lang, platform string) []string {
	var out []string
	for st := range s.reasons[Key{exp, test, lang, platform, ""}] {
		out = append(out, strings.TrimPrefix(st, dataset.FailedPrefix))
	}
	slices.Sort(out)
	return out
}

// Failure is one failed invocation: its test, language, platform and
// repetition (Key without metric) and its reason (the status without
// "failed:"). An invocation that failed for two reasons is listed twice.
type Failure struct {
	Key
	Rep    int
	Reason string
}

// Failures lists the failed invocations of an experiment, in the order
// the dataset recorded them.
func (s *Set) Failures(exp string) []Failure {
	var out []Failure
	for _, f := range s.failures {
		if f.Exp == exp {
			out = append(out, f)
		}
	}
	return out
}

// Failed is the number of failed invocations of a test on a platform.
func (s *Set) Failed(exp, test, lang, platform string) int {
	return s.failed[Key{exp, test, lang, platform, ""}]
}

// Experiments lists the experiments the dataset holds, in report order.
func (s *Set) Experiments() []string { return s.exps }

// Measured reports whether the dataset holds any row of the experiment.
func (s *Set) Measured(exp string) bool { return s.idx[exp] != nil }

// Tests, Langs and Platforms list what the dataset holds for an
// experiment, in report order.
func (s *Set) Tests(exp string) []string     { return s.index(exp).tests }
func (s *Set) Langs(exp string) []string     { return s.index(exp).langs }
func (s *Set) Platforms(exp string) []string { return s.index(exp).platforms }

func (s *Set) index(exp string) *expIndex {
	if ix := s.idx[exp]; ix != nil {
		return ix
	}
	return &expIndex{}
}

// AllPlatforms lists every platform with a row in any experiment, and
// AllLangs every language, in report order.
func (s *Set) AllPlatforms() []string {
	var all []string
	for _, e := range s.exps {
		for _, p := range s.Platforms(e) {
			addUnique(&all, p)
		}
	}
	return OrderPlatforms(all)
}

// AllLangs lists every guest language with a row, in report order.
func (s *Set) AllLangs() []string {
	var all []string
	for _, e := range s.exps {
		for _, l := range s.Langs(e) {
			addUnique(&all, l)
		}
	}
	return OrderLangs(all)
}

// PlatformsOfKind lists the platforms of a kind (dataset.KindWasm, …) that
// the dataset holds for an experiment ("" = any experiment).
func (s *Set) PlatformsOfKind(exp, kind string) []string {
	ps := s.AllPlatforms()
	if exp != "" {
		ps = s.Platforms(exp)
	}
	var out []string
	for _, p := range ps {
		if Kind(p) == kind {
			out = append(out, p)
		}
	}
	return out
}

// HasMetric reports whether any cell of exp holds values of metric on
// platform p.
func (s *Set) HasMetric(exp, p, metric string) bool {
	for _, t := range s.Tests(exp) {
		for _, l := range s.Langs(exp) {
			if len(s.Values(Key{exp, t, l, p, metric})) > 0 {
				return true
			}
		}
	}
	return false
}

// Hash is the content hash of the rows of one experiment (exp "" is
// environment.json): the unit of cache invalidation.
func (s *Set) Hash(exp string) string {
	if h, ok := s.hashes[exp]; ok {
		return h
	}
	return "absent"
}

// Hashes lists every hash, by experiment in sorted order ("" first).
func (s *Set) Hashes() []string {
	keys := make([]string, 0, len(s.hashes))
	for k := range s.hashes {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k + "=" + s.hashes[k]
	}
	return out
}

// Time is the dataset's own timestamp (finish, else start).
func (s *Set) Time() time.Time {
	if s.Env.Finished != nil {
		return s.Env.Finished.UTC()
	}
	return s.Env.Started.UTC()
}

// Finished reports whether the run recorded its end; a dataset without it
// was interrupted or is still being written.
func (s *Set) Finished() bool { return s.Env.Finished != nil && !s.Env.Interrupted }

// OnPi reports whether the dataset comes from a Raspberry Pi (the device
// model names one).
func (s *Set) OnPi() bool { return strings.Contains(s.Env.Host.DeviceModel, "Raspberry Pi") }

// Runner is what a platform's runner reported about itself in
// environment.json (versions, engine, cache), nil when nothing.
func (s *Set) Runner(p string) map[string]any { return s.Env.Runners[p] }

// RunnerString is one string field of a runner's report ("" if absent).
func (s *Set) RunnerString(p, key string) string {
	v, _ := s.Env.Runners[p][key].(string)
	return v
}

// Interpreted reports whether platform p ran guests in an interpreter,
// as its runner recorded (engine = interpreter).
func (s *Set) Interpreted(p string) bool { return s.RunnerString(p, "engine") == "interpreter" }

type hasher struct {
	h interface {
		Write([]byte) (int, error)
		Sum([]byte) []byte
	}
}

func newHasher() *hasher                      { return &hasher{sha256.New()} }
func (w *hasher) Write(p []byte) (int, error) { return w.h.Write(p) }
func (w *hasher) sum() string                 { return hex.EncodeToString(w.h.Sum(nil)) }
func hashBytes(b []byte) string               { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }

// memoize returns the value of key, computing it once: concurrent callers
// of the same key wait for the first one's result.
func memoize[T any](s *Set, key string, f func() (T, error)) (T, error) {
	s.mu.Lock()
	c, ok := s.memo[key]
	if !ok {
		c = &memoCell{}
		s.memo[key] = c
	}
	s.mu.Unlock()
	c.once.Do(func() { c.v, c.err = f() })
	v, _ := c.v.(T)
	return v, c.err
}

type memoCell struct {
	once sync.Once
	v    any
	err  error
}
