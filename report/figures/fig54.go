package figures

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/experiments/dataset"
)

// Fig54 is the analogue of the thesis's Fig. 5.4: the median start-up
// time of a program that exits at once, in milliseconds, with 95 %
// bootstrap intervals; a panel per dataset, languages as groups.
func Fig54(ds []*dataset.Dataset, o Options) (*Figure, error) {
	d, err := index(ds, o)
	if err != nil {
		return nil, err
	}
	f := &Figure{
		ID:    "fig-5-4",
		Title: "Start-up: median time to run a program that exits at once (95 % bootstrap CI)",
		Caption: "Median wall time, in ms, from launching the noop workload to its exit on each platform: process creation, " +
			"runtime or container set-up, module compilation where there is no cache. Each bar is labelled with its median. " +
			"Error bars: 95 % percentile-bootstrap intervals.",
	}
	exp, m := experiments.Startup, "wall_ms"
	f.Table.Header = append([]string{"dataset", "metric", "lang", "test", "platform"}, summaryHeader(false)...)
	tests := d.tests[exp]
	for i := range d.labels {
		var groups []barGroup
		for _, l := range d.langs {
			for _, t := range tests {
				g := barGroup{name: l}
				if len(tests) > 1 {
					g.name = t + "/" + l
				}
				for _, p := range d.platforms {
					s, err := d.summarize(o, key{i, exp, t, l, p, m}, false)
					if err != nil {
						return nil, err
					}
					f.Table.Rows = append(f.Table.Rows, s.row(false, d.labels[i], m, l, t, p))
					g.cells = append(g.cells, s.bar(p, false, 1, math.Inf(1), true))
				}
				groups = append(groups, g)
			}
		}
		f.panels = append(f.panels, []*plot.Plot{barPanel(d.labels[i], "median ms", groups, noRef, math.Inf(1))})
	}
	f.legend = d.platforms
	f.width = 7 * vg.Inch
	f.height = vg.Length(len(f.panels))*3*vg.Inch + titleH + legendH
	return f, nil
}
