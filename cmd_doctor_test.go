package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/internal/run"
	"github.com/edgewasm/edgewasm/runners/wazero"
)

func TestDoctorFormats(t *testing.T) {
	var out bytes.Buffer
	o := doctorOptions{format: "json", stdout: &out, plan: run.Options{Root: ".", Profile: "quick", Platforms: "native",
		Langs: "c", Experiments: "fsio", Out: filepath.Join(t.TempDir(), "ds"), WasmMaxPages: wazero.DefaultMemoryLimitPages}}
	err := runDoctor(context.Background(), o)
	if code := runExitCode(t, err); code != 0 && code != 1 {
		t.Fatalf("doctor exit %d: %v", code, err)
	}
	var rep struct{ Checks []dataset.Check }
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("--format json: %v\n%s", err, out.String())
	}
	var disk dataset.Check
	for _, c := range rep.Checks {
		if c.Name == "disk" {
			disk = c
		}
	}
	// The quick fsio plan writes a 4 MiB file: the disk check weighs it.
	if !strings.Contains(disk.Value, "the run needs 4 MiB at once") {
		t.Errorf("disk check %+v does not weigh the plan", disk)
	}
	o.format = "xml"
	if err := runDoctor(context.Background(), o); runExitCode(t, err) != exitBadArgs {
		t.Errorf("--format xml: %v, want exit 2", err)
	}
}

// --plan prints the invocations, the estimated duration and the bytes
// written, and writes nothing.
func TestRunPlanOnly(t *testing.T) {
	out := filepath.Join(t.TempDir(), "ds")
	var stdout bytes.Buffer
	o := run.Options{Root: ".", Profile: "quick", Platforms: "native,wazero", Langs: "c", Experiments: "cpu,fsio", Out: out,
		Stdout: &stdout, WasmMaxPages: wazero.DefaultMemoryLimitPages, PlanOnly: true}
	if err := runRun(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	s := stdout.String()
	for _, want := range []string{"plan: profile quick, 3 repetitions", "cpu      sha256         c   on native", "estimated duration", "total", "bytes written:"} {
		if !strings.Contains(s, want) {
			t.Errorf("plan output lacks %q:\n%s", want, s)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("--plan created %s", out)
	}
	o.PlanOnly, o.Build = true, "cloud"
	if err := runRun(context.Background(), o); runExitCode(t, err) != exitBadArgs || !strings.Contains(err.Error(), "--build") {
		t.Errorf("--build cloud: %v", err)
	}
}
