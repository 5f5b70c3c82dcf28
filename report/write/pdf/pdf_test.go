package pdf

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/report/doc"
)

// widestWord is the width a column needs so that none of its words is
// broken, at the plan's size.
func widestWord(w *pdfWriter, t doc.Table, col int, size float64) float64 {
	var need float64
	for ri, r := range append([][]string{t.Header}, t.Rows...) {
		style := ""
		if ri == 0 {
			style = "B"
		}
		w.f.SetFont("sans", style, size)
		for _, word := range strings.Fields(r[col]) {
			need = max(need, w.f.GetStringWidth(word)+2*w.f.GetCellMargin())
		}
	}
	return need
}

// No word is ever broken inside a table cell: a narrow table keeps its
// natural widths, a long-texted one wraps at spaces, a wide one splits its
// columns into groups that repeat the key columns, and every line fpdf
// will draw is a whole number of words.
func TestTablePlanNeverBreaksAWord(t *testing.T) {
	w := newPDFWriter(time.Unix(0, 0), "t", nil)
	portrait := a4.Wd - 2*pdfMargin
	narrow := doc.Table{Header: []string{"test", "lang", "native"}, Rows: [][]string{{"aes", "c", "270 [270, 270]"}}, Right: []bool{false, false, true}}
	long := doc.Table{Header: []string{"claim", "verdict"}, Rows: [][]string{{strings.Repeat("a claim with many words ", 12), strings.Repeat("consistent with: the interval reaches outside ", 6)}}}
	wide := doc.Table{Header: []string{"test", "lang"}, Right: []bool{false, false}}
	row := []string{"quicksort", "go"}
	for i := range 14 {
		wide.Header = append(wide.Header, fmt.Sprintf("platform-%02d", i))
		wide.Right = append(wide.Right, true)
		row = append(row, "3314 [3196, 3345]")
	}
	wide.Rows = [][]string{row}
	for name, tc := range map[string]struct {
		t      doc.Table
		chunks int
	}{"narrow": {narrow, 1}, "long": {long, 1}, "wide": {wide, 2}} {
		p := w.plan(tc.t, portrait)
		if len(p.chunks) < tc.chunks || (tc.chunks == 1 && len(p.chunks) != 1) {
			t.Errorf("%s: %d column groups, want %d", name, len(p.chunks), tc.chunks)
		}
		for _, cols := range p.chunks {
			var sum float64
			for _, c := range cols {
				sum += p.widths[c]
				if need := widestWord(w, tc.t, c, p.size); p.widths[c] < need {
					t.Errorf("%s: column %q is %.1f mm, its longest word needs %.1f", name, tc.t.Header[c], p.widths[c], need)
				}
			}
			if sum > portrait+0.01 {
				t.Errorf("%s: a column group is %.1f mm wide on a %.1f mm page", name, sum, portrait)
			}
			if len(p.chunks) > 1 && !slices.Equal(cols[:2], []int{0, 1}) {
				t.Errorf("%s: group %v does not repeat the key columns", name, cols)
			}
		}
		for ri, r := range append([][]string{tc.t.Header}, tc.t.Rows...) {
			w.f.SetFont("sans", map[bool]string{true: "B", false: ""}[ri == 0], p.size)
			for c, v := range r {
				for _, line := range w.f.SplitText(v, p.widths[c]) {
					for _, word := range strings.Fields(line) {
						if !strings.Contains(" "+v+" ", " "+word+" ") {
							t.Errorf("%s: %q was broken into %q", name, v, word)
						}
					}
				}
			}
		}
	}
	// Natural widths when they fit: the narrow table is not stretched.
	if p := w.plan(narrow, portrait); p.widths[0]+p.widths[1]+p.widths[2] > portrait/2 {
		t.Errorf("narrow table stretched to %v", p.widths)
	}
}
