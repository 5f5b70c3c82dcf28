package model

import (
	"math"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/report/stats"
)

// The cost model reads start-up from the start-up experiment's wall time
// and the slowdown from the CPU kernels as the programs time them, so that
// start-up is not counted twice.
const (
	CostStartupExp     = experiments.Startup
	CostStartupMetric  = dataset.WallMS
	CostSlowdownExp    = experiments.CPU
	CostSlowdownMetric = dataset.KernelMS
)

// Cost is one platform's cost model for a job that takes t seconds
// natively: T_p(t) = S_p + k_p·t, with S_p the median start-up and k_p the
// geometric mean over the CPU tests of the median kernel time relative to
// native.
type Cost struct {
	Lang, Platform string
	Startup        stats.Interval // S_p, ms
	StartupStatus  string
	Slowdown       stats.Interval // k_p
	SlowdownStatus string
	TestsUsed      int // CPU tests in k_p
	TestsAll       int
}

// OK reports whether both terms were measured.
func (c Cost) OK() bool { return c.StartupStatus == StatusOK && c.SlowdownStatus == StatusOK }

// At is T_p(t) in seconds for t in seconds.
func (c Cost) At(t float64) float64 { return c.Startup.Estimate/1000 + c.Slowdown.Estimate*t }

// Cost measures S_p and k_p of one platform and language.
func (s *Set) Cost(lang, platform string) (Cost, error) {
	c := Cost{Lang: lang, Platform: platform, Startup: NaN, Slowdown: NaN}
	if st := s.Tests(CostStartupExp); len(st) == 0 {
		c.StartupStatus = StatusNotMeasured
	} else {
		sum, err := s.Summary(Key{CostStartupExp, st[0], lang, platform, CostStartupMetric})
		if err != nil {
			return c, err
		}
		c.Startup, c.StartupStatus = sum.Median, sum.Status
	}
	c.TestsAll = len(s.Tests(CostSlowdownExp))
	if platform == Baseline {
		c.Slowdown, c.SlowdownStatus = stats.Interval{Estimate: 1, Lo: 1, Hi: 1}, StatusOK
		if !s.HasMetric(CostSlowdownExp, platform, CostSlowdownMetric) {
			c.SlowdownStatus = StatusNotMeasured
		}
		c.TestsUsed = c.TestsAll
		return c, nil
	}
	g, err := s.GeoMean(Query{Exp: CostSlowdownExp, A: Side{platform, CostSlowdownMetric}, B: Side{Baseline, CostSlowdownMetric}, Langs: []string{lang}})
	switch {
	case err == ErrNotMeasured:
		c.SlowdownStatus = StatusNotMeasured
	case err != nil:
		c.SlowdownStatus = "undefined: " + err.Error()
	default:
		c.Slowdown, c.SlowdownStatus, c.TestsUsed = g.Interval, StatusOK, len(g.Tests)
	}
	return c, nil
}

// Crossover statuses.
const (
	CrossShorter     = "wasm faster for shorter jobs"
	CrossLonger      = "wasm faster for longer jobs"
	CrossNeverSlower = "no crossover: wasm never slower"
	CrossOtherNever  = "no crossover: docker never slower"
	CrossEqual       = "no crossover: equal"
)

// Crossover compares a platform w with another platform d under T(t) = S +
// k·t (t: the job's native length, S: start-up, k: slowdown). It returns
// t* = (S_d − S_w)/(k_w − k_d), in the units of S over those of k, and
// which platform finishes first on either side of it. When the lines do
// not cross for t > 0, t* is NaN and the status says which platform is
// never slower.
func Crossover(sW, kW, sD, kD float64) (tStar float64, status string) {
	dS, dK := sD-sW, kW-kD
	switch {
	case dS == 0 && dK == 0:
		return math.NaN(), CrossEqual
	case dS >= 0 && dK <= 0:
		return math.NaN(), CrossNeverSlower
	case dS <= 0 && dK >= 0:
		return math.NaN(), CrossOtherNever
	case dS > 0:
		return dS / dK, CrossShorter
	}
	return dS / dK, CrossLonger
}

// BreakEven is the job length at which platform P and platform Against
// finish together.
type BreakEven struct {
	P, Against Cost
	T          float64 // seconds of native run time; NaN when none
	Status     string  // a Crossover status, or why it cannot be computed
}

// BreakEven computes t* of platform p against platform against (Docker in
// the paper) for one language.
func (s *Set) BreakEven(lang, p, against string) (BreakEven, error) {
	b := BreakEven{T: math.NaN()}
	var err error
	if b.P, err = s.Cost(lang, p); err != nil {
		return b, err
	}
	if b.Against, err = s.Cost(lang, against); err != nil {
		return b, err
	}
	switch {
	case !b.Against.OK():
		b.Status = against + " not measured"
	case !b.P.OK():
		b.Status = p + " not measured"
	default:
		b.T, b.Status = Crossover(b.P.Startup.Estimate/1000, b.P.Slowdown.Estimate, b.Against.Startup.Estimate/1000, b.Against.Slowdown.Estimate)
	}
	return b, nil
}
