package figures

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/edgewasm/edgewasm/dataset"
)

// Figure is one rendered figure: its identity, the table of the numbers it
// plots and, once saved, the paths of its files.
type Figure struct {
	ID      string // file stem, e.g. "fig-5-1"
	Title   string
	Caption string
	Table   Table
	// Paths of the saved files; empty until Save.
	SVG, PNG, CSV string

	panels        [][]*plot.Plot // rows × columns, every cell non-nil
	legend        []string       // platforms in the legend rows
	lines         bool           // the legend shows line samples, not markers
	width, height vg.Length
	// custom draws a figure that is not a grid of panels (the claim
	// map) on the canvas below the title.
	custom func(draw.Canvas)
}

// Table is the data behind a figure: a header and rows of formatted cells,
// written as CSV.
type Table struct {
	Header []string
	Rows   [][]string
}

// WriteCSV writes the table as CSV, header first.
func (t Table) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Header); err != nil {
		return err
	}
	if err := cw.WriteAll(t.Rows); err != nil {
		return err
	}
	return cw.Error()
}

// Options tune the drawing (the statistics are the model's).
type Options struct {
	// DPI of the PNG files.
	DPI int `json:"dpi"`
}

// DefaultOptions are 144-DPI PNGs.
func DefaultOptions() Options { return Options{DPI: 144} }

// Validate checks the options.
func (o Options) Validate() error {
	if o.DPI < 36 || o.DPI > 1200 {
		return fmt.Errorf("figures: dpi %d, expected 36..1200", o.DPI)
	}
	return nil
}

// Widen adds px pixel columns (at dpi) to the figure's width. The paper
// gives each figure its own pixel width this way, because its PDF writer
// orders images by width and would otherwise order equal widths at random.
func (f *Figure) Widen(px, dpi int) {
	f.width += vg.Length(px) * vg.Inch / vg.Length(dpi)
}

// Save writes ID.svg, ID.png (at dpi) and ID.csv into dir and records
// their paths in the figure.
func (f *Figure) Save(dir string, dpi int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var csvBuf, svgBuf, pngBuf bytes.Buffer
	if err := f.Table.WriteCSV(&csvBuf); err != nil {
		return fmt.Errorf("%s: csv: %w", f.ID, err)
	}
	if err := f.Render(&svgBuf, "svg", dpi); err != nil {
		return err
	}
	if err := f.Render(&pngBuf, "png", dpi); err != nil {
		return err
	}
	paths := map[string]*string{"csv": &f.CSV, "svg": &f.SVG, "png": &f.PNG}
	for _, out := range []struct {
		ext string
		b   []byte
	}{{"csv", csvBuf.Bytes()}, {"svg", svgBuf.Bytes()}, {"png", pngBuf.Bytes()}} {
		path := filepath.Join(dir, f.ID+"."+out.ext)
		if err := os.WriteFile(path, out.b, 0o644); err != nil {
			return err
		}
		*paths[out.ext] = path
	}
	return nil
}

// Render draws the figure as "svg" or "png" (at dpi) to w.
func (f *Figure) Render(w io.Writer, format string, dpi int) error {
	switch format {
	case "svg":
		// Fonts are referenced by name, not embedded: smaller files,
		// and nothing in them depends on time or randomness.
		c := vgsvg.New(f.width, f.height)
		f.draw(draw.New(c))
		if _, err := c.WriteTo(w); err != nil {
			return fmt.Errorf("%s.svg: %w", f.ID, err)
		}
	case "png":
		c := vgimg.NewWith(vgimg.UseWH(f.width, f.height), vgimg.UseDPI(dpi))
		f.draw(draw.New(c))
		// Fast compression: drawing and encoding the figures is most of
		// a cold render, and the files are only a little larger.
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		if err := enc.Encode(w, c.Image()); err != nil {
			return fmt.Errorf("%s.png: %w", f.ID, err)
		}
	default:
		return fmt.Errorf("%s: unknown format %q (want svg or png)", f.ID, format)
	}
	return nil
}

const (
	titleH  = vg.Length(22)
	legendH = vg.Length(18)
	// fullWidth is a figure as wide as the paper's text column, so that
	// its 8-point labels print at about 8 points.
	fullWidth = 6.5 * vg.Inch
)

