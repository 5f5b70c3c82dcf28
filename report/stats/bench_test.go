package stats

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkFriedmanThesisSized times a full analysis of a thesis-sized data
// set: 8 tests, each 10 repetitions (blocks) × 5 platforms; per test the
// Friedman test with all post-hoc tests, a bootstrap CI (B = 2000) of every
// platform's median and of each platform's ratio of medians to the first;
// then per platform the geometric mean of ratios across the 8 tests with its
// bootstrap CI.
func BenchmarkFriedmanThesisSized(b *testing.B) {
	const tests, reps, platforms = 8, 10, 5
	r := rand.New(rand.NewPCG(1, 1))
	ms := make([]*Matrix, tests)
	for t := range ms {
		m := &Matrix{Source: fmt.Sprintf("test%d", t)}
		for p := 0; p < platforms; p++ {
			m.Treatments = append(m.Treatments, fmt.Sprintf("p%d", p))
		}
		for i := 0; i < reps; i++ {
			m.Blocks = append(m.Blocks, fmt.Sprint(i))
			row := make([]float64, platforms)
			for p := range row {
				row[p] = (1 + 0.3*float64(p)) * (1 + 0.05*r.NormFloat64())
			}
			m.Y = append(m.Y, row)
		}
		ms[t] = m
	}
	b.ResetTimer()
	for b.Loop() {
		pairs := make([][]SamplePair, platforms)
		for _, m := range ms {
			if _, err := Analyze(m, PosthocTests...); err != nil {
				b.Fatal(err)
			}
			for p := range m.Treatments {
				if _, err := MedianCI(m.Column(p), DefaultBootstrap); err != nil {
					b.Fatal(err)
				}
				if p == 0 {
					continue
				}
				sp := SamplePair{Name: m.Source, X: m.Column(p), Y: m.Column(0)}
				if _, err := MedianRatioCI(sp.X, sp.Y, DefaultBootstrap); err != nil {
					b.Fatal(err)
				}
				pairs[p] = append(pairs[p], sp)
			}
		}
		for _, sp := range pairs[1:] {
			if _, err := GeoMeanRatioCI(sp, DefaultBootstrap); err != nil {
				b.Fatal(err)
			}
		}
	}
}
