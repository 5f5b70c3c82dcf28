package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/edgewasm/edgewasm/report"
)

// reportOptions are the inputs of `edgewasm report`.
type reportOptions struct {
	Config  report.Config
	DataDir string // every dataset under this folder
	Primary string // the primary dataset ("": the first of --data, or report.ChoosePrimary)
	Cell    string // when set, evaluate this one command and print it
	// Control is --control: the launcher-control datasets ("": DataDir's
	// control folder, when there is one).
	Control string
	Stdout  io.Writer
}

func newReportCommand() *cli.Command {
	return &cli.Command{
		Name:      "report",
		Usage:     "render the paper from datasets: paper.md, paper.html, paper.pdf, paper.ipynb",
		ArgsUsage: " ",
		Description: `Evaluates the paper source (report/paper.src.md, built in) against the
datasets given with --data (each a directory written by edgewasm run; the
first is the primary one, whose numbers the prose, the abstract and the
verdicts give; all appear side by side in tables), or every dataset under
--data-dir, and writes to --out: paper.md, paper.html (self-contained),
paper.pdf, paper.ipynb, figures/ and csv/ (the inputs of the statistics,
for edgewasm stats). Cell outputs are cached in OUT/.cache by a hash of the
cell and the data it reads. Same inputs give byte-identical outputs,
whatever the --out folder.

With --data-dir the primary dataset is, unless --primary names it, the
newest (environment.json started) of those run with the full protocol
(profile thesis or pi) that cover the thesis's comparison (its four
experiments on native, a container and a Wasm platform); failing that the
newest full-protocol dataset, then the newest (report/README.md). A
Raspberry Pi dataset is eligible: make report PRIMARY=data/pi makes the
paper the Pi's whatever the dates.

With --figures DIR every figure of all the datasets is also written to DIR
as edgewasm figures writes it. With --readme FILE the findings at a glance (report/findings.src.md,
evaluated on the same datasets) replace the block between the findings
markers in FILE. With --cell 'COMMAND' only that cell is evaluated and
printed; every cell in the paper lists this command line so a reader can
re-run it. The cell language is documented in report/README.md.
` + exitCodesHelp,
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "data", Usage: "dataset directory (repeat, or comma-separate, for several)"},
			&cli.StringFlag{Name: "data-dir", Usage: "use every dataset directory under this folder"},
			&cli.StringFlag{Name: "primary", Usage: "the primary dataset (default: the first --data, or the newest full-protocol dataset under --data-dir that covers the thesis's comparison)"},
			&cli.StringFlag{Name: "out", Usage: "output directory (required unless --cell)"},
			&cli.StringFlag{Name: "source", Usage: "paper source file instead of the built-in report/paper.src.md"},
			&cli.StringFlag{Name: "claims", Usage: "claims CSV instead of the built-in report/claims.csv (its criteria then carry no registration unless --registry is given)"},
			&cli.StringFlag{Name: "registry", Usage: "registry of the claims' criteria (every version with date, commit, reason) instead of the built-in report/claims-registry.csv"},
			&cli.StringFlag{Name: "literature", Value: "literature", Usage: "the repository's literature/ folder"},
			&cli.StringFlag{Name: "control", Usage: "the launcher-control datasets (make control): a dataset or a folder of them (default: DATA_DIR/control with --data-dir, if it exists)"},
			&cli.StringFlag{Name: "cache", Usage: `cell cache directory (default OUT/.cache; "off" disables it)`},
			&cli.StringFlag{Name: "cell", Usage: "evaluate one command (e.g. 'friedman exp=cpu metric=wall_ms') and print it"},
			&cli.StringFlag{Name: "readme", Usage: "rewrite the findings block of this Markdown file (e.g. README.md)"},
			&cli.StringFlag{Name: "figures", Usage: "also write every figure (SVG, PNG, CSV) of all datasets into this folder, as edgewasm figures does"},
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
					Claims: c.String("claims"), Registry: c.String("registry"), Literature: c.String("literature"), Cache: c.String("cache"), Readme: c.String("readme"), Figures: c.String("figures")},
				DataDir: c.String("data-dir"), Primary: c.String("primary"), Cell: c.String("cell"), Stdout: c.App.Writer,
				Control: c.String("control"),
			})
		},
	}
}

// ControlFolder is the folder under the data directory that holds the
// launcher-control datasets (make control): report.Discover does not
// descend into it, so they are never among the paper's datasets.
const ControlFolder = "control"

func runReport(_ context.Context, o reportOptions) error {
	dirs, err := report.Datasets(o.Config.Data, o.DataDir, o.Primary)
	if err != nil {
		return cli.Exit(err.Error(), exitBadArgs)
	}
	o.Config.Data = dirs
	switch {
	case o.Control != "":
		if _, err := os.Stat(o.Control); err != nil {
			return cli.Exit(fmt.Sprintf("--control %s: %v (the launcher-control datasets that make control writes)", o.Control, err), exitBadArgs)
		}
		o.Config.Control = o.Control
	case o.DataDir != "":
		o.Config.Control = filepath.Join(o.DataDir, ControlFolder)
	}
	if o.Cell != "" {
		err = report.PrintCell(o.Stdout, o.Config, o.Cell)
	} else {
		err = report.Write(o.Stdout, o.Config)
	}
	if err != nil {
		return cli.Exit(err.Error(), exitBadArgs)
	}
	return nil
}
