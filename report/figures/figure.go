package figures

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/edgewasm/edgewasm/experiments/dataset"
	"github.com/edgewasm/edgewasm/report/stats"
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
	legend        []string       // platforms in the legend strip
	width, height vg.Length
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

// Options tune the figures. The zero value is not valid; start from
// DefaultOptions.
type Options struct {
	// Bootstrap configures every confidence interval.
	Bootstrap stats.BootstrapConfig `json:"bootstrap"`
	// Labels name the datasets in panel titles and CSV rows, one per
	// dataset; empty means derived from each dataset's directory name.
	Labels []string `json:"labels,omitempty"`
	// DPI of the PNG files.
	DPI int `json:"dpi"`
}

// DefaultOptions are 2000 bootstrap resamples for 95 % intervals with seed
// 1, labels from directory names, and 144-DPI PNGs.
func DefaultOptions() Options {
	return Options{Bootstrap: stats.DefaultBootstrap, DPI: 144}
}

// Validate checks the options.
func (o Options) Validate() error {
	if err := o.Bootstrap.Validate(); err != nil {
		return err
	}
	if o.DPI < 36 || o.DPI > 1200 {
		return fmt.Errorf("figures: dpi %d, expected 36..1200", o.DPI)
	}
	return nil
}

// Producer makes one figure from datasets.
type Producer func(ds []*dataset.Dataset, o Options) (*Figure, error)

// Producers lists every figure's producer in paper order.
var Producers = []Producer{Fig51, Fig52, Fig53, Fig54, FigStartupDist, FigBreakEven}

// IDs are the figure IDs, in the order of Producers.
var IDs = []string{"fig-5-1", "fig-5-2", "fig-5-3", "fig-5-4", "fig-startup-dist", "fig-break-even"}

// ByID returns the producer of the figure with the given ID.
func ByID(id string) (Producer, bool) {
	for i, fid := range IDs {
		if fid == id {
			return Producers[i], true
		}
	}
	return nil, false
}

// All draws every figure from ds with DefaultOptions and saves them in
// outDir (created if needed).
func All(ds []*dataset.Dataset, outDir string) ([]*Figure, error) {
	return AllWith(ds, outDir, DefaultOptions())
}

// AllWith is All with explicit options.
func AllWith(ds []*dataset.Dataset, outDir string, o Options) ([]*Figure, error) {
	var figs []*Figure
	for _, p := range Producers {
		f, err := p(ds, o)
		if err != nil {
			return nil, err
		}
		if err := f.Save(outDir, o.DPI); err != nil {
			return nil, err
		}
		figs = append(figs, f)
	}
	return figs, nil
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
	var c vg.CanvasWriterTo
	switch format {
	case "svg":
		// Fonts are referenced by name, not embedded: smaller files,
		// and nothing in them depends on time or randomness.
		c = vgsvg.New(f.width, f.height)
	case "png":
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(f.width, f.height), vgimg.UseDPI(dpi))}
	default:
		return fmt.Errorf("%s: unknown format %q (want svg or png)", f.ID, format)
	}
	f.draw(draw.New(c))
	if _, err := c.WriteTo(w); err != nil {
		return fmt.Errorf("%s.%s: %w", f.ID, format, err)
	}
	return nil
}

const (
	titleH  = vg.Length(22)
	legendH = vg.Length(18)
)

// draw lays out the title, the legend strip and the panel grid.
func (f *Figure) draw(dc draw.Canvas) {
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	top := dc.Max.Y
	dc.FillText(textStyle(12, draw.XCenter, draw.YTop), vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: top - 4}, f.Title)
	top -= titleH
	if len(f.legend) > 0 {
		drawLegend(dc, top-legendH/2, f.legend)
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

// drawLegend draws one horizontal row of platform swatches centred at y.
func drawLegend(dc draw.Canvas, y vg.Length, platforms []string) {
	sty := textStyle(10, draw.XLeft, draw.YCenter)
	const sw, gap = vg.Length(9), vg.Length(16)
	total := vg.Length(0)
	for _, p := range platforms {
		total += sw + 4 + sty.Width(p) + gap
	}
	x := (dc.Min.X+dc.Max.X)/2 - (total-gap)/2
	for _, p := range platforms {
		r := vg.Rectangle{Min: vg.Point{X: x, Y: y - sw/2}, Max: vg.Point{X: x + sw, Y: y + sw/2}}
		dc.SetColor(platformColor(p))
		dc.Fill(r.Path())
		dc.FillText(sty, vg.Point{X: x + sw + 4, Y: y}, p)
		x += sw + 4 + sty.Width(p) + gap
	}
}

// textStyle is the plain-text style used for every label we draw.
func textStyle(size vg.Length, xa text.XAlignment, ya text.YAlignment) text.Style {
	return text.Style{
		Color: color.Black, Font: font.From(plot.DefaultFont, size),
		XAlign: xa, YAlign: ya, Handler: plot.DefaultTextHandler,
	}
}

// newPanel is a plot with the house style: small fonts, light grid.
func newPanel(title, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = 10
	p.Y.Label.Text = ylabel
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font.Size = 9
		a.Tick.Label.Font.Size = 8
	}
	return p
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
