package figures

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/edgewasm/edgewasm/report/model"
)

var ratioHeader = []string{"dataset", "metric", "lang", "test", "platform", "n_ok", "n",
	"median", "median_lo", "median_hi", "ratio", "ratio_lo", "ratio_hi", "status"}

// drawRatio: a full-width panel per dataset and language, the tests as
// groups, a dot per platform for its median over the baseline's. The axis
// is logarithmic and shared by the panels of a dataset, so no value is
// cut and its languages compare at a glance.
func drawRatio(f *Figure, sets []*model.Set, spec Spec) error {
	f.Table.Header = ratioHeader
	for _, s := range sets {
		// The panels of one dataset share their axis; datasets differ
		// too much (an interpreter at 400×) to share one.
		type panel struct {
			title  string
			groups []group
		}
		var panels []panel
		lo, hi := 1.0, 1.0
		ps := s.Platforms(spec.Exp)
		for _, l := range s.Langs(spec.Exp) {
			pn := panel{title: fmt.Sprintf("%s · %s guests · %s", s.Label, l, spec.Metric)}
			for _, t := range s.Tests(spec.Exp) {
				g := group{name: t}
				for _, p := range ps {
					k := model.Key{Exp: spec.Exp, Test: t, Lang: l, Platform: p, Metric: spec.Metric}
					r, err := s.RatioTo(k, model.Baseline)
					if err != nil {
						return err
					}
					m := r.Of.Median
					f.Table.Rows = append(f.Table.Rows, []string{s.Label, spec.Metric, l, t, p, itoa(len(r.Of.Cell.Values)), itoa(r.Of.Cell.N),
						num(m.Estimate), num(m.Lo), num(m.Hi), num(r.Interval.Estimate), num(r.Interval.Lo), num(r.Interval.Hi), r.Status})
					if p == model.Baseline {
						continue
					}
					g.dots = append(g.dots, dotOf(p, r.Of.Cell, r.Status, r.Interval.Estimate, r.Interval.Lo, r.Interval.Hi, 1, false, ""))
				}
				lo, hi = extent(lo, hi, g.dots)
				pn.groups = append(pn.groups, g)
			}
			panels = append(panels, pn)
		}
		lo, hi = padLog(lo, hi, 0.06, 0.1)
		for _, pn := range panels {
			f.panels = append(f.panels, []*plot.Plot{dotPanel(pn.title, "median / native median", "×", pn.groups, lo, hi, 1)})
		}
	}
	f.legend = union(sets, spec.Exp, model.Baseline)
	f.width = fullWidth
	f.height = vg.Length(len(f.panels))*2.3*vg.Inch + titleH + legendH
	return nil
}

var medianHeader = []string{"dataset", "metric", "lang", "test", "platform", "n_ok", "n", "median", "median_lo", "median_hi", "status"}

// drawMedian: a panel per dataset, languages (and tests, when the
// experiment has several) as groups, a dot per platform at its median in
// the spec's unit, labelled with its value, on a logarithmic axis shared
// by the panels.
func drawMedian(f *Figure, sets []*model.Set, spec Spec) error {
	f.Table.Header = medianHeader
	scale, unit := spec.Scale, spec.Unit
	if scale == 0 {
		scale, unit = 1, spec.Metric
	}
	var rows [][]group
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range sets {
		var groups []group
		tests := s.Tests(spec.Exp)
		for _, l := range s.Langs(spec.Exp) {
			for _, t := range tests {
				g := group{name: l + " guests"}
				if len(tests) > 1 {
					g.name = t + " · " + l
				}
				for _, p := range s.Platforms(spec.Exp) {
					sum, err := s.Summary(model.Key{Exp: spec.Exp, Test: t, Lang: l, Platform: p, Metric: spec.Metric})
					if err != nil {
						return err
					}
					m := sum.Median
					f.Table.Rows = append(f.Table.Rows, []string{s.Label, spec.Metric, l, t, p, itoa(len(sum.Cell.Values)), itoa(sum.Cell.N),
						num(m.Estimate), num(m.Lo), num(m.Hi), sum.Status})
					g.dots = append(g.dots, dotOf(p, sum.Cell, sum.Status, m.Estimate, m.Lo, m.Hi, scale, true, ""))
				}
				lo, hi = extent(lo, hi, g.dots)
				groups = append(groups, g)
			}
		}
		rows = append(rows, groups)
	}
	lo, hi = padLog(lo, hi, 0.08, 0.15)
	for i, groups := range rows {
		f.panels = append(f.panels, []*plot.Plot{dotPanel(sets[i].Label, "median "+unit+" (log)", "", groups, lo, hi, math.NaN())})
	}
	f.legend = union(sets, spec.Exp, "")
	f.width = fullWidth
	f.height = vg.Length(len(f.panels))*2.6*vg.Inch + titleH + legendH
	return nil
}
