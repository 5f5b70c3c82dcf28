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
		words := strings.Fields(r[col])
		if ri == 0 {
			words = headerWords(r[col]) // a header breaks after a hyphen too
		}
		for _, word := range words {
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
				for _, line := range w.cellLines(v, p.widths[c], ri == 0) {
					for _, word := range strings.Fields(line) {
						whole := strings.Contains(" "+v+" ", " "+word+" ")
						if ri == 0 {
							// A header line is whole words and pieces
							// that end at a hyphen.
							whole = strings.Contains(v, word) && (strings.HasSuffix(word, "-") || strings.Contains(" "+v+" ", word+" "))
						}
						if !whole {
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

// A table never leaves a single row under its header at a page's foot,
// nor carries a single row over to the next page.
func TestBreaksNeverStrandARow(t *testing.T) {
	rows := func(n int, h float64) []float64 {
		out := make([]float64, n)
		for i := range out {
			out[i] = h
		}
		return out
	}
	for _, tc := range []struct {
		name             string
		room, body, head float64
		rows             []float64
	}{
		{"one row fits under the header", 12, 250, 5, rows(10, 5)},
		{"all but the last row fit", 53, 250, 5, rows(10, 5)},
		{"a long table", 40, 100, 5, rows(60, 5)},
		{"all fit", 200, 250, 5, rows(10, 5)},
	} {
		bs := breaks(tc.room, tc.body, tc.head, tc.rows)
		n := len(tc.rows)
		starts := append([]int{0}, bs...)
		for k, b := range bs {
			if b == 0 {
				continue // the table starts on the next page
			}
			if b-starts[k] == 1 {
				t.Errorf("%s: breaks %v leave row %d alone on a page", tc.name, bs, starts[k])
			}
		}
		if len(bs) > 0 && n-bs[len(bs)-1] == 1 {
			t.Errorf("%s: breaks %v carry the last row alone", tc.name, bs)
		}
		// Every page holds what fits.
		y := tc.room - tc.head - 1
		for i, h := range tc.rows {
			if slices.Contains(bs, i) {
				y = tc.body - tc.head - 1
			}
			if y -= h; y < -0.01 {
				t.Errorf("%s: row %d overflows the page (breaks %v)", tc.name, i, bs)
				break
			}
		}
	}
}

// A header breaks after a hyphen (x86-vm-thesis-network), a body cell only
// at spaces.
func TestHeaderWords(t *testing.T) {
	if got := headerWords("x86-vm-thesis-network (started)"); !slices.Equal(got, []string{"x86-", "vm-", "thesis-", "network", "(started)"}) {
		t.Errorf("headerWords = %q", got)
	}
	w := newPDFWriter(time.Unix(0, 0), "t", nil)
	w.f.SetFont("sans", "B", 7)
	lines := w.cellLines("x86-vm-thesis-network", 18, true)
	if len(lines) < 2 || strings.Join(lines, "") != "x86-vm-thesis-network" {
		t.Errorf("a narrow header: %q", lines)
	}
}

// A word longer than a line breaks only after a separator.
func TestBreakAt(t *testing.T) {
	url := "https://cloudblogs.microsoft.com/opensource/2020/04/07/announcing-krustlet"
	fits := func(s string) bool { return len(s) <= 40 }
	cut := breakAt(url, fits)
	if cut == 0 || cut > 40 || !strings.ContainsRune("/.-_?&=#", rune(url[cut-1])) {
		t.Errorf("breakAt cut %q | %q", url[:cut], url[cut:])
	}
	if got := breakAt("supercalifragilistic", fits); got != 0 {
		t.Errorf("a word without separators was cut at %d", got)
	}
	if got := splitKeep("a  bc d"); !slices.Equal(got, []string{"a", "  ", "bc", " ", "d"}) {
		t.Errorf("splitKeep = %q", got)
	}
}
