// Package claims is the claims engine of the paper: it reads the table of
// the thesis's quantitative claims (report/claims.csv: each claim's
// wording, the thesis's value, a criterion and the reason for it) and the
// registry of every version of each criterion (report/claims-registry.csv:
// when it was committed, the commit and why it changed), and judges each
// claim on a dataset of the analysis model, per guest language and per
// Wasm platform, under the criterion in force when the dataset started and,
// marked post hoc, each later one. A verdict reads on two axes, direction
// and size, in words defined once here (Words) and printed by the paper.
//
// It is its own layer because a verdict is a conclusion, not a cell: it
// reads only the model (every number it compares comes from
// report/model) and writes through report/format, and it knows nothing of
// the cell language that shows its verdicts nor of the formats the paper
// is written in. The cell commands claims, verdicts, claim and verdict
// (report/cells) are its only readers in the paper.
package claims
