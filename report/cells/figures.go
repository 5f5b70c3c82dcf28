package cells

import (
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"path"
	"slices"
	"strings"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/report/doc"
	"github.com/edgewasm/edgewasm/report/figures"
	"github.com/edgewasm/edgewasm/report/format"
	"github.com/edgewasm/edgewasm/report/model"
)

// CmdFigureFiles is the command behind --figures: every figure of all
// datasets as the files `edgewasm figures` writes.
const CmdFigureFiles = "figure-files"

// figureCommands draw figures and read the cost model behind one.
func figureCommands() map[string]Command {
	all := func(Args) []string { return []string{NeedAll} }
	return map[string]Command{
		"figure": {Usage: "figure id=ID | figure kind=" + strings.Join(figures.Kinds, "|") + " exp=E metric=M  (a report/figures figure of the selected datasets: " +
			strings.Join(figures.IDs(), ", ") + "; its CSV goes to figures/)", Needs: all, Run: runFigure},
		CmdFigureFiles: {Usage: CmdFigureFiles + "  (every figure of all datasets as SVG, PNG and CSV files: what --figures writes)", Needs: all, Run: runFigureFiles},
		"breakeven":    {Usage: "breakeven a=P [lang=c] [against=docker]  (job length t* at which platform P and the container take equally long)", Inline: true, Needs: all, Run: runBreakEven},
	}
}

// runFigure draws one figure from the selected datasets (all of them side
// by side unless data= narrows it) and writes the CSV of its numbers
// beside the PNG. A figure of a subset of the datasets is named after them,
// so the paper can show the primary dataset in the text and the others in
// an appendix.
func runFigure(e *Engine, a Args) (*doc.Output, error) {
	if err := check(a, "id", "kind", "exp", "metric"); err != nil {
		return nil, err
	}
	var spec figures.Spec
	switch id, kind := a.KV["id"], a.KV["kind"]; {
	case id != "" && kind == "":
		var ok bool
		if spec, ok = figures.ByID(id); !ok {
			return nil, fmt.Errorf("figure: unknown id %q (known: %s)", id, strings.Join(figures.IDs(), ", "))
		}
	case kind != "" && id == "":
		var err error
		if spec, err = figures.Adhoc(kind, a.KV["exp"], a.KV["metric"]); err != nil {
			return nil, err
		}
	default:
		return nil, errors.New("figure: give id=ID, or kind=K with exp=E and metric=M")
	}
	sets, err := e.sets(a, false)
	if err != nil {
		return nil, err
	}
	if len(sets) > 1 {
		// Of several datasets, those that can show something: a panel
		// of a dataset that did not measure the experiment (or has no
		// container and Wasm platform to break even) would be empty.
		sets = slices.DeleteFunc(slices.Clone(sets), func(s *model.Set) bool { return !drawable(s, spec) })
	}
	if len(sets) == 0 {
		return &doc.Output{Placeholder: "No dataset selected for this figure measured what it shows."}, nil
	}
	name := spec.ID
	if len(sets) != len(e.Model.Sets) {
		name += "-" + strings.Join(labelsOf(sets), "+")
	}
	o := figures.DefaultOptions()
	f, err := figures.Draw(e.Model, sets, spec, o)
	switch {
	case errors.Is(err, model.ErrNotMeasured):
		return &doc.Output{Placeholder: "Not drawn: " + err.Error() + "."}, nil
	case err != nil:
		return nil, err
	}
	// A pixel width of its own (see Figure.Widen): two per spec, one more
	// when the primary dataset is not drawn.
	nudge := 2 * slices.Index(figures.IDs(), spec.ID)
	if nudge < 0 {
		nudge = 2*len(figures.Specs) + int(crc32.ChecksumIEEE([]byte(name))%64)
	}
	if sets[0] != e.Model.Primary() {
		nudge++
	}
	f.Widen(nudge, o.DPI)
	var png, csv bytes.Buffer
	if err := f.Render(&png, "png", o.DPI); err != nil {
		return nil, err
	}
	if err := f.Table.WriteCSV(&csv); err != nil {
		return nil, err
	}
	return &doc.Output{
		Figures:  []doc.Figure{{Name: name + ".png", PNG: png.Bytes(), Alt: f.Title}},
		Files:    []doc.File{{Path: path.Join("figures", name+".csv"), Data: csv.Bytes()}},
		Commands: []string{fmt.Sprintf("edgewasm figures --data %s --out figures  # writes %s.{svg,png,csv}", dirs(sets, ",", ""), spec.ID)},
	}, nil
}

