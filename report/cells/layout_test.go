package cells

import (
	"encoding/csv"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/report/doc"
)

// eval runs one command through the engine as the paper does (as=csv
// included) and returns its output.
func eval(t *testing.T, e *Engine, cmd string) *doc.Output {
	t.Helper()
	a, err := ParseArgs(cmd)
	if err != nil {
		t.Fatal(err)
	}
	c, err := e.command(a, false)
	if err != nil {
		t.Fatal(err)
	}
	o, err := e.run(c, a)
	if err != nil {
		t.Fatalf("%s: %v", cmd, err)
	}
	return o
}

// as=csv turns a command's tables into files beside the paper: one CSV
// per dataset with the table's header and rows, the notes in a text file,
// and one line of the paper linking them.
func TestTablesAsFiles(t *testing.T) {
	e := scopeEngine(t)
	o := eval(t, e, "medians exp=cpu metric=kernel_ms as=csv")
	if len(o.Tables) != 0 {
		t.Fatalf("as=csv left %d tables in the paper", len(o.Tables))
	}
	files := map[string][]byte{}
	for _, f := range o.Files {
		files[f.Path] = f.Data
	}
	for _, label := range []string{"x86", "rt"} {
		p := "csv/tables/medians-cpu-kernel_ms-" + label + ".csv"
		b, ok := files[p]
		if !ok {
			t.Fatalf("no file %s among %v", p, o.Files)
		}
		rows, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		// 8 tests × 2 languages under a header.
		if len(rows) != 17 || rows[0][0] != "test" {
			t.Errorf("%s: %d rows, header %v", p, len(rows), rows[0])
		}
		if !strings.Contains(o.Text, "["+label+"]("+p+") (16 rows)") {
			t.Errorf("the paper's line does not link %s: %s", p, o.Text)
		}
	}
	if _, ok := files["csv/tables/medians-cpu-kernel_ms-notes.txt"]; !ok || !strings.Contains(o.Text, "Notes: [medians-cpu-kernel_ms-notes.txt]") {
		t.Errorf("the notes are not beside the tables: %s", o.Text)
	}
	a, _ := ParseArgs("medians exp=cpu metric=kernel_ms as=xlsx")
	c, _ := e.command(a, false)
	if _, err := e.run(c, a); err == nil || !strings.Contains(err.Error(), "expected as=csv") {
		t.Errorf("as=xlsx: err = %v", err)
	}
}

// The claim map draws every verdict of the datasets with verdicts and
// writes every judgement of every dataset beside it.
func TestClaimMap(t *testing.T) {
	e := scopeEngine(t)
	o := eval(t, e, "claim-map")
	if len(o.Figures) != 1 || o.Figures[0].Name != "claim-map.png" || len(o.Figures[0].PNG) == 0 {
		t.Fatalf("no claim map figure: %+v", o.Figures)
	}
	if len(o.Files) != 1 || o.Files[0].Path != VerdictsFile {
		t.Fatalf("files %v, want %s", o.Files, VerdictsFile)
	}
	rows, err := csv.NewReader(strings.NewReader(string(o.Files[0].Data))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	js := 0
	for _, s := range e.Model.Sets {
		j, err := e.judgements(s)
		if err != nil {
			t.Fatal(err)
		}
		js += len(j)
	}
	if len(rows)-1 != js {
		t.Errorf("%s has %d judgements, the datasets %d", VerdictsFile, len(rows)-1, js)
	}
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		seen[r[0]+"/"+r[2]+"/"+r[8]+"/"+r[9]] = true
	}
	for _, want := range []string{"x86/cpu-wasm-2x/c/wazero", "x86/cpu-wasm-2x/go/wazero-cold", "rt/cpu-wasm-2x/c/wasmtime"} {
		if !seen[want] {
			t.Errorf("%s lacks the judgement %s", VerdictsFile, want)
		}
	}
}

// The criteria table says, per dataset, whether each claim's criterion
// predates it, in a few words.
func TestCriteriaTable(t *testing.T) {
	got := run(t, scopeEngine(t), "criteria")
	for _, want := range []string{"| claim | the thesis | criterion | registered | x86 | rt |", "| cpu-wasm-2x | ≈ 2× native | 1.5 ≤ wasm/native ≤ 2.5 (kernel_ms) | 2026-11-25; revised 2× | v4, before the data | v4, before the data |"} {
		if !strings.Contains(got, want) {
			t.Errorf("criteria lack %q:\n%s", want, got)
		}
	}
}

// runtimes first=yes shows each Wasm platform and language once.
func TestRuntimesFirst(t *testing.T) {
	got := run(t, scopeEngine(t), "runtimes first=yes")
	if strings.Count(got, "| wazero | c |") != 1 || !strings.Contains(got, "| wasmtime | c |") {
		t.Errorf("runtimes first=yes:\n%s", got)
	}
}

// Guards on a metric and on verdicts.
func TestGuardsOnMetricsAndVerdicts(t *testing.T) {
	e := scopeEngine(t)
	for cmd, want := range map[string]string{
		"when exp=cpu metric=kernel_ms":                         "yes",
		"when exp=cpu metric=idle_cpu_pct":                      "no",
		"when exp=startup platform=docker metric=cli_ms":        "yes",
		"when exp=startup platform=wazero,docker metric=cli_ms": "no",
		"when judged=yes":                                       "yes",
		"unless judged=yes":                                     "no",
	} {
		if got := run(t, e, cmd); got != want {
			t.Errorf("%s = %s, want %s", cmd, got, want)
		}
	}
}
