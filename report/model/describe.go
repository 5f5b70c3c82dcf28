package model

import (
	"fmt"
	"slices"
	"strings"

	"github.com/edgewasm/edgewasm/report/stats"
)

// The statistics' types as the model hands them out: a reader of the model
// (the cells, the claims, the figures) names them through this package and
// never calls report/stats itself, so every number of the paper comes from
// the model.
type (
	// Interval is an estimate with its bootstrap interval.
	Interval = stats.Interval
	// Matrix is the input of a Friedman test: blocks × treatments.
	Matrix = stats.Matrix
	// FriedmanResult is a Friedman test's statistic, p and Kendall's W.
	FriedmanResult = stats.FriedmanResult
	// Pair is one pairwise post-hoc comparison.
	Pair = stats.Pair
	// Box is the five-number summary a box plot draws.
	Box = stats.FiveNumber
)

// PosthocWilcoxon is the post-hoc test the paper uses by default (the
// Wilcoxon signed-rank test, Holm-adjusted); PosthocTests lists every
// method Posthoc accepts.
const PosthocWilcoxon = stats.TestWilcoxon

// PosthocTests lists the methods of Posthoc, in output order.
var PosthocTests = stats.PosthocTests

// Median is the sample median of a cell's values, NaN when it has none
// (Summary adds the bootstrap interval).
func (s *Set) Median(k Key) float64 { return stats.Median(s.Values(k)) }

// Box is a cell's five-number summary: minimum, quartiles (as a box plot
// draws them, see stats.Box), median and maximum; NaN when it has no
// values.
func (s *Set) Box(k Key) Box {
	b, _ := memoize(s, "box "+k.String(), func() (Box, error) { return stats.Box(s.Values(k)), nil })
	return b
}

// PooledMedian is the median of every value of one side (a platform and
// the metric read on it) over the tests of an experiment in one language,
// pooled; ErrNotMeasured when there is none.
func (s *Set) PooledMedian(exp, lang string, sd Side) (float64, error) {
	return memoize(s, fmt.Sprintf("pooled median %s %s %s", exp, lang, sd), func() (float64, error) {
		var all []float64
		for _, t := range s.Tests(exp) {
			all = append(all, s.Values(Key{exp, t, lang, sd.Platform, sd.Metric})...)
		}
		if len(all) == 0 {
			return 0, ErrNotMeasured
		}
		return stats.Median(all), nil
	})
}

// Spread is how noisy a platform's medians are in an experiment: the width
// of each median's 95 % interval relative to the median, over the tests
// and languages whose median is positive.
type Spread struct {
	Typical float64 // the median of the relative widths
	Largest float64
	N       int // medians it was formed from
}

// Spread computes the spread of platform p's medians of metric in exp;
// ErrNotMeasured when no test has a positive median.
func (s *Set) Spread(exp, p, metric string) (Spread, error) {
	return memoize(s, fmt.Sprintf("spread %s %s %s", exp, p, metric), func() (Spread, error) {
		var widths []float64
		for _, t := range s.Tests(exp) {
			for _, l := range s.Langs(exp) {
				sum, err := s.Summary(Key{exp, t, l, p, metric})
				if err != nil {
					return Spread{}, err
				}
				if sum.Status == StatusOK && sum.Median.Estimate > 0 {
					widths = append(widths, (sum.Median.Hi-sum.Median.Lo)/sum.Median.Estimate)
				}
			}
		}
		if len(widths) == 0 {
			return Spread{}, ErrNotMeasured
		}
		return Spread{Typical: stats.Median(widths), Largest: slices.Max(widths), N: len(widths)}, nil
	})
}

// FriedmanTests is the Friedman test of TestMatrix (the tests of an
// experiment as blocks, each the median of its repetitions), memoized. An
// error wrapping ErrNotMeasured means the matrix could not be formed; any
// other error is the test's own (too few blocks, say).
func (s *Set) FriedmanTests(exp, lang, metric string, platforms []string) (*FriedmanResult, error) {
	return memoize(s, fmt.Sprintf("friedman-tests %s/%s %s %s", exp, lang, metric, strings.Join(platforms, ",")), func() (*FriedmanResult, error) {
		m, err := s.TestMatrix(exp, lang, metric, platforms)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNotMeasured, err)
		}
		return stats.Friedman(m)
	})
}
