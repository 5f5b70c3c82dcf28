package report

import (
	"bytes"
	"fmt"
	"math"
	"path"
	"strconv"
	"strings"

	"github.com/edgewasm/edgewasm/experiments/dataset"
	"github.com/edgewasm/edgewasm/report/figures"
)

// runFigure draws one figure of report/figures from the selected
// datasets (all of them in one figure, side by side) and writes the CSV of
// its numbers beside the PNG.
func runFigure(e *Engine, a Args) (*Output, error) {
	vals, err := need(a, []string{"id"})
	if err != nil {
		return nil, err
	}
	id := vals[0]
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
	p, ok := figures.ByID(id)
	if !ok {
		return nil, fmt.Errorf("figure: unknown id %q (known: %s)", id, strings.Join(figures.IDs, ", "))
	}
	f, err := p(ds, o)
	if err != nil {
		return nil, fmt.Errorf("figure %s: %v", id, err)
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

// runBreakEven is the inline value of the break-even job length t* at
// which platform a (a Wasm platform) and Docker take equally long, from
// the primary dataset's fig-break-even table.
func runBreakEven(e *Engine, a Args) (*Output, error) {
	vals, err := need(a, []string{"a"}, "lang")
	if err != nil {
		return nil, err
	}
	pa := vals[0]
	lang := a.KV["lang"]
	if lang == "" {
		lang = "c"
	}
	sets, err := e.sets(a, true)
	if err != nil {
		return nil, err
	}
	s := sets[0]
	o := figures.DefaultOptions()
	o.Labels = []string{s.Label}
	f, err := figures.FigBreakEven([]*dataset.Dataset{s.Raw}, o)
	if err != nil {
		return nil, err
	}
	col := map[string]int{}
	for i, h := range f.Table.Header {
		col[h] = i
	}
	out := &Output{Commands: []string{fmt.Sprintf("edgewasm figures --data %s --out figures  # fig-break-even.csv: crossover_vs_docker_s", s.Dir)}}
	for _, r := range f.Table.Rows {
		if r[col["lang"]] != lang || r[col["platform"]] != pa {
			continue
		}
		if t, err := strconv.ParseFloat(r[col["crossover_vs_docker_s"]], 64); err == nil && !math.IsNaN(t) {
			out.Text = seconds(t)
		} else {
			out.Text = "*" + strings.TrimSpace(r[col["crossover_status"]]+" "+r[col["status"]]) + "*"
		}
		return out, nil
	}
	out.Text = "*not measured*"
	return out, nil
}

// seconds formats a duration in seconds with three significant digits,
// in ms below one second.
func seconds(t float64) string {
	if t < 1 {
		return strconv.FormatFloat(t*1000, 'g', 3, 64) + " ms"
	}
	return strconv.FormatFloat(t, 'g', 3, 64) + " s"
}
