package quality

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
)

var t0 = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

// row is one interference row of an invocation of test on platform that
// started at minute min.
func row(test, platform string, attempt, seq, min int, metric string, v float64) dataset.Sample {
	return dataset.Sample{Experiment: "cpu", Test: test, Lang: dataset.LangC, Platform: platform, Rep: seq, Metric: metric,
		Value: v, Unit: dataset.UnitMS, Status: dataset.StatusOK, Seq: seq, Started: t0.Add(time.Duration(min) * time.Minute), Attempt: attempt}
}

func reading(at string, min int, med float64) dataset.BaselineReading {
	return dataset.BaselineReading{At: at, Time: t0.Add(time.Duration(min) * time.Minute), KernelMS: []float64{med}, MedianMS: med}
}

func TestDriftWarning(t *testing.T) {
	samples := []dataset.Sample{
		row("aes", "x", 1, 1, 1, dataset.WallMS, 1), // first half
		row("xor", "x", 1, 2, 3, dataset.WallMS, 1), // second half
	}
	b := dataset.Baseline{Workload: "cpu/sha256/c", Platform: dataset.Native, Size: 64, Session: 2,
		Readings: []dataset.BaselineReading{reading("start", 0, 200), reading("middle", 2, 200), reading("end", 4, 260)}}
	b.Drift = 0.3
	w := DriftWarning(b, samples)
	if w == nil || w.Kind != dataset.WarnDrift || w.Session != 2 || w.Value != 0.3 || w.Threshold != BaselineDrift {
		t.Fatalf("warning %+v", w)
	}
	// Only the cell measured while the baseline moved (middle → end).
	if len(w.Cells) != 1 || w.Cells[0].Test != "xor" || w.Cells[0].Attempt != 1 || !strings.Contains(w.Message, "--rerun-warned") && !strings.Contains(w.Advice, "--rerun-warned") {
		t.Errorf("cells %v, message %q, advice %q", w.Cells, w.Message, w.Advice)
	}
	// Moved in small steps, more than 10 % in all: every cell.
	b.Readings = []dataset.BaselineReading{reading("start", 0, 200), reading("middle", 2, 218), reading("end", 4, 236)}
	b.Drift = 0.18
	if w := DriftWarning(b, samples); w == nil || len(w.Cells) != 2 {
		t.Errorf("gradual drift: %+v", w)
	}
	b.Drift = 0.05
	if w := DriftWarning(b, samples); w != nil {
		t.Errorf("a 5 %% drift warned: %+v", w)
	}
}

func TestStallWarning(t *testing.T) {
	var samples []dataset.Sample
	seq := 0
	add := func(test string, attempt int, window float64, shares ...float64) {
		for i, sh := range shares {
			seq++
			a, b := row(test, "x", attempt, seq, 0, dataset.InvocationMS, window), row(test, "x", attempt, seq, 0, dataset.CPUStallMS, sh*window)
			a.Rep, b.Rep = i+1, i+1
			samples = append(samples, a, b)
		}
	}
	add("xor", 1, 1000, 0.10, 0.60, 0.50)    // 40 %, 30 points beyond its calmest: flagged
	add("aes", 1, 1000, 0.55, 0.60, 0.58)    // stalls itself (a thread pool): 58 %, 2 points beyond
	add("noop", 1, 5, 0, 0.8, 0.8)           // 53 points beyond, but 2.7 ms per invocation
	add("sha256", 1, 1000, 0.10, 0.90, 0.90) // contended, then re-run calmly:
	add("sha256", 2, 1000, 0.01, 0.02, 0.03)
	w := StallWarning(samples)
	if w == nil || w.Kind != dataset.WarnStall || len(w.Cells) != 1 || w.Cells[0].Test != "xor" || math.Abs(w.Value-0.30) > 1e-9 || w.Threshold != StallShare {
		t.Fatalf("warning %+v", w)
	}
	if !strings.Contains(w.Message, "cpu/xor/c on x 40 % (30 beyond its calmest repetition)") {
		t.Errorf("message %q", w.Message)
	}
	// No PSI: no cpu_stall_ms rows, no warning.
	if w := StallWarning([]dataset.Sample{row("aes", "x", 1, 1, 0, dataset.InvocationMS, 100)}); w != nil {
		t.Errorf("no stall rows: %+v", w)
	}
}

func TestRerunCells(t *testing.T) {
	samples := []dataset.Sample{
		row("aes", "x", 1, 1, 0, dataset.WallMS, 1),
		row("xor", "x", 1, 2, 0, dataset.WallMS, 1),
		row("xor", "x", 2, 3, 0, dataset.WallMS, 1), // re-run since
	}
	cell := func(test string, attempt int) dataset.Cell {
		return dataset.Cell{Experiment: "cpu", Test: test, Lang: dataset.LangC, Platform: "x", Attempt: attempt}
	}
	ws := []dataset.Warning{
		{Kind: dataset.WarnDrift, Cells: []dataset.Cell{cell("xor", 1), cell("aes", 1)}}, // xor re-run since: only aes
		{Kind: dataset.WarnStall, Cells: []dataset.Cell{cell("aes", 1)}},                 // aes again: once
		{Kind: dataset.WarnOutliers, Experiment: "cpu", Test: "xor"},                     // names no cell
	}
	cells, kinds := RerunCells(ws, samples)
	if !slices.Equal(cells, []dataset.Cell{cell("aes", 1)}) || !slices.Equal(kinds, []string{dataset.WarnDrift}) {
		t.Errorf("cells %v kinds %v", cells, kinds)
	}
	ws = append(ws, dataset.Warning{Kind: dataset.WarnStall, Cells: []dataset.Cell{cell("xor", 2)}})
	if cells, _ := RerunCells(ws, samples); len(cells) != 2 || cells[1] != cell("xor", 2) {
		t.Errorf("a warning about the re-run itself: %v", cells)
	}
}

func TestSummarize(t *testing.T) {
	samples := []dataset.Sample{
		row("aes", "x", 1, 1, 0, dataset.InvocationMS, 300), row("aes", "x", 1, 1, 0, dataset.StealMS, 3),
		row("aes", "x", 1, 1, 0, dataset.CPUStallMS, 30), row("aes", "x", 1, 1, 0, dataset.Load1, 0.7),
		row("aes", "x", 1, 2, 0, dataset.InvocationMS, 100), row("aes", "x", 1, 2, 0, dataset.Load1, 1.5),
		row("aes", "x", 1, 2, 0, dataset.WallMS, 90),
	}
	in := Summarize(3, samples, "")
	if in.Session != 3 || in.Invocations != 2 || in.WindowMS != 400 || in.StealMS != 3 || in.StealShare != 3.0/400 ||
		in.StallMS == nil || *in.StallMS != 30 || *in.StallShare != 30.0/400 || in.Load1Max != 1.5 {
		t.Errorf("summary %+v", in)
	}
	in = Summarize(0, samples[4:], "no PSI")
	if in.StallMS != nil || in.StallShare != nil || in.PSI != "no PSI" {
		t.Errorf("without PSI: %+v", in)
	}
}
