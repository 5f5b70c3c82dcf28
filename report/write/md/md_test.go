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

// Provenance: in the HTML flavour a computed value of the prose, a
// computed table cell and a figure carry their command and reads as a
// title; paper.md (GitHub) stays plain, and a value in a code span is
// left alone.
func TestProvenance(t *testing.T) {
	p := doc.Provenance{Command: "edgewasm report --data d --cell 'median x'", Reads: []doc.Read{{Dataset: "d", Exp: "cpu", Tests: []string{"aes"}}}}
	prose := "# T\n\n## 1 A\n\nIt took 2.0× and `3 ms` here."
	tb := doc.Table{Header: []string{"test", "native"}, Rows: [][]string{{"aes", "1 | 2"}}, Right: []bool{false, true}}
	tb.SetProv(0, 1, &p)
	d := &doc.Document{Title: "T", Blocks: []doc.Block{
		{Prose: prose, Values: []doc.Span{
			{Start: strings.Index(prose, "2.0×"), End: strings.Index(prose, "2.0×") + len("2.0×"), Prov: p},
			{Start: strings.Index(prose, "3 ms"), End: strings.Index(prose, "3 ms") + len("3 ms"), Prov: p},
		}},
		{Cell: &doc.Cell{Label: "tab:m", Command: "medians", Caption: "M."}, Num: 1, Out: &doc.Output{Tables: []doc.Table{tb}}},
		{Cell: &doc.Cell{Label: "fig:f", Command: "figure", Caption: "F."}, Num: 1, Out: &doc.Output{
			Figures: []doc.Figure{{Name: "f.png", PNG: []byte{1}}}, Commands: []string{"edgewasm figures --data d"}}},
	}}
	if got := string(Write(d)); strings.Contains(got, "<span") {
		t.Errorf("paper.md carries provenance spans:\n%s", got)
	}
	got := Render(d, HTML)
	title := `title="edgewasm report --data d --cell &#39;median x&#39;&#10;reads d: cpu / aes / every language / every platform / every metric"`
	for _, want := range []string{
		"## 1 A {#1-a}\n\nIt took <span class=\"v\" " + title + ">2.0×</span> and `3 ms` here.",
		"| aes | <span class=\"v\" " + title + ">1 \\| 2</span> |",
		`<span class="v" title="edgewasm figures --data d">![F.](data:image/png;base64,AQ==)</span>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("HTML flavour lacks\n%s\nin\n%s", want, got)
		}
	}
	html := string(doc.HTML(got))
	for _, want := range []string{`It took <span class="v" ` + title + `>2.0×</span>`, `<td align="right"><span class="v" ` + title + `>1 | 2</span></td>`} {
		if !strings.Contains(html, want) {
			t.Errorf("rendered HTML lacks\n%s\nin\n%s", want, html)
		}
	}
}
