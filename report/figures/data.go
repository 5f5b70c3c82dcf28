package figures

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/experiments/dataset"
)

// PlatformOrder is the fixed order of platforms in every figure. Platforms
// not listed follow in alphabetical order.
var PlatformOrder = []string{dataset.Native, "docker", "wazero", "wazero-cold", "wazero-interp"}

// platformColors are from the Okabe–Ito palette, which stays distinct for
// the common colour-vision deficiencies (Okabe & Ito 2008).
var platformColors = map[string]color.RGBA{
	dataset.Native:  {0x99, 0x99, 0x99, 0xff}, // grey: the reference
	"docker":        {0x00, 0x72, 0xb2, 0xff}, // blue
	"wazero":        {0xe6, 0x9f, 0x00, 0xff}, // orange
	"wazero-cold":   {0xd5, 0x5e, 0x00, 0xff}, // vermillion
	"wazero-interp": {0xcc, 0x79, 0xa7, 0xff}, // reddish purple
}

var extraColors = []color.RGBA{{0x00, 0x9e, 0x73, 0xff}, {0x56, 0xb4, 0xe9, 0xff}, {0xf0, 0xe4, 0x42, 0xff}, {0x00, 0x00, 0x00, 0xff}}

func platformColor(p string) color.Color {
	if c, ok := platformColors[p]; ok {
		return c
	}
	// Stable across runs: derived from the name only.
	h := 0
	for _, b := range []byte(p) {
		h = h*31 + int(b)
	}
	return extraColors[(h%len(extraColors)+len(extraColors))%len(extraColors)]
}

// langOrder is the fixed order of guest languages.
var langOrder = []string{dataset.LangC, dataset.LangGo}

const (
	statusOK          = "ok"
	statusNotMeasured = "not measured"
	statusAllFailed   = "all failed"
	statusNoBaseline  = "no native baseline"
)

// key names one cell of measurements: a metric of one test, language and
// platform in one dataset.
type key struct {
	ds                                       int
	experiment, test, lang, platform, metric string
}

// cell holds a key's ok values in repetition order and the number of
// invocations that should have produced one.
type cell struct {
	ok []float64
	n  int
}

// status is "ok" when the cell has values, otherwise why not.
func (c cell) status() string {
	switch {
	case len(c.ok) > 0:
		return statusOK
	case c.n > 0:
		return statusAllFailed
	}
	return statusNotMeasured
}

// count is "n_ok/n", shown in a figure when some invocations failed.
func (c cell) count() string { return fmt.Sprintf("%d/%d", len(c.ok), c.n) }

// data indexes the samples of several datasets.
type data struct {
	labels    []string
	platforms []string // PlatformOrder, then any other platform seen
	langs     []string
	cells     map[key]cell
	tests     map[string][]string // experiment → tests, catalog order first
}

