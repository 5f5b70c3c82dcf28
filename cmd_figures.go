package main

import (
	"context"
	"errors"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/edgewasm/edgewasm/report"
	"github.com/edgewasm/edgewasm/report/figures"
)

// figuresOptions are the inputs of `edgewasm figures`.
type figuresOptions struct {
	Data    []string
	DataDir string // every dataset under this folder, thesis profile first
	Out     string
	DPI     int
	Stdout  io.Writer
}

func newFiguresCommand() *cli.Command {
	return &cli.Command{
		Name:  "figures",
		Usage: "draw the paper's figures (SVG, PNG and the plotted numbers as CSV) from datasets",
		Description: `Reads each dataset directory given with --data, or every one under
--data-dir (samples.csv and environment.json, as written by edgewasm run) and writes every figure into
--out as ID.svg, ID.png and ID.csv: fig-5-1 (CPU kernels), fig-5-1-wall
(CPU, whole invocations), fig-5-2 (memory), fig-5-3 (file system I/O
calls), fig-5-3-wall (file system, whole invocations), fig-5-4 (start-up)
and fig-break-even (when Wasm stops beating Docker). Several datasets
(e.g. a PC and a Raspberry Pi) become rows of panels, labelled by
directory name; a figure whose experiment no dataset measured is skipped
with a note. Nothing is measured; the same datasets always give the same
CSV and SVG bytes.

EXIT CODES:
   0  every figure was written
   1  a figure could not be written (e.g. --out is not writable)
   2  bad usage or bad input (unreadable dataset, an ok sample with an
      invalid value); nothing was written`,
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "data", Usage: "dataset directory (repeat for several)"},
			&cli.StringFlag{Name: "data-dir", Usage: "use every dataset directory under this folder (the primary one first, as edgewasm report chooses it)"},
			&cli.StringFlag{Name: "out", Value: "figures", Usage: "directory for the figure files"},
			&cli.IntFlag{Name: "dpi", Value: figures.DefaultOptions().DPI, Usage: "resolution of the PNG files"},
		},
		Action: func(c *cli.Context) error {
			return runFigures(c.Context, figuresOptions{Data: c.StringSlice("data"), DataDir: c.String("data-dir"), Out: c.String("out"), DPI: c.Int("dpi"), Stdout: c.App.Writer})
		},
	}
}

func runFigures(_ context.Context, o figuresOptions) error {
	dirs, err := report.Datasets(o.Data, o.DataDir, "")
	if err == nil {
		err = report.WriteFigures(o.Stdout, dirs, o.Out, o.DPI)
	}
	switch {
	case err == nil:
		return nil
	case errors.Is(err, report.ErrOutput):
		return cli.Exit(err.Error(), exitFailed)
	}
	return cli.Exit(err.Error(), exitBadArgs)
}