// draw lays out the title, the legend rows and the panel grid, or hands
// the canvas below the title to the figure's own drawing.
func (f *Figure) draw(dc draw.Canvas) {
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	top := dc.Max.Y
	dc.FillText(textStyle(11, draw.XCenter, draw.YTop), vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: top - 4}, f.Title)
	top -= titleH
	if f.custom != nil {
		f.custom(draw.Crop(dc, 4, -4, 4, top-dc.Max.Y))
		return
	}
	for _, row := range legendRows(dc.Max.X-dc.Min.X-8, f.legend) {
		f.drawLegend(dc, top-legendH/2, row)
		top -= legendH
	}
	body := draw.Crop(dc, 4, -8, 4, top-dc.Max.Y)
	tiles := draw.Tiles{Rows: len(f.panels), Cols: len(f.panels[0]), PadX: 14, PadY: 14, PadTop: 2}
	canvases := plot.Align(f.panels, tiles, body)
	for i, row := range f.panels {
		for j, p := range row {
			p.Draw(canvases[i][j])
		}
	}
}

// setHeight makes the figure as high as its body plus the title and as
// many legend rows as its legend needs at its width.
func (f *Figure) setHeight(body vg.Length) {
	f.height = body + titleH + vg.Length(len(legendRows(f.width-8, f.legend)))*legendH
}

// legend metrics: the text style, the marker and the gap between entries.
var legendStyle = textStyle(9, draw.XLeft, draw.YCenter)

const legendSwatch, legendGap = vg.Length(9), vg.Length(14)

func legendEntry(p string) vg.Length { return legendSwatch + 4 + legendStyle.Width(p) }

// legendRows breaks the legend into rows that each fit width, so that no
// entry is ever cut at the figure's edge.
func legendRows(width vg.Length, platforms []string) [][]string {
	var rows [][]string
	var cur []string
	used := vg.Length(0)
	for _, p := range platforms {
		w := legendEntry(p)
		if len(cur) > 0 && used+legendGap+w > width {
			rows, cur, used = append(rows, cur), nil, 0
		}
		if len(cur) > 0 {
			used += legendGap
		}
		cur, used = append(cur, p), used+w
	}
	if len(cur) > 0 {
		rows = append(rows, cur)
	}
	return rows
}

// drawLegend draws one row of platform markers (or line samples, for a
// figure of curves) centred at y.
func (f *Figure) drawLegend(dc draw.Canvas, y vg.Length, platforms []string) {
	total := -legendGap
	for _, p := range platforms {
		total += legendEntry(p) + legendGap
	}
	x := (dc.Min.X+dc.Max.X)/2 - total/2
	for _, p := range platforms {
		if f.lines {
			dc.StrokeLine2(lineStyle(p, 1.6), x-6, y, x+legendSwatch, y)
		} else {
			g := glyph(p)
			g.Radius = legendSwatch / 2
			dc.DrawGlyph(g, vg.Point{X: x + legendSwatch/2, Y: y})
		}
		dc.FillText(legendStyle, vg.Point{X: x + legendSwatch + 4, Y: y}, p)
		x += legendEntry(p) + legendGap
	}
}

// langName is a guest language as the paper writes it.
func langName(l string) string {
	switch l {
	case dataset.LangC:
		return "C"
	case dataset.LangGo:
		return "Go"
	}
	return l
}

// textStyle is the plain-text style used for every label we draw.
func textStyle(size vg.Length, xa text.XAlignment, ya text.YAlignment) text.Style {
	return text.Style{
		Color: color.Black, Font: font.From(plot.DefaultFont, size),
		XAlign: xa, YAlign: ya, Handler: plot.DefaultTextHandler,
	}
}

// newPanel is a plot with the house style: small fonts.
func newPanel(title, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = 9
	p.Y.Label.Text = ylabel
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font.Size = 8
		a.Tick.Label.Font.Size = 8
	}
	return p
}

// palette is Okabe & Ito's (2008), which stays distinct for the common
// colour-vision deficiencies; grey marks the baseline.
var palette = []color.RGBA{
	{0x99, 0x99, 0x99, 0xff}, // grey
	{0x00, 0x72, 0xb2, 0xff}, // blue
	{0xe6, 0x9f, 0x00, 0xff}, // orange
	{0xd5, 0x5e, 0x00, 0xff}, // vermillion
	{0xcc, 0x79, 0xa7, 0xff}, // reddish purple
	{0x00, 0x9e, 0x73, 0xff}, // bluish green
	{0x56, 0xb4, 0xe9, 0xff}, // sky blue
	{0xf0, 0xe4, 0x42, 0xff}, // yellow
	{0x00, 0x00, 0x00, 0xff}, // black
}

// shapes pair with the colours, so that a figure printed in grey still
// tells the platforms apart.
var shapes = []draw.GlyphDrawer{
	draw.CircleGlyph{}, draw.BoxGlyph{}, draw.PyramidGlyph{}, draw.CircleGlyph{}, draw.BoxGlyph{},
	draw.PyramidGlyph{}, draw.CircleGlyph{}, draw.BoxGlyph{}, draw.PyramidGlyph{},
}

