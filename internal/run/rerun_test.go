package run

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/internal/protocol"
)

// calm is a machine where nothing competes: no steal, no stall, no load.
func calm() protocol.Counters { return protocol.Counters{} }

// warnCells adds a warning naming cells (at attempt 1) to the dataset in
// dir, as a run that saw them stall would have.
func warnCells(t *testing.T, dir string, cells ...dataset.Cell) {
	t.Helper()
	env, err := dataset.ReadEnvironment(dir)
	if err != nil {
		t.Fatal(err)
	}
	env.Warnings = append(env.Warnings, dataset.Warning{Kind: dataset.WarnDrift, Message: "synthetic", Advice: "re-run", Value: 0.5,
		Threshold: 0.1, Cells: cells})
	if err := dataset.WriteEnvironment(dir, env); err != nil {
		t.Fatal(err)
	}
}

func rerunOptions(dir string, f Factory) Options {
	return Options{Root: "../..", RerunWarned: dir, Settle: -1, Stdout: &bytes.Buffer{}, NewRunner: f, Machine: calm}
}

// TestRerunWarned: --rerun-warned re-runs exactly the cells a warning
// names (an fsio read brings its write along), appends them at attempt 2
// and keeps the first attempt; the dataset holds one row set per
// invocation and attempt, readers see the latest, and a second
// --rerun-warned finds nothing left to re-run.
func TestRerunWarned(t *testing.T) {
	isolateTemp(t)
	out := filepath.Join(t.TempDir(), "ds")
	o := fakeOptions(out, fakeFactory(0, nil))
	o.Machine = calm
	if err := Run(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	first := checkComplete(t, out)
	for _, w := range first.Env.Warnings {
		if w.Kind == dataset.WarnDrift || w.Kind == dataset.WarnStall {
			t.Fatalf("a calm machine and a steady baseline gave %s: %s", w.Kind, w.Message)
		}
	}
	read := dataset.Cell{Experiment: "fsio", Test: "read", Lang: "c", Platform: "native", Attempt: 1}
	aes := dataset.Cell{Experiment: "cpu", Test: "aes", Lang: "go", Platform: "wazero", Attempt: 1}
	warnCells(t, out, read, aes)

	var log bytes.Buffer
	ro := rerunOptions(out, fakeFactory(0, nil))
	ro.Stdout = &log
	if err := Run(context.Background(), ro); err != nil {
		t.Fatalf("rerun: %v\n%s", err, log.String())
	}
	ds := checkComplete(t, out)
	if len(ds.Env.Reruns) != 1 || ds.Env.Reruns[0].Attempt != 2 || !slices.Equal(ds.Env.Reruns[0].Cells, []dataset.Cell{aes, read}) {
		t.Fatalf("reruns %+v", ds.Env.Reruns)
	}
	reps := ds.Env.Profile.Repetitions
	again := map[string]int{}
	for _, s := range ds.Samples {
		if s.Attempt == 2 && s.Metric == dataset.InvocationMS {
			again[s.Experiment+"/"+s.Test+"/"+s.Lang+"/"+s.Platform]++
		}
	}
	want := map[string]int{"cpu/aes/go/wazero": reps, "fsio/read/c/native": reps, "fsio/write/c/native": reps}
	if len(again) != len(want) {
		t.Errorf("re-run invocations %v, want %v", again, want)
	}
	for k, n := range want {
		if again[k] != n {
			t.Errorf("re-run invocations %v, want %v", again, want)
		}
	}
	// Both attempts are in the file; readers get the latest.
	if len(ds.Superseded) == 0 || len(ds.Samples)+len(ds.Superseded) != countRows(t, out) {
		t.Errorf("%d latest + %d superseded rows, %d in the file", len(ds.Samples), len(ds.Superseded), countRows(t, out))
	}
	for _, s := range ds.Superseded {
		if s.Attempt != 1 || again[s.Experiment+"/"+s.Test+"/"+s.Lang+"/"+s.Platform] == 0 {
			t.Fatalf("superseded row %+v", s)
		}
	}
	if !strings.Contains(log.String(), "re-running 2 warned cells") {
		t.Errorf("log:\n%s", log.String())
	}
	// The re-run is a session: its baseline and interference are recorded.
	if len(ds.Env.Baselines) != 2 || ds.Env.Baselines[1].Session != 1 || len(ds.Env.Baselines[1].Readings) != 3 ||
		len(ds.Env.Interference) != 2 || ds.Env.Interference[1].Invocations != 3*reps {
		t.Errorf("baselines %+v, interference %+v", ds.Env.Baselines, ds.Env.Interference)
	}

	log.Reset()
	if err := Run(context.Background(), ro); err != nil || !strings.Contains(log.String(), "nothing to re-run") {
		t.Errorf("second rerun: %v\n%s", err, log.String())
	}
}

// countRows counts the rows of a dataset's samples.csv.
func countRows(t *testing.T, dir string) int {
	t.Helper()
	all, err := dataset.ReadFile(filepath.Join(dir, dataset.SamplesFile))
	if err != nil {
		t.Fatal(err)
	}
	return len(all)
}

// An interrupted re-run is continued by --resume, which knows the re-run's
// plan from environment.json.
func TestRerunInterruptedThenResumed(t *testing.T) {
	isolateTemp(t)
	out := filepath.Join(t.TempDir(), "ds")
	o := fakeOptions(out, fakeFactory(0, nil))
	o.Machine = calm
	if err := Run(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	warnCells(t, out, dataset.Cell{Experiment: "cpu", Test: "sha256", Lang: "c", Platform: "wazero-cold", Attempt: 1},
		dataset.Cell{Experiment: "startup", Test: "noop", Lang: "go", Platform: "native", Attempt: 1})
	ctx, cancel := context.WithCancel(context.Background())
	ro := rerunOptions(out, interruptAfter(3, cancel))
	if err := Run(ctx, ro); err == nil || !strings.Contains(err.Error(), "--resume") {
		t.Fatalf("interrupted rerun: %v", err)
	}
	ro2 := resumeOptions(out, fakeFactory(0, nil))
	ro2.Machine = calm
	if err := Run(context.Background(), ro2); err != nil {
		t.Fatal(err)
	}
	ds := checkComplete(t, out)
	n := 0
	for _, s := range ds.Samples {
		if s.Attempt == 2 && s.Metric == dataset.InvocationMS {
			n++
		}
	}
	if n != 2*ds.Env.Profile.Repetitions || len(ds.Env.Resumes) != 1 || len(ds.Env.Reruns) != 1 {
		t.Errorf("%d re-run invocations, %d resumes, %d reruns", n, len(ds.Env.Resumes), len(ds.Env.Reruns))
	}
}

// A dataset written before the attempt column existed is re-run too: its
// rows become attempt 1 and the file gains the column.
func TestRerunOldDataset(t *testing.T) {
	isolateTemp(t)
	out := filepath.Join(t.TempDir(), "ds")
	o := fakeOptions(out, fakeFactory(0, nil))
	o.Machine, o.Experiments, o.Platforms = calm, "startup", "native,wazero"
	if err := Run(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	// Drop the attempt column, as an older edgewasm wrote the file.
	path := filepath.Join(out, dataset.SamplesFile)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	for _, r := range recs {
		_ = w.Write(r[:len(r)-1])
	}
	w.Flush()
	if !strings.HasSuffix(recs[0][len(recs[0])-1], "attempt") || os.WriteFile(path, b.Bytes(), 0o644) != nil {
		t.Fatal("could not write the old format")
	}
	warnCells(t, out, dataset.Cell{Experiment: "startup", Test: "noop", Lang: "c", Platform: "wazero", Attempt: 1})
	if err := Run(context.Background(), rerunOptions(out, fakeFactory(0, nil))); err != nil {
		t.Fatal(err)
	}
	ds := checkComplete(t, out)
	header, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(header), strings.Join(dataset.Columns, ",")+"\n") || len(ds.Superseded) == 0 {
		t.Errorf("header %q…, %d superseded rows", strings.SplitN(string(header), "\n", 2)[0], len(ds.Superseded))
	}
}

// --rerun-warned needs a complete dataset: an interrupted one is resumed
// first.
func TestRerunRefusesAnIncompleteDataset(t *testing.T) {
	isolateTemp(t)
	out := filepath.Join(t.TempDir(), "ds")
	ctx, cancel := context.WithCancel(context.Background())
	o := fakeOptions(out, interruptAfter(5, cancel))
	o.Machine = calm
	_ = Run(ctx, o)
	err := Run(context.Background(), rerunOptions(out, fakeFactory(0, nil)))
	var bad *BadInput
	if !errors.As(err, &bad) || !strings.Contains(err.Error(), "--resume") {
		t.Fatalf("rerun of an interrupted dataset: %v", err)
	}
}
