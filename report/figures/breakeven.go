package figures

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/report/model"
)

// drawBreakEven: a panel per dataset and language with each platform's
// cost curve T_p(t) = S_p + k_p·t on log-log axes, a dashed vertical at
// every Wasm platform's break-even job length against each container, and
// those lengths listed in the panel's corner, one per line, so that close
// values never overlap.
func drawBreakEven(f *Figure, sets []*model.Set) error {
	f.Table.Header = []string{"dataset", "lang", "platform", "startup_ms", "startup_lo", "startup_hi",
		"slowdown", "slowdown_lo", "slowdown_hi", "slowdown_metric", "slowdown_tests", "against", "crossover_s", "crossover_status", "status"}
	cols := 0
	for _, s := range sets {
		var row []*plot.Plot
		// The platforms of the cost model's experiments: a network
		// variant (docker-bridge) has nothing to break even with.
		platforms := costPlatforms(s)
		var containers []string
		for _, p := range platforms {
			if model.Kind(p) == dataset.KindContainer {
				containers = append(containers, p)
			}
		}
		for _, l := range s.AllLangs() {
			var models []model.Cost
			for _, p := range platforms {
				c, err := s.Cost(l, p)
				if err != nil {
					return err
				}
				models = append(models, c)
			}
			var stars []star
			for _, c := range models {
				r := []string{s.Label, l, c.Platform, num(c.Startup.Estimate), num(c.Startup.Lo), num(c.Startup.Hi),
					num(c.Slowdown.Estimate), num(c.Slowdown.Lo), num(c.Slowdown.Hi), model.CostSlowdownMetric, fmt.Sprintf("%d/%d", c.TestsUsed, c.TestsAll)}
				status := model.StatusOK
				if !c.OK() {
					status = "startup " + c.StartupStatus + "; slowdown " + c.SlowdownStatus
				}
				if model.Kind(c.Platform) != dataset.KindWasm || len(containers) == 0 {
					f.Table.Rows = append(f.Table.Rows, append(r, "", "", "n/a", status))
					continue
				}
				for _, d := range containers {
					b, err := s.BreakEven(l, c.Platform, d)
					if err != nil {
						return err
					}
					f.Table.Rows = append(f.Table.Rows, append(r, d, num(b.T), b.Status, status))
					stars = append(stars, star{p: c.Platform, against: d, t: b.T, status: b.Status})
				}
			}
			row = append(row, breakEvenPanel(fmt.Sprintf("%s · %s guests", s.Label, l), models, stars))
		}
		cols = max(cols, len(row))
		f.panels = append(f.panels, row)
	}
	padRows(f, cols)
	var all []string
	for _, s := range sets {
		for _, p := range costPlatforms(s) {
			if !contains(all, p) {
				all = append(all, p)
			}
		}
	}
	f.legend = model.OrderPlatforms(all)
	f.width = fullWidth
	f.height = vg.Length(len(f.panels))*3.1*vg.Inch + titleH + legendH
	return nil
}

// costPlatforms are the platforms of a dataset that ran an experiment of
// the cost model (start-up or CPU), in report order.
func costPlatforms(s *model.Set) []string {
	var out []string
	for _, p := range s.AllPlatforms() {
		if contains(s.Platforms(model.CostStartupExp), p) || contains(s.Platforms(model.CostSlowdownExp), p) {
			out = append(out, p)
		}
	}
	return out
}

// star is one break-even point of a Wasm platform against a container.
type star struct {
	p, against string
	t          float64
	status     string
}

