package quality

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/edgewasm/edgewasm/dataset"
)

// Interference thresholds. Each is a judgement, stated here once and
// recorded with every warning it produces.
const (
	// BaselineDrift: the native baseline's median moved by more than 10 %
	// within one session. Its repetitions on a quiet machine agree to a
	// few per cent; 10 % is the bound, and about the smallest
	// difference between platforms the paper calls a difference.
	BaselineDrift = 0.10
	// StallShare: a cell's invocations spent more than this share of their
	// time (cpu_stall_ms over invocation_ms) with a runnable task waiting
	// for a CPU, beyond the share of its calmest repetition (what the
	// workload's own threads cause: StallWarning). On the 2-core
	// development VM the shares of one cell's repetitions spread by 15–35
	// points on a calm machine (Wasmer's start-up: 35–68 %, every one
	// stalled by its own thread pool) and competing work adds 30–100 %
	// (RATIONALE.md).
	StallShare = 0.20
	// MinStallMS: the excess must also exceed 20 ms per invocation. In an
	// invocation of a few milliseconds (the startup experiment) the start
	// of its own processes stalls a task for a share that swings from 0 to
	// 80 % between repetitions on a calm machine; PSI cannot tell other
	// work from that there.
	MinStallMS = 20.0
)

// DriftWarning returns the warning of a session whose baseline moved by
// more than BaselineDrift, naming the cells measured while it moved: those
// with an invocation (in samples, the session's rows) that started
// between two readings that differ by more than BaselineDrift, or, when no
// two neighbouring readings do but the session as a whole did, every cell
// of the session. nil when the baseline held.
func DriftWarning(b dataset.Baseline, samples []dataset.Sample) *dataset.Warning {
	if b.Drift <= BaselineDrift {
		return nil
	}
	var rs []dataset.BaselineReading
	for _, r := range b.Readings {
		if !math.IsNaN(r.MedianMS) && r.MedianMS > 0 {
			rs = append(rs, r)
		}
	}
	type span struct{ from, to dataset.BaselineReading }
	var moved []span
	for i := 1; i < len(rs); i++ {
		lo, hi := min(rs[i-1].MedianMS, rs[i].MedianMS), max(rs[i-1].MedianMS, rs[i].MedianMS)
		if (hi-lo)/lo > BaselineDrift {
			moved = append(moved, span{rs[i-1], rs[i]})
		}
	}
	in := func(s dataset.Sample) bool {
		if len(moved) == 0 {
			return true
		}
		for _, m := range moved {
			if !s.Started.Before(m.from.Time) && !s.Started.After(m.to.Time) {
				return true
			}
		}
		return false
	}
	cells := CellsOf(samples, in)
	var meds []string
	for _, r := range rs {
		meds = append(meds, fmt.Sprintf("%s %.4g ms", r.At, r.MedianMS))
	}
	return &dataset.Warning{Kind: dataset.WarnDrift, Value: b.Drift, Threshold: BaselineDrift, Session: b.Session, Cells: cells,
		Message: fmt.Sprintf("the native baseline (%s at size %d on %s) moved by %.0f %% during the session (%s): the machine changed while %d cells were measured: %s",
			b.Workload, b.Size, b.Platform, 100*b.Drift, strings.Join(meds, ", "), len(cells), cellList(cells)),
		Advice: "the timings of those cells mix two machine states; re-run them on a quiet machine with `edgewasm run --rerun-warned DIR` (both attempts are kept, marked in the attempt column)"}
}

// StallWarning returns the warning naming the cells whose invocations
// (the latest attempt of each) spent more than StallShare of their time
// stalled for a CPU beyond what the cell stalls itself, or nil when none
// did or no row has cpu_stall_ms.
//
// What a cell stalls itself is its least-stalled invocation's share: PSI
// counts the workload's own threads (Wasmer's and Cranelift's thread
// pools, a Go runtime's, edgewasm's around a spawn), which on 2 cores keep
// a task waiting 0–60 % of the time in every repetition alike, while
// other work comes and goes. A cell is flagged when the sum of its
// cpu_stall_ms over the sum of its invocation_ms exceeds that floor by
// more than StallShare, and by more than MinStallMS per invocation.
func StallWarning(samples []dataset.Sample) *dataset.Warning {
	latest, _ := dataset.LatestAttempts(samples)
	type inv struct {
		cell dataset.Cell
		seq  int
	}
	stall := map[inv]float64{}
	window := map[inv]float64{}
	for _, s := range latest {
		if math.IsNaN(s.Value) {
			continue
		}
		k := inv{dataset.CellOf(s), s.Seq}
		switch s.Metric {
		case dataset.CPUStallMS:
			stall[k] = s.Value
		case dataset.InvocationMS:
			window[k] = s.Value
		}
	}
	type sums struct {
		stall, window, floor float64
		n                    int
	}
	by := map[dataset.Cell]*sums{}
	for k, st := range stall {
		w := window[k]
		if w <= 0 {
			continue
		}
		c := by[k.cell]
		if c == nil {
			c = &sums{floor: math.Inf(1)}
			by[k.cell] = c
		}
		c.stall, c.window, c.floor, c.n = c.stall+st, c.window+w, min(c.floor, st/w), c.n+1
	}
	var cells []dataset.Cell
	worst := 0.0
	shares := map[dataset.Cell][2]float64{}
	for c, sm := range by {
		share := sm.stall / sm.window
		excess := share - sm.floor
		if excess > StallShare && (sm.stall-sm.floor*sm.window)/float64(sm.n) > MinStallMS {
			cells = append(cells, c)
			worst = max(worst, excess)
			shares[c] = [2]float64{share, excess}
		}
	}
	if len(cells) == 0 {
		return nil
	}
	slices.SortFunc(cells, compareCells)
	// The worst ten by name and share.
	byExcess := slices.Clone(cells)
	slices.SortStableFunc(byExcess, func(a, b dataset.Cell) int { return cmp.Compare(shares[b][1], shares[a][1]) })
	var parts []string
	for i, c := range byExcess {
		if i == 10 {
			parts = append(parts, fmt.Sprintf("… and %d more (environment.json lists them all)", len(cells)-10))
			break
		}
		parts = append(parts, fmt.Sprintf("%s %.0f %% (%.0f beyond its calmest repetition)", c, 100*shares[c][0], 100*shares[c][1]))
	}
	return &dataset.Warning{Kind: dataset.WarnStall, Value: worst, Threshold: StallShare, Cells: cells,
		Message: fmt.Sprintf("%d cells spent more than %.0f %% of their invocations' time with a runnable task waiting for a CPU (pressure stall) beyond what their calmest repetition did: %s",
			len(cells), 100*StallShare, strings.Join(parts, ", ")),
		Advice: "other work competed for the CPU while they ran; stop it and re-run exactly those cells with `edgewasm run --rerun-warned DIR` (both attempts are kept, marked in the attempt column)"}
}

