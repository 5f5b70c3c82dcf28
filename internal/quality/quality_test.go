package quality

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/edgewasm/edgewasm/dataset"
)

// The modified z-score of Iglewicz and Hoaglin: for 1..9 the median is 5
// and the MAD 2, so 9 scores 0.6745·4/2.
func TestModifiedZ(t *testing.T) {
	z := ModifiedZ([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9})
	if math.Abs(z[8]-1.349) > 1e-9 || z[4] != 0 || math.Abs(z[0]+1.349) > 1e-9 {
		t.Fatalf("z = %v", z)
	}
	// MAD 0: the scaled mean absolute deviation stands in.
	z = ModifiedZ([]float64{10, 10, 10, 10, 20})
	if want := 10 / (1.253314 * 2); math.Abs(z[4]-want) > 1e-9 || z[0] != 0 {
		t.Fatalf("z = %v, want last %v", z, want)
	}
	if z := ModifiedZ([]float64{3, 3, 3}); z[0] != 0 || z[2] != 0 {
		t.Fatalf("constant: %v", z)
	}
}

func series(exp, test, metric, unit string, vals ...float64) []dataset.Sample {
	var out []dataset.Sample
	for i, v := range vals {
		out = append(out, dataset.Sample{Experiment: exp, Test: test, Lang: "c", Platform: "native", Rep: i + 1,
			Metric: metric, Value: v, Unit: unit, Status: dataset.StatusOK})
	}
	return out
}

func kinds(ws []dataset.Warning) map[string]dataset.Warning {
	out := map[string]dataset.Warning{}
	for _, w := range ws {
		out[w.Kind+" "+w.Test+" "+w.Metric] = w
	}
	return out
}

func TestFromSamples(t *testing.T) {
	var s []dataset.Sample
	s = append(s, series("startup", "noop", "wall_ms", "ms", 30, 10, 10.2, 9.9, 10.1, 10)...)        // slow first run
	s = append(s, series("cpu", "aes", "kernel_ms", "ms", 100, 101, 99, 100, 180, 100.5)...)         // outlier at rep 5
	s = append(s, series("cpu", "xor", "kernel_ms", "ms", 100, 130, 80, 120, 70, 110)...)            // spread, no outlier
	s = append(s, series("memory", "idle", "footprint_kib", "KiB", 1024, 1024, 1024, 1024, 1028)...) // within 1 %: nothing
	s = append(s, series("cpu", "aes", "user_ms", "ms", 1, 100, 1, 1, 1)...)                         // not a headline metric
	ws := kinds(FromSamples(s))
	if w, ok := ws["slow-first-run noop wall_ms"]; !ok || w.Reps[0] != 1 || w.Advice == "" {
		t.Errorf("no slow-first-run warning: %v", ws)
	}
	if w, ok := ws["outliers aes kernel_ms"]; !ok || len(w.Reps) != 1 || w.Reps[0] != 5 || w.Threshold != OutlierZ {
		t.Errorf("outlier warning = %+v", w)
	}
	if w, ok := ws["variation xor kernel_ms"]; !ok || w.Value < 0.2 {
		t.Errorf("variation warning = %+v", w)
	}
	if _, ok := ws["outliers xor kernel_ms"]; ok {
		t.Error("xor: an even spread has no outlier")
	}
	for k := range ws {
		if k == "outliers idle footprint_kib" || k == "outliers aes user_ms" || k == "variation aes user_ms" {
			t.Errorf("unexpected %s", k)
		}
	}
}

func write(t *testing.T, root, rel, content string) {
	t.Helper()
	p := filepath.Join(root, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A fake /proc and /sys: a loaded 2-core machine with swap in use whose
// CPU frequency drops during the run.
func TestMonitorMachineWarnings(t *testing.T) {
	root := t.TempDir()
	write(t, root, "proc/loadavg", "3.10 2.00 1.00 2/100 1234\n")
	write(t, root, "proc/meminfo", "MemTotal: 1000 kB\nSwapTotal: 2048 kB\nSwapFree: 1024 kB\n")
	write(t, root, "proc/vmstat", "pswpin 10\npswpout 5\n")
	for _, c := range []string{"cpu0", "cpu1"} {
		write(t, root, "sys/devices/system/cpu/"+c+"/cpufreq/scaling_cur_freq", "1400000\n")
	}
	m := &Monitor{Root: root, minFreq: map[int]int64{}, maxFreq: map[int]int64{}, Session: 2}
	m.start = m.read(false)
	m.observe(m.start)
	write(t, root, "sys/devices/system/cpu/cpu1/cpufreq/scaling_cur_freq", "600000\n")
	write(t, root, "proc/vmstat", "pswpin 50\npswpout 5\n")
	m.Observe()
	ws := kinds(m.Warnings())
	if w, ok := ws["load  "]; !ok || w.Value != 3.1 || w.Threshold != 1 || w.Session != 2 {
		t.Errorf("load warning = %+v (%v)", w, ws)
	}
	if w, ok := ws["cpu-frequency  "]; !ok || math.Abs(w.Value-800.0/1400) > 1e-9 {
		t.Errorf("frequency warning = %+v", w)
	}
	if w, ok := ws["swap  "]; !ok || w.Value != 1024 {
		t.Errorf("swap warning = %+v", w)
	}
	// An idle machine with a steady clock and no swap: nothing.
	write(t, root, "proc/loadavg", "0.10 0.10 0.10 1/100 1234\n")
	write(t, root, "proc/meminfo", "SwapTotal: 0 kB\nSwapFree: 0 kB\n")
	write(t, root, "sys/devices/system/cpu/cpu1/cpufreq/scaling_cur_freq", "1400000\n")
	q := &Monitor{Root: root, minFreq: map[int]int64{}, maxFreq: map[int]int64{}}
	q.start = q.read(false)
	q.observe(q.start)
	q.Observe()
	if ws := q.Warnings(); len(ws) != 0 {
		t.Errorf("idle machine: %+v", ws)
	}
}
