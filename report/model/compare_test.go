package model_test

import (
	"math"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/report/internal/synth"
	"github.com/edgewasm/edgewasm/report/model"
)

// Two datasets compare only on the same host with native baselines within
// 10 %; otherwise Compare says why.
func TestCompare(t *testing.T) {
	load := func(dir string, edit func(*dataset.Dataset)) *model.Set {
		t.Helper()
		d, err := synth.Dataset(synth.Default(dir))
		if err != nil {
			t.Fatal(err)
		}
		edit(d)
		m, err := model.New([]*dataset.Dataset{d}, model.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		return m.Sets[0]
	}
	baseline := func(ms ...float64) func(*dataset.Dataset) {
		return func(d *dataset.Dataset) {
			b := dataset.Baseline{Workload: "cpu/sha256/c", Platform: dataset.Native, Size: 64 << 20}
			for _, v := range ms {
				b.Readings = append(b.Readings, dataset.BaselineReading{MedianMS: v})
			}
			d.Env.Baselines = []dataset.Baseline{b}
		}
	}
	slower := func(f float64) func(*dataset.Dataset) {
		return func(d *dataset.Dataset) {
			for i, s := range d.Samples {
				if s.Platform == dataset.Native && s.Metric == dataset.KernelMS {
					d.Samples[i].Value *= f
				}
			}
		}
	}
	none := func(*dataset.Dataset) {}

	a := load("a", baseline(200, 205, 210))
	if c := model.Compare(a, load("b", baseline(215, 220))); !c.OK || c.Reason != "" || math.Abs(c.Baseline-217.5/205) > 1e-9 {
		t.Errorf("baselines 205 and 217.5 ms: %+v", c)
	}
	if c := model.Compare(a, load("b", baseline(240, 250))); c.OK || !strings.Contains(c.Reason, "differ by 20 %") {
		t.Errorf("baselines 205 and 245 ms: %+v", c)
	}
	other := load("b", func(d *dataset.Dataset) { baseline(205)(d); d.Env.Host.Kernel = "6.18.44-fc-v1300" })
	if c := model.Compare(a, other); c.OK || !strings.Contains(c.Reason, "different hosts (kernel 6.1.0 / 6.18.44-fc-v1300 differ)") {
		t.Errorf("another kernel: %+v", c)
	}
	// A few KiB of memory and an unrecorded kernel_arch are the same host.
	same := load("b", func(d *dataset.Dataset) { baseline(205)(d); d.Env.Host.MemTotalKiB += 8; d.Env.Host.KernelArch = "" })
	if c := model.Compare(a, same); !c.OK {
		t.Errorf("8 KiB more memory, kernel_arch not recorded: %+v", c)
	}
	// Older datasets, without baseline readings: the native C kernels.
	if c := model.Compare(load("a", none), load("b", slower(1.05))); !c.OK || math.Abs(c.Baseline-1.05) > 1e-9 || !strings.Contains(c.Basis, "native C CPU kernels") {
		t.Errorf("kernels 5 %% slower: %+v", c)
	}
	if c := model.Compare(load("a", none), load("b", slower(1.5))); c.OK || !strings.Contains(c.Reason, "differ by 50 %") {
		t.Errorf("kernels 50 %% slower: %+v", c)
	}
	noNative := load("b", func(d *dataset.Dataset) { d.Env.Profile.Sizes = map[string]int64{} })
	if c := model.Compare(load("a", none), noNative); c.OK || !strings.Contains(c.Reason, "no native baseline in common") || !math.IsNaN(c.Baseline) {
		t.Errorf("nothing in common: %+v", c)
	}
}
