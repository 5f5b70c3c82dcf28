package model

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/edgewasm/edgewasm/report/stats"
)

// NaN is the interval of a quantity that could not be computed.
var NaN = stats.Interval{Estimate: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}

// Summary is a cell with its median and 95 % bootstrap interval.
type Summary struct {
	Cell   *Cell
	Median stats.Interval // NaN unless Status is ok
	Status string
}

// Summary computes the median of a cell with its interval.
func (s *Set) Summary(k Key) (Summary, error) {
	return memoize(s, "summary "+k.String(), func() (Summary, error) {
		c := s.Cell(k)
		out := Summary{Cell: c, Median: NaN, Status: c.Status()}
		if out.Status != StatusOK {
			return out, nil
		}
		iv, err := stats.MedianCI(c.Values, s.opts.Bootstrap)
		if err != nil {
			return out, fmt.Errorf("%s %s: %w", s.Label, k, err)
		}
		out.Median = iv
		return out, nil
	})
}

// Ratio is a cell's median over its baseline's (the same test, language
// and metric on the baseline platform).
type Ratio struct {
	Of, Base Summary
	Interval stats.Interval // NaN unless Status is ok
	// Status is ok, the cell's own status, "no baseline", or "undefined:
	// …" when the ratio cannot be formed (a zero median).
	Status string
}

// RatioTo divides the median of k by the median of the same key on platform
// base, with a bootstrap interval (the samples resampled independently).
// The baseline against itself is 1 with its own interval over its median,
// which shows the reference's noise.
func (s *Set) RatioTo(k Key, base string) (Ratio, error) {
	return memoize(s, "ratio "+k.String()+" / "+base, func() (Ratio, error) {
		r := Ratio{Interval: NaN}
		var err error
		if r.Of, err = s.Summary(k); err != nil {
			return r, err
		}
		bk := k
		bk.Platform = base
		if r.Base, err = s.Summary(bk); err != nil {
			return r, err
		}
		switch {
		case r.Of.Status != StatusOK:
			r.Status = r.Of.Status
		case r.Base.Status != StatusOK:
			r.Status = StatusNoBaseline
		case k.Platform == base && r.Of.Median.Estimate > 0:
			m := r.Of.Median
			r.Interval = stats.Interval{Estimate: 1, Lo: m.Lo / m.Estimate, Hi: m.Hi / m.Estimate, Level: m.Level, B: m.B}
			r.Status = StatusOK
		default:
			iv, err := stats.MedianRatioCI(r.Of.Cell.Values, r.Base.Cell.Values, s.opts.Bootstrap)
			if err != nil {
				r.Status = "undefined: " + err.Error()
			} else {
				r.Interval, r.Status = iv, StatusOK
			}
		}
		return r, nil
	})
}

// Side is one side of a comparison: a platform and the metric read on it.
type Side struct {
	Platform, Metric string
}

func (s Side) String() string { return s.Platform + ":" + s.Metric }

// Query selects a geometric mean of ratios of medians: A over B, in the
// tests and languages given (nil: every one the dataset holds).
type Query struct {
	Exp   string
	A, B  Side
	Tests []string
	Langs []string
}

func (q Query) key() string {
	return fmt.Sprintf("geo %s %s/%s t=%s l=%s", q.Exp, q.A, q.B, strings.Join(q.Tests, ","), strings.Join(q.Langs, ","))
}

// TestRatio is the ratio of medians A/B in one test and language.
type TestRatio struct {
	Test, Lang string
	Ratio      float64
	NA, NB     int // values on each side
}

// GeoMean is the geometric mean over tests of median(A)/median(B) with its
// bootstrap interval, and the ratios it was formed from.
type GeoMean struct {
	Query
	Interval stats.Interval
	Tests    []TestRatio // the pairs where both sides have values
	Of       int         // the pairs the query selects
}

// Range is the smallest and largest per-test ratio.
func (g GeoMean) Range() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, t := range g.Tests {
		lo, hi = math.Min(lo, t.Ratio), math.Max(hi, t.Ratio)
	}
	return lo, hi
}

// GeoMean computes a query. Pairs where either side lacks values are left
// out (Of − len(Tests) of them); with none left it returns ErrNotMeasured.
func (s *Set) GeoMean(q Query) (GeoMean, error) {
	if q.B.Metric == "" {
		q.B.Metric = q.A.Metric
	}
	return memoize(s, q.key(), func() (GeoMean, error) {
		g := GeoMean{Query: q, Interval: NaN}
		var pairs []stats.SamplePair
		for _, t := range s.Tests(q.Exp) {
			if q.Tests != nil && !slices.Contains(q.Tests, t) {
				continue
			}
			for _, l := range s.Langs(q.Exp) {
				if q.Langs != nil && !slices.Contains(q.Langs, l) {
					continue
				}
				g.Of++
				x := s.Values(Key{q.Exp, t, l, q.A.Platform, q.A.Metric})
				y := s.Values(Key{q.Exp, t, l, q.B.Platform, q.B.Metric})
				if len(x) == 0 || len(y) == 0 {
					continue
				}
				pairs = append(pairs, stats.SamplePair{Name: t + "/" + l, X: x, Y: y})
				g.Tests = append(g.Tests, TestRatio{Test: t, Lang: l, Ratio: stats.Median(x) / stats.Median(y), NA: len(x), NB: len(y)})
			}
		}
		if len(pairs) == 0 {
			return g, ErrNotMeasured
		}
		iv, err := stats.GeoMeanRatioCI(pairs, s.opts.Bootstrap)
		if err != nil {
			return g, fmt.Errorf("%s: %s over %s in %s: %w", s.Label, q.A, q.B, q.Exp, err)
		}
		g.Interval = iv
		return g, nil
	})
}
