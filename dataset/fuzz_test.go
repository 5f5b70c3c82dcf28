package dataset

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Fuzz targets for the readers of a dataset: nothing may panic, and every
// error must name the file and the line. CI runs each for a few seconds
// (.ci/fuzz); `go test` runs their seeds.

// located matches an error that starts with "NAME:LINE: ".
func located(name string) *regexp.Regexp {
	return regexp.MustCompile(`^` + regexp.QuoteMeta(name) + `:[1-9][0-9]*: `)
}

// committed returns the first n lines of a committed dataset file.
func committed(f *testing.F, file string, n int) []byte {
	b, err := os.ReadFile(filepath.Join("../data/x86-vm-quick", file))
	if err != nil {
		f.Fatal(err)
	}
	lines := bytes.SplitAfter(b, []byte("\n"))
	if len(lines) > n {
		lines = lines[:n]
	}
	return bytes.Join(lines, nil)
}

func samplesSeeds(f *testing.F) {
	f.Add(committed(f, SamplesFile, 40))
	head := strings.Join(Columns, ",") + "\n"
	f.Add([]byte(head + "cpu,aes,c,native,1,wall_ms,1.5,ms,ok,100,1,2026-01-02T03:04:05Z,2\ncpu,aes,c,native,1,kernel_ms,1,ms,ok,100,1,2026-01-02T03:04:05Z,2\n"))
	f.Add([]byte(head + "cpu,aes,c,native,1,wall_ms,,ms,\"failed:trap: x, y\",100,1,,1\ncpu,aes,c,nat"))
	f.Add([]byte(head + "cpu,aes,c,native,1,wall_ms,1,ms,ok\x00\x00\x00\n"))
	f.Add([]byte("status,value,unit,metric,rep,platform,lang,test,experiment\nok,2,ms,wall_ms,1,native,c,aes,cpu\n"))
	f.Add([]byte(""))
}

func FuzzReadSamples(f *testing.F) {
	samplesSeeds(f)
	re := located("x/samples.csv")
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := Read(bytes.NewReader(b), "x/samples.csv")
		if err != nil {
			if !re.MatchString(err.Error()) {
				t.Fatalf("error without file and line: %v", err)
			}
			return
		}
		for _, s := range got {
			if err := s.Validate(); err != nil {
				t.Fatalf("Read returned an invalid sample %+v: %v", s, err)
			}
		}
	})
}

// FuzzScanSamples: the resume scanner never panics; what it keeps are valid
// rows, and what it cuts is exactly the rest of the file.
func FuzzScanSamples(f *testing.F) {
	samplesSeeds(f)
	re := located("x/samples.csv")
	f.Fuzz(func(t *testing.T, b []byte) {
		sc, err := ScanBytes(b, "x/samples.csv")
		if err != nil {
			if !re.MatchString(err.Error()) {
				t.Fatalf("error without file and line: %v", err)
			}
			return
		}
		if !bytes.HasSuffix(b, sc.Cut) || len(sc.Cut) > MaxCut {
			t.Fatalf("cut %q is not the end of the file", sc.Cut)
		}
		kept := b[:len(b)-len(sc.Cut)]
		if sc.Header && bytes.Count(kept, []byte("\n")) != len(sc.Rows)+1 {
			t.Fatalf("%d rows kept from %d lines", len(sc.Rows), bytes.Count(kept, []byte("\n")))
		}
		for _, r := range sc.Rows {
			if err := r.Validate(); err != nil {
				t.Fatalf("kept an invalid row on line %d: %v", r.Line, err)
			}
		}
	})
}

func FuzzParseEnvironment(f *testing.F) {
	f.Add(committed(f, EnvironmentFile, 1000))
	f.Add([]byte(`{"schema": 1, "profile": {"timeout": "1m"}, "started": "2026-01-02T03:04:05Z"}`))
	f.Add([]byte("{\n\"schema\": 1,\n\"profile\": {\"timeout\": 5}\n}"))
	f.Add([]byte("{\n\"schema\": 1,\n\"started\": \"yesterday\"\n}"))
	f.Add([]byte(`{"schema": 1, "resumes": [{"at": "2026-01-02T03:04:05Z", "cut_bytes": "x"}], "settings": {"settle": "1q"}}`))
	f.Add([]byte(`[1, 2`))
	re := located("x/environment.json")
	f.Fuzz(func(t *testing.T, b []byte) {
		_, err := ParseEnvironment(b, "x/environment.json")
		if err != nil && !re.MatchString(err.Error()) {
			t.Fatalf("error without file and line: %v", err)
		}
	})
}

// The error of a value that does not convert names the value's line.
func TestParseEnvironmentLocatesBadValues(t *testing.T) {
	cases := map[string]string{
		"{\n\"schema\": 1,\n\"profile\": {\n\"name\": \"q\",\n\"timeout\": \"5 parsecs\"\n}\n}": "x.json:5: ",
		"{\n\"schema\": 1,\n\n\"started\": \"yesterday\"\n}":                                    "x.json:4: ",
		"{\"schema\": 1,\n\"resumes\": [{}, {\n\"cut_bytes\": \"x\"}]}":                         "x.json:3: ",
		"{\"schema\":\n 2}":                "x.json:1: schema 2",
		"{\n\"schema\": 1,\n\"tool\": }\n": "x.json:3: ",
	}
	for doc, want := range cases {
		_, err := ParseEnvironment([]byte(doc), "x.json")
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: %v, want %q…", doc, err, want)
		}
	}
	if _, err := ParseEnvironment([]byte(`{"schema": 1}`), "x.json"); err != nil {
		t.Fatal(err)
	}
}
