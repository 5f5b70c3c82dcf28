package docker

import (
	"context"
	"errors"
	"fmt"

	cerrdefs "github.com/containerd/errdefs"
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
			if !cerrdefs.IsNotFound(err) { // else removed meanwhile (another clean)
				errs = append(errs, fmt.Errorf("container %.12s: %w", ct.ID, err))
			}
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
			if !cerrdefs.IsNotFound(err) {
				errs = append(errs, fmt.Errorf("image %.19s: %w", im.ID, err))
			}
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

// CleanOrphans removes the containers and images whose label key names an
// owner that gone reports dead, and nothing else: tests label what they
// create with their process (key → owner), so a test removes what a killed
// test left without touching what a live one uses. gone sees each owner
// once.
func CleanOrphans(ctx context.Context, c *client.Client, key string, gone func(owner string) bool) (Removed, error) {
	var done Removed
	if key == "" || key == LabelManaged {
		return done, fmt.Errorf("docker: clean orphans by label %q: want a key other than %s", key, LabelManaged)
	}
	f := client.Filters{}
	f.Add("label", key)
	cs, err := c.ContainerList(ctx, client.ContainerListOptions{All: true, Filters: f})
	if err != nil {
		return done, err
	}
	ims, err := c.ImageList(ctx, client.ImageListOptions{All: true, Filters: f})
	if err != nil {
		return done, err
	}
	owners := map[string]bool{}
	for _, ct := range cs.Items {
		owners[ct.Labels[key]] = true
	}
	for _, im := range ims.Items {
		owners[im.Labels[key]] = true
	}
	var errs []error
	for owner := range owners {
		if owner == "" || !gone(owner) {
			continue
		}
		n, err := Clean(ctx, c, map[string]string{key: owner})
		done.Containers += n.Containers
		done.Images += n.Images
		if err != nil {
			errs = append(errs, err)
		}
	}
	return done, errors.Join(errs...)
}
