package figures

import (
	"fmt"
	"math"
	"strings"

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
	cols := 0
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
			pn := panel{title: fmt.Sprintf("%s · %s guests · %s", s.Label, langName(l), spec.Metric)}
			missing := map[string][]string{} // why → platforms not drawn in some test
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
					d := dotOf(p, r.Of.Cell, r.Status, r.Interval.Estimate, r.Interval.Lo, r.Interval.Hi, 1, false, "")
					if d.note != "" {
						// Said once in the panel's title, not as a
						// rotated label in the slot.
						why := d.note
						if strings.HasPrefix(why, "all failed") {
							why = "all failed"
						}
						if !contains(missing[why], p) {
							missing[why] = append(missing[why], p)
						}
					}
					g.dots = append(g.dots, d)
				}
				lo, hi = extent(lo, hi, g.dots)
				pn.groups = append(pn.groups, g)
			}
			pn.title = panelTitle(pn.title, missing)
			panels = append(panels, pn)
		}
		lo, hi = padLog(lo, hi, 0.06, 0.1)
		// Few tests and platforms: the languages side by side; many: a
		// full-width row each, so that every test's dots stay apart.
		perRow := 1
		if len(s.Tests(spec.Exp)) <= 2 && len(s.Tests(spec.Exp))*max(1, len(ps)-1) <= 24 {
			perRow = len(panels)
		}
		for i := 0; i < len(panels); i += perRow {
			var row []*plot.Plot
			for _, pn := range panels[i:min(i+perRow, len(panels))] {
				row = append(row, dotPanel(pn.title, "median / native median", "×", pn.groups, lo, hi, 1))
			}
			cols = max(cols, len(row))
			f.panels = append(f.panels, row)
		}
	}
	padRows(f, cols)
	f.legend = union(sets, spec.Exp, model.Baseline)
	f.width = fullWidth
	f.setHeight(vg.Length(len(f.panels)) * 2.3 * vg.Inch)
	return nil
}

var medianHeader = []string{"dataset", "metric", "lang", "test", "platform", "n_ok", "n", "median", "median_lo", "median_hi", "status"}

// drawMedian: a row per platform with its median and interval in the
// spec's unit on a logarithmic axis shared by every panel, the value
// written right of it; a panel per language side by side, a row of panels
// per dataset (and test, when the experiment has several).
func drawMedian(f *Figure, sets []*model.Set, spec Spec) error {
	f.Table.Header = medianHeader
	scale, unit := spec.Scale, spec.Unit
	if scale == 0 {
		scale, unit = 1, spec.Metric
	}
	type panel struct {
		title string
		rows  []hrow
	}
	var grid [][]panel
	lo, hi := math.Inf(1), math.Inf(-1)
	cols := 0
	for _, s := range sets {
		tests := s.Tests(spec.Exp)
		for _, t := range tests {
			var row []panel
			for _, l := range s.Langs(spec.Exp) {
				title := fmt.Sprintf("%s · %s guests", s.Label, langName(l))
				if len(tests) > 1 {
					title += " · " + t
				}
				pn := panel{title: title}
				for _, p := range s.Platforms(spec.Exp) {
					sum, err := s.Summary(model.Key{Exp: spec.Exp, Test: t, Lang: l, Platform: p, Metric: spec.Metric})
					if err != nil {
						return err
					}
					m := sum.Median
					f.Table.Rows = append(f.Table.Rows, []string{s.Label, spec.Metric, l, t, p, itoa(len(sum.Cell.Values)), itoa(sum.Cell.N),
						num(m.Estimate), num(m.Lo), num(m.Hi), sum.Status})
					d := dotOf(p, sum.Cell, sum.Status, m.Estimate, m.Lo, m.Hi, scale, true, "")
					pn.rows = append(pn.rows, hrow{platform: p, y: d.y, lo: d.lo, hi: d.hi, label: d.label, note: d.note})
				}
				lo, hi = hextent(lo, hi, pn.rows)
				row = append(row, pn)
			}
			cols = max(cols, len(row))
			grid = append(grid, row)
		}
	}
	width := fullWidth / vg.Length(max(cols, 1))
	n := 0
	for _, row := range grid {
		for _, pn := range row {
			n = max(n, longest(pn.rows))
		}
	}
	lo, hi = labelRoom(lo, hi, n, width)
	// plot.Align gives every row of panels the same height: the tallest.
	h := vg.Length(0)
	for _, row := range grid {
		var prow []*plot.Plot
		for _, pn := range row {
			prow = append(prow, hpanel(pn.title, "median, "+unit+" (log)", "", pn.rows, lo, hi, false))
			h = max(h, vg.Length(len(pn.rows))*rowHeight+panelChrome)
		}
		f.panels = append(f.panels, prow)
	}
	body := h * vg.Length(len(grid))
	padRows(f, cols)
	// No legend: every row names its platform.
	f.width = fullWidth
	f.setHeight(body)
	return nil
}
