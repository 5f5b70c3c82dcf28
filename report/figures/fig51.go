package figures

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/experiments/dataset"
)

// metricNames describe the metrics in panel titles.
var metricNames = map[string]string{
	"wall_ms":           "whole invocation (wall_ms)",
	"kernel_ms":         "kernel only (kernel_ms)",
	"footprint_kib":     "footprint (footprint_kib)",
	"memavail_drop_kib": "MemAvailable drop (memavail_drop_kib)",
}

// Fig51 is the analogue of the thesis's Fig. 5.1: the median time of each
// CPU test on each platform divided by native's, with 95 % bootstrap
// intervals; one row of panels for the whole invocation (wall_ms, as the
// thesis timed it) and one for the kernel alone (kernel_ms), a column per
// language.
func Fig51(ds []*dataset.Dataset, o Options) (*Figure, error) {
	d, err := index(ds, o)
	if err != nil {
		return nil, err
	}
	f := &Figure{
		ID:    "fig-5-1",
		Title: "CPU: median time relative to native (95 % bootstrap CI)",
		Caption: "Median time of each CPU test on each platform divided by the native median of the same test and language " +
			"(1 = as fast as native, dashed line). Error bars: 95 % percentile-bootstrap intervals of the ratio " +
			"(native: its own interval over its median). wall_ms is the whole invocation including start-up, as the thesis timed it; " +
			"kernel_ms is the workload's own timing of its computation. Labels n_ok/n mark cells where invocations failed.",
	}
	if err := d.normalizedGrid(f, o, experiments.CPU, []string{"wall_ms", "kernel_ms"}); err != nil {
		return nil, err
	}
	return f, nil
}

// normalizedGrid fills f with panels of median ratios to native: a row per
// dataset and metric, a column per language, the experiment's tests as
// groups of bars.
func (d *data) normalizedGrid(f *Figure, o Options, exp string, metrics []string) error {
	f.Table.Header = append([]string{"dataset", "metric", "lang", "test", "platform"}, summaryHeader(true)...)
	for i := range d.labels {
		for _, m := range metrics {
			var row []*plot.Plot
			for _, l := range d.langs {
				var groups []barGroup
				var all []summary
				for _, t := range d.tests[exp] {
					g := barGroup{name: t}
					for _, p := range d.platforms {
						s, err := d.summarize(o, key{i, exp, t, l, p, m}, true)
						if err != nil {
							return err
						}
						all = append(all, s)
						f.Table.Rows = append(f.Table.Rows, s.row(true, d.labels[i], m, l, t, p))
					}
					groups = append(groups, g)
				}
				cut := ratioCut(all)
				for gi := range groups {
					for pi, p := range d.platforms {
						groups[gi].cells = append(groups[gi].cells, all[gi*len(d.platforms)+pi].bar(p, true, 1, cut, false))
					}
				}
				title := fmt.Sprintf("%s · %s · %s", d.labels[i], l, metricNames[m])
				row = append(row, barPanel(title, "median / native median", groups, 1, cut))
			}
			f.panels = append(f.panels, row)
		}
	}
	f.legend = d.platforms
	f.width = vg.Length(len(d.langs)) * 6.5 * vg.Inch
	f.height = vg.Length(len(f.panels))*2.6*vg.Inch + titleH + legendH
	return nil
}

// noRef is passed as the reference line of panels that have none.
var noRef = math.NaN()
