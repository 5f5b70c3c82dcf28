package dataset

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), SamplesFile)
	w, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 25, 10, 0, 0, 123, time.UTC)
	in := []Sample{
		{Experiment: "cpu", Test: "aes", Lang: "c", Platform: "native", Rep: 1, Metric: "wall_ms", Value: 12.25, Unit: "ms", Status: StatusOK, Size: 100, Seq: 1, Started: at, Attempt: 2},
		{Experiment: "cpu", Test: "aes", Lang: "c", Platform: "wazero", Rep: 1, Metric: "wall_ms", Value: math.NaN(), Unit: "ms", Status: Failed("trap: unreachable,\nat 0x12"), Seq: 2},
	}
	if err := w.Write(in...); err != nil {
		t.Fatal(err)
	}
	// Durable before Close: a reader sees every row already.
	mid, err := ReadFile(path)
	if err != nil || len(mid) != 2 {
		t.Fatalf("before close: %d rows, %v", len(mid), err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	out, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if out[0] != in[0] {
		t.Fatalf("row 1 = %+v, want %+v", out[0], in[0])
	}
	if !math.IsNaN(out[1].Value) || out[1].Status != "failed:trap: unreachable, at 0x12" {
		t.Fatalf("row 2 = %+v", out[1])
	}
	if _, err := Create(path); err == nil {
		t.Fatal("Create overwrote an existing samples file")
	}
}

func TestReadErrorsNameLineAndColumn(t *testing.T) {
	head := "experiment,test,lang,platform,rep,metric,value,unit,status\n"
	row := "cpu,aes,c,native,1,wall_ms,1,ms,ok\n"
	cases := map[string]struct{ in, want string }{
		"missing column": {"experiment,test\ncpu,aes\n", `x.csv:1: header lacks column "lang"`},
		"bad value":      {head + row + "cpu,aes,c,native,1,wall_ms,fast,ms,ok\n", `x.csv:3: column value: "fast" is not a number`},
		"bad rep":        {head + "cpu,aes,c,native,one,wall_ms,1,ms,ok\n", `x.csv:2: column rep`},
		"bad status":     {head + "cpu,aes,c,native,1,wall_ms,1,ms,great\n", `x.csv:2: status "great"`},
		"ok but empty":   {head + "cpu,aes,c,native,1,wall_ms,,ms,ok\n", `x.csv:2: status ok but value NaN`},
		"negative":       {head + "cpu,aes,c,native,1,wall_ms,-1,ms,ok\n", `x.csv:2: status ok but negative`},
		"ragged":         {head + "cpu,aes\n", `x.csv:2: wrong number of fields`},
		"empty":          {"", `x.csv:1: empty file`},
	}
	for name, c := range cases {
		_, err := Read(strings.NewReader(c.in), "x.csv")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to contain %q", name, err, c.want)
		}
	}
	// Extra columns are ignored, order is free.
	got, err := Read(strings.NewReader("status,value,unit,metric,rep,platform,lang,test,experiment,note\nok,2,ms,wall_ms,1,native,c,aes,cpu,hi\n"), "x.csv")
	if err != nil || len(got) != 1 || got[0].Value != 2 {
		t.Fatalf("reordered: %v %v", got, err)
	}
}

func TestEnvironmentRoundTripAndErrors(t *testing.T) {
	dir := t.TempDir()
	env := Environment{Schema: SchemaVersion, Profile: Profile{Name: "quick", Repetitions: 3, FSIOBlock: 1, Timeout: Duration(time.Minute)}}
	if err := WriteEnvironment(dir, env); err != nil {
		t.Fatal(err)
	}
	got, err := ReadEnvironment(dir)
	if err != nil || got.Profile.Timeout != env.Profile.Timeout {
		t.Fatalf("got %+v, %v", got.Profile, err)
	}
	os.WriteFile(filepath.Join(dir, EnvironmentFile), []byte("{\n\"schema\": 1,\n\"tool\": }\n"), 0o644)
	if _, err := ReadEnvironment(dir); err == nil || !strings.Contains(err.Error(), "environment.json:3") {
		t.Fatalf("syntax error = %v", err)
	}
	os.WriteFile(filepath.Join(dir, EnvironmentFile), []byte(`{"schema": 99}`), 0o644)
	if _, err := ReadEnvironment(dir); err == nil || !strings.Contains(err.Error(), "schema 99") {
		t.Fatalf("schema error = %v", err)
	}
}

