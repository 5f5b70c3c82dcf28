package resume

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
)

// TestOpen: the options the command line leaves out take the recorded
// values, whether they hold their unset value or given says they were
// not given; the options given stay.
func TestOpen(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := Open(dir, &Options{}, nil); !errors.Is(err, ErrNoRun) || !strings.Contains(err.Error(), dir+" has no "+dataset.EnvironmentFile) {
		t.Fatalf("no record: %v", err)
	}
	cpu := 1
	env := dataset.Environment{Schema: dataset.SchemaVersion, Profile: dataset.Profile{Name: "thesis"}, Platforms: []string{dataset.Native, dataset.Wazero},
		Langs: []string{dataset.LangC}, Experiments: []string{"cpu"},
		Settings: &dataset.Settings{CC: "clang", Settle: dataset.Duration(time.Second), WasmMaxPages: 100, CPU: &cpu, AllPlatforms: true}}
	must(t, dataset.WriteEnvironment(dir, env))

	// Unset values, no given: everything from the record.
	var o Options
	o.Settle = -1
	_, all, err := Open(dir, &o, nil)
	must(t, err)
	want := Options{Profile: "thesis", Platforms: "native,wazero", Langs: "c", Experiments: "cpu", CC: "clang", Settle: time.Second, WasmMaxPages: 100}
	if o.CPU == nil || *o.CPU != 1 || !all {
		t.Fatalf("cpu %v, all %v", o.CPU, all)
	}
	o.CPU = nil
	if o != want {
		t.Fatalf("got %+v\nwant %+v", o, want)
	}

	// The command line's defaults, with only --langs and --settle given;
	// --platforms all means the recorded list.
	o = Options{Profile: "quick", Platforms: "all", Langs: "c,go", Experiments: "all", CC: "cc", Settle: 2 * time.Second, WasmMaxPages: 16384}
	given := map[string]bool{FlagLangs: true, FlagSettle: true, FlagPlatforms: true}
	_, _, err = Open(dir, &o, func(flag string) bool { return given[flag] })
	must(t, err)
	want = Options{Profile: "thesis", Platforms: "native,wazero", Langs: "c,go", Experiments: "cpu", CC: "clang", Settle: 2 * time.Second, WasmMaxPages: 100}
	o.CPU = nil
	if o != want {
		t.Fatalf("got %+v\nwant %+v", o, want)
	}
}

// TestDifferences names what differs, and nothing when nothing does.
func TestDifferences(t *testing.T) {
	was := dataset.Environment{Profile: dataset.Profile{Name: "quick", Repetitions: 3, Sizes: map[string]int64{"cpu/aes": 10}},
		Platforms: []string{dataset.Native}, Langs: []string{dataset.LangC}, Tool: dataset.Tool{GitCommit: "a"},
		Settings: &dataset.Settings{CC: "cc"}}
	if d := Differences(was, was); len(d) != 0 {
		t.Fatalf("the same configuration differs: %v", d)
	}
	now := was
	now.Profile.Sizes = map[string]int64{"cpu/aes": 20}
	now.Tool.GitCommit = "b"
	now.Settings = &dataset.Settings{CC: "clang"}
	got := strings.Join(Differences(was, now), "; ")
	want := "size of cpu/aes (" + experiments.SizesFile + "): recorded 10, now 20; tool commit: recorded a, now b; --cc: recorded cc, now clang"
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}
