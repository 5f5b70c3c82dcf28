package experiments

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/experiments/dataset"
)

// Fuzz targets for the input files of a run and for the resume decision:
// nothing may panic, and every error must name the file and the line. CI
// runs each for a few seconds (.ci/fuzz); `go test` runs their seeds.

func located(name string) *regexp.Regexp {
	return regexp.MustCompile(`^` + regexp.QuoteMeta(name) + `:[1-9][0-9]*: `)
}

func FuzzReadSizes(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("..", SizesFile))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte("cpu aes quick 10\ncpu aes quick 11\n"))
	f.Add([]byte("gpu aes quick 10\n# comment\n\ncpu aes quik 1\nfsio fsio thesis -1\nstartup noop quick 1\n"))
	f.Add([]byte("cpu\taes\tquick\t99999999999999999999\n\xff\xfe"))
	re := located("x/sizes.txt")
	f.Fuzz(func(t *testing.T, b []byte) {
		sizes, err := parseSizes(bytes.NewReader(b), "x/sizes.txt")
		if err != nil {
			if !re.MatchString(err.Error()) {
				t.Fatalf("error without file and line: %v", err)
			}
			return
		}
		for profile, m := range sizes {
			for k, v := range m {
				if v <= 0 || !strings.Contains(k, "/") || profile == "" {
					t.Fatalf("accepted %s %s = %d", profile, k, v)
				}
			}
		}
	})
}

func FuzzReadExpected(f *testing.F) {
	for _, p := range []string{"cpu/aes/expected.txt", "fsio/fsio/expected.txt"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("100 abc\n100 abd\n"))
	f.Add([]byte("0 abc\nx y\n1 2 3\n5 zz\n"))
	re := located("x/expected.txt")
	f.Fuzz(func(t *testing.T, b []byte) {
		exp, err := parseExpected(bytes.NewReader(b), "x/expected.txt")
		if err != nil {
			if !re.MatchString(err.Error()) {
				t.Fatalf("error without file and line: %v", err)
			}
			return
		}
		for size, d := range exp {
			if size <= 0 || !validDigest(d) {
				t.Fatalf("accepted %d %q", size, d)
			}
		}
	})
}

// FuzzResume feeds damaged samples files through the resume path: the
// scan, then the decision of what to keep and what to run again. It must
// never panic; errors name the file and line; and whatever it keeps plus
// what it replaces is what the scan found.
func FuzzResume(f *testing.F) {
	head := strings.Join(dataset.Columns, ",") + "\n"
	row := func(test string, rep, seq, set int, metric, status string) string {
		return strings.Join([]string{"cpu", test, "c", "native", itoa(rep), metric, "1", "ms", status, "4096", itoa(seq), "", itoa(set)}, ",") + "\n"
	}
	f.Add([]byte(head + row("aes", 1, 1, 2, "wall_ms", "ok") + row("aes", 1, 1, 2, "kernel_ms", "ok") + row("aes", 2, 2, 2, "wall_ms", "ok")))
	f.Add([]byte(head + row("aes", 1, 1, 1, "wall_ms", "failed:interrupted") + row("aes", 1, 1, 1, "wall_ms", "ok")))
	f.Add([]byte(head + row("aes", 1, 1, 1, "wall_ms", "ok") + row("aes", 2, 2, 1, "wall_ms", "ok") + row("aes", 1, 3, 1, "wall_ms", "ok")))
	f.Add([]byte(head + row("aes", 1, 1, 0, "wall_ms", "ok") + "cpu,aes,c,na"))
	root := fakeRoot(f)
	p, err := LoadProfile(root, "quick")
	if err != nil {
		f.Fatal(err)
	}
	cfg := Config{Root: root, Profile: p, Platforms: []string{"native", "wazero"}, Langs: []string{"c"}, Experiments: Names}
	re := located("x/samples.csv")
	f.Fuzz(func(t *testing.T, b []byte) {
		sc, err := dataset.ScanBytes(b, "x/samples.csv")
		if err != nil {
			if !re.MatchString(err.Error()) {
				t.Fatalf("scan: error without file and line: %v", err)
			}
			return
		}
		res, err := Resume(cfg, sc.Rows, "x/samples.csv")
		if err != nil {
			if !re.MatchString(err.Error()) {
				t.Fatalf("resume: error without file and line: %v", err)
			}
			return
		}
		if len(res.Keep)+len(res.Replaced) != len(sc.Rows) {
			t.Fatalf("kept %d and replaced %d of %d rows", len(res.Keep), len(res.Replaced), len(sc.Rows))
		}
		if _, err := Audit(cfg, res.Keep); err != nil {
			t.Fatalf("what resume keeps breaks the invariant: %v", err)
		}
	})
}

func itoa(n int) string { return strconv.Itoa(n) }
