package main

import (
	"context"
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/report/figures"
)

// writeDataset stores a small dataset of every experiment the way
// `edgewasm run` does: three platforms, C guests, three repetitions.
func writeDataset(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := dataset.Create(filepath.Join(dir, dataset.SamplesFile))
	if err != nil {
		t.Fatal(err)
	}
	factor := map[string]float64{"native": 1, "docker": 1.05, "wazero": 1.8}
	startup := map[string]float64{"native": 1, "docker": 120, "wazero": 3}
	for _, e := range experiments.Names {
		for _, test := range experiments.Tests[e] {
			for rep := 1; rep <= 3; rep++ {
				for _, p := range []string{"native", "docker", "wazero"} {
					v := 100 * factor[p] * (1 + 0.01*float64(rep))
					s := dataset.Sample{Experiment: e, Test: test, Lang: "c", Platform: p, Rep: rep, Unit: "ms", Status: dataset.StatusOK}
					var rows []dataset.Sample
					add := func(m, u string, v float64) {
						r := s
						r.Metric, r.Unit, r.Value = m, u, math.Round(v*100)/100
						rows = append(rows, r)
					}
					switch e {
					case experiments.Memory:
						add(dataset.FootprintKiB, dataset.UnitKiB, 300*factor[p]*factor[p]*5)
					case experiments.Startup:
						add(dataset.WallMS, dataset.UnitMS, startup[p]*(1+0.02*float64(rep)))
					default:
						add(dataset.WallMS, dataset.UnitMS, v+startup[p])
						add(dataset.KernelMS, dataset.UnitMS, v)
					}
					if err := w.Write(rows...); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	env := dataset.Environment{Schema: dataset.SchemaVersion, Profile: dataset.Profile{Name: "quick", Repetitions: 3}}
	if err := dataset.WriteEnvironment(dir, env); err != nil {
		t.Fatal(err)
	}
}

func TestFiguresCommand(t *testing.T) {
	tmp := t.TempDir()
	data, out := filepath.Join(tmp, "pc"), filepath.Join(tmp, "figures")
	writeDataset(t, data)
	if err := runFigures(context.Background(), figuresOptions{Data: []string{data}, Out: out, DPI: 72, Stdout: io.Discard}); err != nil {
		t.Fatal(err)
	}
	for _, id := range figures.IDs() {
		for _, ext := range []string{".svg", ".png", ".csv"} {
			if st, err := os.Stat(filepath.Join(out, id+ext)); err != nil || st.Size() == 0 {
				t.Errorf("%s%s: %v", id, ext, err)
			}
		}
	}
	// --data-dir finds the same dataset.
	out3 := filepath.Join(tmp, "byDir")
	if err := runFigures(context.Background(), figuresOptions{DataDir: tmp, Out: out3, DPI: 72, Stdout: io.Discard}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out3, "fig-5-1.svg")); err != nil {
		t.Error(err)
	}
	// Bad input: exit 2 and nothing written.
	out2 := filepath.Join(tmp, "none")
	if err := runFigures(context.Background(), figuresOptions{Data: []string{filepath.Join(tmp, "missing")}, Out: out2, DPI: 72, Stdout: io.Discard}); exitCode(err) != exitBadArgs {
		t.Errorf("missing dataset: %v (exit %d), want exit 2", err, exitCode(err))
	}
	os.WriteFile(filepath.Join(data, dataset.SamplesFile), []byte("experiment,test\n"), 0o644)
	if err := runFigures(context.Background(), figuresOptions{Data: []string{data}, Out: out2, DPI: 72, Stdout: io.Discard}); exitCode(err) != exitBadArgs {
		t.Errorf("bad samples.csv: %v, want exit 2", err)
	}
	if _, err := os.Stat(out2); !os.IsNotExist(err) {
		t.Errorf("bad input left %s behind", out2)
	}
}
