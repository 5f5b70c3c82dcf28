package main

import (
	"context"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/edgewasm/edgewasm/experiments/dataset"
	"github.com/edgewasm/edgewasm/report/figures"
)

// figuresOptions are the inputs of `edgewasm figures`.
type figuresOptions struct {
	Data   []string
	Out    string
	DPI    int
	Stdout io.Writer
}

func newFiguresCommand() *cli.Command {
	return &cli.Command{
		Name:  "figures",
		Usage: "draw the paper's figures (SVG, PNG and the plotted numbers as CSV) from datasets",
		Description: `Reads each dataset directory given with --data (samples.csv and
environment.json, as written by edgewasm run) and writes every figure into
--out as ID.svg, ID.png and ID.csv: fig-5-1 (CPU), fig-5-2 (memory),
fig-5-3 (file system), fig-5-4 (start-up), fig-startup-dist (start-up
distributions) and fig-break-even (when Wasm stops beating Docker).
Several datasets (e.g. a PC and a Raspberry Pi) become rows of panels,
labelled by directory name. Nothing is measured; the same datasets always
give the same CSV and SVG bytes.

EXIT CODES:
   0  every figure was written
   1  a figure could not be written (e.g. --out is not writable)
   2  bad usage or bad input (unreadable dataset, an ok sample with an
      invalid value); nothing was written`,
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "data", Required: true, Usage: "dataset directory (repeat for several)"},
			&cli.StringFlag{Name: "out", Value: "figures", Usage: "directory for the figure files"},
			&cli.IntFlag{Name: "dpi", Value: figures.DefaultOptions().DPI, Usage: "resolution of the PNG files"},
		},
		Action: func(c *cli.Context) error {
			return runFigures(c.Context, figuresOptions{Data: c.StringSlice("data"), Out: c.String("out"), DPI: c.Int("dpi"), Stdout: c.App.Writer})
		},
	}
}

func runFigures(_ context.Context, o figuresOptions) error {
	opts := figures.DefaultOptions()
	opts.DPI = o.DPI
	if err := opts.Validate(); err != nil {
		return cli.Exit(err.Error(), exitBadArgs)
	}
	var ds []*dataset.Dataset
	for _, dir := range o.Data {
		d, err := dataset.Load(dir)
		if err != nil {
			return cli.Exit(fmt.Sprintf("dataset %s: %v", dir, err), exitBadArgs)
		}
		ds = append(ds, d)
	}
	// Compute every figure before writing any, so bad input leaves
	// nothing behind.
	var figs []*figures.Figure
	for _, p := range figures.Producers {
		f, err := p(ds, opts)
		if err != nil {
			return cli.Exit(err.Error(), exitBadArgs)
		}
		figs = append(figs, f)
	}
	for _, f := range figs {
		if err := f.Save(o.Out, opts.DPI); err != nil {
			return cli.Exit(err.Error(), exitFailed)
		}
		fmt.Fprintf(o.Stdout, "%s: %s\n", f.SVG, f.Title)
	}
	return nil
}
