// Package figures draws the figures of the edgewasm paper with gonum/plot.
// It only draws: every number comes from the analysis model (report/model),
// which the paper's tables and claims read too.
//
// A figure is a Spec: a kind (ratio to native, median, distribution,
// break-even) drawn for an experiment and metric. Specs lists the paper's
// figures (fig-5-1 … fig-5-4 follow the thesis's numbering); Adhoc makes
// one for any experiment and metric, so that a new experiment or platform
// in a dataset needs no code to be drawn. Each figure is saved as SVG and
// PNG with the numbers it plots as CSV beside it, so a reader can check a
// figure without running Go.
//
// Every plotted cell carries n_ok and n (invocations, failed ones included)
// in its CSV row, and an incomplete cell is labelled "n_ok/n". A platform
// that a dataset lacks is not drawn in that dataset's panels; a cell that
// is missing among measured ones is labelled with why. Values that span
// orders of magnitude (ratios, start-up, memory) are on logarithmic axes
// with the same tick labels everywhere, so nothing is cut off.
package figures