// style returns a platform's index into palette and shapes: its place in
// dataset.Platforms, so a platform looks the same in every figure; an
// unknown platform gets a slot derived from its name.
func style(p string) int {
	if i := slices.Index(dataset.PlatformNames(), p); i >= 0 {
		return i % len(palette)
	}
	h := 0
	for _, b := range []byte(p) {
		h = h*31 + int(b)
	}
	return (h%len(palette) + len(palette)) % len(palette)
}

func platformColor(p string) color.Color { return palette[style(p)] }

// dashPatterns cycle with a platform's place, so that neighbouring
// platforms (wazero and wazero-cold, whose curves may coincide) differ in
// pattern as well as colour: a curve under another still shows.
var dashPatterns = [][]vg.Length{nil, {vg.Points(5), vg.Points(2.5)}, {vg.Points(1.5), vg.Points(1.5)}}

// lineStyle is a platform's curve: its colour and dash pattern.
func lineStyle(p string, width float64) draw.LineStyle {
	return draw.LineStyle{Color: platformColor(p), Width: vg.Points(width), Dashes: dashPatterns[style(p)%len(dashPatterns)]}
}

func glyph(p string) draw.GlyphStyle {
	return draw.GlyphStyle{Color: platformColor(p), Radius: vg.Points(2.6), Shape: shapes[style(p)]}
}

// num formats a number for a CSV cell: six significant digits (so that
// last-bit differences between CPU architectures, e.g. fused multiply-add,
// do not change the file), the empty string for NaN.
func num(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 6, 64), 64)
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// short formats a number for a label in a figure: three significant
// digits, without an exponent.
func short(v float64) string {
	if math.Abs(v) >= 100 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 3, 64), 64)
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// duration formats seconds for a label: ms below one second.
func duration(t float64) string {
	if t < 1 {
		return short(t*1000) + " ms"
	}
	return short(t) + " s"
}

// logTicks labels a logarithmic axis between min and max with round
// values: 1-1.5-2-3-5-7 per decade when the axis spans at most one decade,
// 1-2-5 up to two, 1-3 up to three, powers of ten beyond; suffix is appended to each
// label (e.g. "×"); sparse labels powers of ten only, for short axes with
// long labels. Every figure uses it, so their axes read alike.
type logTicks struct {
	suffix string
	sparse bool
}

// Ticks implements plot.Ticker.
func (t logTicks) Ticks(min, max float64) []plot.Tick {
	if !(min > 0) || !(max > min) {
		return nil
	}
	span := math.Log10(max / min)
	steps := []float64{1}
	switch {
	case span <= 1.05:
		steps = []float64{1, 1.5, 2, 3, 5, 7}
	case span <= 2.05:
		steps = []float64{1, 2, 5}
	case span <= 3.05:
		steps = []float64{1, 3}
	}
	if t.sparse {
		steps = []float64{1}
	}
	var ticks []plot.Tick
	for e := math.Floor(math.Log10(min)) - 1; e <= math.Ceil(math.Log10(max)); e++ {
		for d := 1; d <= 9; d++ {
			v := float64(d) * math.Pow(10, e)
			if v < min*0.999 || v > max*1.001 {
				continue
			}
			label := ""
			if slices.Contains(steps, float64(d)) {
				label = short(v) + t.suffix
			}
			ticks = append(ticks, plot.Tick{Value: v, Label: label})
		}
		for _, s := range steps {
			if s != math.Trunc(s) {
				if v := s * math.Pow(10, e); v >= min*0.999 && v <= max*1.001 {
					ticks = append(ticks, plot.Tick{Value: v, Label: short(v) + t.suffix})
				}
			}
		}
	}
	slices.SortFunc(ticks, func(a, b plot.Tick) int {
		if a.Value < b.Value {
			return -1
		} else if a.Value > b.Value {
			return 1
		}
		return strings.Compare(b.Label, a.Label)
	})
	return slices.CompactFunc(ticks, func(a, b plot.Tick) bool { return a.Value == b.Value })
}

// padLog widens [lo, hi] by a fraction of its logarithmic span on either
// side (top: room for labels).
func padLog(lo, hi, below, above float64) (float64, float64) {
	if !(lo > 0) || !(hi >= lo) {
		return 0.5, 2
	}
	if hi == lo {
		lo, hi = lo/1.5, hi*1.5
	}
	s := math.Log10(hi / lo)
	return lo / math.Pow(10, s*below), hi * math.Pow(10, s*above)
}
