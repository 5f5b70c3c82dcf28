package claims

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/report/format"
	"github.com/edgewasm/edgewasm/report/internal/synth"
	"github.com/edgewasm/edgewasm/report/model"
)

const claimsHeader = "id,of,rq,claim,thesis,source,kind,exp,metric,a,b,test,lang,lo,hi,scope,basis\n"

// committedName is the committed claims table, as the paper names it.
const committedName = "report/claims.csv"

// committed reads the committed claims table (report/claims.csv, which
// package report builds into the binary).
func committed(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "claims.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fsioSet is a dataset whose fsio write kernel times on wazero are
// native's scaled by factor, with noise.
func fsioSet(t *testing.T, factor float64) *model.Set {
	t.Helper()
	noise := []float64{0.9, 1.1, 0.95, 1.05, 1.0, 0.92, 1.08, 0.97, 1.03, 1.01}
	d := &dataset.Dataset{Dir: "ds", Env: dataset.Environment{Schema: dataset.SchemaVersion, Profile: dataset.Profile{Name: "x", Repetitions: 10}}}
	for rep, n := range noise {
		for _, p := range []struct {
			name string
			f    float64
		}{{"native", 1}, {"wazero", factor}} {
			d.Samples = append(d.Samples, dataset.Sample{Experiment: "fsio", Test: "write", Lang: "c", Platform: p.name, Rep: rep + 1,
				Metric: "kernel_ms", Value: 100 * p.f * n * noise[(rep+3)%len(noise)], Unit: "ms", Status: dataset.StatusOK})
		}
	}
	m, err := model.New([]*dataset.Dataset{d}, model.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return m.Primary()
}

func judgeOne(t *testing.T, row string, s *model.Set) Judgement {
	t.Helper()
	cs, err := Parse("claims.csv", []byte(claimsHeader+row+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	js, err := Judge(cs[0], s)
	if err != nil || len(js) != 1 {
		t.Fatalf("%d judgements, %v", len(js), err)
	}
	return js[0]
}

// A one-sided claim: the direction needs the whole interval above 1, the
// size only the estimate beyond the bound; an effect the other way is
// the opposite direction, and a small one with an interval that includes 1
// is no detectable difference, smaller than the band.
func TestOneSidedClaimReadsOnTwoAxes(t *testing.T) {
	row := "slower,,RQ2,Wasm is slower,> 1×,§5,ratio,fsio,kernel_ms,wasm,native,write,c,1,,,"
	if j := judgeOne(t, row, fsioSet(t, 1.02)); j.Direction != NoDifference || j.Size != Within {
		t.Errorf("2 %% slower with 10 %% noise: %q (%s), want no detectable difference, within the band", j.Verdict, j.Detail)
	}
	if j := judgeOne(t, row, fsioSet(t, 1.5)); j.Verdict != SameDirection+", "+Within || j.Detail != "" {
		t.Errorf("50 %% slower: %q (%s)", j.Verdict, j.Detail)
	}
	if j := judgeOne(t, row, fsioSet(t, 0.8)); j.Verdict != Opposite {
		t.Errorf("20 %% faster: %q, want %s", j.Verdict, Opposite)
	}
	band := "twice,,RQ2,Wasm is twice as slow,≈ 2×,§5,ratio,fsio,kernel_ms,wasm,native,write,c,1.5,2.5,,"
	if j := judgeOne(t, band, fsioSet(t, 4)); j.Verdict != SameDirection+", "+Larger {
		t.Errorf("4× against 1.5–2.5: %q", j.Verdict)
	}
	if j := judgeOne(t, band, fsioSet(t, 1.2)); j.Verdict != SameDirection+", "+Smaller {
		t.Errorf("1.2× against 1.5–2.5: %q", j.Verdict)
	}
	parity := "alike,,RQ2,Docker is like native,≈ 1×,§5,ratio,fsio,kernel_ms,wasm,native,write,c,0.9,1.1,,"
	if j := judgeOne(t, parity, fsioSet(t, 1.0)); j.Verdict != NoDifference+", "+Within {
		t.Errorf("parity at 1×: %q", j.Verdict)
	}
	if j := judgeOne(t, parity, fsioSet(t, 1.5)); j.Verdict != Difference+", "+Larger {
		t.Errorf("parity at 1.5×: %q", j.Verdict)
	}
}

// Verdicts are per language and per Wasm platform: the synthetic Go guest
// under wazero holds more memory than Docker (the reversal the data show),
// and an underpowered dataset gets no verdict at all.
func TestVerdictsPerLanguageAndPlatform(t *testing.T) {
	c := synth.Default("x86")
	c.Platforms = append(c.Platforms, dataset.WazeroCold)
	d, err := synth.Dataset(c)
	if err != nil {
		t.Fatal(err)
	}
	q := synth.Default("quick")
	q.Reps = 3
	dq, err := synth.Dataset(q)
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.New([]*dataset.Dataset{d, dq}, model.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	cs, err := Parse(committedName, committed(t))
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]Claim{}
	for _, c := range cs {
		byID[c.ID] = c
	}
	js, err := Judge(byID["memory-order"], m.Sets[0])
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, j := range js {
		got[j.Lang+"/"+j.Wasm] = j.Verdict
	}
	// Synthetic footprints: native 350/1800, docker +9800, wazero
	// +9200/+11500, wazero-cold +14000/+26000 KiB (C/Go).
	want := map[string]string{"c/wazero": SameDirection, "c/wazero-cold": Opposite, "go/wazero": Opposite, "go/wazero-cold": Opposite}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("memory-order %s: %s, want %s (all: %v)", k, got[k], v, got)
		}
	}
	js, _ = Judge(byID["cpu-wasm-2x"], m.Sets[1])
	for _, j := range js {
		if j.Verdict != NoVerdict || j.Value == format.NotMeasured {
			t.Errorf("underpowered dataset: %s %s/%s = %s (%s)", j.Claim.ID, j.Lang, j.Wasm, j.Verdict, j.Value)
		}
	}
	// The absolute Pi claim is not comparable off the Pi.
	js, _ = Judge(byID["startup-docker-2000"], m.Sets[0])
	if js[0].Verdict != NotComparable || !strings.Contains(js[0].Reason, "Raspberry Pi") {
		t.Errorf("off-Pi absolute claim: %+v", js[0])
	}
	// A sensitivity row reads Docker's CLI time against wazero's wall time.
	js, _ = Judge(byID["startup-docker-10x-cli"], m.Sets[0])
	if len(js) != 4 || js[0].Value == format.NotMeasured {
		t.Errorf("cli sensitivity: %+v", js)
	}
	if s := Summarize(js, true); !strings.Contains(s, "for C on wazero (") || !strings.HasPrefix(s, SameDirection+", ") {
		t.Errorf("summary %q", s)
	}
}

func TestParseClaimsNamesFileAndLine(t *testing.T) {
	for body, want := range map[string]string{
		"":                        "my/claims.csv:1: header must be",
		"id,claim\n":              "my/claims.csv:1: header must be",
		claimsHeader + "a,,RQ2\n": "my/claims.csv:2: wrong number of fields (expected 17",
		claimsHeader + "a,,RQ2,t,x,s,nope,cpu,kernel_ms,wasm,native,,,1,,,\n":                                                       "my/claims.csv:2: column kind",
		claimsHeader + "a,,RQ2,t,x,s,ratio,cpu,kernel_ms,wasm,native,,,x,,,\n":                                                      "my/claims.csv:2: column lo",
		claimsHeader + "a,,RQ2,t,x,s,ratio,cpu,kernel_ms,wasm,native,,,2,1,,\n":                                                     "my/claims.csv:2: lo 2 above hi 1",
		claimsHeader + "a,b,RQ2,t,x,s,ratio,cpu,kernel_ms,wasm,native,,,1,,,\n":                                                     "my/claims.csv:2: of=\"b\"",
		claimsHeader + "a,,RQ2,t,x,s,order,memory,footprint_kib,native,,,,,,,\n":                                                    "my/claims.csv:2: a: \"native\"",
		claimsHeader + "a,,RQ2,t,x,s,ratio,cpu,kernel_ms,wasm,native,,,1,,,\na,,RQ2,t,x,s,ratio,cpu,kernel_ms,wasm,native,,,1,,,\n": "my/claims.csv:3: id \"a\" already used on line 2",
		claimsHeader + "\"a\n,,RQ2\n": "my/claims.csv:",
	} {
		_, err := Parse("my/claims.csv", []byte(body))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err = %v, want %q", body, err, want)
		}
	}
	if _, err := Parse(committedName, committed(t)); err != nil {
		t.Fatalf("the committed claims: %v", err)
	}
}

func TestBandsAreClosedWhereTwoSided(t *testing.T) {
	c := Criterion{Lo: 1.5, Hi: 2.5}
	if c.band() != "the band 1.5–2.5×" || !c.in(1.5) || !c.in(2.5) || c.in(2.51) {
		t.Error(c.band())
	}
	c.Hi = math.NaN()
	if c.band() != "the band > 1.5×" || c.in(1.5) || !c.in(1.51) {
		t.Error(c.band())
	}
}

// The first registered form of the significance claims, "the platforms
// differ" (no pair): the Friedman test over every platform in every test.
// On the synthetic data, where every platform differs, the direction is
// the thesis's in every test; judged per language, with no Wasm column.
func TestPlatformsDifferWithoutAPair(t *testing.T) {
	d, err := synth.Dataset(synth.Default("x86"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.New([]*dataset.Dataset{d}, model.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	cs, err := Parse("c.csv", []byte(claimsHeader+"differ,,RQ2,the platforms differ,p < 0.05,§5,significant,cpu,kernel_ms,,,,,0.05,,,b\n"))
	if err != nil {
		t.Fatal(err)
	}
	js, err := Judge(cs[0], m.Primary())
	if err != nil {
		t.Fatal(err)
	}
	if len(js) != 2 {
		t.Fatalf("%d judgements, want one per language", len(js))
	}
	for _, j := range js {
		if j.Verdict != SameDirection || j.Wasm != "" || j.Value != "8 of 8 tests" {
			t.Errorf("%s: %q (%s), %s", j.Lang, j.Verdict, j.Value, j.Detail)
		}
	}
	if !strings.Contains(cs[0].Criterion.Text(), "the platforms differ, Friedman p < 0.05 in every test") {
		t.Errorf("criterion %q", cs[0].Criterion.Text())
	}
}
