package resume

import (
	"regexp"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
)

// A fuzz target for the resume decision: it must never panic, and every
// error must name the file and the line. CI runs it for a few seconds
// (.ci/fuzz); `go test` runs its seeds.

func located(name string) *regexp.Regexp {
	return regexp.MustCompile(`^` + regexp.QuoteMeta(name) + `:[1-9][0-9]*: `)
}

// FuzzResume feeds damaged samples files through the resume path: the
// scan, then the decision of what to keep and what to run again. It must
// never panic; errors name the file and line; and whatever it keeps plus
// what it replaces is what the scan found.
func FuzzResume(f *testing.F) {
	head := strings.Join(dataset.Columns, ",") + "\n"
	row := func(test string, rep, seq, set int, metric, status string) string {
		return strings.Join([]string{"cpu", test, "c", "native", itoa(rep), metric, "1", "ms", status, "4096", itoa(seq), "", itoa(set)}, ",") + "\n"
	}
	f.Add([]byte(head + row("aes", 1, 1, 2, "wall_ms", "ok") + row("aes", 1, 1, 2, "kernel_ms", "ok") + row("aes", 2, 2, 2, "wall_ms", "ok")))
	f.Add([]byte(head + row("aes", 1, 1, 1, "wall_ms", "failed:interrupted") + row("aes", 1, 1, 1, "wall_ms", "ok")))
	f.Add([]byte(head + row("aes", 1, 1, 1, "wall_ms", "ok") + row("aes", 2, 2, 1, "wall_ms", "ok") + row("aes", 1, 3, 1, "wall_ms", "ok")))
	f.Add([]byte(head + row("aes", 1, 1, 0, "wall_ms", "ok") + "cpu,aes,c,na"))
	cfg := quick(f, []string{dataset.Native, dataset.Wazero}, experiments.Names...)
	re := located("x/samples.csv")
	f.Fuzz(func(t *testing.T, b []byte) {
		sc, err := dataset.ScanBytes(b, "x/samples.csv")
		if err != nil {
			if !re.MatchString(err.Error()) {
				t.Fatalf("scan: error without file and line: %v", err)
			}
			return
		}
		res, err := Decide(cfg, sc.Rows, "x/samples.csv")
		if err != nil {
			if !re.MatchString(err.Error()) {
				t.Fatalf("resume: error without file and line: %v", err)
			}
			return
		}
		if len(res.Keep)+len(res.Replaced) != len(sc.Rows) {
			t.Fatalf("kept %d and replaced %d of %d rows", len(res.Keep), len(res.Replaced), len(sc.Rows))
		}
		if _, err := Audit(cfg, res.Keep); err != nil {
			t.Fatalf("what resume keeps breaks the invariant: %v", err)
		}
	})
}
