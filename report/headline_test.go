package report

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/report/internal/synth"
)

// writeScaled writes a synthetic dataset with the CPU kernel times of one
// platform multiplied by factor (1: as generated).
func writeScaled(t *testing.T, c synth.Config, platform string, factor float64) string {
	t.Helper()
	d, err := synth.Dataset(c)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range d.Samples {
		if s.Experiment == experiments.CPU && s.Platform == platform && s.Metric == dataset.KernelMS {
			d.Samples[i].Value *= factor
		}
	}
	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := dataset.Create(filepath.Join(c.Dir, dataset.SamplesFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(d.Samples...); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := dataset.WriteEnvironment(c.Dir, d.Env); err != nil {
		t.Fatal(err)
	}
	return c.Dir
}

var abstractRE = regexp.MustCompile(`(?m)^\*\*Abstract\.\*\* .*$`)

// abstract renders the paper on the datasets and returns its abstract.
func abstract(t *testing.T, dirs ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	if _, err := Render(Config{Data: dirs, Out: out, Literature: "../literature", Cache: "off"}); err != nil {
		t.Fatal(err)
	}
	a := abstractRE.FindString(read(t, out, "paper.md"))
	if a == "" {
		t.Fatal("paper.md has no abstract")
	}
	return a
}

// cpuSentence is the abstract's sentence on the claim that Wasm takes
// twice the native time.
func cpuSentence(t *testing.T, abstract string) string {
	t.Helper()
	i := strings.Index(abstract, "twice the native time on computation:")
	j := strings.Index(abstract, "That memory grows")
	if i < 0 || j < i {
		t.Fatalf("no CPU claim in the abstract: %s", abstract)
	}
	return abstract[i:j]
}

// The abstract covers every Wasm platform: when the data change so that a
// platform other than the primary dataset's first Wasm platform flips the
// CPU claim's verdict (wazero-cold in the primary dataset, wasmtime in a
// second dataset), the abstract changes and says so for that platform.
func TestAbstractCoversEveryPlatform(t *testing.T) {
	dir := t.TempDir()
	x86 := func(name string) synth.Config {
		c := synth.Default(filepath.Join(dir, name))
		c.Started = afterRegistration
		c.Platforms = append(c.Platforms, dataset.WazeroCold)
		return c
	}
	rt := func(name string) synth.Config {
		c := synth.Default(filepath.Join(dir, name))
		c.Seed, c.Started = 5, afterRegistration
		c.Platforms = []string{dataset.Native, dataset.Wasmtime}
		return c
	}
	base := abstract(t, writeScaled(t, x86("x86"), dataset.WazeroCold, 1), writeScaled(t, rt("rt"), dataset.Wasmtime, 1))
	for _, tc := range []struct {
		name, platform string
		x86, rt        float64
	}{
		{"wazero-cold in the primary dataset", dataset.WazeroCold, 3, 1},
		{"wasmtime in a second dataset", dataset.Wasmtime, 1, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := strings.ReplaceAll(tc.name, " ", "-")
			flipped := abstract(t, writeScaled(t, x86(n+"-x86"), dataset.WazeroCold, tc.x86), writeScaled(t, rt(n+"-rt"), dataset.Wasmtime, tc.rt))
			if flipped == base {
				t.Fatalf("the abstract did not change when %s tripled its CPU time:\n%s", tc.platform, base)
			}
			b, f := cpuSentence(t, base), cpuSentence(t, flipped)
			want := regexp.MustCompile(`larger than the band for C on [^;]*\b` + regexp.QuoteMeta(tc.platform) + `\b`)
			if want.MatchString(b) {
				t.Fatalf("the base data already put %s above the band: %s", tc.platform, b)
			}
			if !want.MatchString(f) {
				t.Errorf("the abstract does not say %s's CPU time is larger than the band:\n%s", tc.platform, f)
			}
			if !strings.Contains(b, tc.platform) {
				t.Errorf("the base abstract does not name %s at all:\n%s", tc.platform, b)
			}
		})
	}
}
