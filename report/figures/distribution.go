package figures

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/edgewasm/edgewasm/report/model"
)

// drawDistribution: a full-width panel per dataset and language (and test,
// when the experiment has several), so that every platform's name fits
// under its box, the platforms on the x axis, every repetition
// as a point over a box plot, the median written above each box. The y
// axis is logarithmic and shared: start-up times span three orders of
// magnitude, and on a linear axis the fast platforms vanish.
func drawDistribution(f *Figure, sets []*model.Set, spec Spec) error {
	f.Table.Header = []string{"dataset", "metric", "lang", "test", "platform", "n_ok", "n", "min", "q1", "median", "q3", "max", "values", "status"}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range sets {
		for _, t := range s.Tests(spec.Exp) {
			for _, l := range s.Langs(spec.Exp) {
				for _, p := range s.Platforms(spec.Exp) {
					for _, v := range s.Values(model.Key{Exp: spec.Exp, Test: t, Lang: l, Platform: p, Metric: spec.Metric}) {
						if v > 0 {
							lo, hi = math.Min(lo, v), math.Max(hi, v)
						}
					}
				}
			}
		}
	}
	lo, hi = padLog(lo, hi, 0.05, 0.12)
	for _, s := range sets {
		platforms := s.Platforms(spec.Exp)
		tests := s.Tests(spec.Exp)
		for _, l := range s.Langs(spec.Exp) {
			for _, t := range tests {
				title := fmt.Sprintf("%s · %s guests", s.Label, l)
				if len(tests) > 1 {
					title += " · " + t
				}
				p := newPanel(title, spec.Metric+" (log)")
				var ns notes
				for pi, pl := range platforms {
					k := model.Key{Exp: spec.Exp, Test: t, Lang: l, Platform: pl, Metric: spec.Metric}
					c := s.Cell(k)
					r := []string{s.Label, spec.Metric, l, t, pl, itoa(len(c.Values)), itoa(c.N)}
					if c.Status() != model.StatusOK {
						ns.add(float64(pi), strings.TrimSpace(c.Status()+" "+c.Count()))
						f.Table.Rows = append(f.Table.Rows, append(r, "", "", "", "", "", "", c.Status()))
						continue
					}
					b, err := plotter.NewBoxPlot(vg.Points(16), float64(pi), plotter.Values(c.Values))
					if err != nil {
						return fmt.Errorf("%s %s: %w", s.Label, c.Key, err)
					}
					b.FillColor = fade(platformColor(pl))
					b.GlyphStyle.Radius = 0
					pts := make(plotter.XYs, len(c.Values))
					vals := make([]string, len(c.Values))
					for j, v := range c.Values {
						pts[j] = plotter.XY{X: float64(pi) + jitter(j, len(c.Values)), Y: v}
						vals[j] = num(v)
					}
					sc, _ := plotter.NewScatter(pts)
					g := glyph(pl)
					g.Radius = vg.Points(1.5)
					sc.GlyphStyle = g
					// The numbers are the model's; the box gonum draws
					// has the same quartiles (model.Box).
					box := s.Box(k)
					label := short(box.Median)
					if !c.Complete() {
						label += " (" + c.Count() + ")"
					}
					p.Add(b, sc, &tag{x: float64(pi), y: b.AdjHigh, text: label})
					f.Table.Rows = append(f.Table.Rows, append(r, num(box.Min), num(box.Q1), num(box.Median), num(box.Q3), num(box.Max),
						strings.Join(vals, ";"), model.StatusOK))
				}
				p.Add(&ns)
				p.NominalX(platforms...)
				p.X.Min, p.X.Max = -0.5, float64(len(platforms))-0.5
				p.Y.Scale, p.Y.Tick.Marker = plot.LogScale{}, logTicks{}
				p.Y.Min, p.Y.Max = lo, hi
				f.panels = append(f.panels, []*plot.Plot{p})
			}
		}
	}
	f.legend = union(sets, spec.Exp, "")
	f.width = fullWidth
	f.height = vg.Length(len(f.panels))*2.3*vg.Inch + titleH + legendH
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
