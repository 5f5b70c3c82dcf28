package docker

import (
	"context"
	"errors"
	"fmt"

	"github.com/moby/moby/client"
)

// Removed counts what Clean deleted.
type Removed struct {
	Containers, Images int
}

// Clean force-removes every container and then every image carrying all
// the given labels (key → value; an empty value matches any value) on the
// daemon c. Pass {LabelManaged: "true"} to remove all the project left.
func Clean(ctx context.Context, c *client.Client, labels map[string]string) (Removed, error) {
	var done Removed
	if len(labels) == 0 {
		return done, errors.New("docker: clean needs at least one label")
	}
	f := client.Filters{}
	for k, v := range labels {
		if v == "" {
			f.Add("label", k)
		} else {
			f.Add("label", k+"="+v)
		}
	}
	cs, err := c.ContainerList(ctx, client.ContainerListOptions{All: true, Filters: f})
	if err != nil {
		return done, err
	}
	var errs []error
	for _, ct := range cs.Items {
		if _, err := c.ContainerRemove(ctx, ct.ID, client.ContainerRemoveOptions{Force: true, RemoveVolumes: true}); err != nil {
			errs = append(errs, fmt.Errorf("container %.12s: %w", ct.ID, err))
			continue
		}
		done.Containers++
	}
	ims, err := c.ImageList(ctx, client.ImageListOptions{All: true, Filters: f})
	if err != nil {
		return done, errors.Join(append(errs, err)...)
	}
	for _, im := range ims.Items {
		if _, err := c.ImageRemove(ctx, im.ID, client.ImageRemoveOptions{Force: true, PruneChildren: true}); err != nil {
			errs = append(errs, fmt.Errorf("image %.19s: %w", im.ID, err))
			continue
		}
		done.Images++
	}
	return done, errors.Join(errs...)
}

// CleanManaged removes every container and image labelled LabelManaged=true
// (and carrying every label in also) on the daemon named by the
// environment: what `edgewasm clean` does.
func CleanManaged(ctx context.Context, also map[string]string) (Removed, error) {
	c, err := Connect(ctx)
	if err != nil {
		return Removed{}, fmt.Errorf("docker daemon unreachable: %w", err)
	}
	defer c.Close()
	labels := map[string]string{LabelManaged: "true"}
	for k, v := range also {
		labels[k] = v
	}
	return Clean(ctx, c, labels)
}
