package figures

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The claim map: every claim of the thesis (a row) against every guest
// language and Wasm platform of every dataset with verdicts (a column),
// each cell coloured by its verdict: the hue is the direction of the
// difference against the thesis's, the shade its size against the
// thesis's band (darker: larger; lighter: smaller), and the cell writes
// the estimate and the size in words, so that the map reads in grey too.
// The claims engine computes the verdicts (report/claims); the map only
// draws what it is given.

// Directions a claim map colours by (MapCell.Direction).
const (
	MapSame          = "same"           // same direction as the thesis
	MapOpposite      = "opposite"       // the opposite direction
	MapNoDifference  = "no-difference"  // no detectable difference
	MapDifference    = "difference"     // a difference, for a claim of parity
	MapSizeOnly      = "size-only"      // an absolute time: size only
	MapNotComparable = "not-comparable" // the dataset cannot test the claim
	MapNoVerdict     = "no-verdict"     // the dataset is underpowered
)

// Sizes a claim map shades by (MapCell.Size).
const (
	MapWithin  = "within"
	MapLarger  = "larger"
	MapSmaller = "smaller"
)

// ClaimMap is what the claim map draws.
type ClaimMap struct {
	Title string
	// Groups are the column groups, left to right: a dataset and a
	// language, with its Wasm platforms.
	Groups []MapGroup
	Rows   []MapRow
	// Legend gives the words of each direction and size drawn (keys
	// MapSame…, MapWithin…), as the paper defines them.
	Legend map[string]string
	// Notes are written under the legend (what is not shown, and why).
	Notes []string
	// Table is the CSV beside the figure: every judgement.
	Table Table
}

// MapGroup is one dataset and language.
type MapGroup struct {
	Title     string
	Platforms []string
}

// MapRow is one claim, or one later version of its criterion (Sub).
type MapRow struct {
	Label string
	Sub   bool
	// Cells has one entry per column of every group in turn; a cell with
	// Span n covers its column and the n−1 after it, which are then
	// skipped.
	Cells []MapCell
}

// MapCell is one verdict.
type MapCell struct {
	Direction, Size string
	// Value is the estimate (a ratio, a time); Mark qualifies it (tests
	// outside the band "3/8", post hoc "†"). Second replaces the size
	// words on the cell's second line (a claim without a band).
	Value, Mark, Second string
	Span                int
	// Empty: nothing judged here (a later version the dataset is not
	// judged under).
	Empty bool
}

// hues of the directions (Okabe & Ito).
var mapHues = map[string]color.RGBA{
	MapSame:          {0x00, 0x9e, 0x73, 0xff},
	MapOpposite:      {0xd5, 0x5e, 0x00, 0xff},
	MapNoDifference:  {0xf0, 0xe4, 0x42, 0xff},
	MapDifference:    {0xe6, 0x9f, 0x00, 0xff},
	MapSizeOnly:      {0xcc, 0x79, 0xa7, 0xff},
	MapNotComparable: {0xff, 0xff, 0xff, 0xff},
	MapNoVerdict:     {0xdd, 0xdd, 0xdd, 0xff},
}

// MapDirections and MapSizes are the legend's order.
var (
	MapDirections = []string{MapSame, MapOpposite, MapNoDifference, MapDifference, MapSizeOnly, MapNotComparable, MapNoVerdict}
	MapSizes      = []string{MapWithin, MapLarger, MapSmaller}
)

// mapFill is a cell's colour: the direction's hue, darker for a larger
// effect than the thesis's band, lighter for a smaller one.
func mapFill(direction, size string) color.RGBA {
	c, ok := mapHues[direction]
	if !ok {
		c = mapHues[MapNotComparable]
	}
	if direction == MapNotComparable || direction == MapNoVerdict {
		return c
	}
	mix := func(v, to uint8, f float64) uint8 { return uint8(math.Round(float64(v)*(1-f) + float64(to)*f)) }
	switch size {
	case MapLarger:
		return color.RGBA{mix(c.R, 0, 0.45), mix(c.G, 0, 0.45), mix(c.B, 0, 0.45), 0xff}
	case MapSmaller:
		return color.RGBA{mix(c.R, 0xff, 0.55), mix(c.G, 0xff, 0.55), mix(c.B, 0xff, 0.55), 0xff}
	}
	return c
}

// ink is black or white, whichever reads better on fill.
func ink(fill color.RGBA) color.Color {
	lum := 0.2126*float64(fill.R) + 0.7152*float64(fill.G) + 0.0722*float64(fill.B)
	if lum < 140 {
		return color.White
	}
	return color.Black
}

// sizeWords are what a cell writes under its value.
var sizeWords = map[string]string{MapWithin: "in band", MapLarger: "above", MapSmaller: "below"}

