package literature

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Figure geometry, in points unless noted.
const (
	figWidth   = 7 * vg.Inch
	figMargin  = 0.12 * vg.Inch
	bandWidth  = 0.3 * vg.Inch
	mainX      = 0.55 * vg.Inch
	mainWidth  = 2.9 * vg.Inch
	sideX      = 3.85 * vg.Inch
	sideWidth  = 3.0 * vg.Inch
	rowGap     = 0.3 * vg.Inch
	boxPad     = 5
	fontSize   = 8.5
	lineFactor = 1.3
	pngDPI     = 150
)

var bandColor = color.RGBA{R: 0xa6, G: 0xc8, B: 0xe6, A: 0xff}

// fig carries the fonts of one drawing. Fonts come from gonum/plot's bundled
// Liberation collection in a private cache, so no system font is read.
type fig struct {
	regular, bold text.Style
}

func newFig() fig {
	cache := font.NewCache(liberation.Collection())
	hdlr := text.Plain{Fonts: cache}
	reg := text.Style{Color: color.Black, Font: font.Font{Typeface: "Liberation", Variant: "Sans", Size: fontSize}, Handler: hdlr,
		XAlign: text.XLeft, YAlign: text.YTop}
	bold := reg
	bold.Font.Weight = xfont.WeightBold
	return fig{regular: reg, bold: bold}
}

// box is a flow-diagram box: a bold heading line and regular detail lines.
type box struct {
	head    string
	details []string
}

// wrap breaks s into lines no wider than w in style sty.
func wrap(sty text.Style, s string, w vg.Length) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(s) {
		try := word
		if cur != "" {
			try = cur + " " + word
		}
		if cur != "" && sty.Width(try) > w {
			lines = append(lines, cur)
			cur = word
			continue
		}
		cur = try
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

type laidBox struct {
	lines []string
	nBold int // leading lines set in bold
}

func (g fig) layout(b box, w vg.Length) laidBox {
	inner := w - 2*boxPad
	lb := laidBox{lines: wrap(g.bold, b.head, inner)}
	lb.nBold = len(lb.lines)
	for _, d := range b.details {
		lb.lines = append(lb.lines, wrap(g.regular, d, inner-8)...)
	}
	return lb
}

func (lb laidBox) height() vg.Length {
	return vg.Length(len(lb.lines))*fontSize*lineFactor + 2*boxPad
}

// flowRows turns a flow into the diagram's rows: a main box, an optional
// side box, and the phase the row belongs to.
func flowRows(f Flow) (mains, sides []box, phases []string) {
	n := func(label string, v int) string { return fmt.Sprintf("%s (n = %d)", label, v) }
	list := func(cs []NamedCount) []string {
		out := make([]string, len(cs))
		for i, c := range cs {
			out[i] = n(c.Name, c.N)
		}
		return out
	}
	dup := box{head: "Records removed before screening:", details: []string{n("Duplicate records", f.Duplicates)}}
	if f.DuplicatesNote != "" {
		dup.details = append(dup.details, "("+f.DuplicatesNote+")")
	}
	mains = []box{
		{head: n("Records identified from databases", f.Identified), details: list(f.PerDatabase)},
		{head: n("Records screened", f.Screened)},
		{head: n("Reports sought for retrieval", f.Sought)},
		{head: n("Reports assessed for eligibility", f.Assessed)},
		{head: n("Studies included in review", f.Included), details: []string{n("Reports of included studies", f.IncludedReports)}},
	}
	sides = []box{
		dup,
		{head: n("Records excluded", f.ScreenExcluded), details: list(f.ScreenSteps)},
		{head: n("Reports not retrieved", f.NotRetrieved)},
		{head: n("Reports excluded", f.ExcludedTotal()), details: list(f.Excluded)},
		{},
	}
	phases = []string{"Identification", "Screening", "Screening", "Screening", "Included"}
	return mains, sides, phases
}

// DrawPRISMA draws the PRISMA 2020 flow diagram of f and writes it as SVG
// to svgPath and as PNG to pngPath (either may be empty to skip it). The
// same flow always gives a byte-identical SVG.
func DrawPRISMA(f Flow, svgPath, pngPath string) error {
	g := newFig()
	mains, sides, phases := flowRows(f)
	type row struct {
		main, side laidBox
		y, h       vg.Length // top (from the top edge) and height
	}
	rows := make([]row, len(mains))
	title := fmt.Sprintf("Identification of studies via databases (review %s)", f.Review)
	for i := range mains {
		rows[i].main = g.layout(mains[i], mainWidth)
		if sides[i].head != "" {
			rows[i].side = g.layout(sides[i], sideWidth)
		}
		rows[i].h = max(rows[i].main.height(), rows[i].side.height())
	}
	// A phase's rows must be tall enough for its rotated label.
	for i, j := 0, 0; i < len(rows); i = j + 1 {
		for j = i; j+1 < len(rows) && phases[j+1] == phases[i]; j++ {
		}
		span := vg.Length(j-i) * rowGap
		for k := i; k <= j; k++ {
			span += rows[k].h
		}
		if need := g.bold.Width(phases[i]) + 2*boxPad; span < need {
			rows[j].h += need - span
		}
	}
	y := figMargin + fontSize*lineFactor*2
	for i := range rows {
		rows[i].y = y
		y += rows[i].h + rowGap
	}
	height := y - rowGap + figMargin
	render := func(c vg.CanvasSizer) {
		dc := draw.New(c)
		top := func(y vg.Length) vg.Length { return height - y } // top-down → canvas y
		dc.FillPolygon(color.White, rect(0, 0, figWidth, height))
		dc.FillText(g.bold, vg.Point{X: mainX, Y: top(figMargin)}, title)
		line := draw.LineStyle{Color: color.Black, Width: vg.Points(0.8)}
		// Phase bands span the rows of each phase.
		for i := 0; i < len(rows); {
			j := i
			for j+1 < len(rows) && phases[j+1] == phases[i] {
				j++
			}
			y0, y1 := rows[i].y, rows[j].y+rows[j].h
			dc.FillPolygon(bandColor, rect(figMargin, top(y1), figMargin+bandWidth, top(y0)))
			sty := g.bold
			sty.Rotation = math.Pi / 2
			sty.XAlign, sty.YAlign = text.XCenter, text.YCenter
			dc.FillText(sty, vg.Point{X: figMargin + bandWidth/2, Y: top((y0 + y1) / 2)}, phases[i])
			i = j + 1
		}
		for i, r := range rows {
			g.drawBox(dc, line, r.main, mainX, top(r.y), mainWidth, r.h)
			if len(r.side.lines) > 0 {
				g.drawBox(dc, line, r.side, sideX, top(r.y), sideWidth, r.h)
				mid := top(r.y + r.h/2)
				arrow(dc, line, vg.Point{X: mainX + mainWidth, Y: mid}, vg.Point{X: sideX, Y: mid})
			}
			if i+1 < len(rows) {
				x := mainX + mainWidth/2
				arrow(dc, line, vg.Point{X: x, Y: top(r.y + r.h)}, vg.Point{X: x, Y: top(rows[i+1].y)})
			}
		}
	}
	if svgPath != "" {
		c := vgsvg.New(figWidth, height)
		render(c)
		if err := writeTo(svgPath, c); err != nil {
			return err
		}
	}
	if pngPath != "" {
		c := vgimg.NewWith(vgimg.UseWH(figWidth, height), vgimg.UseDPI(pngDPI))
		render(c)
		if err := writeTo(pngPath, vgimg.PngCanvas{Canvas: c}); err != nil {
			return err
		}
	}
	return nil
}

func (g fig) drawBox(dc draw.Canvas, line draw.LineStyle, lb laidBox, x, top vg.Length, w, h vg.Length) {
	dc.StrokeLines(line, rect(x, top-h, x+w, top))
	y := top - boxPad
	for i, l := range lb.lines {
		sty, indent := g.regular, vg.Length(8)
		if i < lb.nBold {
			sty, indent = g.bold, 0
		}
		dc.FillText(sty, vg.Point{X: x + boxPad + indent, Y: y}, l)
		y -= fontSize * lineFactor
	}
}

// rect returns the closed outline of a rectangle.
func rect(x0, y0, x1, y1 vg.Length) []vg.Point {
	return []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}, {X: x0, Y: y0}}
}

