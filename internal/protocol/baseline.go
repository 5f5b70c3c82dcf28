package protocol

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/runners"
)

// Baseline is a fixed native kernel that Execute re-measures at the start,
// the middle and the end of the steps it runs, outside the plan's samples:
// if the machine changes during a run (another tenant, throttling, a
// migration), the kernel's time moves, and the run says so instead of
// leaving it hidden in the data.
type Baseline struct {
	// Runner runs the workload: the native platform's, prepared with it.
	Runner runners.Runner
	// The workload (a Verified CPU test) and its size, which must have an
	// expected digest.
	Experiment, Test, Lang string
	Size                   int64
	// Reps is how many times each reading runs it (the reading is their
	// median).
	Reps int
}

// BaselineReps is how many times DefaultBaseline runs its kernel per
// reading.
const BaselineReps = 5

// Baseline reading points.
const (
	AtStart  = "start"
	AtMiddle = "middle"
	AtEnd    = "end"
)

// DefaultBaseline returns the baseline edgewasm uses: the C sha256 kernel
// at the thesis profile's size (about 0.2 s natively on the development
// VM, 1.7 s estimated on a Raspberry Pi 3), five times per reading (the
// median holds against two disturbed runs), on runner r (native).
func DefaultBaseline(root string, r runners.Runner) (*Baseline, error) {
	p, err := experiments.LoadProfile(root, "thesis")
	if err != nil {
		return nil, err
	}
	e, _ := experiments.Lookup(experiments.CPU)
	return &Baseline{Runner: r, Experiment: experiments.CPU, Test: "sha256", Lang: dataset.LangC,
		Size: p.Sizes[e.SizeKey("sha256")], Reps: BaselineReps}, nil
}

// Workload is the baseline's workload (to prepare on the runner).
func (b *Baseline) Workload(root string) runners.Workload {
	return Workload(root, b.Experiment, b.Test, b.Lang)
}

// Name is experiment/test/lang.
func (b *Baseline) Name() string { return b.Experiment + "/" + b.Test + "/" + b.Lang }

// measure runs the kernel b.Reps times, verified like any invocation, and
// returns the kernel times and their median.
func (b *Baseline) measure(ctx context.Context, cfg Config, at string) dataset.BaselineReading {
	rd := dataset.BaselineReading{At: at, Time: time.Now().UTC(), MedianMS: math.NaN()}
	e, _ := experiments.Lookup(b.Experiment)
	wl := b.Workload(cfg.Root)
	exp, err := experiments.ReadExpected(wl.Dir, wl.Lang)
	if err != nil {
		rd.Error = err.Error()
		return rd
	}
	st := Step{Experiment: b.Experiment, Test: b.Test, Lang: b.Lang, Platform: b.Runner.Name(), Rep: 1, Size: b.Size}
	var errs []string
	for range b.Reps {
		if ctx.Err() != nil {
			break
		}
		res, status := invoke(ctx, cfg, b.Runner, e, wl, st, exp, nil)
		ns, perr := strconv.ParseInt(experiments.ParseOutput(res.Stdout)["kernel_ns"], 10, 64)
		if status != dataset.StatusOK || perr != nil {
			errs = append(errs, status)
			continue
		}
		rd.KernelMS = append(rd.KernelMS, float64(ns)/1e6)
	}
	if len(errs) > 0 {
		rd.Error = fmt.Sprintf("%d of %d repetitions failed: %s", len(errs), b.Reps, strings.Join(errs, "; "))
	}
	if len(rd.KernelMS) > 0 {
		rd.MedianMS = Median(rd.KernelMS)
	}
	return rd
}

// Drift is how far the medians of the readings moved: (max − min) / min,
// over the readings that have one; 0 with fewer than two.
func Drift(rs []dataset.BaselineReading) float64 {
	var meds []float64
	for _, r := range rs {
		if !math.IsNaN(r.MedianMS) && r.MedianMS > 0 {
			meds = append(meds, r.MedianMS)
		}
	}
	if len(meds) < 2 {
		return 0
	}
	lo, hi := slices.Min(meds), slices.Max(meds)
	return (hi - lo) / lo
}
