package stats

import (
	"fmt"
	"math"
)

// Method names reported with a Wilcoxon result.
const (
	MethodExact  = "exact"
	MethodNormal = "normal approximation, continuity and tie corrected"
)

// WilcoxonResult is a two-sided Wilcoxon signed-rank test of paired samples.
type WilcoxonResult struct {
	V      float64 `json:"v"`      // sum of the ranks of the positive differences x − y
	N      int     `json:"n"`      // non-zero differences used
	Zeros  int     `json:"zeros"`  // zero differences dropped
	Ties   bool    `json:"ties"`   // tied absolute differences among the n
	P      float64 `json:"p"`      // two-sided
	Method string  `json:"method"` // MethodExact or MethodNormal
}

// exactLimit is R's default: exact p-values for fewer than 50 differences.
const exactLimit = 50

// Wilcoxon runs the two-sided Wilcoxon signed-rank test on the paired
// differences x[i] − y[i] (Wilcoxon 1945; Hollander & Wolfe 1999, sec. 3.1),
// reproducing R's default wilcox.test(x, y, paired = TRUE):
//
//   - zero differences are dropped first (Wilcoxon's convention; R's only
//     choice, scipy's zero_method = "wilcox"); n counts the rest;
//   - V is the sum of the ranks of |d| (average ranks for ties) over d > 0;
//   - when n < 50 and there are neither ties nor dropped zeros, p is exact
//     from the null distribution of V (all 2^n sign patterns equally
//     likely), p = min(1, 2 min(P(V ≤ v), P(V ≥ v)));
//   - otherwise z = (V − n(n+1)/4 − ½ sign(V − n(n+1)/4)) / σ with
//     σ² = n(n+1)(2n+1)/24 − Σ(t³ − t)/48 over the tie groups t of |d|,
//     and p = 2 P(Z ≥ |z|). This is the branch where R warns "cannot
//     compute exact p-value with ties/zeroes"; scipy.stats.wilcoxon with
//     correction=True, method="approx" gives the same p.
//
// x and y must have equal length and no NaN. If every difference is zero
// the test has no information and P is 1 with N = 0 (R returns NaN).
func Wilcoxon(x, y []float64) (WilcoxonResult, error) {
	if len(x) != len(y) {
		return WilcoxonResult{}, fmt.Errorf("wilcoxon: samples of different length %d and %d", len(x), len(y))
	}
	var d []float64
	var res WilcoxonResult
	for i := range x {
		di := x[i] - y[i]
		if math.IsNaN(di) {
			return WilcoxonResult{}, fmt.Errorf("wilcoxon: missing value in pair %d", i+1)
		}
		if di == 0 {
			res.Zeros++
			continue
		}
		d = append(d, di)
	}
	n := len(d)
	res.N = n
	if n == 0 {
		res.P, res.Method = 1, MethodExact
		return res, nil
	}
	abs := make([]float64, n)
	for i, v := range d {
		abs[i] = math.Abs(v)
	}
	r, ties := rank(abs)
	for i, v := range d {
		if v > 0 {
			res.V += r[i]
		}
	}
	res.Ties = ties > 0
	fn := float64(n)
	mean := fn * (fn + 1) / 4
	if n < exactLimit && !res.Ties && res.Zeros == 0 {
		res.Method = MethodExact
		lower, upper := signRankTails(n, int(res.V))
		res.P = math.Min(1, 2*math.Min(lower, upper))
		return res, nil
	}
	res.Method = MethodNormal
	sigma := math.Sqrt(fn*(fn+1)*(2*fn+1)/24 - ties/48)
	z := res.V - mean
	if z > 0 {
		z -= 0.5
	} else if z < 0 {
		z += 0.5
	}
	z /= sigma
	res.P = 2 * normSurvival(math.Abs(z))
	return res, nil
}

// signRankTails returns P(V ≤ v) and P(V ≥ v) for the signed-rank
// statistic of n untied non-zero differences under the null hypothesis.
// The counts of subsets of {1..n} with each sum are built by dynamic
// programming; they stay below 2^49 for n < 50, exact in float64.
func signRankTails(n, v int) (lower, upper float64) {
	maxSum := n * (n + 1) / 2
	c := make([]float64, maxSum+1)
	c[0] = 1
	for i := 1; i <= n; i++ {
		for s := i * (i + 1) / 2; s >= i; s-- {
			c[s] += c[s-i]
		}
	}
	total := math.Ldexp(1, n)
	for s, cs := range c {
		if s <= v {
			lower += cs
		}
		if s >= v {
			upper += cs
		}
	}
	return lower / total, upper / total
}
