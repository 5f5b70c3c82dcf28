package run

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/internal/host"
	"github.com/edgewasm/edgewasm/internal/protocol"
	"github.com/edgewasm/edgewasm/internal/quality"
	"github.com/edgewasm/edgewasm/internal/resume"
	"github.com/edgewasm/edgewasm/runners"
)

// machine reads the contention counters the protocol records around every
// invocation (host.ReadCounters).
func machine() protocol.Counters {
	c := host.ReadCounters()
	return protocol.Counters{StealMS: c.StealMS, StallMS: c.StallMS, Load1: c.Load1}
}

// baseline is the session's native baseline, or why there is none.
type baseline struct {
	b   *protocol.Baseline
	err string
}

// Runner is the protocol's baseline (nil without one).
func (b baseline) Runner() *protocol.Baseline { return b.b }

// record is the session's baseline entry for environment.json.
func (b baseline) record(session int, rs []dataset.BaselineReading) dataset.Baseline {
	rec := dataset.Baseline{Session: session, Platform: dataset.Native, Error: b.err}
	if b.b != nil {
		rec.Workload, rec.Platform, rec.Size = b.b.Name(), b.b.Runner.Name(), b.b.Size
		rec.Readings, rec.Drift = rs, protocol.Drift(rs)
	}
	return rec
}

// baselineOf sets up the session's baseline on the native platform: its
// runner when the run prepared the baseline's workload on it, else a
// runner of its own (returned, for the caller to close). A machine where
// native cannot run has no baseline, and the record says why.
func baselineOf(ctx context.Context, c config, rs map[string]runners.Runner, factory Factory, popts PlatformOptions) (baseline, runners.Runner) {
	b, err := protocol.DefaultBaseline(c.root, nil)
	if err != nil {
		return baseline{err: err.Error()}, nil
	}
	wl := b.Workload(c.root)
	if r, ok := rs[dataset.Native]; ok && slices.ContainsFunc(protocol.Workloads(c.root, experiments.ExperimentsOn(dataset.Native, c.experiments), c.langs),
		func(w runners.Workload) bool { return w.ID() == wl.ID() }) {
		b.Runner = r
		return baseline{b: b}, nil
	}
	r, err := factory(dataset.Native, popts)
	if err == nil {
		if err = r.Prepare(ctx, []runners.Workload{wl}); err != nil {
			r.Close()
		}
	}
	if err != nil {
		return baseline{err: "the native baseline could not be prepared: " + err.Error()}, nil
	}
	b.Runner = r
	return baseline{b: b}, r
}

// sessionRows returns the rows of the invocations that steps recorded.
func sessionRows(all []dataset.Sample, steps []protocol.Step) []dataset.Sample {
	keys := map[protocol.Key]bool{}
	for _, st := range steps {
		if !st.Warmup() {
			keys[st.Key()] = true
		}
	}
	var out []dataset.Sample
	for _, s := range all {
		if keys[protocol.KeyOf(s)] {
			out = append(out, s)
		}
	}
	return out
}

// stepPlatforms returns the platforms of steps, in order of appearance.
func stepPlatforms(steps []protocol.Step) []string {
	var out []string
	for _, st := range steps {
		if !slices.Contains(out, st.Platform) {
			out = append(out, st.Platform)
		}
	}
	return out
}

// planRerun decides what `run --rerun-warned` re-runs in the complete
// dataset ds of c: the cells its warnings name, at the next attempt. It
// adds the re-run to c's plan and returns it, or nil (and a note) when no
// warning names a cell still at the attempt it concerns.
func planRerun(c *config, ds *resume.Session, log io.Writer) (*dataset.Rerun, error) {
	if !ds.Complete() {
		return nil, badInput("%s is not complete (%d of its planned invocations are missing or were interrupted, or samples.csv needs a repair): finish it with `edgewasm run --resume %s` before re-running its warned cells",
			c.out, ds.Remaining(), c.out)
	}
	all, err := dataset.ReadFile(filepath.Join(c.out, dataset.SamplesFile))
	if err != nil {
		return nil, &BadInput{err}
	}
	cells, kinds := quality.RerunCells(c.resume.Warnings, all)
	if len(cells) == 0 {
		fmt.Fprintf(log, "nothing to re-run: no measurement-quality warning of %s names a cell (warnings of the kinds %s and %s do) still at the attempt it concerns\n",
			c.out, dataset.WarnDrift, dataset.WarnStall)
		return nil, nil
	}
	attempt := 1
	for _, s := range all {
		attempt = max(attempt, s.AttemptOf())
	}
	r := dataset.Rerun{Attempt: attempt + 1, At: time.Now().UTC(), Tool: c.tool, Cells: cells, Kinds: kinds, Meta: c.meta}
	if c.force {
		r.Differences = c.diffs
	}
	c.reruns = append(c.reruns, r)
	if len(protocol.RerunSteps(c.protocol(ds.Platforms()), r.Attempt)) == 0 {
		return nil, badInput("%s: the warned cells (%s, …) are not in the recorded plan on the platforms available", c.out, cells[0])
	}
	return &r, nil
}

// startRerun records the re-run in env (written at once, so that an
// interrupted re-run can be resumed) and returns samples.csv opened for
// appending; a file written before the attempt column existed is
// rewritten with it first (its rows are attempt 1).
func startRerun(dir string, env *dataset.Environment, r dataset.Rerun) (*dataset.Writer, error) {
	path := filepath.Join(dir, dataset.SamplesFile)
	sc, err := dataset.Scan(path)
	if err != nil {
		return nil, err
	}
	if len(sc.Cut) > 0 {
		return nil, errors.New(path + ": damaged at the end; resume first")
	}
	if !slices.Equal(sc.Columns, dataset.Columns) {
		var rows []dataset.Sample
		for _, row := range sc.Rows {
			rows = append(rows, row.Sample)
		}
		if err := dataset.Rewrite(path, rows); err != nil {
			return nil, err
		}
	}
	env.Reruns = append(env.Reruns, r)
	env.Finished, env.Interrupted = nil, false
	if err := dataset.WriteEnvironment(dir, *env); err != nil {
		return nil, err
	}
	return dataset.Append(path)
}
