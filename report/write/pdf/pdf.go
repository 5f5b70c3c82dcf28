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
	"slices"
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
	pdfBodySize = 10
	pdfLine     = 4.9
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
	images := figureImages(d)
	w := newPDFWriter(d.Time, d.Title, images)
	w.render(d)
	f := w.f
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return buf.Bytes(), nil
}

// Pages is how the PDF's pages divide: the main text (from the title to
// the page before the references), the references, and the appendices
// (each 0 when absent).
type Pages struct {
	Main, References, Appendices, Total int
}

// Layout lays the document out as Write does and counts its pages.
func Layout(d *doc.Document) (Pages, error) {
	w := newPDFWriter(d.Time, d.Title, figureImages(d))
	w.render(d)
	if err := w.f.Error(); err != nil {
		return Pages{}, fmt.Errorf("pdf: %w", err)
	}
	p := Pages{Total: w.f.PageCount()}
	end := p.Total + 1
	if w.appendixPage > 0 {
		end = w.appendixPage
		p.Appendices = p.Total - w.appendixPage + 1
	}
	if w.refPage > 0 {
		p.Main = w.refPage - 1
		p.References = end - w.refPage
	} else {
		p.Main = end - 1
	}
	return p, nil
}

func figureImages(d *doc.Document) map[string][]byte {
	images := map[string][]byte{}
	for _, b := range d.Blocks {
		if b.Out != nil {
			for _, f := range b.Out.Figures {
				images["figures/"+f.Name] = f.PNG
			}
		}
	}
	return images
}

