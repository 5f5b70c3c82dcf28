package figures

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/experiments/dataset"
)

// logSpan is the ratio of the largest to the smallest start-up time above
// which FigStartupDist uses a logarithmic axis.
const logSpan = 100

// FigStartupDist shows the distribution of start-up times: a box plot
// (Tukey hinges, whiskers to 1.5 IQR) with every repetition drawn as a
// point, per platform, a panel per dataset and language. The y axis is
// logarithmic when times span two orders of magnitude or more.
func FigStartupDist(ds []*dataset.Dataset, o Options) (*Figure, error) {
	d, err := index(ds, o)
	if err != nil {
		return nil, err
	}
	exp, m := experiments.Startup, "wall_ms"
	lo, hi := math.Inf(1), math.Inf(-1)
	for k, c := range d.cells {
		if k.experiment == exp && k.metric == m {
			for _, v := range c.ok {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	logY := lo > 0 && hi/lo >= logSpan
	scale := "linear"
	if logY {
		scale = "log"
	}
	f := &Figure{
		ID:    "fig-startup-dist",
		Title: "Start-up: distribution of times to run a program that exits at once",
		Caption: fmt.Sprintf("Every repetition of the noop workload's wall time (points) with a box plot per platform "+
			"(box: Tukey hinges and median; whiskers: the furthest values within 1.5 IQR); %s y axis, shared by all panels. "+
			"Cells where invocations failed are labelled n_ok/n.", scale),
	}
	f.Table.Header = []string{"dataset", "metric", "lang", "test", "platform", "n_ok", "n", "min", "q1", "median", "q3", "max", "values", "scale", "status"}
	for i := range d.labels {
		var row []*plot.Plot
		for _, l := range d.langs {
			for _, t := range d.tests[exp] {
				title := fmt.Sprintf("%s · %s", d.labels[i], l)
				if len(d.tests[exp]) > 1 {
					title += " · " + t
				}
				p := newPanel(title, "wall ms")
				var ns notes
				for pi, pl := range d.platforms {
					c := d.get(i, exp, t, l, pl, m)
					r := []string{d.labels[i], m, l, t, pl, strconv.Itoa(len(c.ok)), strconv.Itoa(c.n)}
					if c.status() != statusOK {
						ns.add(float64(pi), strings.TrimSpace(c.status()+" "+countIf(c, c.n > 0)), false)
						f.Table.Rows = append(f.Table.Rows, append(r, "", "", "", "", "", "", scale, c.status()))
						continue
					}
					b, err := plotter.NewBoxPlot(vg.Points(16), float64(pi), plotter.Values(c.ok))
					if err != nil {
						return nil, fmt.Errorf("%s %s/%s/%s/%s: %w", d.labels[i], exp, t, l, pl, err)
					}
					b.FillColor = fade(platformColor(pl))
					b.GlyphStyle.Radius = 0
					pts := make(plotter.XYs, len(c.ok))
					vals := make([]string, len(c.ok))
					for j, v := range c.ok {
						pts[j] = plotter.XY{X: float64(pi) + jitter(j, len(c.ok)), Y: v}
						vals[j] = num(v)
					}
					sc, _ := plotter.NewScatter(pts)
					sc.GlyphStyle = draw.GlyphStyle{Color: platformColor(pl), Radius: vg.Points(1.6), Shape: draw.CircleGlyph{}}
					p.Add(b, sc)
					if len(c.ok) < c.n {
						ns.add(float64(pi), c.count(), true)
					}
					f.Table.Rows = append(f.Table.Rows, append(r, num(b.Min), num(b.Quartile1), num(b.Median), num(b.Quartile3), num(b.Max),
						strings.Join(vals, ";"), scale, statusOK))
				}
				p.Add(&ns)
				p.NominalX(d.platforms...)
				p.X.Min, p.X.Max = -0.5, float64(len(d.platforms))-0.5
				switch {
				case math.IsInf(lo, 1): // nothing measured anywhere
					p.Y.Min, p.Y.Max = 0, 1
				case logY:
					p.Y.Scale, p.Y.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
					p.Y.Min, p.Y.Max = decades(lo, hi)
				default:
					p.Y.Min, p.Y.Max = 0, hi*1.1
				}
				row = append(row, p)
			}
		}
		f.panels = append(f.panels, row)
	}
	f.legend = d.platforms
	f.width = vg.Length(len(f.panels[0])) * 4.5 * vg.Inch
	f.height = vg.Length(len(f.panels))*3*vg.Inch + titleH + legendH
	return f, nil
}

func countIf(c cell, ok bool) string {
	if ok {
		return c.count()
	}
	return ""
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

// notes writes short vertical labels at data x positions: at the bottom of
// the panel (a missing cell), or at the top (a remark on a drawn cell).
type notes struct {
	xs    []float64
	texts []string
	top   []bool
}

func (n *notes) add(x float64, text string, top bool) {
	n.xs, n.texts, n.top = append(n.xs, x), append(n.texts, text), append(n.top, top)
}

// Plot implements plot.Plotter.
func (n *notes) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	sty := textStyle(7, draw.XLeft, draw.YCenter)
	sty.Rotation = math.Pi / 2
	sty.Color = color.Gray{0x55}
	// Rotated labels are one text line wide: draw them left to right and
	// push one that would overlap its neighbour on the same side a line
	// further right, so close marks (two crossovers a few ms apart) stay
	// legible.
	order := make([]int, len(n.xs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return n.xs[order[a]] < n.xs[order[b]] })
	line := sty.Font.Size * 1.2
	last := map[bool]vg.Length{}
	for _, i := range order {
		s, y := sty, c.Min.Y+3
		if n.top[i] {
			s.XAlign, s.YAlign = draw.XRight, draw.YTop
			y = c.Max.Y - 3
		}
		x := trX(n.xs[i])
		if prev, ok := last[n.top[i]]; ok && x < prev+line {
			x = prev + line
		}
		last[n.top[i]] = x
		c.FillText(s, vg.Point{X: x, Y: y}, n.texts[i])
	}
}
