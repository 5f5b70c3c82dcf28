package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/edgewasm/edgewasm/report"
)

// reportOptions are the inputs of `edgewasm report`.
type reportOptions struct {
	Config report.Config
	Cell   string // when set, evaluate this one command and print it
	Stdout io.Writer
}

func newReportCommand() *cli.Command {
	return &cli.Command{
		Name:      "report",
		Usage:     "render the paper from datasets: paper.md, paper.html, paper.pdf, paper.ipynb",
		ArgsUsage: " ",
		Description: `Evaluates the paper source (report/paper.src.md, built in) against the
datasets given with --data (each a directory written by edgewasm run; the
first is the primary one for values in the prose, all appear side by side
in tables) and writes to --out: paper.md, paper.html (self-contained),
paper.pdf, paper.ipynb, figures/ and csv/ (the inputs of the statistics,
for edgewasm stats). Cell outputs are cached in OUT/.cache by a hash of the
cell and the data it reads. Same inputs give byte-identical outputs.

With --cell 'COMMAND' only that cell is evaluated and printed; every cell
in the paper shows this command line so a reader can re-run it. The cell
language is documented in report/README.md.
` + exitCodesHelp,
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "data", Required: true, Usage: "dataset directory (repeat, or comma-separate, for several)"},
			&cli.StringFlag{Name: "out", Usage: "output directory (required unless --cell)"},
			&cli.StringFlag{Name: "source", Usage: "paper source file instead of the built-in report/paper.src.md"},
			&cli.StringFlag{Name: "claims", Usage: "claims CSV instead of the built-in report/claims.csv"},
			&cli.StringFlag{Name: "literature", Value: "literature", Usage: "the repository's literature/ folder"},
			&cli.StringFlag{Name: "cache", Usage: `cell cache directory (default OUT/.cache; "off" disables it)`},
			&cli.StringFlag{Name: "cell", Usage: "evaluate one command (e.g. 'friedman exp=cpu metric=wall_ms') and print it"},
		},
		Action: func(c *cli.Context) error {
			var data []string
			for _, d := range c.StringSlice("data") {
				for _, p := range strings.Split(d, ",") {
					if p = strings.TrimSpace(p); p != "" {
						data = append(data, p)
					}
				}
			}
			return runReport(c.Context, reportOptions{
				Config: report.Config{Data: data, Out: c.String("out"), Source: c.String("source"),
					Claims: c.String("claims"), Literature: c.String("literature"), Cache: c.String("cache")},
				Cell: c.String("cell"), Stdout: c.App.Writer,
			})
		},
	}
}

func runReport(_ context.Context, o reportOptions) error {
	if o.Cell != "" {
		if o.Config.Out == "" {
			o.Config.Out = "."
		}
		e, _, err := report.Load(o.Config)
		if err != nil {
			return cli.Exit(err.Error(), exitBadArgs)
		}
		text, err := e.Print(o.Cell)
		if err != nil {
			return cli.Exit(err.Error(), exitBadArgs)
		}
		fmt.Fprint(o.Stdout, text)
		return nil
	}
	res, err := report.Render(o.Config)
	if err != nil {
		return cli.Exit(err.Error(), exitBadArgs)
	}
	fmt.Fprintf(o.Stdout, "wrote %d files to %s (%d cells computed, %d from the cache)\n",
		len(res.Files), o.Config.Out, len(res.Stats.Executed), res.Stats.Cached)
	return nil
}
