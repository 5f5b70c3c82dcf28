// Package claims is the claims engine of the paper: it reads the table of
// the thesis's quantitative claims (report/claims.csv: each claim's
// wording, the thesis's value, a rule and the reason for it) and judges
// each claim on a dataset of the analysis model, per guest language and
// per Wasm platform, with one of five verdicts defined once here (Words)
// and printed by the paper.
//
// It is its own layer because a verdict is a conclusion, not a cell: it
// reads only the model (every number it compares comes from
// report/model) and writes through report/format, and it knows nothing of
// the cell language that shows its verdicts nor of the formats the paper
// is written in. The cell commands claims, verdicts, claim and verdict
// (report/cells) are its only readers in the paper.
package claims
