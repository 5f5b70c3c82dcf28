package stats

import (
	"errors"
	"fmt"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"
)

// FriedmanResult is the outcome of the Friedman test on the complete blocks
// of a Matrix.
type FriedmanResult struct {
	Statistic  float64   `json:"statistic"` // tie-corrected chi-square statistic
	DF         int       `json:"df"`        // k - 1
	P          float64   `json:"p_value"`   // upper tail of chi-square(df)
	KendallW   float64   `json:"kendall_w"` // tie-corrected coefficient of concordance
	N          int       `json:"n"`         // complete blocks used
	K          int       `json:"k"`         // treatments
	Treatments []string  `json:"treatments"`
	MeanRanks  []float64 `json:"mean_ranks"` // per treatment, 1 = smallest value
	Warnings   []string  `json:"warnings"`
}

// ErrNoVariation is returned when every block is tied throughout, so that
// the Friedman statistic is 0/0 (R returns NaN there).
var ErrNoVariation = errors.New("every block has all treatments tied; the Friedman statistic is undefined")

// Friedman runs the Friedman rank sum test for a complete block design
// (Friedman 1937; Hollander & Wolfe 1973, sec. 7.1), computed as R's
// friedman.test does. Values are ranked within each block, ties receiving
// the average rank; with R_j the rank sum of treatment j over the n
// complete blocks and t the sizes of the tie groups within blocks,
//
//	Q = 12 Σ_j (R_j − n(k+1)/2)² / (n k (k+1) − Σ(t³ − t)/(k − 1))
//
// and p = P(χ²_{k−1} ≥ Q). Kendall's W is Q / (n(k−1)), which equals
// Kendall and Babington Smith's (1939) coefficient of concordance with the
// usual tie correction, W = 12 S / (n²(k³−k) − n Σ(t³−t)) (Siegel &
// Castellan 1988, sec. 9.4). Blocks with a missing value are dropped and
// reported in Warnings.
func Friedman(m *Matrix) (*FriedmanResult, error) {
	c, warnings := m.Complete()
	if warnings == nil {
		warnings = []string{} // JSON: [] rather than null
	}
	n, k := len(c.Y), len(c.Treatments)
	if k < 2 {
		return nil, fmt.Errorf("%s: Friedman test needs at least 2 treatments, got %d", m.Source, k)
	}
	if n < 1 {
		return nil, fmt.Errorf("%s: no complete block (every block lacks a value for some treatment)", m.Source)
	}
	ranks, ties := rankBlocks(c.Y)
	sums := make([]float64, k)
	for _, row := range ranks {
		for j, r := range row {
			sums[j] += r
		}
	}
	fn, fk := float64(n), float64(k)
	var s float64
	for _, rj := range sums {
		d := rj - fn*(fk+1)/2
		s += d * d
	}
	den := fn*fk*(fk+1) - ties/(fk-1)
	if den <= 0 {
		return nil, fmt.Errorf("%s: %w", m.Source, ErrNoVariation)
	}
	q := 12 * s / den
	res := &FriedmanResult{
		Statistic:  q,
		DF:         k - 1,
		P:          distuv.ChiSquared{K: fk - 1}.Survival(q),
		KendallW:   q / (fn * (fk - 1)),
		N:          n,
		K:          k,
		Treatments: c.Treatments,
		MeanRanks:  make([]float64, k),
		Warnings:   warnings,
	}
	for j, rj := range sums {
		res.MeanRanks[j] = rj / fn
	}
	return res, nil
}

// rankBlocks ranks each row of y (average ranks for ties) and returns the
// ranks and Σ(t³ − t) over all tie groups of all rows.
func rankBlocks(y [][]float64) (ranks [][]float64, ties float64) {
	ranks = make([][]float64, len(y))
	for i, row := range y {
		var t float64
		ranks[i], t = rank(row)
		ties += t
	}
	return ranks, ties
}

// rank returns the ranks of x (1 = smallest; ties get the mean of the ranks
// they span, as R's rank with ties.method = "average") and Σ(t³ − t) over
// the tie groups.
func rank(x []float64) ([]float64, float64) {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	r := make([]float64, len(x))
	var ties float64
	for i := 0; i < len(idx); {
		j := i + 1
		for j < len(idx) && x[idx[j]] == x[idx[i]] {
			j++
		}
		avg := float64(i+j+1) / 2 // mean of ranks i+1 .. j
		for _, p := range idx[i:j] {
			r[p] = avg
		}
		if t := float64(j - i); t > 1 {
			ties += t*t*t - t
		}
		i = j
	}
	return r, ties
}
