package resume

import (
	"fmt"
	"strings"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/internal/protocol"
)

// Decision is what a resumed run keeps of the rows it finds and what it
// must still run.
type Decision struct {
	// Keep are the rows that stay in samples.csv, in file order: every
	// complete row set of an invocation that needs no second run, and rows
	// of invocations outside the plan (a configuration changed with
	// --force), which are data too.
	Keep []dataset.Sample
	// Replaced are the rows taken out, with the reason: their invocation
	// runs again, or its row set is incomplete.
	Replaced []dataset.Replaced
	// Recorded are the planned invocations that are complete (Pending
	// skips them); Remaining counts the planned ones still to run.
	Recorded  map[protocol.Key]bool
	Remaining int
}

// Replacement reasons.
const (
	ReasonInterrupted = "interrupted: run again"
	ReasonIncomplete  = "incomplete row set (the run stopped while writing it): run again"
	ReasonFilePair    = "file pair: another test of this repetition runs again, so this one does too"
	// ReasonIncompleteUnplanned: cut short, and outside the configuration
	// now (a forced resume changed it), so it does not run again.
	ReasonIncompleteUnplanned = "incomplete row set of an invocation outside the plan: removed, not run again"
)

// Decide decides, from the rows of an interrupted run (dataset.Scan's, in
// file order), which invocations of cfg's plan are complete and which must
// run (again):
//
//   - an invocation is complete when its rows are all there (as many as
//     their set_rows says) and none is failed:interrupted; a failure of
//     any other kind is a result and is kept;
//   - an invocation whose rows are incomplete or interrupted runs again,
//     and its rows are replaced;
//   - the tests of a FilePair experiment run together: if one of them must
//     run in a repetition on a platform, all of them do (the file that the
//     first writes and the next read is gone).
//
// Rows from a file written before set_rows existed carry 0; then only the
// last invocation of the file is taken to be incomplete, since only it can
// have been cut short. Two row sets for one invocation (a file that was
// concatenated or edited) are an error naming the lines.
func Decide(cfg protocol.Config, rows []dataset.Row, file string) (Decision, error) {
	type set struct {
		key        protocol.Key
		seq        int
		rows       []dataset.Row
		interrupt  bool
		incomplete bool
	}
	var order []*set
	sets := map[protocol.Key]*set{}
	for _, r := range rows {
		k := protocol.KeyOf(r.Sample)
		s := sets[k]
		switch {
		case s == nil:
			s = &set{key: k, seq: r.Seq}
			sets[k] = s
			order = append(order, s)
		case s.seq != r.Seq || order[len(order)-1] != s:
			return Decision{}, fmt.Errorf("%s:%d: a second row set for %s (the first starts on line %d): one invocation is recorded once; remove one of them",
				file, r.Line, k, s.rows[0].Line)
		}
		s.rows = append(s.rows, r)
		if r.Status == dataset.Failed(dataset.ReasonInterrupted) {
			s.interrupt = true
		}
	}
	for i, s := range order {
		want := s.rows[0].SetRows
		for _, r := range s.rows {
			if r.SetRows != want {
				return Decision{}, fmt.Errorf("%s:%d: set_rows %d, but line %d of the same invocation says %d",
					file, r.Line, r.SetRows, s.rows[0].Line, want)
			}
		}
		switch {
		case want == 0:
			s.incomplete = i == len(order)-1
		case len(s.rows) > want:
			return Decision{}, fmt.Errorf("%s:%d: %s has %d rows but set_rows says %d", file, s.rows[0].Line, s.key, len(s.rows), want)
		default:
			s.incomplete = len(s.rows) < want
		}
	}

	res := Decision{Recorded: map[protocol.Key]bool{}}
	steps := protocol.Plan(cfg)
	planned := map[protocol.Key]bool{}
	for _, st := range steps {
		if !st.Warmup() {
			planned[st.Key()] = true
		}
	}
	// An incomplete row set always leaves samples.csv (it would break the
	// invariant); an interrupted one only when it runs again, that is when
	// it is planned.
	reason := map[protocol.Key]string{}
	for k, s := range sets {
		switch {
		case s.incomplete && planned[k]:
			reason[k] = ReasonIncomplete
		case s.incomplete:
			reason[k] = ReasonIncompleteUnplanned
		case s.interrupt && planned[k]:
			reason[k] = ReasonInterrupted
		}
	}
	// A file pair runs again as a whole.
	for _, st := range steps {
		e, _ := experiments.Lookup(st.Experiment)
		if st.Warmup() || !e.FilePair {
			continue
		}
		_, recorded := sets[st.Key()]
		if recorded && reason[st.Key()] == "" {
			continue
		}
		for _, t := range e.TestNames() {
			k := protocol.Key{Experiment: st.Experiment, Test: t, Lang: st.Lang, Platform: st.Platform, Rep: st.Rep, Attempt: st.Key().Attempt}
			if _, ok := sets[k]; ok && reason[k] == "" {
				reason[k] = ReasonFilePair
			}
		}
	}
	for _, s := range order {
		if why := reason[s.key]; why != "" {
			for _, r := range s.rows {
				res.Replaced = append(res.Replaced, dataset.Replaced{Sample: r.Sample, Reason: why})
			}
			continue
		}
		for _, r := range s.rows {
			res.Keep = append(res.Keep, r.Sample)
		}
		if planned[s.key] {
			res.Recorded[s.key] = true
		}
	}
	res.Remaining = len(planned) - len(res.Recorded)
	return res, nil
}

