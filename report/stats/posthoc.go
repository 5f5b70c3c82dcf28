package stats

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"
)

// Names of the post-hoc tests, as used in Pair.Test and by Posthoc.
const (
	TestWilcoxon = "wilcoxon"
	TestNemenyi  = "nemenyi"
	TestConover  = "conover"
)

// PosthocTests lists every post-hoc test Posthoc knows, in output order.
var PosthocTests = []string{TestWilcoxon, TestNemenyi, TestConover}

// Pair is one pairwise comparison of treatments A and B after a Friedman
// test. P is the unadjusted p-value of this comparison, PAdjusted the
// family-wise one over all pairs of the same test.
type Pair struct {
	A          string  `json:"a"`
	B          string  `json:"b"`
	Test       string  `json:"test"`
	Statistic  float64 `json:"statistic"`
	P          float64 `json:"p_raw"`
	PAdjusted  float64 `json:"p_adjusted"`
	Adjustment string  `json:"adjustment"`
	Method     string  `json:"method,omitempty"`
}

// MarshalJSON writes a non-finite statistic (Conover's t when every block
// ranks the treatments identically) as null, which JSON can represent.
func (p Pair) MarshalJSON() ([]byte, error) {
	var stat *float64
	if !math.IsInf(p.Statistic, 0) && !math.IsNaN(p.Statistic) {
		stat = &p.Statistic
	}
	return json.Marshal(struct {
		A          string   `json:"a"`
		B          string   `json:"b"`
		Test       string   `json:"test"`
		Statistic  *float64 `json:"statistic"`
		P          float64  `json:"p_raw"`
		PAdjusted  float64  `json:"p_adjusted"`
		Adjustment string   `json:"adjustment"`
		Method     string   `json:"method,omitempty"`
	}{p.A, p.B, p.Test, stat, p.P, p.PAdjusted, p.Adjustment, p.Method})
}

// Holm adjusts p-values for multiple comparisons by Holm's (1979) step-down
// method, as R's p.adjust(p, "holm"): with p sorted ascending,
// p̃_(i) = min(1, max_{j ≤ i} (m − j + 1) p_(j)). The result is in the
// order of the input.
func Holm(p []float64) []float64 {
	m := len(p)
	order := make([]int, m)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return p[order[a]] < p[order[b]] })
	adj := make([]float64, m)
	running := 0.0
	for i, o := range order {
		running = math.Max(running, float64(m-i)*p[o])
		adj[o] = math.Min(1, running)
	}
	return adj
}

// Posthoc runs the named pairwise tests (see PosthocTests) on the complete
// blocks of m, one Pair per test and unordered pair of treatments, pairs in
// treatment order.
func Posthoc(m *Matrix, tests ...string) ([]Pair, error) {
	var out []Pair
	for _, t := range tests {
		var pairs []Pair
		var err error
		switch t {
		case TestWilcoxon:
			pairs, err = PairwiseWilcoxon(m)
		case TestNemenyi:
			pairs, err = Nemenyi(m)
		case TestConover:
			pairs, err = Conover(m)
		default:
			return nil, fmt.Errorf("unknown post-hoc test %q (expected one of %v)", t, PosthocTests)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, pairs...)
	}
	return out, nil
}

// PairwiseWilcoxon compares every pair of treatments with the Wilcoxon
// signed-rank test (see Wilcoxon), paired by block over the complete blocks,
// and adjusts the p-values by Holm's method. Benavoli, Corani & Mangili
// (2016, JMLR 17(5)) recommend this over mean-rank tests because the
// p-value of a pair does not depend on the other treatments. The statistic is V for A − B.
func PairwiseWilcoxon(m *Matrix) ([]Pair, error) {
	c, _ := m.Complete()
	var pairs []Pair
	var raw []float64
	for i := range c.Treatments {
		for j := i + 1; j < len(c.Treatments); j++ {
			w, err := Wilcoxon(c.Column(i), c.Column(j))
			if err != nil {
				return nil, fmt.Errorf("%s: %s vs %s: %w", m.Source, c.Treatments[i], c.Treatments[j], err)
			}
			pairs = append(pairs, Pair{A: c.Treatments[i], B: c.Treatments[j], Test: TestWilcoxon,
				Statistic: w.V, P: w.P, Adjustment: "holm", Method: w.Method})
			raw = append(raw, w.P)
		}
	}
	for i, a := range Holm(raw) {
		pairs[i].PAdjusted = a
	}
	return pairs, nil
}

