package figures

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/report/model"
)

// drawDistribution: a row per platform with every repetition as a point
// over a horizontal box plot and the median written right of the row, on a
// logarithmic axis shared by every panel (start-up times span three orders
// of magnitude, and on a linear axis the fast platforms vanish); a panel
// per language side by side, a row of panels per dataset (and test, when
// the experiment has several).
func drawDistribution(f *Figure, sets []*model.Set, spec Spec) error {
	f.Table.Header = []string{"dataset", "metric", "lang", "test", "platform", "n_ok", "n", "min", "q1", "median", "q3", "max", "values", "status"}
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
				for _, pl := range s.Platforms(spec.Exp) {
					k := model.Key{Exp: spec.Exp, Test: t, Lang: l, Platform: pl, Metric: spec.Metric}
					c := s.Cell(k)
					r := []string{s.Label, spec.Metric, l, t, pl, itoa(len(c.Values)), itoa(c.N)}
					if c.Status() != model.StatusOK {
						pn.rows = append(pn.rows, hrow{platform: pl, note: strings.TrimSpace(c.Status() + " " + c.Count())})
						f.Table.Rows = append(f.Table.Rows, append(r, "", "", "", "", "", "", c.Status()))
						continue
					}
					vals := make([]string, len(c.Values))
					for j, v := range c.Values {
						vals[j] = num(v)
					}
					// The numbers are the model's; the box gonum draws
					// has the same quartiles (model.Box).
					box := s.Box(k)
					label := short(box.Median)
					if !c.Complete() {
						label += " (" + c.Count() + ")"
					}
					pn.rows = append(pn.rows, hrow{platform: pl, y: box.Median, lo: math.NaN(), hi: math.NaN(), values: c.Values, label: label})
					f.Table.Rows = append(f.Table.Rows, append(r, num(box.Min), num(box.Q1), num(box.Median), num(box.Q3), num(box.Max),
						strings.Join(vals, ";"), model.StatusOK))
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
	xlabel := spec.Metric + " (log)"
	if u, ok := dataset.MetricUnit(spec.Metric); ok {
		xlabel = spec.Metric + ", " + u + " (log)"
	}
	h := vg.Length(0)
	for _, row := range grid {
		var prow []*plot.Plot
		for _, pn := range row {
			prow = append(prow, hpanel(pn.title, xlabel, "", pn.rows, lo, hi, true))
			h = max(h, vg.Length(len(pn.rows))*rowHeight+panelChrome)
		}
		f.panels = append(f.panels, prow)
	}
	padRows(f, cols)
	// No legend: every row names its platform.
	f.width = fullWidth
	f.setHeight(h * vg.Length(len(grid)))
	return nil
}

// padRows gives every row of panels the same number of columns (plot.Align
// needs a full grid) with blank panels, which draw nothing.
func padRows(f *Figure, cols int) {
	for i, row := range f.panels {
		for len(row) < cols {
			p := plot.New()
			p.HideAxes()
			row = append(row, p)
		}
		f.panels[i] = row
	}
}

// tag writes a short label just above a data point.
type tag struct {
	x, y float64
	text string
}

// Plot implements plot.Plotter.
func (t *tag) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	c.FillText(textStyle(6.5, draw.XCenter, draw.YBottom), vg.Point{X: trX(t.x), Y: trY(t.y) + 3}, t.text)
}

// jitter spreads the points of one box horizontally, deterministically.
func jitter(j, n int) float64 {
	if n < 2 {
		return 0
	}
	return 0.3 * (float64((j*7)%n)/float64(n-1) - 0.5)
}

// fade is a light tint of c for box fills.
func fade(c color.Color) color.Color {
	r, g, b, _ := c.RGBA()
	mix := func(v uint32) uint8 { return uint8((v>>8)/3 + 0xff*2/3) }
	return color.RGBA{mix(r), mix(g), mix(b), 0xff}
}

// notes writes short vertical labels at the bottom of a panel, at data x
// positions: a platform without values.
type notes struct {
	xs    []float64
	texts []string
}

func (n *notes) add(x float64, text string) {
	n.xs, n.texts = append(n.xs, x), append(n.texts, text)
}

// Plot implements plot.Plotter.
func (n *notes) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	sty := textStyle(7, draw.XLeft, draw.YCenter)
	sty.Rotation = math.Pi / 2
	sty.Color = color.Gray{0x55}
	for i, x := range n.xs {
		c.FillText(sty, vg.Point{X: trX(x), Y: c.Min.Y + 3}, n.texts[i])
	}
}
