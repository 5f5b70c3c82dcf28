package figures

import (
	"fmt"
	"math"
	"strings"

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
			row = append(row, breakEvenPanel(fmt.Sprintf("%s · %s guests", s.Label, langName(l)), models, stars, len(s.AllLangs())))
		}
		cols = max(cols, len(row))
		f.panels = append(f.panels, row)
	}
	padRows(f, cols)
	// The break-even points are listed under each panel's title, wrapped
	// to its width: room for the longest such title.
	lines := 1
	for _, row := range f.panels {
		for _, p := range row {
			lines = max(lines, strings.Count(p.Title.Text, "\n")+1)
		}
	}
	var all []string
	for _, s := range sets {
		for _, p := range costPlatforms(s) {
			if !contains(all, p) {
				all = append(all, p)
			}
		}
	}
	f.legend, f.lines = model.OrderPlatforms(all), true
	f.width = fullWidth
	f.setHeight(vg.Length(len(f.panels)) * (2.5*vg.Inch + vg.Length(lines-1)*11))
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

func breakEvenPanel(title string, models []model.Cost, stars []star, cols int) *plot.Plot {
	p := newPanel(title, "time to finish, s (log)")
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
		ln.LineStyle = lineStyle(m.Platform, 1.5)
		p.Add(bareLine{ln})
	}
	if math.IsInf(ylo, 1) {
		ylo, yhi = lo, hi
	}
	ylo, yhi = decades(ylo, yhi)
	containers := map[string]bool{}
	for _, s := range stars {
		containers[s.against] = true
	}
	var items []string
	for _, s := range stars {
		// "vs docker" only when there is more than one container.
		text := s.p + " "
		if len(containers) > 1 {
			text = s.p + " vs " + s.against + " "
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
			ln.Color, ln.Width, ln.Dashes = platformColor(s.p), vg.Points(0.7), []vg.Length{vg.Points(2), vg.Points(2)}
			p.Add(bareLine{ln})
		}
		items = append(items, text)
	}
	for _, m := range missing {
		items = append(items, m+" not measured")
	}
	if len(items) > 0 {
		// About 4.4 points a character at the title's 9 points.
		width := int(float64(fullWidth/vg.Length(max(cols, 1))-20) / 4.4)
		p.Title.Text += "\n" + wrapItems("t* against "+strings.Join(sortedKeys(boolKeys(containers)), ", ")+": ", items, width)
	}
	p.X.Scale, p.X.Tick.Marker = plot.LogScale{}, logTicks{sparse: true}
	p.Y.Scale, p.Y.Tick.Marker = plot.LogScale{}, logTicks{sparse: true}
	p.X.Min, p.X.Max = lo, hi
	p.Y.Min, p.Y.Max = ylo, yhi
	return p
}

// wrapItems joins items after head with " · ", starting a new line
// before an item that would pass width characters.
func wrapItems(head string, items []string, width int) string {
	var b strings.Builder
	b.WriteString(head)
	line := len([]rune(head))
	for i, it := range items {
		sep := ""
		if i > 0 {
			sep = " · "
		}
		if i > 0 && line+len(sep)+len([]rune(it)) > width {
			b.WriteString("\n")
			line, sep = 0, ""
		}
		b.WriteString(sep + it)
		line += len([]rune(sep + it))
	}
	return b.String()
}

func boolKeys(m map[string]bool) map[string][]string {
	out := map[string][]string{}
	for k := range m {
		out[k] = nil
	}
	return out
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
