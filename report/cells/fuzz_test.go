package cells

import (
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/report/internal/synth"
	"github.com/edgewasm/edgewasm/report/model"
)

// The fuzz targets below have committed seed corpora under testdata/fuzz/;
// each runs for a bounded time with, e.g.,
//
//	go test ./report/cells -run '^$' -fuzz '^FuzzCells$' -fuzztime 10s
//
// Their properties: nothing panics, and every error names the file and
// the line it concerns.

var mdErr = regexp.MustCompile(`^fuzz\.md:\d+: `)

// FuzzCells parses a paper source and every command in it: cells, inline
// expressions and the prose around them.
func FuzzCells(f *testing.F) {
	// The seeds are in testdata/fuzz/FuzzCells: small pieces of the
	// paper's constructs (a seed as large as the whole paper makes Go's
	// fuzzer crawl).
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := Parse("fuzz.md", src)
		if err != nil {
			if !mdErr.MatchString(err.Error()) {
				t.Fatalf("error does not name the file and line: %v", err)
			}
			return
		}
		for _, seg := range s.Segments {
			if seg.Line < 1 {
				t.Fatalf("segment at line %d", seg.Line)
			}
			if c := seg.Cell; c != nil {
				if a, err := ParseArgs(c.Command); err == nil && a.Verb == "" {
					t.Fatalf("cell %q parsed to an empty verb", c.Command)
				}
				continue
			}
			for _, ll := range unwrap(seg.Prose, seg.Line) {
				if ll.line < seg.Line {
					t.Fatalf("logical line %d before its segment's %d", ll.line, seg.Line)
				}
				for _, m := range inlineRE.FindAllString(ll.text, -1) {
					ParseArgs(strings.TrimSpace(m[2 : len(m)-2]))
				}
			}
		}
	})
}

var fuzzEngine = sync.OnceValues(func() (*Engine, error) {
	c := synth.Default("fuzz")
	c.Reps, c.Platforms = 3, []string{dataset.Native, dataset.Docker, dataset.Wazero}
	d, err := synth.Dataset(c)
	if err != nil {
		return nil, err
	}
	m, err := model.New([]*dataset.Dataset{d}, model.DefaultOptions())
	if err != nil {
		return nil, err
	}
	in, err := readInputs()
	if err != nil {
		return nil, err
	}
	return NewEngine(m, in), nil
})

// FuzzAssemble evaluates whatever parses: unknown commands, bad arguments,
// missing labels and citations must be errors naming the line, never a
// panic.
func FuzzAssemble(f *testing.F) {
	// Seeds: testdata/fuzz/FuzzAssemble.
	f.Fuzz(func(t *testing.T, src []byte) {
		e, err := fuzzEngine()
		if err != nil {
			t.Fatal(err)
		}
		s, err := Parse("fuzz.md", src)
		if err != nil {
			return // FuzzCells covers parse errors
		}
		for _, seg := range s.Segments {
			// Figures and the PRISMA flow draw images: too slow to fuzz,
			// and their arguments are checked like any other command's.
			if c := seg.Cell; c != nil && (strings.Contains(c.Command, "figure") || strings.Contains(c.Command, "prisma")) {
				return
			}
		}
		if _, err := e.Assemble(s, Cache{}, &Stats{}); err != nil && !mdErr.MatchString(err.Error()) {
			t.Fatalf("error does not name the file and line: %v", err)
		}
	})
}
