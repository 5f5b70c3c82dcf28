package stats

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestReadLongErrors(t *testing.T) {
	cases := []struct{ name, csv, want string }{
		{"missing column", "block,value\n1,2\n", `bad.csv:1: header lacks column "treatment"`},
		{"empty", "", "bad.csv:1: empty file"},
		{"not a number", "block,treatment,value\n1,a,1.5\n1,b,fast\n", `bad.csv:3: column "value": "fast" is not a finite number`},
		{"infinite", "block,treatment,value\n1,a,Inf\n", `bad.csv:2: column "value": "Inf" is not a finite number`},
		{"duplicate", "treatment,block,value\na,1,1\nb,1,2\na,1,3\n", `bad.csv:4: duplicate observation for block "1", treatment "a" (first at line 2)`},
		{"one treatment", "block,treatment,value\n1,a,1\n2,a,2\n", "bad.csv:2: found 1 treatment(s)"},
		{"ragged", "block,treatment,value\n1,a,1\n2,b\n", "bad.csv:3: malformed CSV"},
		{"empty key", "block,treatment,value\n1,,1\n", `bad.csv:2: column "treatment" is empty`},
		{"duplicate header", "block,treatment,value,block\n", `bad.csv:1: column "block" appears twice`},
	}
	for _, c := range cases {
		_, err := ReadLong(strings.NewReader(c.csv), "bad.csv")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to contain %q", c.name, err, c.want)
		}
	}
}

func TestReadLongLayout(t *testing.T) {
	// Column order is free, extra columns are ignored, NA and empty are missing,
	// a block without a row for some treatment is incomplete.
	in := "\ufeffvalue, note ,treatment,block\n" +
		"1.5,x,native,r1\n2.5,,wasm,r1\n" +
		"1.6,,native,r2\nNA,,wasm,r2\n" +
		"1.7,,native,r3\n"
	m, err := ReadLong(strings.NewReader(in), "ok.csv")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(m.Blocks, " ") != "r1 r2 r3" || strings.Join(m.Treatments, " ") != "native wasm" {
		t.Fatalf("blocks %v treatments %v", m.Blocks, m.Treatments)
	}
	if m.Y[0][1] != 2.5 || !math.IsNaN(m.Y[1][1]) || !math.IsNaN(m.Y[2][1]) {
		t.Errorf("Y = %v", m.Y)
	}
	c, warnings := m.Complete()
	if len(c.Y) != 1 || len(warnings) != 2 || !strings.Contains(warnings[1], `block "r3" dropped: incomplete (no value for wasm)`) {
		t.Errorf("complete %v, warnings %q", c.Y, warnings)
	}
}

// The two designs of the thesis data: repetitions as blocks within a test,
// tests as blocks with the median of the repetitions.
func TestDesigns(t *testing.T) {
	in := `experiment,test,lang,platform,rep,metric,value,unit,status
cpu,aes,c,native,1,wall,1.0,s,ok
cpu,aes,c,wazero,1,wall,1.5,s,ok
cpu,aes,c,native,2,wall,1.2,s,ok
cpu,aes,c,wazero,2,wall,1.4,s,ok
cpu,aes,c,native,3,wall,1.1,s,ok
cpu,aes,c,wazero,3,wall,1.9,s,ok
cpu,xor,c,native,1,wall,2.0,s,ok
cpu,xor,c,wazero,1,wall,2.2,s,ok
`
	recs, err := ReadRecords(strings.NewReader(in), "samples.csv", "value", "test", "platform", "rep")
	if err != nil {
		t.Fatal(err)
	}
	var aes []Record
	for _, r := range recs {
		if r.Fields["test"] == "aes" {
			aes = append(aes, r)
		}
	}
	reps, err := Build(aes, "samples.csv", Columns("rep"), Columns("platform"))
	if err != nil {
		t.Fatal(err)
	}
	if len(reps.Blocks) != 3 || reps.Y[2][1] != 1.9 {
		t.Errorf("reps as blocks: %v %v", reps.Blocks, reps.Y)
	}
	// Without choosing a test, rep 1 appears twice per platform: an error naming the line.
	if _, err := Build(recs, "samples.csv", Columns("rep"), Columns("platform")); err == nil ||
		!strings.Contains(err.Error(), "samples.csv:8: duplicate observation for block \"1\", treatment \"native\" (first at line 2)") {
		t.Errorf("duplicate across tests: %v", err)
	}
	tests, err := BuildSummarized(recs, "samples.csv", Columns("test", "lang"), Columns("platform"), Median)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(tests.Blocks, " ") != "aes/c xor/c" || tests.Y[0][0] != 1.1 || tests.Y[0][1] != 1.5 || tests.Y[1][1] != 2.2 {
		t.Errorf("tests as blocks: %v %v", tests.Blocks, tests.Y)
	}
}

// FuzzReadLong: any input either fails with an error naming the file and
// the line, or yields a matrix on which the full analysis runs without
// panicking and with probabilities in [0, 1]. CI runs it for a few seconds
// (.ci/fuzz); `go test` runs its seeds, among them the committed tables.
var located = regexp.MustCompile(`^fuzz\.csv:[1-9][0-9]*: `)

func FuzzReadLong(f *testing.F) {
	for _, name := range []string{"depression.csv", "ties.csv", "mixed.csv", "thesis_incomplete.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("\ufeffblock, treatment ,value\nb1,a,1\nb1,a,2\n")
	f.Add("block,treatment,value\nb1,a,NA\nb1,b,inf\n")
	f.Add("block,treatment,value\n1,a,1\n1,b,2\n2,a,3\n2,b,1\n")
	f.Add("value,treatment,block\n1,a,x\nNA,b,x\n2,a,y\n2,b,y\n3,c,y\n")
	f.Add("block,treatment,value\n1,a,1\n1,b,1\n")
	f.Add("block,treatment,value\n\"1,a,1\n")
	f.Fuzz(func(t *testing.T, in string) {
		m, err := ReadLong(strings.NewReader(in), "fuzz.csv")
		if err != nil {
			if !located.MatchString(err.Error()) {
				t.Fatalf("error does not name the file and line: %v", err)
			}
			return
		}
		a, err := Analyze(m, PosthocTests...)
		if err != nil {
			return
		}
		if !(a.P >= 0 && a.P <= 1) {
			t.Fatalf("p = %v", a.P)
		}
		for _, p := range a.Posthoc {
			if !(p.P >= 0 && p.P <= 1 && p.PAdjusted >= 0 && p.PAdjusted <= 1) {
				t.Fatalf("post-hoc %+v", p)
			}
		}
	})
}