// Claim map metrics, in points.
const (
	mapRowH    = vg.Length(18)
	mapHeadH   = vg.Length(40)
	mapFont    = vg.Length(7)
	mapMaxColW = vg.Length(58)
)

// DrawClaimMap makes the claim map figure.
func DrawClaimMap(m ClaimMap) (*Figure, error) {
	cols := 0
	for _, g := range m.Groups {
		cols += len(g.Platforms)
	}
	if cols == 0 || len(m.Rows) == 0 {
		return nil, fmt.Errorf("claim map: nothing to draw (%d columns, %d rows)", cols, len(m.Rows))
	}
	for _, r := range m.Rows {
		n := 0
		for _, c := range r.Cells {
			n += max(c.Span, 1)
		}
		if n != cols {
			return nil, fmt.Errorf("claim map: row %q covers %d columns of %d", r.Label, n, cols)
		}
	}
	f := &Figure{ID: "claim-map", Title: m.Title, Table: m.Table, width: fullWidth}
	legendRowsN := len(m.legendDirections()) + 1 + len(m.Notes)
	f.height = titleH + mapHeadH + vg.Length(len(m.Rows))*mapRowH + 10 + vg.Length(legendRowsN)*12 + 6
	f.custom = func(dc draw.Canvas) { m.draw(dc, cols) }
	return f, nil
}

// legendDirections are the directions drawn, in legend order.
func (m ClaimMap) legendDirections() []string {
	seen := map[string]bool{}
	for _, r := range m.Rows {
		for _, c := range r.Cells {
			if !c.Empty {
				seen[c.Direction] = true
			}
		}
	}
	var out []string
	for _, d := range MapDirections {
		if seen[d] {
			out = append(out, d)
		}
	}
	return out
}

func (m ClaimMap) draw(dc draw.Canvas, cols int) {
	label := textStyle(mapFont+0.5, draw.XLeft, draw.YCenter)
	labelW := vg.Length(0)
	for _, r := range m.Rows {
		w := label.Width(r.Label)
		if r.Sub {
			w += 8
		}
		labelW = max(labelW, w)
	}
	labelW += 6
	colW := min((dc.Max.X-dc.Min.X-labelW)/vg.Length(cols), mapMaxColW)
	x0 := dc.Min.X + labelW
	top := dc.Max.Y
	// Group headers over their columns, then the platforms, wrapped at
	// hyphens to fit their column.
	gsty := textStyle(mapFont+0.5, draw.XCenter, draw.YCenter)
	psty := textStyle(mapFont, draw.XCenter, draw.YTop)
	rule := draw.LineStyle{Color: color.Gray{0x55}, Width: vg.Points(0.6)}
	x := x0
	for _, g := range m.Groups {
		w := colW * vg.Length(len(g.Platforms))
		dc.FillText(gsty, vg.Point{X: x + w/2, Y: top - 7}, fitText(gsty, g.Title, w-2))
		dc.StrokeLine2(rule, x+2, top-14, x+w-2, top-14)
		for i, p := range g.Platforms {
			for j, line := range wrapName(psty, p, colW-2) {
				dc.FillText(psty, vg.Point{X: x + colW*vg.Length(i) + colW/2, Y: top - 17 - vg.Length(j)*8}, line)
			}
		}
		x += w
	}
	y := top - mapHeadH
	vsty := textStyle(mapFont, draw.XCenter, draw.YCenter)
	for _, r := range m.Rows {
		lx := dc.Min.X
		if r.Sub {
			lx += 8
		}
		dc.FillText(label, vg.Point{X: lx, Y: y - mapRowH/2}, r.Label)
		x := x0
		for _, c := range r.Cells {
			span := max(c.Span, 1)
			w := colW * vg.Length(span)
			box := vg.Rectangle{Min: vg.Point{X: x + 1, Y: y - mapRowH + 1}, Max: vg.Point{X: x + w - 1, Y: y - 1}}
			if !c.Empty {
				fill := mapFill(c.Direction, c.Size)
				dc.SetColor(fill)
				dc.Fill(box.Path())
				dc.StrokeLines(draw.LineStyle{Color: color.Gray{0xaa}, Width: vg.Points(0.3)}, []vg.Point{box.Min, {X: box.Max.X, Y: box.Min.Y}, box.Max, {X: box.Min.X, Y: box.Max.Y}, box.Min})
				sty := vsty
				sty.Color = ink(fill)
				first := c.Value + c.Mark
				second := sizeWords[c.Size]
				if c.Second != "" {
					second = c.Second
				}
				if c.Direction == MapNotComparable {
					first, second = "n/c", ""
				} else if c.Direction == MapNoVerdict {
					first, second = "n/v", ""
				}
				if second == "" {
					dc.FillText(sty, vg.Point{X: x + w/2, Y: y - mapRowH/2}, fitText(sty, first, w-3))
				} else {
					dc.FillText(sty, vg.Point{X: x + w/2, Y: y - mapRowH/2 + 3.5}, fitText(sty, first, w-3))
					dc.FillText(sty, vg.Point{X: x + w/2, Y: y - mapRowH/2 - 3.5}, fitText(sty, second, w-3))
				}
			}
			x += w
		}
		y -= mapRowH
	}
	// Group separators.
	x = x0
	for _, g := range m.Groups[:len(m.Groups)-1] {
		x += colW * vg.Length(len(g.Platforms))
		dc.StrokeLine2(draw.LineStyle{Color: color.Black, Width: vg.Points(0.8)}, x, top-mapHeadH+2, x, y)
	}
	m.drawLegend(dc, y-10)
}

