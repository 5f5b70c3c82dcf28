// Package pdf writes paper.pdf with go-pdf/fpdf and the embedded
// Liberation fonts, in pure Go. Prose is set from the document's Markdown
// (parsed in its dialect, doc.Extensions); cells are laid out from their
// outputs, so a table's columns are sized to their content, never
// breaking a word, and a table too wide for a portrait page goes on a
// landscape one or is split into column groups that repeat the key
// columns. The dates are the datasets' timestamp and the catalogs are
// sorted, so the bytes depend only on the document (report/doc), the one
// package of ours it reads.
package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"strings"
	"time"

	"codeberg.org/go-fonts/liberation/liberationmonoregular"
	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-fonts/liberation/liberationserifbold"
	"codeberg.org/go-fonts/liberation/liberationserifbolditalic"
	"codeberg.org/go-fonts/liberation/liberationserifitalic"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"codeberg.org/go-pdf/fpdf"
	"github.com/gomarkdown/markdown/ast"
	"github.com/gomarkdown/markdown/parser"

	"github.com/edgewasm/edgewasm/report/doc"
)

// PDF layout, millimetres and points.
const (
	pdfMargin   = 20.0
	pdfBodySize = 10.5
	pdfLine     = 5.2
	pdfCodeSize = 7.5
	pdfNoteSize = 8.0
)

// pdfTableSizes are the font sizes a table may take, largest first: a
// table too wide at one size tries the next before turning the page or
// splitting its columns.
var pdfTableSizes = []float64{8, 7}

var a4 = fpdf.SizeType{Wd: 210, Ht: 297}

// Write renders paper.pdf. Prose is the same Markdown the other formats
// use; cells are laid out from their outputs, so that a table's columns
// can be sized to their content: no word is ever broken inside a cell,
// and a table too wide for the page is set on a landscape page or split
// into column groups that repeat the row keys. The creation and
// modification dates are the datasets' timestamp and the catalogs are
// sorted, so the bytes depend only on the document.
func Write(d *doc.Document) ([]byte, error) {
	images := map[string][]byte{}
	for _, b := range d.Blocks {
		if b.Out != nil {
			for _, f := range b.Out.Figures {
				images["figures/"+f.Name] = f.PNG
			}
		}
	}
	w := newPDFWriter(d.Time, d.Title, images)
	f := w.f
	for _, blk := range d.Blocks {
		switch {
		case blk.Cell == nil:
			w.markdown(blk.Prose)
		case blk.Cell.Structural() == doc.CellToc:
			w.toc(d.Toc)
		case blk.Cell.Structural() == doc.CellReproduce:
			w.markdown(d.Reproduce())
		default:
			w.cell(blk)
		}
	}
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return buf.Bytes(), nil
}

// newPDFWriter starts an A4 document with the Liberation fonts, page
// numbers and fixed dates.
func newPDFWriter(date time.Time, title string, images map[string][]byte) *pdfWriter {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCreationDate(date)
	f.SetModificationDate(date)
	f.SetCatalogSort(true)
	f.SetCompression(true)
	f.SetTitle(title, true)
	f.SetCreator("edgewasm report", true)
	f.SetProducer("edgewasm report (go-pdf/fpdf)", true)
	f.AddUTF8FontFromBytes("serif", "", liberationserifregular.TTF)
	f.AddUTF8FontFromBytes("serif", "B", liberationserifbold.TTF)
	f.AddUTF8FontFromBytes("serif", "I", liberationserifitalic.TTF)
	f.AddUTF8FontFromBytes("serif", "BI", liberationserifbolditalic.TTF)
	f.AddUTF8FontFromBytes("sans", "", liberationsansregular.TTF)
	f.AddUTF8FontFromBytes("sans", "B", liberationsansbold.TTF)
	f.AddUTF8FontFromBytes("mono", "", liberationmonoregular.TTF)
	f.SetMargins(pdfMargin, pdfMargin, pdfMargin)
	f.SetAutoPageBreak(true, pdfMargin)
	f.SetFooterFunc(func() {
		f.SetY(-12)
		f.SetFont("sans", "", 8)
		f.CellFormat(0, 5, fmt.Sprint(f.PageNo()), "", 0, "C", false, 0, "")
	})
	f.AddPage()
	return &pdfWriter{f: f, images: images}
}

type pdfWriter struct {
	f         *fpdf.Fpdf
	images    map[string][]byte
	widths    map[int]bool // pixel widths of the images placed so far
	landscape bool
}

