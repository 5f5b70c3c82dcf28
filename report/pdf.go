package report

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"strings"

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
)

// PDF layout, millimetres and points.
const (
	pdfMargin   = 20.0
	pdfBodySize = 10.5
	pdfLine     = 5.2
	pdfCodeSize = 7.5
	pdfTabSize  = 8.0
)

// PDF renders the document with fpdf and the Liberation fonts, parsing the
// same Markdown the other formats use. The creation and modification dates
// are the datasets' timestamp and the catalogs are sorted, so the bytes
// depend only on the document.
func (d *Document) PDF() ([]byte, error) {
	images := map[string][]byte{}
	for _, b := range d.Blocks {
		if b.Out != nil {
			for _, f := range b.Out.Figures {
				images["figures/"+f.Name] = f.PNG
			}
		}
	}
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCreationDate(d.Time)
	f.SetModificationDate(d.Time)
	f.SetCatalogSort(true)
	f.SetCompression(true)
	f.SetTitle(d.Title, true)
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
	w := &pdfWriter{f: f, images: images}
	doc := parser.NewWithExtensions(mdExtensions).Parse([]byte(d.Markdown(targetPDF)))
	for _, n := range doc.GetChildren() {
		w.block(n, 0)
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

type pdfWriter struct {
	f      *fpdf.Fpdf
	images map[string][]byte
	widths map[int]bool // pixel widths of the images placed so far
}

func (w *pdfWriter) width() float64 {
	pw, _ := w.f.GetPageSize()
	l, _, r, _ := w.f.GetMargins()
	return pw - l - r
}

// block renders a block node; indent is the list nesting in mm.
func (w *pdfWriter) block(n ast.Node, indent float64) {
	f := w.f
	l, _, _, _ := f.GetMargins()
	switch n := n.(type) {
	case *ast.Heading:
		size := map[int]float64{1: 18, 2: 14, 3: 12}[n.Level]
		if size == 0 {
			size = 11
		}
		f.Ln(3)
		_, ph := f.GetPageSize()
		if f.GetY() > ph-pdfMargin-30 {
			f.AddPage()
		}
		text := plain(n)
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
		w.inline(n, "")
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
					w.inline(p, "")
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
		f.SetX(l + indent)
		f.MultiCell(0, pdfCodeSize*0.45, strings.Join(out, "\n"), "", "L", true)
		f.Ln(2)
	case *ast.Table:
		w.table(n)
	case *ast.BlockQuote:
		for _, c := range n.Children {
			w.block(c, indent+6)
		}
	case *ast.HorizontalRule:
		y := f.GetY() + 2
		f.Line(l, y, l+w.width(), y)
		f.Ln(5)
	}
	// HTML blocks (anchors) have no PDF form.
}

func onlyImage(p *ast.Paragraph) (*ast.Image, bool) {
	if len(p.Children) != 1 {
		return nil, false
	}
	img, ok := p.Children[0].(*ast.Image)
	return img, ok
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

// image places a figure at most the text width wide and 60 % of the page
// high, keeping its aspect ratio.
func (w *pdfWriter) image(img *ast.Image) {
	f := w.f
	name := string(img.Destination)
	data, ok := w.images[name]
	if !ok {
		f.SetFont("serif", "I", pdfBodySize)
		f.MultiCell(0, pdfLine, "[missing figure "+name+"]", "", "L", false)
		return
	}
	data, cfg, err := w.distinctWidth(data)
	if err != nil || cfg.Width == 0 {
		f.SetFont("serif", "I", pdfBodySize)
		f.MultiCell(0, pdfLine, "[unreadable figure "+name+"]", "", "L", false)
		return
	}
	f.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(data))
	_, ph := f.GetPageSize()
	wd := w.width()
	ht := wd * float64(cfg.Height) / float64(cfg.Width)
	if limit := (ph - 2*pdfMargin) * 0.6; ht > limit {
		ht, wd = limit, limit*float64(cfg.Width)/float64(cfg.Height)
	}
	if f.GetY()+ht > ph-pdfMargin {
		f.AddPage()
	}
	l, _, _, _ := f.GetMargins()
	f.ImageOptions(name, l+(w.width()-wd)/2, f.GetY(), wd, ht, true, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	f.Ln(2)
}

// inline writes the inline children of n, flowing text with styles.
func (w *pdfWriter) inline(n ast.Node, style string) {
	f := w.f
	for _, c := range n.GetChildren() {
		switch c := c.(type) {
		case *ast.Text:
			f.SetFont("serif", style, pdfBodySize)
			f.Write(pdfLine, string(c.Literal))
		case *ast.Code:
			f.SetFont("mono", "", pdfBodySize-1.5)
			f.Write(pdfLine, string(c.Literal))
		case *ast.Strong:
			w.inline(c, addStyle(style, "B"))
		case *ast.Emph:
			w.inline(c, addStyle(style, "I"))
		case *ast.Link:
			f.SetFont("serif", style, pdfBodySize)
			dest := string(c.Destination)
			f.SetTextColor(20, 60, 160)
			if strings.HasPrefix(dest, "#") {
				f.Write(pdfLine, plain(c))
			} else {
				f.WriteLinkString(pdfLine, plain(c), dest)
			}
			f.SetTextColor(0, 0, 0)
		case *ast.Hardbreak:
			f.Ln(pdfLine)
		case *ast.Image:
			f.Ln(pdfLine)
			w.image(c)
		default:
			w.inline(c, style)
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

// table draws a grid: column widths follow the content, shrinking long
// columns first; cells wrap; the header repeats after a page break.
func (w *pdfWriter) table(t *ast.Table) {
	f := w.f
	var rows [][]string
	var header []bool
	var right []bool
	ast.WalkFunc(t, func(c ast.Node, entering bool) ast.WalkStatus {
		if !entering {
			return ast.GoToNext
		}
		if r, ok := c.(*ast.TableRow); ok {
			var row []string
			isHeader := false
			for i, cc := range r.Children {
				cell := cc.(*ast.TableCell)
				isHeader = cell.IsHeader
				row = append(row, plain(cell))
				if len(right) <= i {
					right = append(right, cell.Align == ast.TableAlignmentRight)
				}
			}
			rows = append(rows, row)
			header = append(header, isHeader)
			return ast.SkipChildren
		}
		return ast.GoToNext
	})
	if len(rows) == 0 {
		return
	}
	ncol := len(rows[0])
	f.SetFont("sans", "", pdfTabSize)
	nat, word := make([]float64, ncol), make([]float64, ncol)
	for _, r := range rows {
		for i := 0; i < ncol && i < len(r); i++ {
			nat[i] = max(nat[i], f.GetStringWidth(r[i])+3)
			for _, wd := range strings.Fields(r[i]) {
				word[i] = max(word[i], f.GetStringWidth(wd)+3)
			}
		}
	}
	widths := fitWidths(nat, word, w.width())
	lh := pdfTabSize * 0.45
	l, _, _, _ := f.GetMargins()
	_, ph := f.GetPageSize()
	drawRow := func(r []string, bold bool) {
		style := ""
		if bold {
			style = "B"
		}
		f.SetFont("sans", style, pdfTabSize)
		cells := make([][]string, ncol)
		n := 1
		for i := 0; i < ncol; i++ {
			v := ""
			if i < len(r) {
				v = r[i]
			}
			cells[i] = f.SplitText(v, widths[i]-2)
			n = max(n, len(cells[i]))
		}
		h := float64(n)*lh + 1.5
		if f.GetY()+h > ph-pdfMargin {
			f.AddPage()
		}
		y, x := f.GetY(), l
		if bold {
			f.SetFillColor(238, 238, 238)
			f.Rect(l, y, sum(widths), h, "F")
		}
		for i := 0; i < ncol; i++ {
			align := "L"
			if i < len(right) && right[i] && !bold {
				align = "R"
			}
			f.SetXY(x, y+0.75)
			f.MultiCell(widths[i], lh, strings.Join(cells[i], "\n"), "", align, false)
			x += widths[i]
		}
		f.SetDrawColor(180, 180, 180)
		f.Line(l, y+h, l+sum(widths), y+h)
		f.SetXY(l, y+h)
	}
	f.Ln(1)
	f.SetDrawColor(120, 120, 120)
	f.Line(l, f.GetY(), l+sum(widths), f.GetY())
	var head []string
	for i, r := range rows {
		if header[i] {
			head = r
		}
		if f.GetY()+lh*2 > ph-pdfMargin && head != nil && !header[i] {
			f.AddPage()
			drawRow(head, true)
		}
		drawRow(r, header[i])
	}
	f.Ln(3)
}

// fitWidths scales the natural column widths into total: columns narrower
// than a fair share keep their width, the rest share what is left, and no
// column gets narrower than its longest word while others can give way.
func fitWidths(nat, word []float64, total float64) []float64 {
	out := append([]float64(nil), nat...)
	if sum(nat) <= total {
		return out
	}
	out = shrink(nat, total)
	for range 3 {
		short, spare := 0.0, 0.0
		for i := range out {
			if out[i] < word[i] {
				short += word[i] - out[i]
			} else {
				spare += out[i] - word[i]
			}
		}
		if short == 0 || spare < short {
			return out
		}
		for i := range out {
			if out[i] < word[i] {
				out[i] = word[i]
			} else {
				out[i] -= (out[i] - word[i]) * short / spare
			}
		}
	}
	return out
}

func shrink(nat []float64, total float64) []float64 {
	out := append([]float64(nil), nat...)
	fixed, free := 0.0, 0
	share := total / float64(len(nat))
	for _, v := range nat {
		if v <= share {
			fixed += v
		} else {
			free++
		}
	}
	var wide float64
	for _, v := range nat {
		if v > share {
			wide += v
		}
	}
	for i, v := range nat {
		if v > share {
			out[i] = (total - fixed) * v / wide
		}
	}
	return out
}

func sum(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v
	}
	return s
}
