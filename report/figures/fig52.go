package figures

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/experiments/dataset"
)

// Fig52 is the analogue of the thesis's Fig. 5.2: the memory an idle
// workload holds on each platform, as the proportional set size of its
// platform footprint (footprint_kib: PSS of every process the platform runs
// for the workload, the containerd-shim included for Docker) and as the drop in the system's MemAvailable
// (memavail_drop_kib, the thesis's `free` figure), each relative to native
// (left) and absolute in MiB (right).
func Fig52(ds []*dataset.Dataset, o Options) (*Figure, error) {
	d, err := index(ds, o)
	if err != nil {
		return nil, err
	}
	f := &Figure{
		ID:    "fig-5-2",
		Title: "Memory of an idle workload: relative to native and absolute (95 % bootstrap CI)",
		Caption: "Median memory held by the idle workload once ready: its footprint (PSS of every process the platform runs " +
			"for it: the program, the wazero launcher with its guest, or the container's processes and their containerd-shim; " +
			"daemons shared by all containers are not counted) and the drop in system MemAvailable (noisy: every process on " +
			"the machine counts). Left: divided by the native median (dashed line at 1); right: MiB. The CSV holds KiB. " +
			"Error bars: 95 % percentile-bootstrap intervals.",
	}
	exp := experiments.Memory
	f.Table.Header = append([]string{"dataset", "metric", "lang", "test", "platform"}, summaryHeader(true)...)
	tests := d.tests[exp]
	for i := range d.labels {
		for _, m := range []string{"footprint_kib", "memavail_drop_kib"} {
			var rel, abs []barGroup
			var all []summary
			for _, l := range d.langs {
				for _, t := range tests {
					name := l
					if len(tests) > 1 {
						name = t + "/" + l
					}
					rel, abs = append(rel, barGroup{name: name}), append(abs, barGroup{name: name})
					for _, p := range d.platforms {
						s, err := d.summarize(o, key{i, exp, t, l, p, m}, true)
						if err != nil {
							return nil, err
						}
						all = append(all, s)
						f.Table.Rows = append(f.Table.Rows, s.row(true, d.labels[i], m, l, t, p))
					}
				}
			}
			cut := ratioCut(all)
			for gi := range rel {
				for pi, p := range d.platforms {
					s := all[gi*len(d.platforms)+pi]
					rel[gi].cells = append(rel[gi].cells, s.bar(p, true, 1, cut, false))
					abs[gi].cells = append(abs[gi].cells, s.bar(p, false, 1.0/1024, math.Inf(1), true))
				}
			}
			title := fmt.Sprintf("%s · %s", d.labels[i], metricNames[m])
			f.panels = append(f.panels, []*plot.Plot{
				barPanel(title+" · relative", "median / native median", rel, 1, cut),
				barPanel(title+" · absolute", "median MiB", abs, noRef, math.Inf(1)),
			})
		}
	}
	f.legend = d.platforms
	f.width = 2 * 4.5 * vg.Inch
	f.height = vg.Length(len(f.panels))*2.6*vg.Inch + titleH + legendH
	return f, nil
}
