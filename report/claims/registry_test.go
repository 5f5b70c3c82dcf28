package claims

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/report/internal/synth"
	"github.com/edgewasm/edgewasm/report/model"
)

const registryName = "report/claims-registry.csv"

// committedRegistry reads the committed registry (report/claims-registry.csv).
func committedRegistry(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "claims-registry.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The committed claims are all registered, and each claim's criterion is
// its latest registered version.
func TestCommittedClaimsAreRegistered(t *testing.T) {
	cs, err := Parse(committedName, committed(t))
	if err != nil {
		t.Fatal(err)
	}
	reg, err := ParseRegistry(registryName, committedRegistry(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := reg.Check(committedName, cs); err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		vs := reg.Versions(c.ID)
		if reg.Change(vs[0]) != "registered" {
			t.Errorf("%s: version 1 is not the registration", c.ID)
		}
	}
}

// Changing any part of a criterion in claims.csv without recording the
// revision in the registry is an error that names the claim, the line, the
// field and what to do; changing the claim's wording is not.
func TestUnrecordedRevisionFails(t *testing.T) {
	reg, err := ParseRegistry(registryName, committedRegistry(t))
	if err != nil {
		t.Fatal(err)
	}
	table := string(committed(t))
	lines := strings.Split(table, "\n")
	var row string
	line := 0
	for i, l := range lines {
		if strings.HasPrefix(l, "fsio-wasm-slower,") {
			row, line = l, i+1
		}
	}
	if row == "" {
		t.Fatal("no fsio-wasm-slower row in the committed claims")
	}
	for _, tc := range []struct{ from, to, field string }{
		{",kernel_ms,", ",wall_ms,", "metric"},
		{",wasm,native,", ",wazero,native,", "a wasm → wazero"},
		{",wasm,native,", ",wasm,docker,", "b native → docker"},
		{",,,1.5,,,", ",,,1,,,", "band > 1.5× → band > 1×"},
		{",,,1.5,,,", ",,,1.5,3,,", "band > 1.5× → band 1.5–3×"},
		{",,,1.5,,,", ",,c,1.5,,,", "lang each language → C"},
		{",,,1.5,,,", ",,,1.5,,pi,", "scope any machine → pi"},
		{",,,1.5,,,", ",write,,1.5,,,", "test every test → write"},
	} {
		changed := strings.Replace(row, tc.from, tc.to, 1)
		if changed == row {
			t.Fatalf("%q not in %q", tc.from, row)
		}
		cs, err := Parse(committedName, []byte(strings.Replace(table, row, changed, 1)))
		if err != nil {
			t.Fatal(err)
		}
		err = reg.Check(committedName, cs)
		want := []string{committedName + ":", "fsio-wasm-slower", "latest registered version", tc.field, "record the change"}
		if err == nil {
			t.Errorf("%s changed without a revision: no error", tc.field)
			continue
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s changed: error %q lacks %q", tc.field, err, w)
			}
		}
		if !strings.Contains(err.Error(), committedName+":"+strconv.Itoa(line)+":") {
			t.Errorf("error does not name line %d: %v", line, err)
		}
	}
	reworded := strings.Replace(table, row, strings.Replace(row, "fares much worse", "is much slower", 1), 1)
	cs, err := Parse(committedName, []byte(reworded))
	if err != nil {
		t.Fatal(err)
	}
	if err := reg.Check(committedName, cs); err != nil {
		t.Errorf("a reworded claim with the same criterion: %v", err)
	}
	// A claim with no registration, and a registration with no claim.
	extra := table + "new-claim,,RQ2,t,x,s,ratio,cpu,kernel_ms,wasm,native,,,1,,,b\n"
	cs, _ = Parse(committedName, []byte(extra))
	if err := reg.Check(committedName, cs); err == nil || !strings.Contains(err.Error(), "new-claim is not registered") {
		t.Errorf("unregistered claim: %v", err)
	}
	cs, _ = Parse(committedName, []byte(strings.Replace(table, row+"\n", "", 1)))
	if err := reg.Check(committedName, cs); err == nil || !strings.Contains(err.Error(), "fsio-wasm-slower is registered but not in") {
		t.Errorf("registered claim removed from the table: %v", err)
	}
}

const regHeader = "id,version,at,commit,kind,exp,metric,a,b,test,lang,lo,hi,scope,reason\n"

func TestParseRegistryNamesFileAndLine(t *testing.T) {
	ok := "x,1,2026-11-25T19:07:02Z,132426c,ratio,cpu,kernel_ms,wasm,native,,,1.5,2.5,,why\n"
	for body, want := range map[string]string{
		"":                       "r.csv:1: header must be",
		regHeader + "x,1,2026\n": "r.csv:2: wrong number of fields (expected 15",
		regHeader + strings.Replace(ok, ",1,2026", ",0,2026", 1):                                              "r.csv:2: column version",
		regHeader + strings.Replace(ok, "2026-11-25T19:07:02Z", "25.11.2026", 1):                              "r.csv:2: column at",
		regHeader + strings.Replace(ok, "132426c", "", 1):                                                     "r.csv:2: column commit",
		regHeader + strings.Replace(ok, "132426c", "HEAD", 1):                                                 "r.csv:2: column commit",
		regHeader + strings.Replace(ok, ",why", ",", 1):                                                       "r.csv:2: column reason",
		regHeader + strings.Replace(ok, ",ratio,", ",nope,", 1):                                               "r.csv:2: column kind",
		regHeader + strings.Replace(ok, ",1.5,2.5,", ",x,2.5,", 1):                                            "r.csv:2: column lo",
		regHeader + ok + strings.Replace(ok, ",1,", ",3,", 1):                                                 "r.csv:3: claim x: version 3, expected 2",
		regHeader + ok + strings.Replace(strings.Replace(ok, ",1,", ",2,", 1), "2026-11-25", "2026-11-24", 1): "r.csv:3: claim x: version 2 dated",
	} {
		_, err := ParseRegistry("r.csv", []byte(body))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err = %v, want %q", body, err, want)
		}
	}
}

