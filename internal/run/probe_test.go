package run

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/internal/fake"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/wazero"
)

// A platform that says before the run that it cannot run here
// (runners.Prober) is left out of the plan with its reason, is never
// prepared, and the dataset records it as unavailable; one that can runs.
// run.Platforms tells the same without running anything.
func TestProbeLeavesOutWhatCannotRun(t *testing.T) {
	var made []*fake.Probing
	factory := func(name string, _ PlatformOptions) (runners.Runner, error) {
		p := &fake.Probing{Runner: &fake.Runner{Platform: name, Func: honest(0, nil)}, Version: "v9 " + name}
		if name == dataset.WazeroCold {
			p.ProbeErr = runners.Unavailable(name, errors.New("its launcher does not start here: exec format error"))
		}
		made = append(made, p)
		return p, nil
	}
	o := Options{Root: "../..", Profile: "quick", Platforms: "native,wazero,wazero-cold", Langs: "c",
		Experiments: "startup", Out: filepath.Join(t.TempDir(), "ds"), CC: "cc", WasmMaxPages: wazero.DefaultMemoryLimitPages,
		NewRunner: factory, PlanOnly: true}
	var plan bytes.Buffer
	o.Stdout = &plan
	if err := Run(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(plan.String(), "left out: platform wazero-cold cannot run here: ") || !strings.Contains(plan.String(), "exec format error") {
		t.Errorf("the plan does not leave out wazero-cold with its reason:\n%s", plan.String())
	}
	if strings.Contains(plan.String(), "on wazero-cold") || !strings.Contains(plan.String(), "on wazero ") {
		t.Errorf("the plan still has wazero-cold's invocations, or lacks wazero's:\n%s", plan.String())
	}
	for _, p := range made {
		if p.Probes != 1 || len(p.Prepared) != 0 || !p.Closed {
			t.Errorf("--plan: %s probed %d times, prepared %d workloads, closed %v; want 1, 0, true", p.Platform, p.Probes, len(p.Prepared), p.Closed)
		}
	}

	made = nil
	var log bytes.Buffer
	o.PlanOnly, o.Stdout = false, &log
	err := Run(context.Background(), o)
	if err == nil || !strings.Contains(err.Error(), "unavailable") {
		t.Errorf("a requested platform that cannot run: err %v, want the unavailable one named", err)
	}
	ds, lerr := dataset.Load(o.Out)
	if lerr != nil {
		t.Fatalf("%v\n%s", lerr, log.String())
	}
	if why := ds.Env.Unavailable[dataset.WazeroCold]; !strings.Contains(why, "exec format error") {
		t.Errorf("environment.json unavailable %v", ds.Env.Unavailable)
	}
	rows := map[string]int{}
	for _, s := range ds.Samples {
		rows[s.Platform]++
	}
	if rows[dataset.Native] == 0 || rows[dataset.Wazero] == 0 || rows[dataset.WazeroCold] != 0 {
		t.Errorf("rows per platform %v", rows)
	}
	probes := map[string]int{}
	for _, p := range made {
		if p.Platform == dataset.WazeroCold && len(p.Prepared) != 0 {
			t.Error("the platform that cannot run was prepared")
		}
		probes[p.Platform] += p.Probes
	}
	// One probe per platform (the native baseline's own runner is
	// never asked: native can always run).
	if probes[dataset.Wazero] != 1 || probes[dataset.WazeroCold] != 1 {
		t.Errorf("probes per platform %v, want one each (Prepare reuses the probe)", probes)
	}

	o.Platforms, o.Out = "native,wazero-cold", filepath.Join(t.TempDir(), "ds2")
	sts, err := Platforms(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if len(sts) != 2 || sts[0].Unavailable != "" || sts[1].Unavailable == "" || sts[1].Name != dataset.WazeroCold {
		t.Errorf("Platforms = %+v", sts)
	}
}
