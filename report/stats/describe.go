package stats

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
)

// Median returns the sample median of x (the mean of the two middle values
// when len(x) is even), NaN for an empty slice. x is not modified.
func Median(x []float64) float64 {
	s := slices.Clone(x)
	slices.Sort(s)
	return medianSorted(s)
}

func medianSorted(s []float64) float64 {
	n := len(s)
	switch {
	case n == 0:
		return math.NaN()
	case n%2 == 1:
		return s[n/2]
	default:
		return (s[n/2-1] + s[n/2]) / 2
	}
}

// FiveNumber is the summary a box plot draws: the smallest value, the
// lower quartile, the median, the upper quartile and the largest value.
type FiveNumber struct {
	Min, Q1, Median, Q3, Max float64
}

// Box summarizes x for a box plot. The quartiles are the medians of the
// lower ⌊n/2⌋ sorted values and of the rest, the convention of
// gonum/plot's box plots, so that the numbers a figure prints are those of
// the box it draws; a single value is every statistic. Every field is NaN
// for an empty slice. x is not modified.
func Box(x []float64) FiveNumber {
	s := slices.Clone(x)
	slices.Sort(s)
	switch len(s) {
	case 0:
		nan := math.NaN()
		return FiveNumber{nan, nan, nan, nan, nan}
	case 1:
		return FiveNumber{s[0], s[0], s[0], s[0], s[0]}
	}
	return FiveNumber{Min: s[0], Q1: medianSorted(s[:len(s)/2]), Median: medianSorted(s), Q3: medianSorted(s[len(s)/2:]), Max: s[len(s)-1]}
}

// quantile7 is the sample quantile of sorted data by Hyndman & Fan's (1996)
// definition 7, the default of R's quantile and of numpy.
func quantile7(s []float64, p float64) float64 {
	h := float64(len(s)-1) * p
	lo := math.Floor(h)
	i := int(lo)
	if i+1 >= len(s) {
		return s[len(s)-1]
	}
	return s[i] + (h-lo)*(s[i+1]-s[i])
}

// BootstrapConfig sets up a percentile bootstrap.
type BootstrapConfig struct {
	B     int     `json:"b"`     // resamples
	Level float64 `json:"level"` // confidence level, e.g. 0.95
	Seed  uint64  `json:"seed"`  // seed of the PCG generator; same seed, same interval
}

// DefaultBootstrap is B = 2000 resamples for a 95 % interval; Efron &
// Tibshirani (1993) advise at least 1000 for percentile intervals.
var DefaultBootstrap = BootstrapConfig{B: 2000, Level: 0.95, Seed: 1}

// Validate reports a configuration the bootstrap cannot run with.
func (c BootstrapConfig) Validate() error {
	if c.B < 100 {
		return fmt.Errorf("bootstrap: B = %d resamples, expected at least 100", c.B)
	}
	if !(c.Level > 0 && c.Level < 1) {
		return fmt.Errorf("bootstrap: level %v, expected a value in (0, 1)", c.Level)
	}
	return nil
}

// Interval is a point estimate with a bootstrap confidence interval.
type Interval struct {
	Estimate float64 `json:"estimate"`
	Lo       float64 `json:"lo"`
	Hi       float64 `json:"hi"`
	Level    float64 `json:"level"`
	B        int     `json:"b"`
}

// rng draws resampling indices from a PCG-DXSM generator (math/rand/v2),
// whose output is fixed by its algorithm, with Lemire's (2019) unbiased
// multiply-shift reduction, so intervals do not change across Go releases.
type rng struct{ src *rand.PCG }

func newRNG(seed uint64) rng { return rng{rand.NewPCG(seed, 0x6564676577617373)} }

func (r rng) intn(n int) int {
	un := uint64(n)
	hi, lo := bits.Mul64(r.src.Uint64(), un)
	if lo < un {
		thresh := -un % un
		for lo < thresh {
			hi, lo = bits.Mul64(r.src.Uint64(), un)
		}
	}
	return int(hi)
}

// resampleMedian returns the median of a resample with replacement of x,
// using buf (len(x)) as scratch.
func (r rng) resampleMedian(x, buf []float64) float64 {
	for i := range buf {
		buf[i] = x[r.intn(len(x))]
	}
	slices.Sort(buf)
	return medianSorted(buf)
}