// A dataset is judged under the version in force when it started; later
// versions that compare something else follow, marked post hoc, and a
// claim registered only after the data is judged under its latest version,
// marked post hoc.
func TestJudgedUnderTheRegisteredCriterion(t *testing.T) {
	cfg := synth.Default("x86")
	d, err := synth.Dataset(cfg)
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.New([]*dataset.Dataset{d}, model.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	s := m.Primary()
	start := s.Env.Started
	at := func(dt time.Duration) string { return start.Add(dt).UTC().Format(time.RFC3339) }
	c := "cpu-2x,,RQ2,twice,≈ 2×,§5,ratio,cpu,kernel_ms,wasm,native,,,1.5,2.5,,b\n"
	cs, err := Parse("c.csv", []byte(claimsHeader+c))
	if err != nil {
		t.Fatal(err)
	}
	reg, err := ParseRegistry("r.csv", []byte(regHeader+
		"cpu-2x,1,"+at(-time.Hour)+",aaaaaaa,ratio,cpu,wall_ms,wazero,native,,,5,20,,first\n"+
		"cpu-2x,2,"+at(time.Minute)+",bbbbbbb,ratio,cpu,kernel_ms,wazero,native,,c,5,20,,during\n"+
		"cpu-2x,3,"+at(time.Hour)+",ccccccc,ratio,cpu,kernel_ms,wasm,native,,,1.5,2.5,,after\n"+
		"cpu-2x,4,"+at(2*time.Hour)+",ddddddd,ratio,cpu,kernel_ms,wasm,native,,,1.5,2.5,,words\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := reg.Check("c.csv", cs); err != nil {
		t.Fatal(err)
	}
	js, err := JudgeRegistered(cs[0], reg, s)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, j := range js {
		got = append(got, strings.Join([]string{strconv.Itoa(j.Version.N), j.Claim.Metric, j.Lang, j.Wasm, map[bool]string{true: "post hoc", false: "registered"}[j.PostHoc]}, " "))
	}
	want := []string{
		"1 wall_ms c wazero registered", "1 wall_ms go wazero registered",
		"2 kernel_ms c wazero post hoc",
		"3 kernel_ms c wazero post hoc", "3 kernel_ms go wazero post hoc",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("judgements:\n got %q\nwant %q", got, want)
	}
	// Registered only after the data: the latest version, post hoc.
	late, err := ParseRegistry("r.csv", []byte(regHeader+
		"cpu-2x,1,"+at(time.Hour)+",aaaaaaa,ratio,cpu,wall_ms,wazero,native,,,5,20,,first\n"+
		"cpu-2x,2,"+at(2*time.Hour)+",bbbbbbb,ratio,cpu,kernel_ms,wasm,native,,,1.5,2.5,,later\n"))
	if err != nil {
		t.Fatal(err)
	}
	js, err = JudgeRegistered(cs[0], late, s)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range js {
		if j.Version.N != 2 || !j.PostHoc {
			t.Errorf("registered after the data: version %d, post hoc %v", j.Version.N, j.PostHoc)
		}
	}
	if ch := late.Change(late.Versions("cpu-2x")[1]); ch != "metric wall_ms → kernel_ms; a wazero → wasm; band 5–20× → band 1.5–2.5×" {
		t.Errorf("change %q", ch)
	}
}
