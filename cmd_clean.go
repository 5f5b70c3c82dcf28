package main

import (
	"context"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/edgewasm/edgewasm/runners/docker"
)

func newCleanCommand() *cli.Command {
	return &cli.Command{
		Name:  "clean",
		Usage: "remove the Docker containers and images edgewasm created",
		Description: `Force-removes every container, then every image, labelled
` + docker.LabelManaged + `=true on the Docker daemon named by DOCKER_HOST (or the
default socket). Runs remove their own containers; images are kept between
runs (they are rebuilt only when a workload binary changes), so this is how
to reclaim their space. Nothing else is touched.
` + exitCodesHelp + `
   (1 also when the daemon cannot be reached or something could not be removed)`,
		Action: func(c *cli.Context) error {
			return runClean(c.Context, cleanOptions{Stdout: c.App.Writer})
		},
	}
}

// cleanOptions are the inputs of `edgewasm clean`.
type cleanOptions struct {
	Stdout io.Writer
}

func runClean(ctx context.Context, o cleanOptions) error {
	n, err := docker.CleanManaged(ctx)
	fmt.Fprintf(o.Stdout, "removed %d container(s) and %d image(s) labelled %s=true\n", n.Containers, n.Images, docker.LabelManaged)
	if err != nil {
		return cli.Exit(err.Error(), exitFailed)
	}
	return nil
}
