package dataset

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"
)

// Columns is the header of samples.csv, in order. The first nine are the
// contract in shared/design/contracts.md; the rest are extensions.
var Columns = []string{
	"experiment", "test", "lang", "platform", "rep", "metric", "value", "unit", "status",
	"size", "seq", "started", "set_rows", "attempt",
}

// StatusOK marks a verified, successful sample.
const StatusOK = "ok"

// FailedPrefix starts the status of a failed sample.
const FailedPrefix = "failed:"

// SignedMetrics are the metrics whose value may be negative: differences
// of system-wide readings that other processes move too (memory freed
// elsewhere while the idle workload was measured makes the drop negative).
// Every other metric is a duration, size or count and must be ≥ 0.
var SignedMetrics = map[string]bool{MemAvailDropKiB: true}

// Sample is one measured value: one row of samples.csv.
type Sample struct {
	Experiment string
	Test       string
	Lang       string
	Platform   string
	Rep        int     // 1-based repetition
	Metric     string  // e.g. wall_ms
	Value      float64 // NaN when the metric could not be measured
	Unit       string
	Status     string // "ok" or "failed:<reason>"
	Size       int64  // workload size argument (0 when the workload takes none)
	Seq        int    // invocation number within the run: shows the interleaving
	Started    time.Time
	// SetRows is how many rows the invocation wrote (its row set, the rows
	// sharing its seq); 0 when not recorded. A resumed run compares it with
	// the rows it finds to tell a complete invocation from one cut short.
	SetRows int
	// Attempt is 1 for the run's own invocations and n for the (n−1)-th
	// re-run of a cell (`run --rerun-warned`), which keeps the earlier
	// rows; 0 when not recorded (files written before it existed), read as
	// 1 (AttemptOf).
	Attempt int
}

// AttemptOf is the sample's attempt, 1 when not recorded.
func (s Sample) AttemptOf() int { return max(s.Attempt, 1) }

// OK reports whether the sample succeeded.
func (s Sample) OK() bool { return s.Status == StatusOK }

// Failed returns the status for a failed sample with the given reason,
// flattened to one line.
func Failed(reason string) string {
	reason = strings.Join(strings.Fields(reason), " ")
	if len(reason) > 300 {
		reason = reason[:300] + "…"
	}
	if reason == "" {
		reason = "unknown"
	}
	return FailedPrefix + reason
}

// Validate checks one sample's invariants.
func (s Sample) Validate() error {
	switch {
	case s.Experiment == "" || s.Test == "" || s.Lang == "" || s.Platform == "" || s.Metric == "":
		return fmt.Errorf("empty key column")
	case s.Rep < 1:
		return fmt.Errorf("rep %d: want ≥ 1", s.Rep)
	case s.SetRows < 0:
		return fmt.Errorf("set_rows %d: want ≥ 0", s.SetRows)
	case s.Attempt < 0:
		return fmt.Errorf("attempt %d: want ≥ 1 (or 0: not recorded)", s.Attempt)
	case s.Status != StatusOK && !strings.HasPrefix(s.Status, FailedPrefix):
		return fmt.Errorf("status %q: want ok or failed:<reason>", s.Status)
	case s.OK() && (math.IsNaN(s.Value) || math.IsInf(s.Value, 0)):
		return fmt.Errorf("status ok but value %v", s.Value)
	case s.OK() && s.Value < 0 && !SignedMetrics[s.Metric]:
		return fmt.Errorf("status ok but negative value %v for %s (only %v may be negative)", s.Value, s.Metric, slices.Sorted(maps.Keys(SignedMetrics)))
	}
	return nil
}