// index checks and indexes the datasets. An ok sample with a NaN or
// infinite value, or a negative one of a metric that cannot be negative
// (dataset.SignedMetrics), is an error naming it.
func index(ds []*dataset.Dataset, o Options) (*data, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if len(ds) == 0 {
		return nil, fmt.Errorf("figures: no dataset given")
	}
	if len(o.Labels) != 0 && len(o.Labels) != len(ds) {
		return nil, fmt.Errorf("figures: %d labels for %d datasets", len(o.Labels), len(ds))
	}
	d := &data{cells: map[key]cell{}, tests: map[string][]string{}}
	d.labels = labels(ds, o.Labels)
	type inv struct {
		ds                               int
		experiment, test, lang, platform string
		rep                              int
	}
	type row struct {
		k   key
		rep int
		v   float64
		ok  bool
	}
	type dsExp struct {
		ds         int
		experiment string
	}
	metrics := map[dsExp]map[string]bool{}
	failed := map[inv]bool{}
	var rows []row
	seenP, seenL := map[string]bool{}, map[string]bool{}
	seenT := map[string]map[string]bool{}
	for i, set := range ds {
		for _, l := range set.Env.Langs {
			seenL[l] = true
		}
		for _, s := range set.Samples {
			if s.OK() && (math.IsNaN(s.Value) || math.IsInf(s.Value, 0) || (s.Value < 0 && !dataset.SignedMetrics[s.Metric])) {
				return nil, fmt.Errorf("%s: sample experiment=%s test=%s lang=%s platform=%s rep=%d metric=%s: status ok but value %v (want a finite value ≥ 0)",
					d.labels[i], s.Experiment, s.Test, s.Lang, s.Platform, s.Rep, s.Metric, s.Value)
			}
			seenP[s.Platform], seenL[s.Lang] = true, true
			if seenT[s.Experiment] == nil {
				seenT[s.Experiment] = map[string]bool{}
			}
			seenT[s.Experiment][s.Test] = true
			k := key{i, s.Experiment, s.Test, s.Lang, s.Platform, s.Metric}
			de := dsExp{i, s.Experiment}
			if metrics[de] == nil {
				metrics[de] = map[string]bool{}
			}
			metrics[de][s.Metric] = true
			if !s.OK() {
				failed[inv{i, s.Experiment, s.Test, s.Lang, s.Platform, s.Rep}] = true
			}
			rows = append(rows, row{k, s.Rep, s.Value, s.OK()})
		}
	}
	// Repetition order, so that values do not depend on the order of
	// rows in the file.
	slices.SortStableFunc(rows, func(a, b row) int { return cmp.Compare(a.rep, b.rep) })
	reps := map[key]map[int]bool{}
	for _, r := range rows {
		c := d.cells[r.k]
		if r.ok {
			c.ok = append(c.ok, r.v)
		}
		d.cells[r.k] = c
		if reps[r.k] == nil {
			reps[r.k] = map[int]bool{}
		}
		reps[r.k][r.rep] = true
	}
	// n counts the repetitions with a row for the metric plus failed
	// invocations that did not get as far as measuring it.
	for iv := range failed {
		for m := range metrics[dsExp{iv.ds, iv.experiment}] {
			k := key{iv.ds, iv.experiment, iv.test, iv.lang, iv.platform, m}
			if reps[k] == nil {
				reps[k] = map[int]bool{}
			}
			reps[k][iv.rep] = true
		}
	}
	for k, rs := range reps {
		c := d.cells[k]
		c.n = len(rs)
		d.cells[k] = c
	}
	d.platforms = ordered(PlatformOrder, seenP)
	d.langs = ordered(langOrder, seenL)
	for _, e := range experiments.Names {
		d.tests[e] = ordered(experiments.Tests[e], seenT[e])
	}
	return d, nil
}

// ordered is fixed followed by the other members of seen, sorted.
func ordered(fixed []string, seen map[string]bool) []string {
	out := slices.Clone(fixed)
	var extra []string
	for s := range seen {
		if !slices.Contains(fixed, s) {
			extra = append(extra, s)
		}
	}
	slices.Sort(extra)
	return append(out, extra...)
}

// labels names each dataset: the given labels, or the base name of its
// directory, made unique.
func labels(ds []*dataset.Dataset, given []string) []string {
	out := make([]string, len(ds))
	used := map[string]int{}
	for i, d := range ds {
		l := ""
		if len(given) > 0 {
			l = given[i]
		} else if d.Dir != "" {
			l = filepath.Base(filepath.Clean(d.Dir))
		}
		if l == "" || l == "." {
			l = "dataset " + strconv.Itoa(i+1)
		}
		used[l]++
		if used[l] > 1 {
			l += " #" + strconv.Itoa(used[l])
		}
		out[i] = l
	}
	return out
}

// get returns the cell of a key (a zero cell: not measured, when absent).
func (d *data) get(ds int, experiment, test, lang, platform, metric string) cell {
	return d.cells[key{ds, experiment, test, lang, platform, metric}]
}
