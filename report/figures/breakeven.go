package figures

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/experiments/dataset"
	"github.com/edgewasm/edgewasm/report/stats"
)

// Docker is the container platform Wasm is compared with in FigBreakEven.
const Docker = "docker"

// breakEvenMetric is the CPU metric the slowdown factor is taken from: the
// kernel alone, since start-up is already counted in S_p.
const breakEvenMetric = "kernel_ms"

// costModel is one platform's T_p(t) = S_p + k_p·t, with intervals.
type costModel struct {
	platform  string
	startup   stats.Interval // ms
	slowdown  stats.Interval
	tests     string // CPU tests in k_p, "used/all"
	startupSt string
	slowSt    string
}

func (c costModel) ok() bool { return c.startupSt == statusOK && c.slowSt == statusOK }

// at is T_p(t) in seconds for t in seconds.
func (c costModel) at(t float64) float64 { return c.startup.Estimate/1000 + c.slowdown.Estimate*t }

// Crossover compares a Wasm platform with Docker under T_p(t) = S_p + k_p·t
// (t: the job's length natively, S: median start-up, k: slowdown factor).
// It returns t* = (S_docker − S_wasm)/(k_wasm − k_docker) in the units of
// S over those of k, and which platform finishes first on either side of it.
// When the lines do not cross for t > 0, t* is NaN and the status says
// which platform is always faster.
func Crossover(sWasm, kWasm, sDocker, kDocker float64) (tStar float64, status string) {
	dS, dK := sDocker-sWasm, kWasm-kDocker
	switch {
	case dS == 0 && dK == 0:
		return math.NaN(), "no crossover: equal"
	case dS >= 0 && dK <= 0:
		return math.NaN(), "no crossover: wasm never slower"
	case dS <= 0 && dK >= 0:
		return math.NaN(), "no crossover: docker never slower"
	case dS > 0:
		return dS / dK, "wasm faster for shorter jobs"
	}
	return dS / dK, "wasm faster for longer jobs"
}

// FigBreakEven answers when a Wasm runtime stops beating Docker for a job
// that would take t seconds natively: with S_p the platform's median
// start-up and k_p the geometric mean over the CPU tests of its median
// kernel time over native's, the job takes T_p(t) = S_p + k_p·t. The
// crossover t* with Docker is in the CSV and marked in the figure.
func FigBreakEven(ds []*dataset.Dataset, o Options) (*Figure, error) {
	d, err := index(ds, o)
	if err != nil {
		return nil, err
	}
	f := &Figure{
		ID:    "fig-break-even",
		Title: "Break-even: time to finish a job of native length t, T_p(t) = S_p + k_p·t",
		Caption: "Log-log axes. Curves: median start-up S_p (noop workload, wall_ms) plus the job's native length t times the platform's CPU slowdown k_p, " +
			"the geometric mean over the CPU tests of median kernel_ms relative to native (start-up is not counted twice). " +
			"Dashed marks: the job length t* = (S_docker − S_wasm)/(k_wasm − k_docker) at which a Wasm platform and Docker " +
			"take equally long; the CSV gives t* and, when the lines do not cross, which platform is always faster. " +
			"Intervals of S_p and k_p (95 % bootstrap) are in the CSV.",
	}
	f.Table.Header = []string{"dataset", "lang", "platform", "startup_ms", "startup_lo", "startup_hi",
		"slowdown", "slowdown_lo", "slowdown_hi", "slowdown_metric", "slowdown_tests", "crossover_vs_docker_s", "crossover_status", "status"}
	for i := range d.labels {
		var row []*plot.Plot
		for _, l := range d.langs {
			models := make([]costModel, len(d.platforms))
			for pi, p := range d.platforms {
				if models[pi], err = d.costModel(o, i, l, p); err != nil {
					return nil, err
				}
			}
			var dock *costModel
			for pi := range models {
				if models[pi].platform == Docker && models[pi].ok() {
					dock = &models[pi]
				}
			}
			p := newPanel(fmt.Sprintf("%s · %s", d.labels[i], l), "T_p(t), s (log)")
			p.X.Label.Text = "native job length t, s (log)"
			var marks notes
			var stars []float64
			var crossings []plotter.XYs
			for _, m := range models {
				r := []string{d.labels[i], l, m.platform, num(m.startup.Estimate), num(m.startup.Lo), num(m.startup.Hi),
					num(m.slowdown.Estimate), num(m.slowdown.Lo), num(m.slowdown.Hi), breakEvenMetric, m.tests}
				status := statusOK
				if !m.ok() {
					status = "startup " + m.startupSt + "; slowdown " + m.slowSt
				}
				xs, xst := "", "n/a"
				if strings.HasPrefix(m.platform, "wazero") {
					switch {
					case dock == nil:
						xst = "docker not measured"
					case !m.ok():
						xst = m.platform + " not measured"
					default:
						t, st := Crossover(m.startup.Estimate/1000, m.slowdown.Estimate, dock.startup.Estimate/1000, dock.slowdown.Estimate)
						xs, xst = num(t), st
						if !math.IsNaN(t) {
							stars = append(stars, t)
							crossings = append(crossings, plotter.XYs{{X: t, Y: m.at(t) / 4}, {X: t, Y: m.at(t) * 4}})
							marks.add(t, fmt.Sprintf("t* = %s s (%s)", short(t), m.platform), true)
						}
					}
				}
				f.Table.Rows = append(f.Table.Rows, append(r, xs, xst, status))
			}
			lo, hi := breakEvenRange(models, stars)
			for pi, m := range models {
				if !m.ok() {
					marks.add(lo*math.Pow(hi/lo, 0.03+0.06*float64(pi)), m.platform+" not measured", false)
					continue
				}
				ln, _ := plotter.NewLine(m.curve(lo, hi))
				ln.Color, ln.Width = platformColor(m.platform), vg.Points(1.4)
				p.Add(bareLine{ln})
			}
			for _, c := range crossings {
				ln, _ := plotter.NewLine(c)
				ln.Color, ln.Width, ln.Dashes = color.Gray{0x40}, vg.Points(0.7), []vg.Length{vg.Points(3), vg.Points(2)}
				p.Add(bareLine{ln})
			}
			p.Add(&marks)
			p.X.Scale, p.X.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
			p.Y.Scale, p.Y.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
			p.X.Min, p.X.Max = lo, hi
			ylo, yhi := math.Inf(1), math.Inf(-1)
			for _, m := range models {
				if m.ok() {
					ylo, yhi = math.Min(ylo, m.at(lo)), math.Max(yhi, m.at(hi))
				}
			}
			if math.IsInf(ylo, 1) {
				ylo, yhi = lo, hi
			}
			p.Y.Min, p.Y.Max = decades(ylo, yhi)
			row = append(row, p)
		}
		f.panels = append(f.panels, row)
	}
	f.legend = d.platforms
	f.width = vg.Length(len(d.langs)) * 4.5 * vg.Inch
	f.height = vg.Length(len(f.panels))*3.2*vg.Inch + titleH + legendH
	return f, nil
}

