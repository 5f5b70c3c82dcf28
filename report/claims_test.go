package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/experiments/dataset"
)

// fsioSet writes a dataset whose fsio write kernel times are native's
// scaled by factor, with noise, and loads it.
func fsioSet(t *testing.T, factor float64) *Set {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "ds")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := dataset.Create(filepath.Join(dir, dataset.SamplesFile))
	if err != nil {
		t.Fatal(err)
	}
	noise := []float64{0.9, 1.1, 0.95, 1.05, 1.0, 0.92, 1.08, 0.97, 1.03, 1.01}
	for rep, n := range noise {
		for _, p := range []struct {
			name string
			f    float64
		}{{"native", 1}, {"wazero", factor}} {
			err := w.Write(dataset.Sample{Experiment: "fsio", Test: "write", Lang: "c", Platform: p.name, Rep: rep + 1,
				Metric: "kernel_ms", Value: 100 * p.f * n * noise[(rep+3)%len(noise)], Unit: "ms", Status: dataset.StatusOK})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	w.Close()
	env := dataset.Environment{Schema: dataset.SchemaVersion, Profile: dataset.Profile{Name: "x", Repetitions: 10}}
	if err := dataset.WriteEnvironment(dir, env); err != nil {
		t.Fatal(err)
	}
	s, err := LoadSet(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestOneSidedClaimNeedsTheWholeInterval(t *testing.T) {
	claims, err := ParseClaims("claims.csv", []byte("id,rq,claim,thesis,source,kind,exp,metric,a,b,test,lang,lo,hi,scope\n"+
		"slower,RQ2,Wasm is slower,> 1×,§5,ratio,fsio,kernel_ms,wazero,native,write,c,1,,\n"))
	if err != nil {
		t.Fatal(err)
	}
	c := claims[0]
	_, verdict, err := c.Check(fsioSet(t, 1.02))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(verdict, NotReproduced) || !strings.Contains(verdict, "interval") {
		t.Errorf("2 %% slower with 10 %% noise: verdict %q, want not reproduced (interval reaches 1)", verdict)
	}
	_, verdict, err = c.Check(fsioSet(t, 1.5))
	if err != nil {
		t.Fatal(err)
	}
	if verdict != Reproduced {
		t.Errorf("50 %% slower: verdict %q, want reproduced", verdict)
	}
}
