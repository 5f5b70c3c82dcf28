package stats

import (
	"math"

	"gonum.org/v1/gonum/integrate/quad"
)

// StudentizedRangeSurvival returns P(Q > q) for the studentized range Q of k
// independent standard normal variables with infinite degrees of freedom,
// the reference distribution of the Nemenyi test. gonum has no studentized
// range distribution, so it is integrated numerically from
//
//	P(Q ≤ q) = k ∫ φ(z) [Φ(z) − Φ(z − q)]^{k−1} dz
//
// (Hartley 1942; Copenhaver & Holland 1988, eq. 2.1, the basis of R's
// ptukey). With a = Φ(z), b = Φ(z) − Φ(z − q) and k∫φ(z)a^{k−1}dz = 1, the
// upper tail is written without cancellation as
//
//	P(Q > q) = k ∫ φ(z) Φ(z − q) Σ_{i=0}^{k−2} a^i b^{k−2−i} dz,
//
// using a^m − b^m = (a − b) Σ a^i b^{m−1−i}. The integrand is smooth; it is
// integrated by 16-point Gauss–Legendre on panels of width 1/4 over
// [−9, q/2 + 9], which holds all of its mass to double precision (the
// integrand is below φ(z) and below φ(z)Φ(z − q), which peaks at z = q/2).
// Agreement with scipy.stats.studentized_range is tested to 1e-12.
func StudentizedRangeSurvival(q float64, k int) float64 {
	if k < 2 || math.IsNaN(q) {
		return math.NaN()
	}
	if q <= 0 {
		return 1
	}
	if q > 80 { // tail below exp(−q²/4) ≈ 1e−695: underflows
		return 0
	}
	f := func(z float64) float64 {
		a, c := normCDF(z), normCDF(z-q)
		b := a - c
		if z > 0 { // both near 1: subtract the upper tails instead
			b = normSurvival(z-q) - normSurvival(z)
		}
		var sum, ai float64 = 0, 1
		for i := 0; i <= k-2; i++ {
			sum += ai * math.Pow(b, float64(k-2-i))
			ai *= a
		}
		return normPDF(z) * c * sum
	}
	const width, nodes = 0.25, 16
	lo, hi := -9.0, q/2+9
	panels := int(math.Ceil((hi - lo) / width))
	h := (hi - lo) / float64(panels)
	x, w := make([]float64, nodes), make([]float64, nodes)
	quad.Legendre{}.FixedLocations(x, w, 0, h)
	var total float64
	for p := 0; p < panels; p++ {
		left := lo + float64(p)*h
		for i := range x {
			total += w[i] * f(left+x[i])
		}
	}
	return math.Min(1, float64(k)*total)
}

func normPDF(x float64) float64 { return math.Exp(-x*x/2) / math.Sqrt(2*math.Pi) }

// normCDF is Φ(x), accurate in the lower tail.
func normCDF(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }

// normSurvival is 1 − Φ(x), accurate in the upper tail.
func normSurvival(x float64) float64 { return 0.5 * math.Erfc(x/math.Sqrt2) }
