package experiments

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
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
