package stats

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// Published worked examples, at the precision they were printed.
func TestPublishedExamples(t *testing.T) {
	// R's friedman.test example (Hollander & Wolfe 1973, p. 140):
	// "Friedman chi-squared = 11.143, df = 2, p-value = 0.003805".
	f, err := Friedman(readMatrix(t, "rounding.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(f.Statistic-11.143) > 5e-4 || f.DF != 2 || math.Abs(f.P-0.003805) > 5e-7 {
		t.Errorf("rounding times: chi2 %.4f df %d p %.7f, R prints 11.143, 2, 0.003805", f.Statistic, f.DF, f.P)
	}

	// R's wilcox.test paired example (Hollander & Wolfe 1973, p. 29):
	// V = 40, one-sided p = 0.01953, so two-sided 2 × 10/512.
	x := []float64{1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30}
	y := []float64{0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29}
	w, err := Wilcoxon(x, y)
	if err != nil {
		t.Fatal(err)
	}
	if w.V != 40 || w.Method != MethodExact || w.P != 20.0/512 {
		t.Errorf("depression: V %v p %v (%s), want V 40, p exactly 20/512 (exact)", w.V, w.P, w.Method)
	}
}

// Demšar (2006, Table 5a) lists the Nemenyi critical values q_α for α = 0.05:
// studentized range quantiles from a three-decimal table divided by √2 and
// rounded again, so they are good to about ±0.001.
func TestStudentizedRangeDemsarTable(t *testing.T) {
	q05 := map[int]float64{2: 1.960, 3: 2.343, 4: 2.569, 5: 2.728, 6: 2.850, 7: 2.949, 8: 3.031, 9: 3.102, 10: 3.164}
	for k, q := range q05 {
		lo := StudentizedRangeSurvival((q+0.001)*math.Sqrt2, k)
		hi := StudentizedRangeSurvival((q-0.001)*math.Sqrt2, k)
		if !(lo <= 0.05 && 0.05 <= hi) {
			t.Errorf("k=%d: P(Q > %.4f·√2) ∈ [%.6f, %.6f], does not bracket 0.05", k, q, lo, hi)
		}
	}
	// k = 2: Q/√2 is |Z|, so P(Q > q) = 2(1 − Φ(q/√2)) exactly.
	for _, q := range []float64{0.1, 1, 2.5, 6, 12} {
		check(t, "k=2 survival", StudentizedRangeSurvival(q, 2), math.Erfc(q/2))
	}
}

func TestStudentizedRangeAgainstMpmath(t *testing.T) {
	for _, c := range loadExpected(t).StudentizedRange {
		got := StudentizedRangeSurvival(c.Q, c.K)
		// The 30-digit mpmath value is the reference; relative 1e-9 even in the far tail.
		if math.Abs(got-c.SfMpmath) > 1e-9*c.SfMpmath {
			t.Errorf("q=%v k=%d: %.17g, mpmath %.17g", c.Q, c.K, got, c.SfMpmath)
		}
		if math.Abs(got-c.SfScipy) > 1e-12 {
			t.Errorf("q=%v k=%d: %.17g, scipy %.17g", c.Q, c.K, got, c.SfScipy)
		}
	}
	if p := StudentizedRangeSurvival(0, 5); p != 1 {
		t.Errorf("P(Q > 0) = %v, want 1", p)
	}
	if p := StudentizedRangeSurvival(100, 5); p != 0 {
		t.Errorf("P(Q > 100) = %v, want 0", p)
	}
}

func TestHolm(t *testing.T) {
	// By hand: sorted 0.01, 0.02, 0.03, 0.5 → 4·0.01, 3·0.02, max(0.06, 2·0.03), max(0.06, 0.5).
	got := Holm([]float64{0.03, 0.5, 0.01, 0.02})
	want := []float64{0.06, 0.5, 0.04, 0.06}
	for i := range want {
		check(t, "holm", got[i], want[i])
	}
	got = Holm([]float64{0.4, 0.9})
	if got[0] != 0.8 || got[1] != 0.9 {
		t.Errorf("Holm(0.4, 0.9) = %v, want [0.8 0.9]", got)
	}
	if got := Holm([]float64{0.6, 0.7}); got[0] != 1 || got[1] != 1 {
		t.Errorf("Holm caps at 1, got %v", got)
	}
}

func TestWilcoxonEdgeCases(t *testing.T) {
	w, err := Wilcoxon([]float64{1, 2, 3}, []float64{1, 2, 3})
	if err != nil || w.P != 1 || w.N != 0 || w.Zeros != 3 {
		t.Errorf("all zero differences: %+v, %v; want p 1, n 0, 3 zeros", w, err)
	}
	if _, err := Wilcoxon([]float64{1, 2}, []float64{1}); err == nil {
		t.Error("different lengths accepted")
	}
	if _, err := Wilcoxon([]float64{1, math.NaN()}, []float64{1, 2}); err == nil {
		t.Error("NaN accepted")
	}
	// n = 49 untied differences: still exact (R: n < 50); n = 50: normal.
	for n, method := range map[int]string{49: MethodExact, 50: MethodNormal} {
		x, y := make([]float64, n), make([]float64, n)
		for i := range x {
			x[i] = float64(i + 1)
			if i%3 == 0 {
				x[i] = -x[i]
			}
		}
		w, _ := Wilcoxon(x, y)
		if w.Method != method {
			t.Errorf("n=%d: method %q, want %q", n, w.Method, method)
		}
	}
}

func TestExactSignRankDistribution(t *testing.T) {
	// n = 3: sums of subsets of {1,2,3} are 0,1,2,3,3,4,5,6.
	lo, hi := signRankTails(3, 1)
	if lo != 0.25 || hi != 7.0/8 {
		t.Errorf("n=3 v=1: %v, %v; want 0.25, 0.875", lo, hi)
	}
	lo, hi = signRankTails(3, 3)
	if lo != 5.0/8 || hi != 5.0/8 {
		t.Errorf("n=3 v=3: %v, %v; want 0.625, 0.625", lo, hi)
	}
}

func TestFriedmanDegenerate(t *testing.T) {
	m := &Matrix{Source: "x.csv", Blocks: []string{"1", "2"}, Treatments: []string{"a", "b"},
		Y: [][]float64{{1, 1}, {2, 2}}}
	if _, err := Friedman(m); !errors.Is(err, ErrNoVariation) {
		t.Errorf("all tied: err %v, want ErrNoVariation", err)
	}
	m.Y = [][]float64{{1, math.NaN()}, {math.NaN(), 2}}
	if _, err := Friedman(m); err == nil || !strings.Contains(err.Error(), "no complete block") {
		t.Errorf("no complete block: err %v", err)
	}
}

// Properties on random data: p and W in [0, 1]; W is 1 when all blocks agree;
// results are invariant under strictly increasing transforms within a
// block; relabelling treatments permutes but does not change the test.
func TestFriedmanProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for iter := 0; iter < 300; iter++ {
		n, k := 2+r.IntN(12), 2+r.IntN(6)
		m := &Matrix{Source: "random", Treatments: make([]string, k), Y: make([][]float64, n)}
		for j := range m.Treatments {
			m.Treatments[j] = string(rune('a' + j))
		}
		for i := range m.Y {
			m.Blocks = append(m.Blocks, string(rune('A'+i)))
			m.Y[i] = make([]float64, k)
			for j := range m.Y[i] {
				m.Y[i][j] = float64(r.IntN(5)) + float64(j)*r.Float64()*0.5 // ties happen
			}
		}
		f, err := Friedman(m)
		if errors.Is(err, ErrNoVariation) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if !(f.P >= 0 && f.P <= 1 && f.KendallW >= 0 && f.KendallW <= 1+1e-12) {
			t.Fatalf("out of range: p %v W %v for %v", f.P, f.KendallW, m.Y)
		}
		// Monotone transform with a block-specific scale and shift.
		tm := &Matrix{Source: m.Source, Blocks: m.Blocks, Treatments: m.Treatments, Y: make([][]float64, n)}
		for i, row := range m.Y {
			s, c := 0.1+r.Float64()*10, r.NormFloat64()*100
			for _, v := range row {
				tm.Y[i] = append(tm.Y[i], math.Exp(v)*s+c)
			}
		}
		g, err := Friedman(tm)
		if err != nil {
			t.Fatal(err)
		}
		if !close(g.Statistic, f.Statistic) || !close(g.P, f.P) {
			t.Fatalf("monotone transform changed the test: %v/%v vs %v/%v", g.Statistic, g.P, f.Statistic, f.P)
		}
		pf, _ := Posthoc(m, PosthocTests...)
		pg, _ := Posthoc(tm, PosthocTests...)
		for i := range pf {
			// Rank tests only: Wilcoxon ranks differences across blocks.
			if pf[i].Test != TestWilcoxon && !close(pf[i].P, pg[i].P) {
				t.Fatalf("monotone transform changed %s %s-%s: %v vs %v", pf[i].Test, pf[i].A, pf[i].B, pf[i].P, pg[i].P)
			}
			if p := pf[i]; !(p.P >= 0 && p.P <= 1 && p.PAdjusted >= p.P && p.PAdjusted <= 1) {
				t.Fatalf("post-hoc p out of range: %+v", p)
			}
		}
		// Reversed treatment order: same statistic.
		rm := &Matrix{Source: m.Source, Blocks: m.Blocks, Treatments: make([]string, k), Y: make([][]float64, n)}
		for j := range rm.Treatments {
			rm.Treatments[j] = m.Treatments[k-1-j]
		}
		for i, row := range m.Y {
			for j := range row {
				rm.Y[i] = append(rm.Y[i], row[k-1-j])
			}
		}
		h, _ := Friedman(rm)
		if !close(h.Statistic, f.Statistic) {
			t.Fatalf("treatment order changed the statistic: %v vs %v", h.Statistic, f.Statistic)
		}
	}
}