// render lays out every block; a heading keeps with what follows it, and
// figures that do not fit where they fall float to the next page.
func (w *pdfWriter) render(d *doc.Document) {
	for i, blk := range d.Blocks {
		w.after = 0
		if i+1 < len(d.Blocks) {
			w.after = w.need(d.Blocks[i+1])
		}
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
	w.flush()
}

// need is how much of a block must fit under a heading that precedes it:
// a few lines of prose, or a table's caption, header and first rows. A
// figure floats, so what follows it is what the heading meets.
func (w *pdfWriter) need(b doc.Block) float64 {
	if b.Cell == nil {
		return 3 * pdfLine
	}
	if b.Out != nil && len(b.Out.Tables) > 0 {
		return 28
	}
	if b.Out != nil && len(b.Out.Figures) > 0 {
		// The figure itself: a heading never stays behind while its
		// figure floats to the next page.
		if _, ht, captH, err := w.figureSize(b.Out.Figures[0].PNG, b.Caption()); err == nil {
			return min(ht+captH+2, w.body()-20)
		}
	}
	return 3 * pdfLine
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
	w := &pdfWriter{f: f, images: images}
	// A figure deferred for want of room goes at the top of the next
	// portrait page.
	f.SetHeaderFunc(func() {
		if !w.landscape && !w.flushing {
			w.placePending()
		}
	})
	f.AddPage()
	return w
}

type pdfWriter struct {
	f         *fpdf.Fpdf
	images    map[string][]byte
	widths    map[int]bool // pixel widths of the images placed so far
	landscape bool
	// pending figures wait for the next page, in order.
	pending  []pendingFigure
	flushing bool
	// after is how much of the next block must follow a heading that
	// ends the current one (see need).
	after float64
	// next is the node after the one being laid out, in its Markdown.
	next ast.Node
	// refPage and appendixPage are the pages of the references and of
	// the first appendix (0: none).
	refPage, appendixPage int
}

// pendingFigure is a figure that floats to the next page.
type pendingFigure struct {
	name, capt string
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
	kids := doc.GetChildren()
	for i, n := range kids {
		w.next = nil
		if i+1 < len(kids) {
			w.next = kids[i+1]
		}
		w.block(n, 0)
	}
	w.next = nil
}

// follows is how much must fit under heading h: the first lines of the
// node after it, or what the next block needs.
func (w *pdfWriter) follows(h ast.Node) float64 {
	switch n := w.next.(type) {
	case nil:
		return w.after
	case *ast.Paragraph:
		if _, ok := onlyImage(n); ok {
			return 3 * pdfLine
		}
		w.f.SetFont("serif", "", pdfBodySize)
		lines := len(w.f.SplitText(plain(n), w.width()))
		return float64(min(lines, 3)) * pdfLine
	case *ast.Heading:
		return 12 + 3*pdfLine
	}
	return 3 * pdfLine
}

// block renders a block node; indent is the list nesting in mm.
func (w *pdfWriter) block(n ast.Node, indent float64) {
	f := w.f
	l, _, _, _ := f.GetMargins()
	switch n := n.(type) {
	case *ast.Heading:
		text := plain(n)
		w.orient(false)
		size := map[int]float64{1: 17, 2: 14, 3: 12}[n.Level]
		if size == 0 {
			size = 11
		}
		switch {
		case n.Level == 2 && strings.HasPrefix(text, "Appendix ") && w.appendixPage == 0:
			// The appendices start a page, so that the main text's
			// length is a page count; the figures still waiting go
			// before them.
			w.flush()
			f.AddPage()
			w.appendixPage = f.PageNo()
		case n.Level == 2 && text == "References" && w.refPage == 0:
			// The references start a page too: the main text ends on
			// the page before them, and its length is a page count.
			w.flush()
			if !w.atTop() {
				f.AddPage()
			}
		}
		f.Ln(3)
		// Keep a heading with what follows it (see need): never alone
		// at the foot of a page.
		// A new page may open with figures that were waiting: check again.
		for i := 0; i < 3 && w.room() < size*0.5+6+w.follows(n) && !w.atTop(); i++ {
			f.AddPage()
		}
		if n.Level == 2 && text == "References" && w.refPage == 0 {
			w.refPage = f.PageNo()
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
		// No paragraph leaves its first line alone at the foot of a
		// page, and a short one does not leave its last line alone at
		// the top of the next.
		f.SetFont("serif", "", pdfBodySize)
		lines := len(f.SplitText(plain(n), w.width()-indent))
		if fit := int(w.room() / pdfLine); lines > fit && !w.atTop() && (fit <= 1 || (lines-fit == 1 && lines <= 5)) {
			f.AddPage()
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
		// A short table is kept whole with its caption: when it does
		// not fit here but fits a page, it starts the next one.
		f.SetFont("serif", "", pdfBodySize-0.5)
		h := float64(len(f.SplitText(capt, w.width())))*(pdfBodySize-0.5)*0.5 + 2
		first := h
		for i, t := range o.Tables {
			th := w.tableHeight(t, plans[i])
			h += th + 4 + 5*float64(len(t.Notes))
			if i == 0 {
				first += min(th, 30)
			}
		}
		keep := w.room() < first || (w.room() < h && h < w.body()*0.4)
		if len(o.Tables) > 0 && len(plans[0].chunks) > 0 && !keep {
			// The caption stays with the header and the first rows:
			// when the table would turn the page before them, the
			// caption turns with it.
			head, rows := w.rowHeights(o.Tables[0], plans[0], plans[0].chunks[0])
			capH := first - min(w.tableHeight(o.Tables[0], plans[0]), 30)
			if bs := breaks(w.room()-capH-1, w.body(), head, rows); len(bs) > 0 && bs[0] == 0 {
				keep = true
			}
		}
		if keep {
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

// figureSize is how large a figure is set: at most the text width wide
// and, with its caption, at most the page's text height, keeping its
// aspect ratio.
func (w *pdfWriter) figureSize(data []byte, capt string) (wd, ht, captH float64, err error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width == 0 {
		return 0, 0, 0, fmt.Errorf("unreadable")
	}
	f := w.f
	if capt != "" {
		f.SetFont("serif", "", pdfBodySize-0.5)
		captH = float64(len(f.SplitText(strings.ReplaceAll(capt, "**", ""), w.width())))*(pdfBodySize-0.5)*0.5 + 3
	}
	_, ph := f.GetPageSize()
	wd = w.width()
	ht = wd * float64(cfg.Height) / float64(cfg.Width)
	// A figure leaves room for a few lines of text under it: placed at
	// the top of a page while a line is being written, the line goes
	// there.
	if limit := ph - 2*pdfMargin - captH - 4 - figureAir; ht > limit {
		ht, wd = limit, limit*float64(cfg.Width)/float64(cfg.Height)
	}
	return wd, ht, captH, nil
}

// imageNamed places a figure with its caption under it, here if it fits
// and nothing waits before it, otherwise at the top of the next page (the
// text goes on meanwhile, so no page is left half empty).
func (w *pdfWriter) imageNamed(name, capt string) {
	data, ok := w.images[name]
	if !ok {
		w.paragraph("*[missing figure "+name+"]*", pdfBodySize, "")
		return
	}
	_, ht, captH, err := w.figureSize(data, capt)
	if err != nil {
		w.paragraph("*[unreadable figure "+name+"]*", pdfBodySize, "")
		return
	}
	if len(w.pending) == 0 && (w.room() >= ht+captH+2 || w.atTop()) {
		w.drawFigure(pendingFigure{name, capt})
		return
	}
	w.pending = append(w.pending, pendingFigure{name, capt})
}

// figureAir is what a figure placed from the waiting list leaves under
// it, at least: room for the line fpdf was writing when it turned the page.
const figureAir = 16.0

// atTop reports whether nothing has been written on the page yet.
func (w *pdfWriter) atTop() bool { return w.f.GetY() <= pdfMargin+0.5 }

// placePending places the waiting figures that fit, in order.
func (w *pdfWriter) placePending() {
	for len(w.pending) > 0 {
		p := w.pending[0]
		_, ht, captH, err := w.figureSize(w.images[p.name], p.capt)
		if err == nil && w.room() < ht+captH+2+figureAir && !w.atTop() {
			return
		}
		w.pending = w.pending[1:]
		w.drawFigure(p)
		w.f.Ln(2)
	}
}

// flush places every waiting figure, on new pages if it must: before the
// references, the appendices and the end.
func (w *pdfWriter) flush() {
	w.orient(false)
	for len(w.pending) > 0 {
		n := len(w.pending)
		w.placePending()
		if len(w.pending) == n {
			w.f.AddPage() // its header places what fits
		}
	}
}

// drawFigure draws a figure and its caption at the current position.
func (w *pdfWriter) drawFigure(p pendingFigure) {
	f := w.f
	data, cfg, err := w.distinctWidth(w.images[p.name])
	if err != nil || cfg.Width == 0 {
		w.paragraph("*[unreadable figure "+p.name+"]*", pdfBodySize, "")
		return
	}
	f.RegisterImageOptionsReader(p.name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(data))
	wd, ht, _, _ := w.figureSize(data, p.capt)
	l, _, _, _ := f.GetMargins()
	f.ImageOptions(p.name, l+(w.width()-wd)/2, f.GetY(), wd, ht, true, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	f.Ln(2)
	if p.capt != "" {
		w.paragraph(p.capt, pdfBodySize-0.5, "")
	}
}

// inline writes the inline children of n, flowing text with styles. A
// soft line break is a space: the source's line breaks never reach the
// page.
func (w *pdfWriter) inline(n ast.Node, style string, size float64) {
	var runs []run
	w.runs(n, style, size, &runs)
	w.flow(runs, size*0.5)
}

// run is a stretch of inline text in one font, colour and link; image
// and hard break runs stand for those nodes.
type run struct {
	text, family, style, link string
	size                      float64
	blue, hardbreak           bool
	image                     *ast.Image
}

// runs collects the inline children of n as runs.
func (w *pdfWriter) runs(n ast.Node, style string, size float64, out *[]run) {
	for _, c := range n.GetChildren() {
		switch c := c.(type) {
		case *ast.Text:
			*out = append(*out, run{text: strings.ReplaceAll(string(c.Literal), "\n", " "), family: "serif", style: style, size: size})
		case *ast.Code:
			*out = append(*out, run{text: string(c.Literal), family: "mono", size: size - 1.5})
		case *ast.Strong:
			w.runs(c, addStyle(style, "B"), size, out)
		case *ast.Emph:
			w.runs(c, addStyle(style, "I"), size, out)
		case *ast.Link:
			dest, text := string(c.Destination), plain(c)
			if strings.HasPrefix(dest, "#") {
				// A cross-reference ("Table 3") never breaks.
				dest, text = "", strings.ReplaceAll(text, " ", "\u00a0")
			}
			*out = append(*out, run{text: text, family: "serif", style: style, size: size, blue: true, link: dest})
		case *ast.Hardbreak:
			*out = append(*out, run{hardbreak: true})
		case *ast.Softbreak:
			*out = append(*out, run{text: " ", family: "serif", style: style, size: size})
		case *ast.Image:
			*out = append(*out, run{image: c})
		default:
			w.runs(c, style, size, out)
		}
	}
}

// piece is part of a word (or a run of spaces) in one run's font.
type piece struct {
	text string
	r    *run
}

// flow lays runs out word by word. A word may span runs ("(" and a link
// after it): it moves to the next line as a whole when it does not fit
// the rest of this one; a word longer than a whole line (a URL, a path)
// is broken only after a '/', '.', '-', '_', '?', '&', '=' or '#', never
// inside a word. fpdf's own Write breaks a word that starts a call
// mid-line wherever the line ends.
func (w *pdfWriter) flow(runs []run, lh float64) {
	f := w.f
	l, _, r, _ := f.GetMargins()
	pw, _ := f.GetPageSize()
	// fpdf's Write keeps a cell margin from the right margin.
	right := pw - r - 2*f.GetCellMargin()
	font := func(p piece) {
		f.SetFont(p.r.family, p.r.style, p.r.size)
		if p.r.blue {
			f.SetTextColor(20, 60, 160)
		} else {
			f.SetTextColor(0, 0, 0)
		}
	}
	put := func(p piece) {
		font(p)
		if p.r.link != "" {
			f.WriteLinkString(lh, p.text, p.r.link)
		} else {
			f.Write(lh, p.text)
		}
	}
	width := func(ps []piece) float64 {
		sum := 0.0
		for _, p := range ps {
			font(p)
			sum += f.GetStringWidth(p.text)
		}
		return sum
	}
	var word []piece
	emit := func() {
		if len(word) == 0 {
			return
		}
		if f.GetX()+width(word) > right+0.01 && f.GetX() > l+0.01 {
			f.Ln(lh)
		}
		for _, p := range word {
			font(p)
			for f.GetStringWidth(p.text) > right-f.GetX()+0.01 {
				cut := breakAt(p.text, func(s string) bool { return f.GetStringWidth(s) <= right-f.GetX() })
				if cut <= 0 {
					break // no break point: fpdf breaks it
				}
				put(piece{p.text[:cut], p.r})
				f.Ln(lh)
				font(p)
				p.text = p.text[cut:]
			}
			put(p)
		}
		word = nil
	}
	for i := range runs {
		rn := &runs[i]
		switch {
		case rn.hardbreak:
			emit()
			f.Ln(lh)
			continue
		case rn.image != nil:
			emit()
			f.Ln(lh)
			w.image(rn.image)
			continue
		}
		for _, tok := range splitKeep(rn.text) {
			if strings.TrimSpace(tok) != "" {
				word = append(word, piece{tok, rn})
				continue
			}
			emit()
			if f.GetX() > l+0.01 {
				put(piece{tok, rn})
			}
		}
	}
	emit()
	f.SetTextColor(0, 0, 0)
}

// splitKeep splits text into words and the runs of spaces between them.
func splitKeep(text string) []string {
	var out []string
	start := 0
	for i := 1; i <= len(text); i++ {
		if i == len(text) || (text[i] == ' ') != (text[i-1] == ' ') {
			out = append(out, text[start:i])
			start = i
		}
	}
	return out
}

// breakAt is the longest prefix of a word ending after a break character
// that fits (fits reports whether a prefix does); 0 when none does.
func breakAt(word string, fits func(string) bool) int {
	best := 0
	for i := 0; i < len(word)-1; i++ {
		if strings.ContainsRune("/.-_?&=#", rune(word[i])) && fits(word[:i+1]) {
			best = i + 1
		}
	}
	return best
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
				words := strings.Fields(r[i])
				if ri == 0 {
					words = headerWords(r[i]) // a header may break after a hyphen
				}
				for _, wd := range words {
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
	// Columns that fit their natural width within an even share of what
	// is left keep it (a date, a number never wraps for a long text's
	// sake); the others share the rest in proportion to what they would
	// still like, never below their longest word.
	fixed := make([]bool, len(cols))
	left := total
	for changed := true; changed; {
		changed = false
		free := 0
		for j := range cols {
			if !fixed[j] {
				free++
			}
		}
		if free == 0 {
			break
		}
		for j, c := range cols {
			if !fixed[j] && nat[c] <= left/float64(free) {
				fixed[j], out[j], left, changed = true, nat[c], left-nat[c], true
				break
			}
		}
	}
	var restWord, restNat float64
	for j, c := range cols {
		if !fixed[j] {
			restWord += word[c]
			restNat += nat[c]
		}
	}
	if restWord > left {
		// The even shares do not leave the long columns their words:
		// share the whole width as before.
		spare, want := total-sumWord, sumNat-sumWord
		for j, c := range cols {
			out[j] = word[c] + (nat[c]-word[c])*spare/want
		}
		return out, true
	}
	for j, c := range cols {
		if !fixed[j] {
			out[j] = word[c]
			if restNat > restWord {
				out[j] += (nat[c] - word[c]) * (left - restWord) / (restNat - restWord)
			}
		}
	}
	return out, true
}

// body is the height of a page's text area.
func (w *pdfWriter) body() float64 {
	_, ph := w.f.GetPageSize()
	return ph - 2*pdfMargin
}

// rowHeights are the heights of a table's header and rows in one column
// group, as table draws them.
func (w *pdfWriter) rowHeights(t doc.Table, p tablePlan, cols []int) (head float64, rows []float64) {
	f := w.f
	lh := p.size * 0.45
	height := func(r []string, style string) float64 {
		f.SetFont("sans", style, p.size)
		n := 1
		for _, c := range cols {
			v := ""
			if c < len(r) {
				v = r[c]
			}
			n = max(n, len(w.cellLines(v, p.widths[c], style == "B")))
		}
		return float64(n)*lh + 1.5
	}
	head = height(t.Header, "B")
	for _, r := range t.Rows {
		rows = append(rows, height(r, ""))
	}
	return head, rows
}

// headerWords are the pieces a header may break into: at spaces, and
// after a hyphen ("x86-vm-" "thesis").
func headerWords(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		for len(w) > 0 {
			i := strings.Index(w, "-")
			if i < 0 || i == len(w)-1 {
				out = append(out, w)
				break
			}
			out = append(out, w[:i+1])
			w = w[i+1:]
		}
	}
	return out
}

// cellLines are the lines of a cell at a column's width: broken at
// spaces, and for a header after hyphens too.
func (w *pdfWriter) cellLines(v string, width float64, head bool) []string {
	if !head {
		return w.f.SplitText(v, width)
	}
	f := w.f
	avail := width - 2*f.GetCellMargin()
	var lines []string
	cur := ""
	for _, wd := range strings.Fields(v) {
		for i, piece := range headerWords(wd) {
			sep := ""
			if cur != "" && i == 0 {
				sep = " " // a new word; a piece after a hyphen joins its word
			}
			if cur != "" && f.GetStringWidth(cur+sep+piece) > avail {
				lines = append(lines, cur)
				cur, sep = "", ""
			}
			cur += sep + piece
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	if len(lines) == 0 {
		lines = []string{""}
	}
	return lines
}

// tableHeight is the height of a table's first column group.
func (w *pdfWriter) tableHeight(t doc.Table, p tablePlan) float64 {
	if len(p.chunks) == 0 {
		return 0
	}
	head, rows := w.rowHeights(t, p, p.chunks[0])
	h := head + 3
	for _, r := range rows {
		h += r
	}
	return h
}

// breaks are the rows before which a table turns the page, starting from
// room: never leaving a single row behind or carrying a single row over
// (a break before row 0 turns the page before the header).
func breaks(room, body, head float64, rows []float64) []int {
	var out []int
	y := room - head - 1
	for i, h := range rows {
		if h > y {
			out = append(out, i)
			y = body - head - 1
		}
		y -= h
	}
	n := len(rows)
	for k, b := range out {
		start := 0
		if k > 0 {
			start = out[k-1]
		}
		switch {
		case b-start == 1 && k == 0:
			out[k] = 0 // one row under the header: take it along
		case b == n-1 && b-1 > start:
			out[k] = b - 1 // one row alone on the next page: take another
		}
	}
	return out
}

// table draws a table by its plan: each column group in turn, the header
// shaded and repeated after a page break, cells wrapped at spaces, a page
// never breaking off a single row.
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
				lines[j] = w.cellLines(v, p.widths[c], head)
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
			_ = h
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
		headH, rowsH := w.rowHeights(t, p, cols)
		bs := breaks(w.room()-1, w.body(), headH, rowsH)
		if len(bs) > 0 && bs[0] == 0 {
			f.AddPage()
			bs = breaks(w.room()-1, w.body(), headH, rowsH)
		}
		f.Ln(1)
		f.SetDrawColor(110, 110, 110)
		f.Line(l, f.GetY(), l+width, f.GetY())
		drawRow(t.Header, true)
		for i, r := range t.Rows {
			if slices.Contains(bs, i) && i > 0 {
				f.AddPage()
				drawRow(t.Header, true) // the header again on the new page
			}
			drawRow(r, false)
		}
		f.SetDrawColor(110, 110, 110)
		f.Line(l, f.GetY(), l+width, f.GetY())
		f.Ln(2)
	}
}
