package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/moby/moby/client"
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
	Daemon func(ctx context.Context) (daemonRuntimes, error)
}

func newLiteratureCommand() *cli.Command {
	rootFlag := &cli.StringFlag{Name: "root", Value: ".", Usage: "repository root holding literature/"}
	opts := func(c *cli.Context) literatureOptions {
		return literatureOptions{Root: c.String("root"), Review: c.String("review"), Format: c.String("format"),
			Out: c.String("out"), Stdout: c.App.Writer, PathEnv: os.Getenv("PATH"), Daemon: dockerDaemonRuntimes}
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

func literatureRoot(o literatureOptions) string { return filepath.Join(o.Root, "literature") }

func runLiteraturePrisma(_ context.Context, o literatureOptions) error {
	if o.Format != "csv" && o.Format != "text" {
		return cli.Exit(fmt.Sprintf("--format: want csv or text, got %q", o.Format), exitBadArgs)
	}
	r, err := literature.Load(literatureRoot(o), o.Review)
	if err != nil {
		return cli.Exit(err.Error(), exitBadArgs)
	}
	f, err := r.Flow()
	if err != nil {
		return cli.Exit(err.Error(), exitBadArgs)
	}
	if o.Format == "csv" {
		return literature.WritePrismaCSV(o.Stdout, f.Rows())
	}
	if err := f.WriteText(o.Stdout); err != nil {
		return err
	}
	fmt.Fprintln(o.Stdout)
	return r.WriteStageTable(o.Stdout)
}

func runLiteratureCheck(_ context.Context, o literatureOptions) error {
	root := literatureRoot(o)
	ids, err := literature.Reviews(root)
	if err != nil {
		return cli.Exit(fmt.Sprintf("%s: no reviews folder: run from the repository root or pass --root (%v)", root, err), exitBadArgs)
	}
	var problems []string
	report := func(name string, err error) {
		if err == nil {
			fmt.Fprintf(o.Stdout, "ok    %s\n", name)
			return
		}
		fmt.Fprintf(o.Stdout, "FAIL  %s\n", name)
		for _, line := range strings.Split(err.Error(), "\n") {
			problems = append(problems, line)
			fmt.Fprintf(o.Stdout, "      %s\n", line)
		}
	}
	for _, id := range ids {
		_, err := literature.Load(root, id)
		report("reviews/"+id, err)
	}
	_, err = literature.LoadLaterStudies(root)
	report(literature.FileLaterStudies, err)
	_, err = literature.LoadOrchestration(root)
	report(literature.FileOrchestration, err)
	if len(problems) > 0 {
		return cli.Exit(fmt.Sprintf("%d problem(s) in the literature records", len(problems)), exitBadArgs)
	}
	return nil
}

func runLiteratureFigures(_ context.Context, o literatureOptions) error {
	root := literatureRoot(o)
	ids := []string{o.Review}
	if o.Review == "" {
		var err error
		if ids, err = literature.Reviews(root); err != nil {
			return cli.Exit(fmt.Sprintf("%s: %v", root, err), exitBadArgs)
		}
	}
	for _, id := range ids {
		r, err := literature.Load(root, id)
		if err != nil {
			return cli.Exit(err.Error(), exitBadArgs)
		}
		paths, err := r.WriteFigures(o.Out)
		if err != nil {
			return err
		}
		for _, p := range paths {
			fmt.Fprintln(o.Stdout, p)
		}
	}
	return nil
}

// daemonRuntimes is what the container engine reports about its runtimes.
type daemonRuntimes struct {
	Engine   string            `json:"engine"`
	API      string            `json:"api_version"`
	Default  string            `json:"default_runtime"`
	Runtimes map[string]string `json:"runtimes"` // name → path (may be empty)
}

// dockerDaemonRuntimes asks the Docker daemon for `docker info`'s Runtimes.
func dockerDaemonRuntimes(ctx context.Context) (daemonRuntimes, error) {
	c, err := docker.Connect(ctx)
	if err != nil {
		return daemonRuntimes{}, err
	}
	defer c.Close()
	res, err := c.Info(ctx, client.InfoOptions{})
	if err != nil {
		return daemonRuntimes{}, err
	}
	info := res.Info
	d := daemonRuntimes{Engine: info.ServerVersion, API: c.ClientVersion(), Default: info.DefaultRuntime,
		Runtimes: map[string]string{}}
	for name, rt := range info.Runtimes {
		d.Runtimes[name] = rt.Path
	}
	return d, nil
}

func runLiteratureRuntimes(ctx context.Context, o literatureOptions) error {
	if o.Format != "text" && o.Format != "json" {
		return cli.Exit(fmt.Sprintf("--format: want text or json, got %q", o.Format), exitBadArgs)
	}
	out := struct {
		Daemon      *daemonRuntimes   `json:"daemon,omitempty"`
		DaemonError string            `json:"daemon_error,omitempty"`
		Path        []literature.Tool `json:"path"`
	}{Path: literature.ScanPath(ctx, o.PathEnv)}
	if o.Daemon == nil {
		out.DaemonError = "not asked"
	} else if d, err := o.Daemon(ctx); err != nil {
		out.DaemonError = err.Error()
	} else {
		out.Daemon = &d
	}
	if o.Format == "json" {
		enc := json.NewEncoder(o.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	w := o.Stdout
	if out.Daemon != nil {
		fmt.Fprintf(w, "Docker daemon %s (API %s), default runtime %s\n", out.Daemon.Engine, out.Daemon.API, out.Daemon.Default)
		names := make([]string, 0, len(out.Daemon.Runtimes))
		for n := range out.Daemon.Runtimes {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(w, "  runtime %-24s %s\n", n, out.Daemon.Runtimes[n])
		}
	} else {
		fmt.Fprintf(w, "Docker daemon: not available (%s)\n", out.DaemonError)
	}
	fmt.Fprintln(w, "On PATH:")
	if len(out.Path) == 0 {
		fmt.Fprintln(w, "  no Wasm runtime, containerd shim or OCI runtime found")
	}
	for _, t := range out.Path {
		extra := ""
		if t.Name == "crun" {
			extra = "  wasm handlers: none"
			if len(t.Wasm) > 0 {
				extra = "  wasm handlers: " + strings.Join(t.Wasm, ",")
			}
		}
		fmt.Fprintf(w, "  %-16s %-32s %s%s\n", t.Kind, t.Name, t.Path, extra)
	}
	return nil
}