// drawable reports whether a dataset has what a figure draws.
func drawable(s *model.Set, spec figures.Spec) bool {
	if spec.Kind == figures.KindBreakEven {
		return s.Measured(model.CostSlowdownExp) && s.Measured(model.CostStartupExp) &&
			len(s.PlatformsOfKind(model.CostStartupExp, dataset.KindContainer)) > 0 && len(s.PlatformsOfKind(model.CostStartupExp, dataset.KindWasm)) > 0
	}
	return s.Measured(spec.Exp)
}

// runBreakEven is the inline value of the job length t* at which platform
// a and a container (Docker by default) take equally long, from the cost
// model of the primary dataset (the break-even figure draws the same).
func runBreakEven(e *Engine, a Args) (*doc.Output, error) {
	vals, err := need(a, []string{"a"}, "lang", "against")
	if err != nil {
		return nil, err
	}
	s, err := e.one(a)
	if err != nil {
		return nil, err
	}
	b, err := s.BreakEven(format.Or(a.KV["lang"], dataset.LangC), vals[0], format.Or(a.KV["against"], dataset.Docker))
	if err != nil {
		return nil, err
	}
	lang, against := format.Or(a.KV["lang"], dataset.LangC), format.Or(a.KV["against"], dataset.Docker)
	out := &doc.Output{Commands: []string{Reproduce(s, a)}, Prov: prov(Reproduce(s, a),
		samples(s, model.CostStartupExp, nil, []string{lang}, []string{vals[0], against}, []string{model.CostStartupMetric}),
		samples(s, model.CostSlowdownExp, nil, []string{lang}, []string{vals[0], against, model.Baseline}, []string{model.CostSlowdownMetric}))}
	switch {
	case !math.IsNaN(b.T):
		out.Text = format.Seconds(b.T)
	case b.Status == model.CrossNeverSlower:
		out.Text = "never reached (" + vals[0] + " is never slower)"
	case b.Status == model.CrossOtherNever:
		out.Text = "never reached (" + b.Against.Platform + " is never slower)"
	default:
		out.Text = "*" + b.Status + "*"
	}
	return out, nil
}

// figureFiles draws every figure of report/figures from all datasets, as
// edgewasm figures writes them (ID.svg, ID.png, ID.csv); a figure whose
// experiment no dataset measured is skipped. It is a command so that the
// files are cached like any cell's output.
func runFigureFiles(e *Engine, a Args) (*doc.Output, error) {
	if err := check(a); err != nil {
		return nil, err
	}
	o := figures.DefaultOptions()
	out := &doc.Output{}
	for _, spec := range figures.Specs {
		f, err := figures.Draw(e.Model, nil, spec, o)
		switch {
		case errors.Is(err, model.ErrNotMeasured):
			continue
		case err != nil:
			return nil, err
		}
		var svg, png, csv bytes.Buffer
		if err := f.Table.WriteCSV(&csv); err != nil {
			return nil, err
		}
		if err := f.Render(&svg, "svg", o.DPI); err != nil {
			return nil, err
		}
		if err := f.Render(&png, "png", o.DPI); err != nil {
			return nil, err
		}
		out.Files = append(out.Files, doc.File{Path: spec.ID + ".csv", Data: csv.Bytes()}, doc.File{Path: spec.ID + ".svg", Data: svg.Bytes()}, doc.File{Path: spec.ID + ".png", Data: png.Bytes()})
	}
	return out, nil
}
