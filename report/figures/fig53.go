package figures

import (
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/experiments/dataset"
)

// Fig53 is the analogue of the thesis's Fig. 5.3: the median time of
// writing and of reading the test file on each platform divided by
// native's, with 95 % bootstrap intervals, a column per language: a row of
// panels for the whole invocation (wall_ms) and one for the I/O calls as
// the program times them (kernel_ms, the thesis's measure).
func Fig53(ds []*dataset.Dataset, o Options) (*Figure, error) {
	d, err := index(ds, o)
	if err != nil {
		return nil, err
	}
	f := &Figure{
		ID:    "fig-5-3",
		Title: "File system: median write and read time relative to native (95 % bootstrap CI)",
		Caption: "Median time of the fsio workload writing, then reading, its file on each platform, divided by the native median, " +
			"for the whole invocation (wall_ms) and for the I/O calls alone as the program times them (kernel_ms) " +
			"(1 = as fast as native, dashed line); error bars are 95 % percentile-bootstrap intervals of the ratio. " +
			"Labels n_ok/n mark cells where invocations failed.",
	}
	if err := d.normalizedGrid(f, o, experiments.FSIO, []string{"wall_ms", "kernel_ms"}); err != nil {
		return nil, err
	}
	return f, nil
}