func TestProfileValidate(t *testing.T) {
	p := Profile{Name: "x", Repetitions: 0, FSIOBlock: 1, Timeout: Duration(time.Second)}
	if err := p.Validate(); err == nil {
		t.Fatal("0 repetitions accepted")
	}
	p.Repetitions, p.Sizes = 1, map[string]int64{"cpu/aes": -1}
	if err := p.Validate(); err == nil || !strings.Contains(err.Error(), "cpu/aes") {
		t.Fatalf("negative size: %v", err)
	}
}

func TestSignedMetricsMayBeNegative(t *testing.T) {
	head := "experiment,test,lang,platform,rep,metric,value,unit,status\n"
	got, err := Read(strings.NewReader(head+"memory,idle,c,native,1,memavail_drop_kib,-4648,KiB,ok\n"), "x.csv")
	if err != nil || len(got) != 1 || got[0].Value != -4648 {
		t.Fatalf("signed metric rejected: %v", err)
	}
	_, err = Read(strings.NewReader(head+"memory,idle,c,native,1,footprint_kib,-1,KiB,ok\n"), "x.csv")
	if err == nil || !strings.Contains(err.Error(), "footprint_kib") {
		t.Fatalf("negative footprint accepted: %v", err)
	}
}

func TestVersionsFallBackToRunnerInfo(t *testing.T) {
	env := Environment{
		Toolchain: Toolchain{CC: "gcc 12"},
		Runners: map[string]map[string]any{
			"native":      {"cc_version": "ignored: the section wins", "go_version": "go version go1.26.8"},
			"wazero-cold": {"wazero_version": "v1.12.0"},
		},
	}
	v := env.Versions()
	if v.CC != "gcc 12" || v.Go != "go version go1.26.8" || v.Wazero != "v1.12.0" {
		t.Fatalf("Versions() = %+v", v)
	}
}

// Files written before the attempt column existed read as attempt 1;
// LatestAttempts keeps each invocation's latest attempt, in file order.
func TestAttempts(t *testing.T) {
	old := "experiment,test,lang,platform,rep,metric,value,unit,status,size,seq,started,set_rows\n" +
		"cpu,aes,c,native,1,wall_ms,1,ms,ok,100,1,,1\n"
	s, err := Read(strings.NewReader(old), "old.csv")
	if err != nil || len(s) != 1 || s[0].Attempt != 0 || s[0].AttemptOf() != 1 {
		t.Fatalf("old file: %+v, %v", s, err)
	}
	row := func(rep, attempt int, v float64) Sample {
		return Sample{Experiment: "cpu", Test: "aes", Lang: "c", Platform: "native", Rep: rep, Metric: "wall_ms", Value: v, Unit: "ms",
			Status: StatusOK, Attempt: attempt}
	}
	in := []Sample{row(1, 1, 1), row(2, 0, 2), row(1, 2, 3), row(2, 1, 4), row(1, 3, 5)}
	latest, superseded := LatestAttempts(in)
	var lv, sv []float64
	for _, s := range latest {
		lv = append(lv, s.Value)
	}
	for _, s := range superseded {
		sv = append(sv, s.Value)
	}
	if fmt.Sprint(lv) != "[2 4 5]" || fmt.Sprint(sv) != "[1 3]" {
		t.Errorf("latest %v superseded %v", lv, sv)
	}
	if _, err := Read(strings.NewReader(strings.Join(Columns, ",")+"\ncpu,aes,c,native,1,wall_ms,1,ms,ok,100,1,,1,-1\n"), "x.csv"); err == nil || !strings.Contains(err.Error(), "attempt") {
		t.Errorf("negative attempt: %v", err)
	}
}
