// Package figures draws the figures of the edgewasm paper from datasets
// written by `edgewasm run`, with gonum/plot.
//
// Each figure has one producer named after it (Fig51 makes fig-5-1, the
// analogue of the thesis's Fig. 5.1) and is saved as SVG and PNG with the
// numbers it plots as CSV beside it, so a reader can check a figure without
// running Go. All draws every figure.
//
// Values come from status=ok samples only; every plotted cell carries n_ok
// and n (invocations, failed ones included) in its CSV row, and an
// incomplete cell is labelled "n_ok/n" in the figure. A platform, test or
// language that a dataset lacks is drawn as "not measured" and has a CSV
// row saying so. Medians come with percentile-bootstrap 95 % intervals from
// report/stats, with a fixed seed: the same datasets give byte-identical
// CSV and SVG files.
//
// Synthetic builds a seeded, realistic-looking dataset for tests and for
// trying the figures without running an experiment.
package figures