func (w *pdfWriter) width() float64 {
	pw, _ := w.f.GetPageSize()
	l, _, r, _ := w.f.GetMargins()
	return pw - l - r
}

// room is the height left on the page.
func (w *pdfWriter) room() float64 {
	_, ph := w.f.GetPageSize()
	return ph - pdfMargin - w.f.GetY()
}

// orient turns to a new page in the given orientation unless the current
// page already has it.
func (w *pdfWriter) orient(landscape bool) {
	if landscape == w.landscape {
		return
	}
	w.landscape = landscape
	if landscape {
		w.f.AddPageFormat("L", a4)
	} else {
		w.f.AddPageFormat("P", a4)
	}
}

func (w *pdfWriter) markdown(md string) {
	doc := parser.NewWithExtensions(doc.Extensions).Parse([]byte(md))
	for _, n := range doc.GetChildren() {
		w.block(n, 0)
	}
}

// block renders a block node; indent is the list nesting in mm.
func (w *pdfWriter) block(n ast.Node, indent float64) {
	f := w.f
	l, _, _, _ := f.GetMargins()
	switch n := n.(type) {
	case *ast.Heading:
		text := plain(n)
		w.orient(false)
		if n.Level == 2 && strings.HasPrefix(text, "Appendix ") {
			// Each appendix starts a page, so the main text's length
			// is a page count.
			f.AddPage()
		}
		size := map[int]float64{1: 17, 2: 14, 3: 12}[n.Level]
		if size == 0 {
			size = 11
		}
		f.Ln(3)
		// Keep a heading with what follows: a table needs its caption,
		// header and a few rows, a figure most of its height.
		if w.room() < 70 {
			f.AddPage()
		}
		f.Bookmark(text, max(0, n.Level-1), -1)
		f.SetFont("sans", "B", size)
		f.MultiCell(0, size*0.5, text, "", "L", false)
		f.Ln(2)
	case *ast.Paragraph:
		if img, ok := onlyImage(n); ok {
			w.image(img)
			return
		}
		f.SetX(l + indent)
		w.inline(n, "", pdfBodySize)
		f.Ln(pdfLine)
		f.Ln(1.5)
	case *ast.List:
		for i, item := range n.Children {
			f.SetFont("serif", "", pdfBodySize)
			bullet := "•"
			if n.ListFlags&ast.ListTypeOrdered != 0 {
				bullet = fmt.Sprintf("%d.", i+1)
			}
			f.SetX(l + indent)
			f.CellFormat(5, pdfLine, bullet, "", 0, "L", false, 0, "")
			f.SetLeftMargin(l + indent + 5)
			for j, c := range item.GetChildren() {
				if p, ok := c.(*ast.Paragraph); ok {
					if j > 0 {
						f.Ln(pdfLine)
					}
					w.inline(p, "", pdfBodySize)
					continue
				}
				f.Ln(pdfLine)
				w.block(c, 0)
			}
			f.SetLeftMargin(l)
			f.Ln(pdfLine)
		}
		f.Ln(1.5)
	case *ast.CodeBlock:
		f.SetFont("mono", "", pdfCodeSize)
		f.SetFillColor(244, 244, 244)
		var out []string
		for _, line := range strings.Split(strings.TrimRight(string(n.Literal), "\n"), "\n") {
			out = append(out, f.SplitText(line, w.width()-4)...)
		}
		if h := float64(len(out)) * pdfCodeSize * 0.45; h < 60 && w.room() < h {
			f.AddPage()
		}
		f.SetX(l + indent)
		f.MultiCell(0, pdfCodeSize*0.45, strings.Join(out, "\n"), "", "L", true)
		f.Ln(2)
	case *ast.BlockQuote:
		for _, c := range n.Children {
			w.block(c, indent+6)
		}
	case *ast.HorizontalRule:
		y := f.GetY() + 2
		f.Line(l, y, l+w.width(), y)
		f.Ln(5)
	}
	// HTML blocks (anchors) have no PDF form; prose has no tables.
}

// toc writes the table of contents as indented lines.
func (w *pdfWriter) toc(hs []doc.Heading) {
	f := w.f
	l, _, _, _ := f.GetMargins()
	f.SetFont("sans", "B", pdfBodySize)
	f.CellFormat(0, pdfLine+1, "Contents", "", 1, "L", false, 0, "")
	for _, h := range hs {
		style := ""
		if h.Level == 2 {
			style = "B"
		}
		f.SetFont("serif", style, pdfBodySize-0.5)
		f.SetX(l + 6*float64(h.Level-2))
		f.CellFormat(0, pdfLine-0.4, h.Text, "", 1, "L", false, 0, "")
	}
	f.Ln(3)
}