// percentile turns bootstrap replicates into an interval: the (1−level)/2
// and (1+level)/2 quantiles (definition 7) of the replicates, the
// percentile method of Efron & Tibshirani (1993, ch. 13).
func percentile(est float64, reps []float64, cfg BootstrapConfig) Interval {
	slices.Sort(reps)
	a := (1 - cfg.Level) / 2
	return Interval{Estimate: est, Lo: quantile7(reps, a), Hi: quantile7(reps, 1-a), Level: cfg.Level, B: cfg.B}
}

// MedianCI is the median of x with a percentile bootstrap interval: each of
// cfg.B resamples draws len(x) values from x with replacement.
func MedianCI(x []float64, cfg BootstrapConfig) (Interval, error) {
	if err := cfg.Validate(); err != nil {
		return Interval{}, err
	}
	if err := finite(x); err != nil {
		return Interval{}, err
	}
	r, buf := newRNG(cfg.Seed), make([]float64, len(x))
	reps := make([]float64, cfg.B)
	for b := range reps {
		reps[b] = r.resampleMedian(x, buf)
	}
	return percentile(Median(x), reps, cfg), nil
}

// MedianRatioCI is median(x)/median(y) with a percentile bootstrap
// interval. The two samples are resampled independently (each with
// replacement, at its own size), i.e. they are treated as unpaired; the
// values must be positive, as run times and memory sizes are.
func MedianRatioCI(x, y []float64, cfg BootstrapConfig) (Interval, error) {
	return GeoMeanRatioCI([]SamplePair{{X: x, Y: y}}, cfg)
}

// SamplePair holds the samples of two treatments in one test, e.g. the
// repetitions of Wasm (X) and of native (Y) for the sha256 test.
type SamplePair struct {
	Name string
	X, Y []float64
}

// GeoMean is the geometric mean exp(mean(log r)) of positive values, the
// summary of ratios across benchmarks that is consistent under the choice
// of reference (Fleming & Wallace 1986).
func GeoMean(r []float64) (float64, error) {
	if len(r) == 0 {
		return math.NaN(), errors.New("geometric mean of no values")
	}
	var s float64
	for _, v := range r {
		if !(v > 0) || math.IsInf(v, 0) {
			return math.NaN(), fmt.Errorf("geometric mean needs positive finite values, got %v", v)
		}
		s += math.Log(v)
	}
	return math.Exp(s / float64(len(r))), nil
}

// GeoMeanRatioCI is the geometric mean over tests of median(X)/median(Y)
// with a percentile bootstrap interval. The tests are fixed (they are the
// suite, not a sample of tests): each replicate resamples X and Y of every
// test independently with replacement, recomputes each test's ratio of
// medians and their geometric mean. With one test it is the ratio of
// medians of two samples (MedianRatioCI).
func GeoMeanRatioCI(tests []SamplePair, cfg BootstrapConfig) (Interval, error) {
	if err := cfg.Validate(); err != nil {
		return Interval{}, err
	}
	if len(tests) == 0 {
		return Interval{}, errors.New("ratio of medians: no tests")
	}
	ratios := make([]float64, len(tests))
	maxLen := 0
	for i, t := range tests {
		for _, s := range [][]float64{t.X, t.Y} {
			if err := positive(s); err != nil {
				return Interval{}, fmt.Errorf("ratio of medians %s: %w", t.Name, err)
			}
			maxLen = max(maxLen, len(s))
		}
		ratios[i] = Median(t.X) / Median(t.Y)
	}
	est, err := GeoMean(ratios)
	if err != nil {
		return Interval{}, err
	}
	r, buf := newRNG(cfg.Seed), make([]float64, maxLen)
	reps := make([]float64, cfg.B)
	for b := range reps {
		var logSum float64
		for _, t := range tests {
			num := r.resampleMedian(t.X, buf[:len(t.X)])
			den := r.resampleMedian(t.Y, buf[:len(t.Y)])
			logSum += math.Log(num / den)
		}
		reps[b] = math.Exp(logSum / float64(len(tests)))
	}
	return percentile(est, reps, cfg), nil
}

func finite(x []float64) error {
	if len(x) == 0 {
		return errors.New("empty sample")
	}
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("sample holds %v, expected finite values", v)
		}
	}
	return nil
}

func positive(x []float64) error {
	if err := finite(x); err != nil {
		return err
	}
	for _, v := range x {
		if v <= 0 {
			return fmt.Errorf("sample holds %v, expected positive values", v)
		}
	}
	return nil
}
