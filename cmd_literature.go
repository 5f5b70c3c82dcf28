package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/edgewasm/edgewasm/literature"
	"github.com/edgewasm/edgewasm/runners/docker"
)

// literatureOptions are the inputs of the `edgewasm literature` subcommands.
type literatureOptions struct {
	Root   string // repository root holding literature/
	Review string // review ID; "" means every review (check, figures) or the default (prisma)
	Format string
	Out    string
	Stdout io.Writer
	// PathEnv is the PATH searched by `literature runtimes`.
	PathEnv string
	// Daemon asks the container engine which runtimes it offers; nil skips it.
	Daemon func(ctx context.Context) (literature.Daemon, error)
}

func newLiteratureCommand() *cli.Command {
	rootFlag := &cli.StringFlag{Name: "root", Value: ".", Usage: "repository root holding literature/"}
	opts := func(c *cli.Context) literatureOptions {
		return literatureOptions{Root: c.String("root"), Review: c.String("review"), Format: c.String("format"),
			Out: c.String("out"), Stdout: c.App.Writer, PathEnv: os.Getenv("PATH"), Daemon: dockerRuntimes}
	}
	return &cli.Command{
		Name:  "literature",
		Usage: "the thesis's literature review as data: PRISMA flow, checks, figures, local Wasm runtimes",
		Description: `Reads the record sets under literature/ (see literature/README.md, the codebook).
Each folder literature/reviews/<id>/ is one search; thesis-2020 is the thesis's.
` + exitCodesHelp,
		Subcommands: []*cli.Command{
			{
				Name:      "prisma",
				Usage:     "print a review's PRISMA 2020 flow",
				UsageText: "edgewasm literature prisma [--format csv|text] [--review ID]",
				Description: `csv: the PRISMA2020 R package's data template (header
data,node,box,description,boxtext,tooltips,url,n), ready for PRISMA_data().
text: the flow as an outline, then the records left after each stage per platform.` + exitCodesHelp,
				Flags: []cli.Flag{rootFlag,
					&cli.StringFlag{Name: "format", Value: "text", Usage: "csv or text"},
					&cli.StringFlag{Name: "review", Value: literature.DefaultReview, Usage: "review ID (folder under literature/reviews)"},
				},
				Action: func(c *cli.Context) error { return runLiteraturePrisma(c.Context, opts(c)) },
			},
			{
				Name:        "check",
				Usage:       "validate every review, later-studies.csv and orchestration.csv",
				Description: "Prints every broken rule as FILE:LINE: RULE: MESSAGE." + exitCodesHelp,
				Flags:       []cli.Flag{rootFlag},
				Action:      func(c *cli.Context) error { return runLiteratureCheck(c.Context, opts(c)) },
			},
			{
				Name:  "figures",
				Usage: "draw the PRISMA flow diagram of each review (SVG, PNG and the plotted numbers as CSV)",
				Description: `Writes <stem>.svg, <stem>.png and <stem>.csv per review into --out; the stem is
the review's meta,figure value (figures/prisma-thesis.* for thesis-2020).` + exitCodesHelp,
				Flags: []cli.Flag{rootFlag,
					&cli.StringFlag{Name: "out", Value: "figures", Usage: "output directory"},
					&cli.StringFlag{Name: "review", Usage: "only this review (default: all)"},
				},
				Action: func(c *cli.Context) error { return runLiteratureFigures(c.Context, opts(c)) },
			},
			{
				Name:  "runtimes",
				Usage: "list the Wasm runtimes and containerd shims this machine offers",
				Description: `Asks the Docker daemon (DOCKER_HOST etc. from the environment) for its
registered runtimes, and looks on PATH for containerd-shim-*-v* shims, Wasm
runtimes (wasmtime, wasmer, wasmedge, wasm3, iwasm, spin) and OCI runtimes
(crun with its +WASM handlers, runc, youki). An unreachable daemon is
reported, not an error.` + exitCodesHelp,
				Flags:  []cli.Flag{&cli.StringFlag{Name: "format", Value: "text", Usage: "text or json"}},
				Action: func(c *cli.Context) error { return runLiteratureRuntimes(c.Context, opts(c)) },
			},
		},
	}
}

func runLiteraturePrisma(_ context.Context, o literatureOptions) error {
	return literatureExit(literature.Prisma(o.Stdout, literature.Dir(o.Root), o.Review, o.Format))
}

func runLiteratureCheck(_ context.Context, o literatureOptions) error {
	n, err := literature.Check(o.Stdout, literature.Dir(o.Root))
	if err == nil && n > 0 {
		err = fmt.Errorf("%d problem(s) in the literature records", n)
	}
	return literatureExit(err)
}

func runLiteratureFigures(_ context.Context, o literatureOptions) error {
	return literatureExit(literature.Figures(o.Stdout, literature.Dir(o.Root), o.Review, o.Out))
}

func runLiteratureRuntimes(ctx context.Context, o literatureOptions) error {
	return literatureExit(literature.Runtimes(ctx, o.Stdout, o.Format, o.PathEnv, o.Daemon))
}

// literatureExit maps an error of the literature commands (all about their
// input) to exit status 2.
func literatureExit(err error) error {
	if err == nil {
		return nil
	}
	return cli.Exit(err.Error(), exitBadArgs)
}

// dockerRuntimes asks the Docker daemon which runtimes it registers.
func dockerRuntimes(ctx context.Context) (literature.Daemon, error) {
	d, err := docker.Runtimes(ctx)
	return literature.Daemon(d), err
}
