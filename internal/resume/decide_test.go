package resume

import (
	"strconv"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/internal/protocol"
)

// root is the repository root: its sizes.txt gives the profiles.
const root = "../.."

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func rows(t *testing.T, csv string) []dataset.Row {
	t.Helper()
	sc, err := dataset.ScanBytes([]byte(strings.Join(dataset.Columns, ",")+"\n"+csv), "x.csv")
	must(t, err)
	return sc.Rows
}

func quick(t testing.TB, platforms []string, exps ...string) protocol.Config {
	t.Helper()
	p, err := experiments.LoadProfile(root, "quick")
	must(t, err)
	return protocol.Config{Root: root, Profile: p, Platforms: platforms, Langs: []string{dataset.LangC}, Experiments: exps}
}

func TestDecide(t *testing.T) {
	cfg := quick(t, []string{dataset.Native}, experiments.Startup)
	// startup: 1 warm-up, then reps 1..3 (seq 1..3).
	set := func(rep, seq, n int, status string) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(strings.Join([]string{"startup", "noop", "c", "native", itoa(rep), "m" + itoa(i), "1", "ms", status, "0", itoa(seq), "", itoa(2), "1"}, ",") + "\n")
		}
		return b.String()
	}
	// Rep 1 complete, rep 2 interrupted, rep 3 with one of its two rows.
	res, err := Decide(cfg, rows(t, set(1, 1, 2, "ok")+set(2, 2, 2, "failed:interrupted")+set(3, 3, 1, "ok")), "x.csv")
	must(t, err)
	if len(res.Keep) != 2 || len(res.Replaced) != 3 || res.Remaining != 2 || !res.Recorded[protocol.Key{Experiment: experiments.Startup, Test: "noop", Lang: "c", Platform: "native", Rep: 1, Attempt: 1}] {
		t.Fatalf("keep %d, replaced %d, remaining %d, recorded %v", len(res.Keep), len(res.Replaced), res.Remaining, res.Recorded)
	}
	if res.Replaced[0].Reason != ReasonInterrupted || res.Replaced[2].Reason != ReasonIncomplete {
		t.Fatalf("reasons %q, %q", res.Replaced[0].Reason, res.Replaced[2].Reason)
	}
	// Written before set_rows existed: only the last invocation is in doubt.
	legacy := strings.ReplaceAll(set(1, 1, 2, "ok")+set(2, 2, 2, "ok"), ",2,1\n", ",0,1\n")
	res, err = Decide(cfg, rows(t, legacy), "x.csv")
	must(t, err)
	if len(res.Keep) != 2 || len(res.Replaced) != 2 || res.Remaining != 2 {
		t.Fatalf("legacy: keep %d, replaced %d, remaining %d", len(res.Keep), len(res.Replaced), res.Remaining)
	}
	// Two row sets for one invocation: an error naming both lines.
	_, err = Decide(cfg, rows(t, set(1, 1, 2, "ok")+set(2, 2, 2, "ok")+set(1, 1, 2, "ok")), "x.csv")
	if err == nil || !strings.Contains(err.Error(), "x.csv:6: a second row set for startup/noop/c on native, rep 1 (the first starts on line 2)") {
		t.Fatalf("duplicate: %v", err)
	}
}

// TestPending: what a resumed run executes is the plan without what is
// recorded, in plan order with the plan's seq numbers, and a warm-up only
// before a test, language and platform that still has a repetition to run
// (the tests of a file pair share theirs).
func TestPending(t *testing.T) {
	cfg := quick(t, []string{dataset.Native, dataset.Wazero}, experiments.Startup, experiments.FSIO)
	plan := protocol.Plan(cfg)
	if got := Pending(cfg, nil); len(got) != len(plan) {
		t.Fatalf("nothing recorded: %d steps, the plan has %d", len(got), len(plan))
	}
	done := map[protocol.Key]bool{}
	for _, st := range plan {
		// Everything on native is recorded, and on wazero all but startup rep 2.
		if !st.Warmup() && (st.Platform == dataset.Native || st.Experiment != experiments.Startup || st.Rep != 2) {
			done[st.Key()] = true
		}
	}
	got := Pending(cfg, done)
	var names []string
	for _, st := range got {
		names = append(names, st.String()+" seq "+itoa(st.Seq))
	}
	var seq int
	for _, st := range plan {
		if st.Platform == dataset.Wazero && st.Experiment == experiments.Startup && st.Rep == 2 {
			seq = st.Seq
		}
	}
	want := []string{"startup/noop/c on wazero, warm-up seq 0", "startup/noop/c on wazero, rep 2 seq " + itoa(seq)}
	if strings.Join(names, "; ") != strings.Join(want, "; ") {
		t.Fatalf("pending:\n  %s\nwant:\n  %s", strings.Join(names, "\n  "), strings.Join(want, "\n  "))
	}
}