// breakEvenRange is the span of job lengths shown, in seconds: two decades
// around the crossovers and the start-up times, at least 0.01 s to 10 s.
func breakEvenRange(models []costModel, stars []float64) (lo, hi float64) {
	lo, hi = 0.01, 10.0
	for _, t := range stars {
		lo, hi = math.Min(lo, t/10), math.Max(hi, t*10)
	}
	for _, m := range models {
		if m.ok() && m.startup.Estimate > 0 {
			s := m.startup.Estimate / 1000
			lo, hi = math.Min(lo, s/10), math.Max(hi, s*10)
		}
	}
	return decades(lo, hi)
}

// decades widens [lo, hi] to powers of ten: log axes then end on a
// labelled tick, and gonum/plot leaves no room for ticks beyond them.
func decades(lo, hi float64) (float64, float64) {
	return math.Pow(10, math.Floor(math.Log10(lo))), math.Pow(10, math.Ceil(math.Log10(hi)))
}

// curve samples T_p(t) at log-spaced t in [lo, hi], for a log-log plot.
func (c costModel) curve(lo, hi float64) plotter.XYs {
	const n = 64
	xy := make(plotter.XYs, n)
	for i := range xy {
		t := lo * math.Pow(hi/lo, float64(i)/(n-1))
		xy[i] = plotter.XY{X: t, Y: c.at(t)}
	}
	return xy
}

// costModel measures S_p and k_p of one platform in dataset ds.
func (d *data) costModel(o Options, ds int, lang, platform string) (costModel, error) {
	m := costModel{platform: platform, startup: nanInterval, slowdown: nanInterval}
	st := d.tests[experiments.Startup]
	if len(st) == 0 {
		m.startupSt = statusNotMeasured
	} else {
		s, err := d.summarize(o, key{ds, experiments.Startup, st[0], lang, platform, "wall_ms"}, false)
		if err != nil {
			return m, err
		}
		m.startup, m.startupSt = s.med, s.status
	}
	var pairs []stats.SamplePair
	tests := d.tests[experiments.CPU]
	for _, t := range tests {
		x := d.get(ds, experiments.CPU, t, lang, platform, breakEvenMetric)
		y := d.get(ds, experiments.CPU, t, lang, dataset.Native, breakEvenMetric)
		if len(x.ok) > 0 && len(y.ok) > 0 {
			pairs = append(pairs, stats.SamplePair{Name: t, X: x.ok, Y: y.ok})
		}
	}
	m.tests = strconv.Itoa(len(pairs)) + "/" + strconv.Itoa(len(tests))
	switch {
	case len(pairs) == 0:
		m.slowSt = statusNotMeasured
	case platform == dataset.Native:
		m.slowdown, m.slowSt = stats.Interval{Estimate: 1, Lo: 1, Hi: 1}, statusOK
	default:
		iv, err := stats.GeoMeanRatioCI(pairs, o.Bootstrap)
		if err != nil {
			m.slowSt = "undefined: " + err.Error()
		} else {
			m.slowdown, m.slowSt = iv, statusOK
		}
	}
	return m, nil
}

// bareLine is a line without glyph boxes: gonum/plot pads a panel so that
// every point of a line fits with its width, which on log axes with many
// points leaves the panel squeezed. The axes here are set explicitly.
type bareLine struct{ l *plotter.Line }

// Plot implements plot.Plotter.
func (b bareLine) Plot(c draw.Canvas, p *plot.Plot) { b.l.Plot(c, p) }

// DataRange implements plot.DataRanger.
func (b bareLine) DataRange() (xmin, xmax, ymin, ymax float64) { return b.l.DataRange() }
