package md

import (
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/report/doc"
)

func testDoc() *doc.Document {
	return &doc.Document{Title: "T", Blocks: []doc.Block{
		{Prose: "# T\n\n## 1 Method\n\nText."},
		{Cell: &doc.Cell{Label: "tab:env", Command: "environment", Caption: "The machines."}, Num: 1,
			Out: &doc.Output{Tables: []doc.Table{{Header: []string{"a"}, Rows: [][]string{{"1"}}, Notes: []string{"A note."}}}}},
		{Cell: &doc.Cell{Label: "fig:dots", Command: "dots", Caption: "Dots [x]."}, Num: 1,
			Out: &doc.Output{Figures: []doc.Figure{{Name: "dots.png", PNG: []byte{1, 2, 3}}}}},
		{Cell: &doc.Cell{Command: "deviations"}, Out: &doc.Output{Placeholder: "Not measured."}},
	}}
}

// paper.md: anchors before labelled cells, a table's caption above it and
// a figure's below, figures as files, alt text escaped.
func TestGitHub(t *testing.T) {
	got := string(Write(testDoc()))
	want := "# T\n\n## 1 Method\n\nText.\n\n" +
		"<a id=\"tab-env\"></a>\n\n**Table 1.** The machines.\n\n| a |\n|---|\n| 1 |\n\n*A note.*\n\n" +
		"<a id=\"fig-dots\"></a>\n\n![Dots \\[x\\].](figures/dots.png)\n\n**Figure 1.** Dots [x].\n\n" +
		"*Not measured.*\n"
	if got != want {
		t.Errorf("paper.md\n%s\nwant\n%s", got, want)
	}
}

// The HTML flavour inlines figures and gives headings GitHub's ids.
func TestHTMLFlavour(t *testing.T) {
	got := Render(testDoc(), HTML)
	for _, want := range []string{"## 1 Method {#1-method}", "](data:image/png;base64,AQID)", "# T\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("HTML flavour lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "# T {#") || strings.Contains(got, "figures/dots.png") {
		t.Errorf("the title got an id, or a figure is a file:\n%s", got)
	}
}