// Nemenyi is the Nemenyi (1963) all-pairs test on Friedman mean ranks, in
// the form of Demšar (2006, JMLR 7:1–30) and PMCMRplus'
// frdAllPairsNemenyiTest: with R̄ the mean within-block ranks over n complete
// blocks, q = |R̄_A − R̄_B| / √(k(k+1)/(12n)) and p = P(Q_{k,∞} > q) for the
// studentized range Q (see StudentizedRangeSurvival). The test controls the
// family-wise error by construction, so PAdjusted equals P. The statistic
// is q on the studentized-range scale; PMCMRplus prints q/√2, and Demšar's
// critical difference is CD = q_α/√2 · √(k(k+1)/(6n)). No tie correction
// is applied (as in both references).
func Nemenyi(m *Matrix) ([]Pair, error) {
	c, _ := m.Complete()
	n, k := len(c.Y), len(c.Treatments)
	if n < 1 {
		return nil, fmt.Errorf("%s: Nemenyi test needs a complete block", m.Source)
	}
	ranks, _ := rankBlocks(c.Y)
	mean := make([]float64, k)
	for _, row := range ranks {
		for j, r := range row {
			mean[j] += r / float64(n)
		}
	}
	se := math.Sqrt(float64(k*(k+1)) / (12 * float64(n)))
	var pairs []Pair
	for i := 0; i < k; i++ {
		for j := i + 1; j < k; j++ {
			q := math.Abs(mean[i]-mean[j]) / se
			p := StudentizedRangeSurvival(q, k)
			pairs = append(pairs, Pair{A: c.Treatments[i], B: c.Treatments[j], Test: TestNemenyi,
				Statistic: q, P: p, PAdjusted: p, Adjustment: "single-step (studentized range)"})
		}
	}
	return pairs, nil
}

// Conover is Conover's all-pairs test after a Friedman test (Conover 1999,
// Practical Nonparametric Statistics, 3rd ed., sec. 5.8, multiple
// comparisons; Conover & Iman 1979), as PMCMRplus' frdAllPairsConoverTest and scikit-posthocs'
// posthoc_conover_friedman compute it, with Holm-adjusted p-values (the
// PMCMRplus default is a single-step adjustment instead). With
// within-block ranks R_ij (average ranks for ties), rank sums R_j over n
// complete blocks and A = Σ_ij R_ij²,
//
//	t = |R_A − R_B| / √(2 (n A − Σ_j R_j²) / ((n − 1)(k − 1)))
//
// and p = 2 P(T > t) for Student's t with (n − 1)(k − 1) degrees of freedom.
// When every block ranks the treatments identically the denominator is 0:
// t is +Inf and p is 0 for treatments with different ranks (t = 0, p = 1
// for treatments tied in every block).
func Conover(m *Matrix) ([]Pair, error) {
	c, _ := m.Complete()
	n, k := len(c.Y), len(c.Treatments)
	if n < 2 {
		return nil, fmt.Errorf("%s: Conover test needs at least 2 complete blocks, got %d", m.Source, n)
	}
	ranks, _ := rankBlocks(c.Y)
	sums := make([]float64, k)
	var a float64
	for _, row := range ranks {
		for j, r := range row {
			sums[j] += r
			a += r * r
		}
	}
	var sumSq float64
	for _, s := range sums {
		sumSq += s * s
	}
	df := float64((n - 1) * (k - 1))
	se := math.Sqrt(2 * (float64(n)*a - sumSq) / df)
	tdist := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}
	var pairs []Pair
	var raw []float64
	for i := 0; i < k; i++ {
		for j := i + 1; j < k; j++ {
			d := math.Abs(sums[i] - sums[j])
			t, p := 0.0, 1.0
			switch {
			case d == 0:
			case se == 0:
				t, p = math.Inf(1), 0
			default:
				t = d / se
				p = 2 * tdist.Survival(t)
			}
			pairs = append(pairs, Pair{A: c.Treatments[i], B: c.Treatments[j], Test: TestConover,
				Statistic: t, P: p, Adjustment: "holm"})
			raw = append(raw, p)
		}
	}
	for i, adj := range Holm(raw) {
		pairs[i].PAdjusted = adj
	}
	return pairs, nil
}

// Analysis is a Friedman test with its post-hoc comparisons; it marshals to
// one JSON object with the Friedman fields at the top level.
type Analysis struct {
	FriedmanResult
	Posthoc []Pair `json:"posthoc"`
}

// Analyze runs Friedman on m and then the named post-hoc tests. A post-hoc
// test the data do not allow (Conover with a single complete block) is
// skipped with a warning; an unknown test name is an error.
func Analyze(m *Matrix, tests ...string) (*Analysis, error) {
	f, err := Friedman(m)
	if err != nil {
		return nil, err
	}
	a := &Analysis{FriedmanResult: *f, Posthoc: []Pair{}}
	for _, t := range tests {
		if !slices.Contains(PosthocTests, t) {
			return nil, fmt.Errorf("unknown post-hoc test %q (expected one of %v)", t, PosthocTests)
		}
		ph, err := Posthoc(m, t)
		if err != nil {
			a.Warnings = append(a.Warnings, fmt.Sprintf("post-hoc %s skipped: %v", t, err))
			continue
		}
		a.Posthoc = append(a.Posthoc, ph...)
	}
	return a, nil
}
