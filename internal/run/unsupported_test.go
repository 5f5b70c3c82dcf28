package run

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/internal/fake"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/wazero"
)

// Rows failed:unsupported (the platform declares it lacks what the
// experiment needs) are recorded with their reason but do not fail the
// run; any other failure does.
func TestUnsupportedRowsDoNotFailTheRun(t *testing.T) {
	const why = "this platform cannot hold a resident workload here"
	for _, broken := range []bool{false, true} {
		factory := func(name string, _ PlatformOptions) (runners.Runner, error) {
			if name != dataset.Wazero {
				return &fake.Runner{Platform: name, Func: honest(0, nil)}, nil
			}
			f := honest(0, nil)
			if broken {
				f = func(context.Context, runners.Invocation, bool) (runners.Result, error) {
					return runners.Result{}, runners.Failf("exit status 3", "broken")
				}
			}
			return &fake.Bare{Platform: name, Func: f, Lacking: map[runners.Capability]string{runners.Hold: why}}, nil
		}
		var log bytes.Buffer
		out := filepath.Join(t.TempDir(), "ds")
		err := Run(context.Background(), Options{Root: "../..", Profile: "quick", Platforms: "native,wazero", Langs: "c",
			Experiments: "memory,startup", Out: out, CC: "cc", Stdout: &log, WasmMaxPages: wazero.DefaultMemoryLimitPages, NewRunner: factory})
		if broken != (err != nil) {
			t.Fatalf("broken=%v: err %v\n%s", broken, err, log.String())
		}
		ds, lerr := dataset.Load(out)
		if lerr != nil {
			t.Fatal(lerr)
		}
		unsupported := 0
		for _, s := range ds.Samples {
			if s.Platform == dataset.Wazero && s.Experiment == "memory" && strings.HasPrefix(s.Status, dataset.Failed(dataset.ReasonUnsupported)) && strings.Contains(s.Status, why) {
				unsupported++
			}
		}
		if unsupported == 0 {
			t.Errorf("broken=%v: no failed:unsupported memory rows on wazero", broken)
		}
	}
}
