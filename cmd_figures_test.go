package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/edgewasm/edgewasm/experiments/dataset"
	"github.com/edgewasm/edgewasm/report/figures"
)

// writeDataset stores a synthetic dataset the way `edgewasm run` does.
func writeDataset(t *testing.T, dir string) {
	t.Helper()
	ds, err := figures.Synthetic(figures.SynthConfig{Seed: 3, Reps: 3, Platforms: []string{"native", "wazero"}, Langs: []string{"c"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := dataset.Create(filepath.Join(dir, dataset.SamplesFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(ds.Samples...); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := dataset.WriteEnvironment(dir, ds.Env); err != nil {
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
	for _, id := range []string{"fig-5-1", "fig-5-2", "fig-5-3", "fig-5-4", "fig-startup-dist", "fig-break-even"} {
		for _, ext := range []string{".svg", ".png", ".csv"} {
			if st, err := os.Stat(filepath.Join(out, id+ext)); err != nil || st.Size() == 0 {
				t.Errorf("%s%s: %v", id, ext, err)
			}
		}
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
