package cells

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for src, want := range map[string]string{
		"```cell #bad\nx\n```\n":              "x.md:1: cell label \"#bad\"",
		"```cell\nenvironment\n":              "x.md:1: cell is never closed",
		"```cell\n```\n":                      "x.md:1: empty cell",
		"```cell #tab:a\nenvironment\n```\n":  "needs a caption",
		"```cell\nenvironment\nprotocol\n```": "x.md:3: cell opened at line 1 has a second command",
		"```sh\nunclosed\n":                   "x.md:1: a ``` fence in the prose is never closed",
	} {
		if _, err := Parse("x.md", []byte(src)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err = %v, want %q", src, err, want)
		}
	}
	s, err := Parse("x.md", []byte("# T\n\n```sh\n{{ not evaluated }}\n```\n\n```cell #fig:a-1\nboxplot exp=cpu   metric=\"wall ms\"\ncaption: A b.\n```\ntail\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Segments) != 3 || s.Segments[1].Cell.Label != "fig:a-1" || s.Segments[2].Line != 11 {
		t.Fatalf("segments: %+v", s.Segments)
	}
	a, err := ParseArgs(s.Segments[1].Cell.Command)
	if err != nil || a.KV["metric"] != "wall ms" || a.String() != `boxplot exp=cpu metric="wall ms"` {
		t.Fatalf("args %+v %q %v", a, a.String(), err)
	}
}
