package run

import (
	"context"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/internal/testenv"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/docker"
)

// dockerLabels returns the labels of the Docker objects a test creates:
// also, plus this test process (testenv.OwnerLabel). It first removes what
// killed tests left (their owner is gone), and removes what the test made
// when it ends. Without a daemon it does nothing more: the test decides
// what that means.
func dockerLabels(t *testing.T, also map[string]string) map[string]string {
	t.Helper()
	labels := testenv.OwnerLabels(t, also)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c, err := docker.Connect(ctx)
	if err != nil {
		return labels
	}
	defer c.Close()
	n, err := docker.CleanOrphans(ctx, c, testenv.OwnerLabel, testenv.OwnerGone)
	if err != nil {
		t.Fatalf("removing what killed tests left: %v", err)
	}
	if n.Containers+n.Images > 0 {
		t.Logf("removed %d container(s) and %d image(s) left by killed tests", n.Containers, n.Images)
	}
	t.Cleanup(func() {
		// Only what this test built: its objects carry its labels.
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if c, err := docker.Connect(ctx); err == nil {
			if _, err := docker.Clean(ctx, c, labels); err != nil {
				t.Errorf("removing the test's containers and images: %v", err)
			}
			c.Close()
		}
	})
	return labels
}

// labelled is NewRunner with the given labels on every platform.
func labelled(labels map[string]string) Factory {
	return func(name string, o PlatformOptions) (runners.Runner, error) {
		o.Labels = labels
		return NewRunner(name, o)
	}
}
