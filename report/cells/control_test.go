package cells

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/report/internal/synth"
	"github.com/edgewasm/edgewasm/report/model"
)

// controlEngine is an engine over one synthetic paper dataset, with a
// synthetic launcher-control dataset in which wazero's kernels take 15 %
// longer than wazero-plain's and wasmtime's as long as wasmtime-plain's.
func controlEngine(t *testing.T) *Engine {
	t.Helper()
	main, err := synth.Dataset(synth.Default("x86"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.New([]*dataset.Dataset{main}, model.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	c, err := synth.Dataset(synth.Config{Seed: 3, Reps: 10, Dir: filepath.Join("data", "control", "x86"),
		Platforms: []string{dataset.Native, dataset.Wazero, dataset.WazeroPlain, dataset.Wasmtime, dataset.WasmtimePlain},
		Langs:     dataset.Langs, Experiments: []string{experiments.CPU, experiments.FSIO},
		LauncherCost: map[string]float64{dataset.Wazero: 0.15}})
	if err != nil {
		t.Fatal(err)
	}
	// As the runners would: wasmtime-plain runs no fsio.
	c.Samples = dropRows(c.Samples, func(s dataset.Sample) bool {
		return s.Experiment == experiments.FSIO && s.Platform == dataset.WasmtimePlain
	})
	cm, err := model.New([]*dataset.Dataset{c}, model.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	in := committedInputs(t)
	in.Control = cm
	return NewEngine(m, in)
}

func dropRows(ss []dataset.Sample, drop func(dataset.Sample) bool) []dataset.Sample {
	var out []dataset.Sample
	for _, s := range ss {
		if !drop(s) {
			out = append(out, s)
		}
	}
	return out
}

// The launcher-control cells: a row per runtime, experiment and language,
// the 10 % cost of wazero's launcher stated with its interval, none
// detected for wasmtime's; the guard holds; without control datasets the
// table is a placeholder and the guard fails.
func TestLaunchers(t *testing.T) {
	e := controlEngine(t)
	out, err := e.Print("launchers")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) < 10 || f[0] != "x86" {
			continue
		}
		rows[strings.Join(f[1:5], " ")] = line
	}
	if len(rows) != 6 { // wazero cpu C/Go, fsio C/Go; wasmtime cpu C/Go
		t.Fatalf("%d rows, want 6:\n%s", len(rows), out)
	}
	costRE := regexp.MustCompile(`costs (\d+\.\d) % \(95 % CI`)
	for key, line := range rows {
		switch {
		case strings.HasPrefix(key, dataset.Wazero+" "+dataset.WazeroPlain+" "):
			m := costRE.FindStringSubmatch(line)
			if m == nil {
				t.Errorf("%s: %s, want the cost stated", key, line)
			} else if pct, _ := strconv.ParseFloat(m[1], 64); pct < 10 || pct > 20 {
				t.Errorf("%s: a cost of %v %%, want about 15 %%", key, pct)
			}
		case strings.HasPrefix(key, dataset.Wasmtime+" "+dataset.WasmtimePlain+" cpu"):
			if !strings.Contains(line, "no cost detected above 3 %") || !strings.Contains(line, dataset.KernelMS) {
				t.Errorf("%s: %s, want no cost detected", key, line)
			}
		default:
			t.Errorf("unexpected row %s: %s", key, line)
		}
		if !strings.Contains(line, "8/8") && !strings.Contains(line, "2/2") {
			t.Errorf("%s: %s, want every test paired", key, line)
		}
	}
	sentence, err := e.Print("launcher-cost")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sentence, "4 of the 6 comparisons") {
		t.Errorf("launcher-cost: %s", sentence)
	}
	for cond, want := range map[string]string{"when control=yes": "yes", "unless control=yes": "no", "when control=no": "no"} {
		if got, err := e.Print(cond); err != nil || !strings.Contains(got, want) {
			t.Errorf("%s = %q, %v; want %s", cond, got, err, want)
		}
	}
	if _, err := e.Print("when control=yes exp=cpu"); err == nil {
		t.Error("control= with other keys: want an error")
	}

	e.Control = nil
	if out, err := e.Print("launchers"); err != nil || !strings.Contains(out, "No launcher-control dataset") {
		t.Errorf("without control data: %q, %v", out, err)
	}
	if got, err := e.Print("when control=yes"); err != nil || !strings.Contains(got, "no") {
		t.Errorf("when control=yes without control data = %q, %v", got, err)
	}
}