func TestKendallWPerfectAgreement(t *testing.T) {
	m := &Matrix{Source: "agree", Treatments: []string{"native", "docker", "wasm"}}
	for i := 0; i < 10; i++ {
		m.Blocks = append(m.Blocks, string(rune('0'+i)))
		m.Y = append(m.Y, []float64{1 + float64(i), 2 + float64(i), 50})
	}
	f, err := Friedman(m)
	if err != nil {
		t.Fatal(err)
	}
	// n(k−1) = 20 and W = 1; p = exp(−10) for χ²₂.
	if f.KendallW != 1 || f.Statistic != 20 || !close(f.P, math.Exp(-10)) {
		t.Errorf("perfect agreement: W %v, Q %v, p %v", f.KendallW, f.Statistic, f.P)
	}
	c, _ := Conover(m)
	for _, p := range c {
		if !math.IsInf(p.Statistic, 1) || p.P != 0 {
			t.Errorf("Conover with identical rankings: %+v, want t=+Inf, p=0", p)
		}
		b, err := json.Marshal(p)
		if err != nil || !strings.Contains(string(b), `"statistic":null`) {
			t.Errorf("JSON of infinite statistic: %s, %v", b, err)
		}
	}
}

func TestPosthocUnknown(t *testing.T) {
	if _, err := Posthoc(readMatrix(t, "ties.csv"), "dunn"); err == nil {
		t.Error("unknown test accepted")
	}
}