// CellsOf returns the cells of the samples for which keep is true, in
// catalog-like order (experiment, test, language, platform, attempt).
func CellsOf(samples []dataset.Sample, keep func(dataset.Sample) bool) []dataset.Cell {
	seen := map[dataset.Cell]bool{}
	var out []dataset.Cell
	for _, s := range samples {
		if c := dataset.CellOf(s); !seen[c] && keep(s) {
			seen[c] = true
			out = append(out, c)
		}
	}
	slices.SortFunc(out, compareCells)
	return out
}

func compareCells(a, b dataset.Cell) int {
	return cmp.Or(cmp.Compare(a.Experiment, b.Experiment), cmp.Compare(a.Test, b.Test), cmp.Compare(a.Lang, b.Lang),
		cmp.Compare(a.Platform, b.Platform), cmp.Compare(a.Attempt, b.Attempt))
}

// cellList names up to ten cells.
func cellList(cells []dataset.Cell) string {
	var names []string
	for i, c := range cells {
		if i == 10 {
			names = append(names, fmt.Sprintf("… and %d more (environment.json lists them all)", len(cells)-10))
			break
		}
		names = append(names, c.String())
	}
	return strings.Join(names, ", ")
}

// RerunCells returns the cells that `run --rerun-warned` re-runs: those
// the warnings name (Warning.Cells) that are still at the attempt the
// warning concerns (a cell re-run since is not re-run again for an older
// warning), and the kinds of the warnings that named them.
func RerunCells(ws []dataset.Warning, samples []dataset.Sample) ([]dataset.Cell, []string) {
	latest := map[dataset.Cell]int{}
	for _, s := range samples {
		c := dataset.CellOf(s)
		c.Attempt = 0
		latest[c] = max(latest[c], s.AttemptOf())
	}
	seen := map[dataset.Cell]bool{}
	var cells []dataset.Cell
	var kinds []string
	for _, w := range ws {
		for _, c := range w.Cells {
			key := c
			key.Attempt = 0
			if latest[key] != max(c.Attempt, 1) || seen[key] {
				continue
			}
			seen[key] = true
			cells = append(cells, c)
			if !slices.Contains(kinds, w.Kind) {
				kinds = append(kinds, w.Kind)
			}
		}
	}
	slices.SortFunc(cells, compareCells)
	return cells, kinds
}

// Summarize sums the interference rows of one session's invocations
// (samples: their rows); psi is "" when the kernel reports CPU pressure,
// else why not.
func Summarize(session int, samples []dataset.Sample, psi string) dataset.Interference {
	in := dataset.Interference{Session: session, PSI: psi}
	seqs := map[int]bool{}
	var stall float64
	haveStall := false
	for _, s := range samples {
		if math.IsNaN(s.Value) {
			continue
		}
		switch s.Metric {
		case dataset.InvocationMS:
			in.WindowMS += s.Value
			seqs[s.Seq] = true
		case dataset.StealMS:
			in.StealMS += s.Value
		case dataset.CPUStallMS:
			stall += s.Value
			haveStall = true
		case dataset.Load1:
			in.Load1Max = max(in.Load1Max, s.Value)
		}
	}
	in.Invocations = len(seqs)
	if in.WindowMS > 0 {
		in.StealShare = in.StealMS / in.WindowMS
	}
	if haveStall {
		in.StallMS = &stall
		if in.WindowMS > 0 {
			share := stall / in.WindowMS
			in.StallShare = &share
		}
	}
	return in
}

// SessionKind reports whether warnings of kind belong to the session that
// observed them (the machine's state then, the baseline's drift), rather
// than being recomputed over the whole dataset at the end of every session
// (the sample kinds, the CPU stall among them).
func SessionKind(kind string) bool {
	switch kind {
	case dataset.WarnLoad, dataset.WarnFrequency, dataset.WarnThrottled, dataset.WarnSwap, dataset.WarnDrift:
		return true
	}
	return false
}
