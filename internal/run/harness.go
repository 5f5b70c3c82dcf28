package run

import (
	"time"

	"github.com/edgewasm/edgewasm/experiments/dataset"
	"github.com/edgewasm/edgewasm/internal/proc"
)

// harnessStats follows edgewasm's own resident memory and CPU time across
// the phases of a run, for environment.json's harness section. Readings
// that fail (no procfs) leave zeros.
type harnessStats struct {
	preparePeak int64
	cpu0        time.Duration
	t0          time.Time
	trimErr     error
}

// startHarness closes the preparation phase: it keeps its peak RSS and
// resets the high-water mark for the measuring phase.
func startHarness() *harnessStats {
	h := &harnessStats{t0: time.Now()}
	h.preparePeak, _ = proc.SelfPeakRSS()
	h.trimErr = proc.TrimSelf()
	_ = proc.ResetSelfPeakRSS()
	h.cpu0, _ = proc.SelfCPU()
	return h
}

// measured closes the measuring phase.
func (h *harnessStats) measured() *dataset.Harness {
	cpu, _ := proc.SelfCPU()
	peak, _ := proc.SelfPeakRSS()
	return &dataset.Harness{
		PreparePeakRSSKiB: h.preparePeak, MeasurePeakRSSKiB: peak,
		MeasureCPUMs:  float64(cpu-h.cpu0) / float64(time.Millisecond),
		MeasureWallMs: float64(time.Since(h.t0)) / float64(time.Millisecond),
	}
}

// finish sets the whole run's peak, just before environment.json is
// written (reading the samples back comes after the measuring phase).
func (h *harnessStats) finish(hs *dataset.Harness) {
	last, _ := proc.SelfPeakRSS()
	hs.PeakRSSKiB = max(h.preparePeak, hs.MeasurePeakRSSKiB, last)
}
