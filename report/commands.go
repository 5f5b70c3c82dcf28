package report

import (
	"errors"
	"fmt"
	"io"

	"github.com/edgewasm/edgewasm/report/figures"
	"github.com/edgewasm/edgewasm/report/model"
)

// The functions in this file are what the `edgewasm report` and `edgewasm
// figures` commands do.

// ErrOutput marks an error writing output (as opposed to bad input).
var ErrOutput = errors.New("writing output")

// WriteFigures draws every figure of the datasets into out (`edgewasm
// figures`), printing each file written to w. Every figure is computed
// before any is written, so bad input leaves nothing behind; a figure
// whose experiment no dataset measured is skipped with a note. An error
// wrapping ErrOutput means a file could not be written.
func WriteFigures(w io.Writer, dirs []string, out string, dpi int) error {
	opts := figures.DefaultOptions()
	opts.DPI = dpi
	if err := opts.Validate(); err != nil {
		return err
	}
	m, err := model.Load(dirs, model.DefaultOptions())
	if err != nil {
		return err
	}
	var figs []*figures.Figure
	for _, spec := range figures.Specs {
		f, err := figures.Draw(m, nil, spec, opts)
		if err != nil {
			fmt.Fprintf(w, "%s: skipped: %v\n", spec.ID, err)
			continue
		}
		figs = append(figs, f)
	}
	for _, f := range figs {
		if err := f.Save(out, opts.DPI); err != nil {
			return fmt.Errorf("%w: %v", ErrOutput, err)
		}
		fmt.Fprintf(w, "%s: %s\n", f.SVG, f.Title)
	}
	return nil
}

// PrintCell evaluates one cell command against the datasets and prints it
// (`edgewasm report --cell`).
func PrintCell(w io.Writer, cfg Config, cell string) error {
	if cfg.Out == "" {
		cfg.Out = "."
	}
	e, _, err := Load(cfg)
	if err != nil {
		return err
	}
	text, err := e.Print(cell)
	if err != nil {
		return err
	}
	_, err = fmt.Fprint(w, text)
	return err
}

// Write renders the paper (`edgewasm report`) and says what it wrote.
func Write(w io.Writer, cfg Config) error {
	res, err := Render(cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "wrote %d files to %s (%d cells computed, %d from the cache)\n",
		len(res.Files), cfg.Out, len(res.Stats.Executed), res.Stats.Cached)
	if cfg.Readme != "" {
		fmt.Fprintf(w, "rewrote the findings in %s\n", cfg.Readme)
	}
	return nil
}
