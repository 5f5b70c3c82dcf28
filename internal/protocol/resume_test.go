package protocol

import (
	"github.com/edgewasm/edgewasm/experiments"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/dataset"
)

func rows(t *testing.T, csv string) []dataset.Row {
	t.Helper()
	sc, err := dataset.ScanBytes([]byte(strings.Join(dataset.Columns, ",")+"\n"+csv), "x.csv")
	if err != nil {
		t.Fatal(err)
	}
	return sc.Rows
}

func TestResumeDecides(t *testing.T) {
	root := fakeRoot(t)
	p, err := experiments.LoadProfile(root, "quick")
	must(t, err)
	cfg := Config{Root: root, Profile: p, Platforms: []string{"native"}, Langs: []string{"c"}, Experiments: []string{experiments.Startup}}
	// startup: 1 warm-up, then reps 1..3 (seq 1..3).
	set := func(rep, seq, n int, status string) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(strings.Join([]string{"startup", "noop", "c", "native", itoa(rep), "m" + itoa(i), "1", "ms", status, "0", itoa(seq), "", itoa(2)}, ",") + "\n")
		}
		return b.String()
	}
	// Rep 1 complete, rep 2 interrupted, rep 3 with one of its two rows.
	res, err := Resume(cfg, rows(t, set(1, 1, 2, "ok")+set(2, 2, 2, "failed:interrupted")+set(3, 3, 1, "ok")), "x.csv")
	must(t, err)
	if len(res.Keep) != 2 || len(res.Replaced) != 3 || res.Remaining != 2 || !res.Recorded[Key{experiments.Startup, "noop", "c", "native", 1}] {
		t.Fatalf("keep %d, replaced %d, remaining %d, recorded %v", len(res.Keep), len(res.Replaced), res.Remaining, res.Recorded)
	}
	if res.Replaced[0].Reason != ReasonInterrupted || res.Replaced[2].Reason != ReasonIncomplete {
		t.Fatalf("reasons %q, %q", res.Replaced[0].Reason, res.Replaced[2].Reason)
	}
	// Written before set_rows existed: only the last invocation is in doubt.
	legacy := strings.ReplaceAll(set(1, 1, 2, "ok")+set(2, 2, 2, "ok"), ",2\n", ",0\n")
	res, err = Resume(cfg, rows(t, legacy), "x.csv")
	must(t, err)
	if len(res.Keep) != 2 || len(res.Replaced) != 2 || res.Remaining != 2 {
		t.Fatalf("legacy: keep %d, replaced %d, remaining %d", len(res.Keep), len(res.Replaced), res.Remaining)
	}
	// Two row sets for one invocation: an error naming both lines.
	_, err = Resume(cfg, rows(t, set(1, 1, 2, "ok")+set(2, 2, 2, "ok")+set(1, 1, 2, "ok")), "x.csv")
	if err == nil || !strings.Contains(err.Error(), "x.csv:6: a second row set for startup/noop/c on native, rep 1 (the first starts on line 2)") {
		t.Fatalf("duplicate: %v", err)
	}
}
