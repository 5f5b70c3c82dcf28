package report

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/edgewasm/edgewasm/experiments/dataset"
	"github.com/edgewasm/edgewasm/report/figures"
)

// figureIDs are the figures report/figures draws, in paper order.
var figureIDs = []string{"fig-5-1", "fig-5-2", "fig-5-3", "fig-5-4", "fig-startup-dist", "fig-break-even"}

// runFigure draws one figure of report/figures from the selected
// datasets (all of them in one figure, side by side) and writes the CSV of
// its numbers beside the PNG.
func runFigure(e *Engine, a Args) (*Output, error) {
	if err := check(a, "id"); err != nil {
		return nil, err
	}
	id, err := req(a, "id")
	if err != nil {
		return nil, err
	}
	sets, err := e.sets(a, false)
	if err != nil {
		return nil, err
	}
	o := figures.DefaultOptions()
	var ds []*dataset.Dataset
	for _, s := range sets {
		ds = append(ds, s.Raw)
		o.Labels = append(o.Labels, s.Label)
	}
	for _, p := range figures.Producers {
		f, err := p(ds, o)
		if err != nil {
			return nil, fmt.Errorf("figure %s: %v", id, err)
		}
		if f.ID != id {
			continue
		}
		var png, csv bytes.Buffer
		if err := f.Render(&png, "png", o.DPI); err != nil {
			return nil, err
		}
		if err := f.Table.WriteCSV(&csv); err != nil {
			return nil, err
		}
		var dirs []string
		for _, s := range sets {
			dirs = append(dirs, s.Dir)
		}
		return &Output{
			Figures:  []Figure{{Name: id + ".png", PNG: png.Bytes(), Alt: f.Title}},
			Files:    []File{{Path: path.Join("figures", id+".csv"), Data: csv.Bytes()}},
			Commands: []string{fmt.Sprintf("edgewasm figures --data %s --out figures  # writes %s.{svg,png,csv}", strings.Join(dirs, ","), id)},
		}, nil
	}
	return nil, fmt.Errorf("figure: unknown id %q (known: %s)", id, strings.Join(figureIDs, ", "))
}
