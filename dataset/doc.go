// Package dataset is the one schema of edgewasm's raw data: the Sample row
// of samples.csv, its streaming writer and strict reader, and the
// Environment fingerprint stored as environment.json beside it.
//
// Every exporter, figure and statistic reads samples through this package,
// so the column list exists once (Columns). data/README.md documents each
// column, metric and unit.
package dataset