// Pending returns the steps of cfg's plan that are still to run: those not
// in done, and the warm-ups of every test, language and platform that has
// one of them (a resumed run warms up again before it measures). With
// nothing done it is the whole plan.
func Pending(cfg protocol.Config, done map[protocol.Key]bool) []protocol.Step {
	steps := protocol.Plan(cfg)
	if len(done) == 0 {
		return steps
	}
	type group struct{ experiment, test, lang, platform string }
	groupOf := func(s protocol.Step) group {
		g := group{s.Experiment, s.Test, s.Lang, s.Platform}
		if e, _ := experiments.Lookup(s.Experiment); e.FilePair {
			g.test = "" // the tests of a file pair share their warm-ups
		}
		return g
	}
	todo := map[group]bool{}
	for _, s := range steps {
		if !s.Warmup() && !done[s.Key()] {
			todo[groupOf(s)] = true
		}
	}
	out := []protocol.Step{}
	for _, s := range steps {
		if s.Warmup() && todo[groupOf(s)] || !s.Warmup() && !done[s.Key()] {
			out = append(out, s)
		}
	}
	return out
}

// Audit checks the invariant of a dataset: every invocation has one row
// set — one seq, each metric once, as many rows as set_rows says. (Rows of
// invocations outside cfg's plan, from before a forced change of the
// configuration, are held to the same rule.) It returns the planned
// invocations that have no rows (an interrupted run), and an error listing
// every violation.
func Audit(cfg protocol.Config, samples []dataset.Sample) ([]protocol.Key, error) {
	var order []protocol.Key
	for _, st := range protocol.Plan(cfg) {
		if !st.Warmup() {
			order = append(order, st.Key())
		}
	}
	type set struct {
		seq, rows, setRows int
		metrics            map[string]bool
	}
	sets := map[protocol.Key]*set{}
	var problems []string
	for _, s := range samples {
		k := protocol.KeyOf(s)
		g := sets[k]
		if g == nil {
			g = &set{seq: s.Seq, setRows: s.SetRows, metrics: map[string]bool{}}
			sets[k] = g
		}
		switch {
		case s.Seq != g.seq:
			problems = append(problems, fmt.Sprintf("%s: two row sets (seq %d and %d)", k, g.seq, s.Seq))
		case g.metrics[s.Metric]:
			problems = append(problems, fmt.Sprintf("%s: metric %s recorded twice", k, s.Metric))
		}
		g.metrics[s.Metric] = true
		g.rows++
	}
	var missing []protocol.Key
	for _, k := range order {
		if sets[k] == nil {
			missing = append(missing, k)
		}
	}
	for k, g := range sets {
		if g.setRows > 0 && g.rows != g.setRows {
			problems = append(problems, fmt.Sprintf("%s: %d rows, set_rows says %d", k, g.rows, g.setRows))
		}
	}
	if len(problems) > 0 {
		if len(problems) > 20 {
			problems = append(problems[:20], fmt.Sprintf("… and %d more", len(problems)-20))
		}
		return missing, fmt.Errorf("the dataset breaks its invariant (one row set per invocation):\n  %s", strings.Join(problems, "\n  "))
	}
	return missing, nil
}
