package html

import (
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/report/doc"
)

// paper.html is one self-contained page: the title escaped, the CSS
// inline, the figure a data: URI, the headings linkable.
func TestSelfContained(t *testing.T) {
	d := &doc.Document{Title: "A <b> & c", Blocks: []doc.Block{
		{Prose: "## 1 Method\n\n[back](#1-method)"},
		{Cell: &doc.Cell{Label: "fig:dots", Command: "dots", Caption: "Dots."}, Num: 1,
			Out: &doc.Output{Figures: []doc.Figure{{Name: "dots.png", PNG: []byte{1, 2, 3}}}}},
	}}
	b, err := Write(d)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, want := range []string{"<title>A &lt;b&gt; &amp; c</title>", "<style>", `id="1-method"`, `src="data:image/png;base64,AQID"`, "</html>\n"} {
		if !strings.Contains(page, want) {
			t.Errorf("paper.html lacks %q", want)
		}
	}
	for _, bad := range []string{"<link", "<script", `src="http`, `src="figures/`, "@import", "url("} {
		if strings.Contains(page, bad) {
			t.Errorf("paper.html is not self-contained: it has %q", bad)
		}
	}
}