func breakEvenPanel(title string, models []model.Cost, stars []star) *plot.Plot {
	p := newPanel(title, "T_p(t), s (log)")
	p.X.Label.Text = "native job length t, s (log)"
	// Job lengths from a millisecond to ten seconds, widened to hold every
	// break-even point and ten times the longest start-up.
	lo, hi := 0.001, 10.0
	for _, s := range stars {
		if !math.IsNaN(s.t) && s.t > 0 {
			lo, hi = math.Min(lo, s.t/1.5), math.Max(hi, s.t*10)
		}
	}
	for _, m := range models {
		if m.OK() && m.Startup.Estimate > 0 {
			hi = math.Max(hi, m.Startup.Estimate/1000*10)
		}
	}
	lo, hi = decades(lo, hi)
	ylo, yhi := math.Inf(1), math.Inf(-1)
	var missing []string
	for _, m := range models {
		if !m.OK() {
			missing = append(missing, m.Platform)
			continue
		}
		ylo, yhi = math.Min(ylo, m.At(lo)), math.Max(yhi, m.At(hi))
		ln, _ := plotter.NewLine(curve(m, lo, hi))
		ln.Color, ln.Width = platformColor(m.Platform), vg.Points(1.4)
		p.Add(bareLine{ln})
	}
	if math.IsInf(ylo, 1) {
		ylo, yhi = lo, hi
	}
	ylo, yhi = decades(ylo, yhi)
	var lines []legendLine
	containers := map[string]bool{}
	for _, s := range stars {
		containers[s.against] = true
	}
	for _, s := range stars {
		// "vs docker" only when there is more than one container to
		// compare with: the label must fit in the panel's corner.
		text := fmt.Sprintf("t* %s: ", s.p)
		if len(containers) > 1 {
			text = fmt.Sprintf("t* %s vs %s: ", s.p, s.against)
		}
		if math.IsNaN(s.t) {
			why, ok := map[string]string{
				model.CrossNeverSlower: "never (" + s.p + " faster)",
				model.CrossOtherNever:  "never (" + s.against + " faster)",
				model.CrossEqual:       "never (equal)",
			}[s.status]
			if !ok {
				why = s.status // e.g. "docker not measured"
			}
			text += why
		} else {
			text += duration(s.t)
			if s.status == model.CrossLonger {
				text += " (" + s.p + " faster beyond)"
			}
			ln, _ := plotter.NewLine(plotter.XYs{{X: s.t, Y: ylo}, {X: s.t, Y: yhi}})
			ln.Color, ln.Width, ln.Dashes = platformColor(s.p), vg.Points(0.8), []vg.Length{vg.Points(3), vg.Points(2)}
			p.Add(bareLine{ln})
		}
		lines = append(lines, legendLine{text: text, color: platformColor(s.p)})
	}
	for _, m := range missing {
		lines = append(lines, legendLine{text: m + ": not measured", color: color.Gray{0x55}})
	}
	p.Add(&corner{lines: lines})
	p.X.Scale, p.X.Tick.Marker = plot.LogScale{}, logTicks{sparse: true}
	p.Y.Scale, p.Y.Tick.Marker = plot.LogScale{}, logTicks{sparse: true}
	p.X.Min, p.X.Max = lo, hi
	p.Y.Min, p.Y.Max = ylo, yhi
	return p
}

// decades widens [lo, hi] to powers of ten: log axes then end on a
// labelled tick.
func decades(lo, hi float64) (float64, float64) {
	return math.Pow(10, math.Floor(math.Log10(lo))), math.Pow(10, math.Ceil(math.Log10(hi)))
}

// curve samples T_p(t) at log-spaced t in [lo, hi].
func curve(c model.Cost, lo, hi float64) plotter.XYs {
	const n = 64
	xy := make(plotter.XYs, n)
	for i := range xy {
		t := lo * math.Pow(hi/lo, float64(i)/(n-1))
		xy[i] = plotter.XY{X: t, Y: c.At(t)}
	}
	return xy
}

// bareLine is a line without glyph boxes: gonum/plot pads a panel so that
// every point of a line fits with its width, which on log axes with many
// points leaves the panel squeezed. The axes here are set explicitly.
type bareLine struct{ l *plotter.Line }

// Plot implements plot.Plotter.
func (b bareLine) Plot(c draw.Canvas, p *plot.Plot) { b.l.Plot(c, p) }

// DataRange implements plot.DataRanger.
func (b bareLine) DataRange() (xmin, xmax, ymin, ymax float64) { return b.l.DataRange() }

type legendLine struct {
	text  string
	color color.Color
}

// corner writes lines of text in the panel's upper-left corner on a white
// box, one under the other, each after a short dash in its platform's
// colour. The curves stay clear of that corner: at short jobs T_p(t) is
// the start-up, decades below the top of the axis, which is set by the
// longest job.
type corner struct{ lines []legendLine }

// Plot implements plot.Plotter.
func (k *corner) Plot(c draw.Canvas, _ *plot.Plot) {
	sty := textStyle(7, draw.XLeft, draw.YCenter)
	step := sty.Font.Size * 1.35
	width := vg.Length(0)
	for _, l := range k.lines {
		width = max(width, sty.Width(l.text))
	}
	x, y := c.Min.X+4, c.Max.Y-4-sty.Font.Size/2
	box := vg.Rectangle{Min: vg.Point{X: x - 2, Y: y - vg.Length(len(k.lines)-1)*step - step/2}, Max: vg.Point{X: x + 16 + width, Y: c.Max.Y}}
	c.SetColor(color.White)
	c.Fill(box.Path())
	for _, l := range k.lines {
		c.StrokeLine2(draw.LineStyle{Color: l.color, Width: vg.Points(2)}, x, y, x+10, y)
		c.FillText(sty, vg.Point{X: x + 14, Y: y}, l.text)
		y -= step
	}
}