// arrow draws a straight line from a to b with a filled head at b.
func arrow(dc draw.Canvas, line draw.LineStyle, a, b vg.Point) {
	const size = 5
	dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	ux, uy := vg.Length(dx/l), vg.Length(dy/l)
	base := vg.Point{X: b.X - ux*size, Y: b.Y - uy*size}
	dc.StrokeLines(line, []vg.Point{a, base})
	dc.FillPolygon(line.Color, []vg.Point{
		b,
		{X: base.X - uy*size/2, Y: base.Y + ux*size/2},
		{X: base.X + uy*size/2, Y: base.Y - ux*size/2},
	})
}

func writeTo(path string, w io.WriterTo) error {
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		return fmt.Errorf("render %s: %w", path, err)
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// FigureStem is the file name stem of a review's flow diagram: the
// protocol's meta,figure value, or "prisma-<id>".
func (r *Review) FigureStem() string {
	if r.Protocol.Figure != "" {
		return r.Protocol.Figure
	}
	return "prisma-" + r.ID
}

// WriteFigures writes the review's flow diagram to dir as <stem>.svg and
// <stem>.png, with the plotted numbers beside them as <stem>.csv in the
// PRISMA2020 package's format. It returns the paths written.
func (r *Review) WriteFigures(dir string) ([]string, error) {
	f, err := r.Flow()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	stem := filepath.Join(dir, r.FigureStem())
	var csv bytes.Buffer
	if err := WritePrismaCSV(&csv, f.Rows()); err != nil {
		return nil, err
	}
	if err := os.WriteFile(stem+".csv", csv.Bytes(), 0o644); err != nil {
		return nil, err
	}
	if err := DrawPRISMA(f, stem+".svg", stem+".png"); err != nil {
		return nil, err
	}
	return []string{stem + ".svg", stem + ".png", stem + ".csv"}, nil
}
