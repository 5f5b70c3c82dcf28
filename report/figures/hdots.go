package figures

import (
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Horizontal charts: a row per platform, the platform's name on the y
// axis, the value on a logarithmic x axis, its label written to the right
// of everything drawn in the row. However many platforms a dataset has,
// every name and label stays horizontal and clear of its neighbours.

// hrow is one platform's row: a point estimate with its interval (dots),
// or every repetition over a box plot (boxes); note replaces both when
// there is nothing to draw ("all failed 0/10").
type hrow struct {
	platform  string
	y, lo, hi float64
	values    []float64
	label     string
	note      string
}

// rowHeight is the height of one platform's row, and panelChrome what a
// panel needs beyond its rows (title, axis, tick labels).
const (
	rowHeight   = vg.Length(15)
	panelChrome = vg.Length(58)
)

// hpanel is a panel of rows, first row at the top, on a logarithmic x
// axis over [lo, hi]; boxes draws box plots with the repetitions instead
// of dots with whiskers.
func hpanel(title, xlabel, suffix string, rows []hrow, lo, hi float64, boxes bool) *plot.Plot {
	p := newPanel(title, "")
	p.X.Label.Text = xlabel
	n := len(rows)
	names := make([]string, n)
	for i, r := range rows {
		names[n-1-i] = r.platform
	}
	for i, r := range rows {
		y := float64(n - 1 - i)
		if r.note != "" {
			continue
		}
		if boxes && len(r.values) > 0 {
			b, err := plotter.NewBoxPlot(vg.Points(9), y, plotter.Values(r.values))
			if err == nil {
				b.Horizontal = true
				b.FillColor = fade(platformColor(r.platform))
				b.GlyphStyle.Radius = 0
				p.Add(b)
			}
			pts := make(plotter.XYs, len(r.values))
			for j, v := range r.values {
				pts[j] = plotter.XY{X: v, Y: y + jitter(j, len(r.values))*0.9}
			}
			sc, _ := plotter.NewScatter(pts)
			g := glyph(r.platform)
			g.Radius = vg.Points(1.6)
			sc.GlyphStyle = g
			p.Add(sc)
		}
	}
	p.Add(&hmarks{rows: rows, boxes: boxes})
	// The names reserve the axis's width; hmarks writes them centred on
	// their rows (gonum raises tick labels by the font's descent).
	p.NominalY(names...)
	p.Y.Tick.Label.Color = color.Transparent
	p.Y.Tick.Length = 0
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	p.X.Scale, p.X.Tick.Marker = plot.LogScale{}, logTicks{suffix: suffix}
	p.X.Min, p.X.Max = lo, hi
	return p
}

// hmarks draws what the rows add to the panel: whiskers and markers
// (dots), each row's label right of its furthest mark, and notes.
type hmarks struct {
	rows  []hrow
	boxes bool
}

// Plot implements plot.Plotter.
func (h *hmarks) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	labelStyle := textStyle(7, draw.XLeft, draw.YCenter)
	noteStyle := textStyle(7, draw.XLeft, draw.YCenter)
	noteStyle.Color = color.Gray{0x55}
	line := draw.LineStyle{Color: color.Black, Width: vg.Points(0.7)}
	n := len(h.rows)
	nameStyle := textStyle(8, draw.XRight, draw.YCenter)
	for i, r := range h.rows {
		y := trY(float64(n - 1 - i))
		c.FillText(nameStyle, vg.Point{X: c.Min.X - 4, Y: y}, r.platform)
		if r.note != "" {
			c.FillText(noteStyle, vg.Point{X: c.Min.X + 4, Y: y}, r.note)
			continue
		}
		right := trX(r.y)
		if !h.boxes && !math.IsNaN(r.lo) && !math.IsNaN(r.hi) {
			tick := vg.Points(2)
			lo, hi := trX(r.lo), trX(r.hi)
			c.StrokeLines(line, c.ClipLinesX(
				[]vg.Point{{X: lo, Y: y}, {X: hi, Y: y}},
				[]vg.Point{{X: lo, Y: y - tick}, {X: lo, Y: y + tick}},
				[]vg.Point{{X: hi, Y: y - tick}, {X: hi, Y: y + tick}},
			)...)
			right = max(right, hi)
		}
		for _, v := range r.values {
			right = max(right, trX(v))
		}
		if !h.boxes {
			g := glyph(r.platform)
			g.Radius = vg.Points(3)
			if pt := (vg.Point{X: trX(r.y), Y: y}); c.Contains(pt) {
				c.DrawGlyph(g, pt)
			}
		}
		if r.label != "" {
			c.FillText(labelStyle, vg.Point{X: right + 5, Y: y}, r.label)
		}
	}
}

// DataRange implements plot.DataRanger: the axes are set explicitly.
func (h *hmarks) DataRange() (xmin, xmax, ymin, ymax float64) {
	return math.NaN(), math.NaN(), math.NaN(), math.NaN()
}

// hextent widens [lo, hi] by the positive values of the rows.
func hextent(lo, hi float64, rows []hrow) (float64, float64) {
	for _, r := range rows {
		for _, v := range append([]float64{r.y, r.lo, r.hi}, r.values...) {
			if !math.IsNaN(v) && v > 0 {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	return lo, hi
}

// labelRoom widens the top of a log axis so that a label of chars
// characters fits right of the largest value in a panel width wide.
func labelRoom(lo, hi float64, chars int, width vg.Length) (float64, float64) {
	if !(lo > 0) || !(hi > lo) {
		return padLog(lo, hi, 0.05, 0.3)
	}
	span := math.Log10(hi / lo)
	// The label takes chars × 3.6 pt of a plot area about width − 1.2 in
	// (the platform names and padding take the rest).
	frac := float64(vg.Length(chars)*3.6+8) / float64(width-1.2*vg.Inch)
	frac = math.Min(frac, 0.6)
	above := span * frac / (1 - frac)
	return lo / math.Pow(10, span*0.04), hi * math.Pow(10, above)
}

// longest is the length of the longest label of the rows.
func longest(rows ...[]hrow) int {
	n := 0
	for _, rs := range rows {
		for _, r := range rs {
			n = max(n, len([]rune(r.label)))
		}
	}
	return n
}

// panelTitle is a panel's title: the dataset and language, and on a
// second line the platforms left out of it and why.
func panelTitle(head string, missing map[string][]string) string {
	var parts []string
	for _, why := range sortedKeys(missing) {
		parts = append(parts, why+": "+strings.Join(missing[why], ", "))
	}
	if len(parts) == 0 {
		return head
	}
	return head + "\n" + strings.Join(parts, "; ")
}

func sortedKeys(m map[string][]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	for i := 1; i < len(ks); i++ {
		for j := i; j > 0 && ks[j] < ks[j-1]; j-- {
			ks[j], ks[j-1] = ks[j-1], ks[j]
		}
	}
	return ks
}
