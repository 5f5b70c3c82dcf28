package cells

import (
	"testing"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/report/model"
)

// TestHarnessFacts: the environment table's row on edgewasm's own cost,
// and no row for datasets recorded before environment.json had it.
func TestHarnessFacts(t *testing.T) {
	if got := harnessFacts(&model.Set{}); got != "" {
		t.Fatalf("no harness section: %q", got)
	}
	s := &model.Set{Env: dataset.Environment{Harness: &dataset.Harness{
		PeakRSSKiB: 27224, MeasurePeakRSSKiB: 14452, MeasureCPUMs: 4274.7, MeasureWallMs: 260762}}}
	want := "14.1 MiB measuring (26.6 MiB preparing); CPU 4.3 s of 261 s"
	if got := harnessFacts(s); got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}