func onlyImage(p *ast.Paragraph) (*ast.Image, bool) {
	if len(p.Children) != 1 {
		return nil, false
	}
	img, ok := p.Children[0].(*ast.Image)
	return img, ok
}

// cell lays out an evaluated cell: caption, text, tables and notes, or
// figures and caption. A cell with a table too wide for a portrait page
// goes on landscape pages as a whole.
func (w *pdfWriter) cell(blk doc.Block) {
	f, o := w.f, blk.Out
	l, _, _, _ := f.GetMargins()
	portrait, landscape := a4.Wd-2*pdfMargin, a4.Ht-2*pdfMargin
	plans := make([]tablePlan, len(o.Tables))
	wide := false
	for i, t := range o.Tables {
		plans[i] = w.plan(t, portrait)
		if len(plans[i].chunks) > 1 {
			if p := w.plan(t, landscape); len(p.chunks) == 1 {
				plans[i], wide = p, true
			}
		}
	}
	w.orient(wide)
	capt := blk.Caption()
	isTable := blk.Cell.Kind() == doc.KindTable
	if capt != "" && isTable {
		if w.room() < 40 {
			f.AddPage()
		}
		w.paragraph(capt, pdfBodySize-0.5, "")
	}
	if o.Placeholder != "" {
		w.paragraph("*"+o.Placeholder+"*", pdfBodySize, "")
	}
	if o.Text != "" {
		w.markdown(o.Text)
	}
	for i, t := range o.Tables {
		if t.Title != "" && len(o.Tables) > 1 {
			if w.room() < 30 {
				f.AddPage()
			}
			w.paragraph("*"+t.Title+"*", pdfBodySize-1, "")
		}
		w.table(t, plans[i])
		for _, n := range t.Notes {
			w.paragraph("*"+n+"*", pdfNoteSize, "")
		}
		f.Ln(1.5)
	}
	for _, fig := range o.Figures {
		w.imageNamed("figures/"+fig.Name, capt)
	}
	if capt != "" && !isTable && len(o.Figures) == 0 {
		w.paragraph(capt, pdfBodySize-0.5, "")
	}
	f.SetX(l)
	if wide {
		w.orient(false)
	}
}

// paragraph writes one paragraph of Markdown inline text.
func (w *pdfWriter) paragraph(md string, size float64, style string) {
	doc := parser.NewWithExtensions(doc.Extensions).Parse([]byte(md))
	for _, n := range doc.GetChildren() {
		if p, ok := n.(*ast.Paragraph); ok {
			l, _, _, _ := w.f.GetMargins()
			w.f.SetX(l)
			w.inline(p, style, size)
			w.f.Ln(size * 0.5)
			w.f.Ln(1)
		}
	}
}

// distinctWidth returns the PNG unchanged if no image placed before has its
// pixel width, and otherwise widened by white columns on the right until
// its width is unique. fpdf writes image objects in an order sorted by
// width alone, starting from a map's random order, so two images of equal
// width would come out in a different order on every render; distinct
// widths make the PDF byte-identical. One or two pixel columns at the
// figures' 144 dpi are invisible.
func (w *pdfWriter) distinctWidth(data []byte) ([]byte, image.Config, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, cfg, err
	}
	if w.widths == nil {
		w.widths = map[int]bool{}
	}
	extra := 0
	for w.widths[cfg.Width+extra] {
		extra++
	}
	w.widths[cfg.Width+extra] = true
	if extra == 0 {
		return data, cfg, nil
	}
	src, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, cfg, err
	}
	b := src.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx()+extra, b.Dy()))
	draw.Draw(dst, dst.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(dst, b.Sub(b.Min), src, b.Min, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, dst); err != nil {
		return nil, cfg, err
	}
	cfg.Width += extra
	return buf.Bytes(), cfg, nil
}

func (w *pdfWriter) image(img *ast.Image) { w.imageNamed(string(img.Destination), "") }