// drawLegend draws the direction × size key: a row per direction drawn,
// a swatch per size it takes, then the text key and the notes.
func (m ClaimMap) drawLegend(dc draw.Canvas, y vg.Length) {
	sty := textStyle(mapFont+0.5, draw.XLeft, draw.YCenter)
	used := map[string]map[string]bool{}
	for _, r := range m.Rows {
		for _, c := range r.Cells {
			if c.Empty {
				continue
			}
			if used[c.Direction] == nil {
				used[c.Direction] = map[string]bool{}
			}
			used[c.Direction][c.Size] = true
		}
	}
	x0 := dc.Min.X
	dirW := vg.Length(0)
	for _, d := range m.legendDirections() {
		dirW = max(dirW, sty.Width(m.word(d)))
	}
	sw := vg.Length(56)
	for _, d := range m.legendDirections() {
		dc.FillText(sty, vg.Point{X: x0, Y: y}, m.word(d))
		x := x0 + dirW + 8
		sizes := []string{""}
		if d != MapNotComparable && d != MapNoVerdict {
			sizes = append(MapSizes, "")
		}
		for _, s := range sizes {
			if !used[d][s] {
				continue
			}
			fill := mapFill(d, s)
			box := vg.Rectangle{Min: vg.Point{X: x, Y: y - 5}, Max: vg.Point{X: x + sw, Y: y + 5}}
			dc.SetColor(fill)
			dc.Fill(box.Path())
			dc.StrokeLines(draw.LineStyle{Color: color.Gray{0x88}, Width: vg.Points(0.3)}, []vg.Point{box.Min, {X: box.Max.X, Y: box.Min.Y}, box.Max, {X: box.Min.X, Y: box.Max.Y}, box.Min})
			text := m.word(s)
			switch {
			case d == MapNotComparable:
				text = "n/c"
			case d == MapNoVerdict:
				text = "n/v"
			case s == "":
				text = "direction only"
			}
			ts := textStyle(mapFont, draw.XCenter, draw.YCenter)
			ts.Color = ink(fill)
			dc.FillText(ts, vg.Point{X: x + sw/2, Y: y}, fitText(ts, text, sw-2))
			x += sw + 4
		}
		y -= 12
	}
	key := "Cells: the estimate and its size against the thesis's band; k/n: tests outside the band; r/w: read and write ratios; †: criterion registered after the data (post hoc)."
	dc.FillText(sty, vg.Point{X: x0, Y: y}, fitText(sty, key, dc.Max.X-x0))
	y -= 12
	for _, n := range m.Notes {
		dc.FillText(sty, vg.Point{X: x0, Y: y}, fitText(sty, n, dc.Max.X-x0))
		y -= 12
	}
}

// word is the legend's word for a direction or size key.
func (m ClaimMap) word(key string) string {
	if w, ok := m.Legend[key]; ok {
		return w
	}
	return key
}

// fitText shortens s with an ellipsis until it fits width.
func fitText(sty interface{ Width(string) vg.Length }, s string, width vg.Length) string {
	if sty.Width(s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && sty.Width(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// wrapName breaks a platform name at its hyphens into lines that fit
// width (at most two; the second shortened if it must be).
func wrapName(sty interface{ Width(string) vg.Length }, name string, width vg.Length) []string {
	if sty.Width(name) <= width || !strings.Contains(name, "-") {
		return []string{fitText(sty, name, width)}
	}
	parts := strings.Split(name, "-")
	first := parts[0] + "-"
	i := 1
	for ; i < len(parts)-1 && sty.Width(first+parts[i]+"-") <= width; i++ {
		first += parts[i] + "-"
	}
	return []string{fitText(sty, first, width), fitText(sty, strings.Join(parts[i:], "-"), width)}
}
