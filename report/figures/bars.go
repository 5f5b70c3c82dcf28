package figures

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// barCell is one bar of a grouped bar chart.
type barCell struct {
	platform  string
	y, lo, hi float64 // lo, hi NaN: no error bar
	// note replaces the bar ("not measured", "all failed", …).
	note string
	// top is written above the bar (e.g. "8/10" when invocations failed,
	// or the value of a bar cut by the axis).
	top string
}

// barGroup is one x category (a test, or a language) with a bar per platform.
type barGroup struct {
	name  string
	cells []barCell
}

// bars draws grouped bars with error bars in data coordinates. Bars
// above cut are drawn up to cut and should carry their value in top.
type bars struct {
	groups []barGroup
	cut    float64
}

const groupWidth = 0.84

func (b *bars) x(g, i, n int) float64 {
	return float64(g) - groupWidth/2 + (float64(i)+0.5)*groupWidth/float64(n)
}

// Plot implements plot.Plotter.
func (b *bars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	noteStyle := textStyle(7, draw.XLeft, draw.YCenter)
	noteStyle.Rotation = math.Pi / 2
	noteStyle.Color = color.Gray{0x55}
	topStyle := noteStyle
	topStyle.Font.Size = 6
	line := draw.LineStyle{Color: color.Black, Width: vg.Points(0.6)}
	for g, grp := range b.groups {
		n := len(grp.cells)
		w := groupWidth / float64(n) * 0.88
		for i, cl := range grp.cells {
			x := b.x(g, i, n)
			if cl.note != "" {
				c.FillText(noteStyle, vg.Point{X: trX(x), Y: c.Min.Y + 3}, cl.note)
				continue
			}
			top := math.Min(cl.y, b.cut)
			rect := []vg.Point{
				{X: trX(x - w/2), Y: trY(0)}, {X: trX(x + w/2), Y: trY(0)},
				{X: trX(x + w/2), Y: trY(top)}, {X: trX(x - w/2), Y: trY(top)},
			}
			c.FillPolygon(platformColor(cl.platform), c.ClipPolygonY(rect))
			if !math.IsNaN(cl.lo) && !math.IsNaN(cl.hi) {
				lo, hi := math.Min(cl.lo, b.cut), math.Min(cl.hi, b.cut)
				tickW := w * 0.3
				c.StrokeLines(line, c.ClipLinesY(
					[]vg.Point{{X: trX(x), Y: trY(lo)}, {X: trX(x), Y: trY(hi)}},
					[]vg.Point{{X: trX(x - tickW), Y: trY(lo)}, {X: trX(x + tickW), Y: trY(lo)}},
					[]vg.Point{{X: trX(x - tickW), Y: trY(hi)}, {X: trX(x + tickW), Y: trY(hi)}},
				)...)
				top = math.Max(top, hi)
			}
			if cl.top != "" {
				c.FillText(topStyle, vg.Point{X: trX(x), Y: trY(top) + 2}, cl.top)
			}
		}
	}
}

// DataRange implements plot.DataRanger: from 0 to the highest drawn
// value (at most cut), with a quarter more for the labels above the bars.
func (b *bars) DataRange() (xmin, xmax, ymin, ymax float64) {
	for _, g := range b.groups {
		for _, cl := range g.cells {
			if cl.note != "" {
				continue
			}
			ymax = math.Max(ymax, math.Min(cl.y, b.cut))
			if !math.IsNaN(cl.hi) {
				ymax = math.Max(ymax, math.Min(cl.hi, b.cut))
			}
		}
	}
	if ymax == 0 {
		ymax = 1
	}
	return -0.5, float64(len(b.groups)) - 0.5, 0, ymax * 1.25
}

// barPanel is a grouped bar chart with the group names on the x axis and,
// when ref is not NaN, a dashed reference line at y = ref.
func barPanel(title, ylabel string, groups []barGroup, ref, cut float64) *plot.Plot {
	p := newPanel(title, ylabel)
	b := &bars{groups: groups, cut: cut}
	p.Add(b)
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
	p.X.Tick.Label.Font.Size = 8
	p.Y.Min = 0
	return p
}
