package main

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/edgewasm/edgewasm/runners"
)

// A Docker daemon that cannot be reached makes the platform unavailable
// (the run goes on without it) rather than failing the run.
func TestDockerUnavailableWithoutDaemon(t *testing.T) {
	t.Setenv("DOCKER_HOST", "unix://"+filepath.Join(t.TempDir(), "absent.sock"))
	r, err := newRunner(runners.Docker, platformOptions{CC: "cc"})
	if !errors.Is(err, runners.ErrUnavailable) {
		if r != nil {
			r.Close()
		}
		t.Fatalf("newRunner(docker) = %v; want an error wrapping ErrUnavailable", err)
	}
}
