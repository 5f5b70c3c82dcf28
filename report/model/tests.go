package model

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/edgewasm/edgewasm/report/stats"
)

// Matrix is the thesis's design for one test and language: repetitions as
// blocks, platforms as treatments, metric values as observations. With
// platforms nil every platform with values takes part; otherwise the given
// ones that have values, in that order. A repetition that failed on some
// platform leaves a NaN, and its block is dropped by the tests.
func (s *Set) Matrix(exp, test, lang, metric string, platforms []string) *stats.Matrix {
	if platforms == nil {
		platforms = s.Platforms(exp)
	}
	m := &stats.Matrix{Source: fmt.Sprintf("%s %s/%s/%s %s", s.Label, exp, test, lang, metric)}
	var reps []int
	var cells []*Cell
	for _, p := range platforms {
		c := s.Cell(Key{exp, test, lang, p, metric})
		if len(c.Values) == 0 {
			continue
		}
		m.Treatments = append(m.Treatments, p)
		cells = append(cells, c)
		for _, r := range c.Reps {
			if !slices.Contains(reps, r) {
				reps = append(reps, r)
			}
		}
	}
	slices.Sort(reps)
	for _, r := range reps {
		m.Blocks = append(m.Blocks, strconv.Itoa(r))
		row := make([]float64, len(cells))
		for j, c := range cells {
			row[j] = math.NaN()
			if i := slices.Index(c.Reps, r); i >= 0 {
				row[j] = c.Values[i]
			}
		}
		m.Y = append(m.Y, row)
	}
	return m
}

// TestMatrix is the other common design (Demšar 2006): the tests of an
// experiment as blocks, each cell the median of that test's repetitions on
// a platform. The threats-to-validity section contrasts it with Matrix.
func (s *Set) TestMatrix(exp, lang, metric string, platforms []string) (*stats.Matrix, error) {
	if platforms == nil {
		platforms = s.Platforms(exp)
	}
	var recs []stats.Record
	for _, t := range s.Tests(exp) {
		for _, p := range platforms {
			for i, v := range s.Values(Key{exp, t, lang, p, metric}) {
				recs = append(recs, stats.Record{Fields: map[string]string{"test": t, "platform": p}, Value: v, Line: i + 1})
			}
		}
	}
	name := fmt.Sprintf("%s %s/*/%s %s", s.Label, exp, lang, metric)
	return stats.BuildSummarized(recs, name, stats.Columns("test"), stats.Columns("platform"), stats.Median)
}

// Friedman is the Friedman test of Matrix(exp, test, lang, metric,
// platforms), memoized.
func (s *Set) Friedman(exp, test, lang, metric string, platforms []string) (*stats.Matrix, *stats.FriedmanResult, error) {
	type res struct {
		m *stats.Matrix
		f *stats.FriedmanResult
	}
	r, err := memoize(s, fmt.Sprintf("friedman %s/%s/%s %s %s", exp, test, lang, metric, strings.Join(platforms, ",")), func() (res, error) {
		m := s.Matrix(exp, test, lang, metric, platforms)
		if len(m.Treatments) < 2 {
			return res{m: m}, fmt.Errorf("%s: %d platform(s) with values, the test needs 2", m.Source, len(m.Treatments))
		}
		f, err := stats.Friedman(m)
		return res{m, f}, err
	})
	return r.m, r.f, err
}

// Posthoc is the pairwise post-hoc test (stats.PosthocTests) after
// Friedman, memoized.
func (s *Set) Posthoc(exp, test, lang, metric string, platforms []string, method string) ([]stats.Pair, error) {
	return memoize(s, fmt.Sprintf("posthoc %s %s/%s/%s %s %s", method, exp, test, lang, metric, strings.Join(platforms, ",")), func() ([]stats.Pair, error) {
		m := s.Matrix(exp, test, lang, metric, platforms)
		if len(m.Treatments) < 2 {
			return nil, fmt.Errorf("%s: %d platform(s) with values, the test needs 2", m.Source, len(m.Treatments))
		}
		return stats.Posthoc(m, method)
	})
}

// MinReps is the fewest paired repetitions with which the exact two-sided
// Wilcoxon signed-rank test, Holm-adjusted over m comparisons, can reach
// p < alpha at all: its smallest p-value is 2/2^n (every difference of one
// sign), so n must satisfy m·2/2^n < alpha. With fewer, no difference can
// be significant however large it is. For the thesis's three platforms
// (m = 3) and α = 0.05 that is 7 repetitions.
func MinReps(alpha float64, m int) int {
	m = max(m, 1)
	n := 1
	for float64(m)*2/math.Pow(2, float64(n)) >= alpha {
		n++
	}
	return n
}

// Power says whether a dataset can support a verdict that rests on
// pairwise tests among k platforms: its repetitions against MinReps.
type Power struct {
	Reps, Need int
}

// Underpowered reports whether Reps < Need.
func (p Power) Underpowered() bool { return p.Reps < p.Need }

// Power is the dataset's power for comparisons among k platforms, from the
// repetitions its profile planned.
func (s *Set) Power(k int) Power {
	return Power{Reps: s.Env.Profile.Repetitions, Need: MinReps(s.opts.Alpha, k*(k-1)/2)}
}
