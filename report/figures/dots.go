package figures

import (
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/edgewasm/edgewasm/report/model"
)

// dot is one estimate with its interval in a group of a dot chart.
type dot struct {
	platform  string
	y, lo, hi float64 // NaN: nothing to draw
	// note replaces the dot ("not measured", "all failed 0/10", …).
	note string
	// label is written above the interval (a value, or n_ok/n).
	label string
}

// group is one x category (a test, or a language) with a dot per platform.
type group struct {
	name string
	dots []dot
}

// dots draws groups of estimates with whiskers, a marker per platform,
// side by side in each group. Unlike bars, dots read correctly on a
// logarithmic axis, where a bar's length means nothing.
type dots struct{ groups []group }

const groupWidth = 0.8

func (d *dots) x(g, i, n int) float64 {
	return float64(g) - groupWidth/2 + (float64(i)+0.5)*groupWidth/float64(n)
}

// Plot implements plot.Plotter.
func (d *dots) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	labelStyle := textStyle(6.5, draw.XCenter, draw.YBottom)
	line := draw.LineStyle{Color: color.Black, Width: vg.Points(0.7)}
	for g, grp := range d.groups {
		n := len(grp.dots)
		for i, dt := range grp.dots {
			x := d.x(g, i, n)
			if dt.note != "" {
				continue // the panel's title says why
			}
			top := trY(dt.y)
			if !math.IsNaN(dt.lo) && !math.IsNaN(dt.hi) {
				tick := vg.Points(2)
				lo, hi := trY(dt.lo), trY(dt.hi)
				c.StrokeLines(line, c.ClipLinesY(
					[]vg.Point{{X: trX(x), Y: lo}, {X: trX(x), Y: hi}},
					[]vg.Point{{X: trX(x) - tick, Y: lo}, {X: trX(x) + tick, Y: lo}},
					[]vg.Point{{X: trX(x) - tick, Y: hi}, {X: trX(x) + tick, Y: hi}},
				)...)
				top = max(top, hi)
			}
			g := glyph(dt.platform)
			if c.Contains(vg.Point{X: trX(x), Y: trY(dt.y)}) {
				c.DrawGlyph(g, vg.Point{X: trX(x), Y: trY(dt.y)})
			}
			if dt.label != "" {
				c.FillText(labelStyle, vg.Point{X: trX(x), Y: top + 2}, dt.label)
			}
		}
	}
}

// DataRange implements plot.DataRanger over the drawn values.
func (d *dots) DataRange() (xmin, xmax, ymin, ymax float64) {
	ymin, ymax = math.Inf(1), math.Inf(-1)
	for _, g := range d.groups {
		for _, dt := range g.dots {
			for _, v := range []float64{dt.y, dt.lo, dt.hi} {
				if !math.IsNaN(v) && v > 0 {
					ymin, ymax = math.Min(ymin, v), math.Max(ymax, v)
				}
			}
		}
	}
	return -0.5, float64(len(d.groups)) - 0.5, ymin, ymax
}

// dotPanel is a dot chart with the group names on the x axis, a
// logarithmic y axis over [lo, hi] and, when ref is not NaN, a dashed
// reference line at y = ref.
func dotPanel(title, ylabel, suffix string, groups []group, lo, hi, ref float64) *plot.Plot {
	p := newPanel(title, ylabel)
	p.Add(&dots{groups: groups})
	if !math.IsNaN(ref) {
		l, _ := plotter.NewLine(plotter.XYs{{X: -0.5, Y: ref}, {X: float64(len(groups)) - 0.5, Y: ref}})
		l.Color = color.Gray{0x40}
		l.Width = vg.Points(0.6)
		l.Dashes = []vg.Length{vg.Points(3), vg.Points(2)}
		p.Add(l)
	}
	names := make([]string, len(groups))
	for i, g := range groups {
		names[i] = g.name
	}
	p.NominalX(names...)
	p.Y.Scale, p.Y.Tick.Marker = plot.LogScale{}, logTicks{suffix: suffix}
	p.Y.Min, p.Y.Max = lo, hi
	p.X.Min, p.X.Max = -0.5, float64(len(groups))-0.5
	return p
}

// dotOf turns an interval into a dot: the value scaled, or a note saying
// why there is none. Cells where some invocations failed carry n_ok/n.
func dotOf(platform string, c *model.Cell, status string, est, lo, hi, scale float64, withValue bool, suffix string) dot {
	d := dot{platform: platform, y: est * scale, lo: lo * scale, hi: hi * scale}
	switch {
	case status == model.StatusAllFailed:
		d.note = "all failed " + c.Count()
	case status != model.StatusOK:
		d.note = status
	case !(d.y > 0):
		d.note = "not positive"
	}
	if d.note != "" {
		d.y, d.lo, d.hi = math.NaN(), math.NaN(), math.NaN()
		return d
	}
	if !c.Complete() {
		d.label = c.Count()
	}
	if withValue {
		d.label = join(d.label, short(d.y)+suffix)
	}
	return d
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + " " + b
}

// extent widens [lo, hi] by the finite positive values of ds.
func extent(lo, hi float64, ds []dot) (float64, float64) {
	for _, d := range ds {
		for _, v := range []float64{d.y, d.lo, d.hi} {
			if !math.IsNaN(v) && v > 0 {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	return lo, hi
}

func itoa(i int) string { return strconv.Itoa(i) }
