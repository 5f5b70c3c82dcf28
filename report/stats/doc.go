// Package stats holds the statistics behind the edgewasm report: the
// Friedman test with Kendall's W, pairwise post-hoc comparisons (Wilcoxon
// signed-rank with Holm correction, Nemenyi, Conover), medians with
// percentile-bootstrap confidence intervals, the geometric mean of
// ratios across tests, and a box plot's five numbers. In the report only
// report/model calls it; the `edgewasm stats` command reads the CSVs the
// paper writes with it directly, so that a reader can recompute a test
// without the model.
//
// # Data layout
//
// Everything starts from a long table: one observation per row with a block
// key, a treatment key and a value. [ReadLong] reads such a table from CSV
// (header block,treatment,value); [ReadRecords] reads any CSV with a header
// and [Build] or [BuildSummarized] turn its rows into a block × treatment
// [Matrix] using key functions chosen by the caller. The choice of key is
// the experimental design:
//
//   - Repetitions as blocks (the thesis): within one test, repetition i of
//     every platform forms block i, the platform is the treatment. Build
//     with block = Columns("rep"), treatment = Columns("platform") on the
//     rows of one test; a repeated (rep, platform) pair is an error.
//   - Tests as blocks (Demšar 2006): each test is a block, the platform is
//     the treatment and the cell holds a summary of that test's repetitions,
//     e.g. the median. Use BuildSummarized with block = Columns("test") and
//     summary = Median.
//
// # Agreement with R
//
// Friedman follows R's friedman.test (stats package) exactly: average ranks
// within a block, the tie-corrected statistic, p from the chi-square upper
// tail, incomplete blocks dropped. (R drops blocks holding NA; in its
// vector interface a block missing a row altogether is an error, which here
// is treated like NA.) The Wilcoxon signed-rank test follows R's
// default wilcox.test(x, y, paired = TRUE): zero differences dropped, exact
// p when fewer than 50 non-zero differences and no ties, otherwise the
// normal approximation with continuity and tie correction. The expected
// values in the tests were computed with scipy (testdata/gen_expected.py)
// and, where noted, taken from published worked examples.
//
// The library never prints; conditions a reader should know about (dropped
// blocks, degenerate tests) are returned as warnings.
package stats