// imageNamed places a figure at most the text width wide and 80 % of the
// page high, keeping its aspect ratio, with its caption under it on the
// same page.
func (w *pdfWriter) imageNamed(name, capt string) {
	f := w.f
	data, ok := w.images[name]
	if !ok {
		w.paragraph("*[missing figure "+name+"]*", pdfBodySize, "")
		return
	}
	data, cfg, err := w.distinctWidth(data)
	if err != nil || cfg.Width == 0 {
		w.paragraph("*[unreadable figure "+name+"]*", pdfBodySize, "")
		return
	}
	f.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(data))
	_, ph := f.GetPageSize()
	wd := w.width()
	ht := wd * float64(cfg.Height) / float64(cfg.Width)
	if limit := (ph - 2*pdfMargin) * 0.8; ht > limit {
		ht, wd = limit, limit*float64(cfg.Width)/float64(cfg.Height)
	}
	captH := 0.0
	if capt != "" {
		f.SetFont("serif", "", pdfBodySize-0.5)
		captH = float64(len(f.SplitText(strings.ReplaceAll(capt, "**", ""), w.width())))*(pdfBodySize-0.5)*0.5 + 3
	}
	if w.room() < ht+captH+2 {
		f.AddPage()
	}
	l, _, _, _ := f.GetMargins()
	f.ImageOptions(name, l+(w.width()-wd)/2, f.GetY(), wd, ht, true, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	f.Ln(2)
	if capt != "" {
		w.paragraph(capt, pdfBodySize-0.5, "")
	}
}

// inline writes the inline children of n, flowing text with styles. A
// soft line break is a space: the source's line breaks never reach the
// page.
func (w *pdfWriter) inline(n ast.Node, style string, size float64) {
	f := w.f
	lh := size * 0.5
	for _, c := range n.GetChildren() {
		switch c := c.(type) {
		case *ast.Text:
			f.SetFont("serif", style, size)
			f.Write(lh, strings.ReplaceAll(string(c.Literal), "\n", " "))
		case *ast.Code:
			f.SetFont("mono", "", size-1.5)
			f.Write(lh, string(c.Literal))
		case *ast.Strong:
			w.inline(c, addStyle(style, "B"), size)
		case *ast.Emph:
			w.inline(c, addStyle(style, "I"), size)
		case *ast.Link:
			f.SetFont("serif", style, size)
			dest := string(c.Destination)
			f.SetTextColor(20, 60, 160)
			if strings.HasPrefix(dest, "#") {
				f.Write(lh, plain(c))
			} else {
				f.WriteLinkString(lh, plain(c), dest)
			}
			f.SetTextColor(0, 0, 0)
		case *ast.Hardbreak:
			f.Ln(lh)
		case *ast.Softbreak:
			f.Write(lh, " ")
		case *ast.Image:
			f.Ln(lh)
			w.image(c)
		default:
			w.inline(c, style, size)
		}
	}
}

func addStyle(style, s string) string {
	if strings.Contains(style, s) {
		return style
	}
	if s == "B" {
		return "B" + style
	}
	return style + s
}

// plain is the text of a node without markup.
func plain(n ast.Node) string {
	var b strings.Builder
	ast.WalkFunc(n, func(c ast.Node, entering bool) ast.WalkStatus {
		if entering {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(c.Literal)
			case *ast.Code:
				b.Write(c.Literal)
			}
		}
		return ast.GoToNext
	})
	return b.String()
}

// tablePlan is how a table is set: its font size, the width of every
// column, and the column groups it is split into (each a list of column
// indices; one group when it fits whole).
type tablePlan struct {
	size   float64
	widths []float64
	chunks [][]int
}

// cellPad is the space a column needs beyond its text: fpdf's cell margin
// on both sides and a little air.
func (w *pdfWriter) cellPad() float64 { return 2*w.f.GetCellMargin() + 0.6 }

