package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/edgewasm/edgewasm/runners/docker"
	"github.com/edgewasm/edgewasm/runners/tempdir"
)

func newCleanCommand() *cli.Command {
	return &cli.Command{
		Name:  "clean",
		Usage: "remove what killed runs left behind, and the Docker containers and images edgewasm created",
		Description: `First removes the directories of runs that died without cleaning up (killed
with kill -9, or by a power loss): build directories, compilation caches and
fsio scratch directories. Each such directory holds an owner file that its
run keeps locked while it lives, so directories of runs still in progress —
yours or anyone's on this machine — are never touched.

Then force-removes every container, then every image, labelled
` + docker.LabelManaged + `=true on the Docker daemon named by DOCKER_HOST (or the
default socket); with --label KEY=VALUE only those that also carry that
label. Runs remove their own containers; images are kept between runs (they
are rebuilt only when a workload binary changes), so this is how to reclaim
their space. Nothing else is touched. Every run also does the first step
when it starts.
` + exitCodesHelp + `
   (1 also when the daemon cannot be reached or something could not be removed)`,
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "label", Usage: "KEY=VALUE: remove only containers and images that also carry this label (repeatable)"},
		},
		Action: func(c *cli.Context) error {
			labels := map[string]string{}
			for _, l := range c.StringSlice("label") {
				k, v, ok := strings.Cut(l, "=")
				if !ok || k == "" {
					return cli.Exit(fmt.Sprintf("--label %q: want KEY=VALUE", l), exitBadArgs)
				}
				labels[k] = v
			}
			return runClean(c.Context, cleanOptions{Stdout: c.App.Writer, Labels: labels})
		},
	}
}

// cleanOptions are the inputs of `edgewasm clean`.
type cleanOptions struct {
	Stdout io.Writer
	// Labels narrow the Docker clean-up to objects carrying them all.
	Labels map[string]string
}

func runClean(ctx context.Context, o cleanOptions) error {
	s := tempdir.Sweep()
	fmt.Fprintf(o.Stdout, "removed %d directories left by killed runs", len(s.Removed))
	if len(s.Live) > 0 {
		fmt.Fprintf(o.Stdout, " (kept %d in use by running processes)", len(s.Live))
	}
	fmt.Fprintln(o.Stdout)
	for _, d := range s.Removed {
		fmt.Fprintf(o.Stdout, "  %s\n", d)
	}
	var errs []string
	for _, err := range s.Errors {
		errs = append(errs, err.Error())
	}
	n, err := docker.CleanManaged(ctx, o.Labels)
	fmt.Fprintf(o.Stdout, "removed %d container(s) and %d image(s) labelled %s=true\n", n.Containers, n.Images, docker.LabelManaged)
	if err != nil {
		errs = append(errs, err.Error())
	}
	if len(errs) > 0 {
		return cli.Exit(strings.Join(errs, "\n"), exitFailed)
	}
	return nil
}
