package run

import (
	"os"
	"runtime/debug"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/internal/host"
)

// harnessStats follows edgewasm's own resident memory and CPU time across
// the phases of a run, for environment.json's harness section. Readings
// that fail (no procfs) leave zeros.
type harnessStats struct {
	preparePeak int64
	cpu0        time.Duration
	t0          time.Time
	trimErr     error
	oldLimit    int64
	limit       int64
}

// measureMemoryLimit is the Go runtime's soft memory limit while the plan
// is measured (RATIONALE.md: a small harness). Between samples edgewasm
// holds little (one invocation's results, the dataset writer, the Docker
// client), so the collector keeps the heap near it at a small CPU cost;
// it is soft, so a larger need is met, not refused.
const measureMemoryLimit = 12 << 20

// startHarness closes the preparation phase: it keeps its peak RSS and
// resets the high-water mark for the measuring phase.
func startHarness() *harnessStats {
	h := &harnessStats{t0: time.Now()}
	h.preparePeak, _ = host.SelfPeakRSS()
	h.trimErr = host.TrimSelf()
	h.oldLimit = debug.SetMemoryLimit(-1)
	if os.Getenv("GOMEMLIMIT") == "" { // a limit the user set wins
		debug.SetMemoryLimit(measureMemoryLimit)
	}
	h.limit = debug.SetMemoryLimit(-1)
	_ = host.ResetSelfPeakRSS()
	h.cpu0, _ = host.SelfCPU()
	return h
}

// measured closes the measuring phase.
func (h *harnessStats) measured() *dataset.Harness {
	cpu, _ := host.SelfCPU()
	peak, _ := host.SelfPeakRSS()
	debug.SetMemoryLimit(h.oldLimit)
	hs := &dataset.Harness{
		PreparePeakRSSKiB: h.preparePeak, MeasurePeakRSSKiB: peak, MeasureMemoryLimitKiB: h.limit >> 10,
		MeasureCPUMs:  float64(cpu-h.cpu0) / float64(time.Millisecond),
		MeasureWallMs: float64(time.Since(h.t0)) / float64(time.Millisecond),
	}
	if h.trimErr != nil {
		hs.TrimError = h.trimErr.Error()
	}
	return hs
}

// finish sets the whole run's peak, just before environment.json is
// written (reading the samples back comes after the measuring phase).
func (h *harnessStats) finish(hs *dataset.Harness) {
	last, _ := host.SelfPeakRSS()
	hs.PeakRSSKiB = max(h.preparePeak, hs.MeasurePeakRSSKiB, last)
}