// plan sizes a table's columns to their content within width total. At
// each font size it takes the natural widths (no wrapping) when they fit,
// and otherwise wraps the longest columns at spaces but never narrower
// than their longest word. When no size fits, columns are split into
// groups that each repeat the leading key columns.
func (w *pdfWriter) plan(t doc.Table, total float64) tablePlan {
	f := w.f
	n := len(t.Header)
	measure := func(size float64) (nat, word []float64) {
		nat, word = make([]float64, n), make([]float64, n)
		for ri, r := range append([][]string{t.Header}, t.Rows...) {
			style := ""
			if ri == 0 {
				style = "B"
			}
			f.SetFont("sans", style, size)
			for i := 0; i < n && i < len(r); i++ {
				nat[i] = max(nat[i], f.GetStringWidth(r[i])+w.cellPad())
				for _, wd := range strings.Fields(r[i]) {
					word[i] = max(word[i], f.GetStringWidth(wd)+w.cellPad())
				}
			}
		}
		return nat, word
	}
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	for _, size := range pdfTableSizes {
		nat, word := measure(size)
		if ws, ok := fit(nat, word, all, total); ok {
			return tablePlan{size: size, widths: ws, chunks: [][]int{all}}
		}
	}
	size := pdfTableSizes[len(pdfTableSizes)-1]
	nat, word := measure(size)
	// Key columns: the leading left-aligned ones (test, lang, claim), at
	// most two, repeated in every group.
	keys := 0
	for keys < 2 && keys < n-1 && !(keys < len(t.Right) && t.Right[keys]) {
		keys++
	}
	p := tablePlan{size: size, widths: make([]float64, n)}
	var cur []int
	flush := func() {
		if len(cur) == 0 {
			return
		}
		cols := append(append([]int{}, all[:keys]...), cur...)
		ws, _ := fit(nat, word, cols, total)
		for j, c := range cols {
			p.widths[c] = max(p.widths[c], ws[j])
		}
		p.chunks = append(p.chunks, cols)
		cur = nil
	}
	for c := keys; c < n; c++ {
		cols := append(append(append([]int{}, all[:keys]...), cur...), c)
		if _, ok := fit(nat, word, cols, total); !ok && len(cur) > 0 {
			flush()
		}
		cur = append(cur, c)
	}
	flush()
	return p
}

// fit sizes the columns cols of a table into total: natural widths if
// they fit; otherwise every column at least its longest word and the
// rest of the width shared in proportion to what each column would still
// like. It reports false when even the longest words do not fit.
func fit(nat, word []float64, cols []int, total float64) ([]float64, bool) {
	out := make([]float64, len(cols))
	var sumNat, sumWord float64
	for j, c := range cols {
		sumNat += nat[c]
		sumWord += word[c]
		out[j] = nat[c]
	}
	if sumNat <= total {
		return out, true
	}
	if sumWord > total {
		for j, c := range cols {
			out[j] = word[c]
		}
		return out, false
	}
	spare := total - sumWord
	want := sumNat - sumWord
	for j, c := range cols {
		out[j] = word[c] + (nat[c]-word[c])*spare/want
	}
	return out, true
}

// table draws a table by its plan: each column group in turn, the header
// shaded and repeated after a page break, cells wrapped at spaces.
func (w *pdfWriter) table(t doc.Table, p tablePlan) {
	f := w.f
	lh := p.size * 0.45
	l, _, _, _ := f.GetMargins()
	for ci, cols := range p.chunks {
		if ci > 0 {
			w.paragraph(fmt.Sprintf("*(continued: columns %d–%d of %d)*", cols[min(len(cols)-1, 1)]+1, cols[len(cols)-1]+1, len(t.Header)), pdfNoteSize, "")
		}
		var width float64
		for _, c := range cols {
			width += p.widths[c]
		}
		var drawRow func(r []string, head bool)
		drawRow = func(r []string, head bool) {
			style := ""
			if head {
				style = "B"
			}
			f.SetFont("sans", style, p.size)
			lines := make([][]string, len(cols))
			n := 1
			for j, c := range cols {
				v := ""
				if c < len(r) {
					v = r[c]
				}
				lines[j] = f.SplitText(v, p.widths[c])
				n = max(n, len(lines[j]))
			}
			h := float64(n)*lh + 1.5
			if w.room() < h {
				f.AddPage()
				if !head {
					drawRow(t.Header, true) // the header again on the new page
					f.SetFont("sans", style, p.size)
				}
			}
			y, x := f.GetY(), l
			if head {
				f.SetFillColor(236, 236, 236)
				f.Rect(l, y, width, h, "F")
			}
			for j, c := range cols {
				align := "L"
				if c < len(t.Right) && t.Right[c] && !head {
					align = "R"
				}
				f.SetXY(x, y+0.75)
				f.MultiCell(p.widths[c], lh, strings.Join(lines[j], "\n"), "", align, false)
				x += p.widths[c]
			}
			f.SetDrawColor(190, 190, 190)
			f.Line(l, y+h, l+width, y+h)
			f.SetXY(l, y+h)
		}
		if w.room() < 3*lh+6 {
			f.AddPage()
		}
		f.Ln(1)
		f.SetDrawColor(110, 110, 110)
		f.Line(l, f.GetY(), l+width, f.GetY())
		drawRow(t.Header, true)
		for _, r := range t.Rows {
			drawRow(r, false)
		}
		f.SetDrawColor(110, 110, 110)
		f.Line(l, f.GetY(), l+width, f.GetY())
		f.Ln(2)
	}
}
