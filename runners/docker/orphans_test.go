package docker

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/moby/moby/client"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/internal/testenv"
	"github.com/edgewasm/edgewasm/runners"
)

// orphanEnv makes the test binary the helper of TestCleanOrphansOfKilledOwner.
const orphanEnv = "EDGEWASM_DOCKER_ORPHAN_HELPER"

func TestMain(m *testing.M) {
	if os.Getenv(orphanEnv) != "" {
		if err := orphanOwner(); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
	}
	os.Exit(m.Run())
}

// orphanOwner is the helper process: as a docker test does, it builds the
// idle workload's image labelled with its own process, starts a container
// that waits on its stdin, prints "OWNER CONTAINER IMAGE" and waits to be
// killed.
func orphanOwner() error {
	ctx := context.Background()
	me, err := testenv.Self()
	if err != nil {
		return err
	}
	r, err := New(ctx, Config{Labels: map[string]string{testenv.OwnerLabel: me.String(), "org.edgewasm.test": "orphan"}})
	if err != nil {
		return err
	}
	dir, err := filepath.Abs(filepath.Join("testdata", "idle"))
	if err != nil {
		return err
	}
	w := runners.Workload{Experiment: "memory", Test: "tidle", Lang: dataset.LangC, Dir: dir, Include: dir}
	if err := r.Prepare(ctx, []runners.Workload{w}); err != nil {
		return err
	}
	im := r.images[w.ID()]
	cr, err := r.cli.ContainerCreate(ctx, r.createOptions(im, runners.Invocation{Workload: w}, true))
	if err != nil {
		return err
	}
	if _, err := r.cli.ContainerStart(ctx, cr.ID, client.ContainerStartOptions{}); err != nil {
		return err
	}
	fmt.Println(me, cr.ID, im.Tag)
	for {
		syscall.Pause() // until killed
	}
}

// TestCleanOrphansOfKilledOwner kills (SIGKILL) a process that built an
// image and started a container, as a docker test killed by its timeout:
// its cleanups never run, the container keeps running. The sweep every
// docker test starts with must leave both alone while their owner lives,
// and remove both once it is gone.
func TestCleanOrphansOfKilledOwner(t *testing.T) {
	c := needDaemon(t)
	sweepOrphans(t, c)

	helper := exec.Command(os.Args[0], "-test.run=^$")
	// The helper's build directory is left by the kill: inside this
	// test's temporary directory, which the test removes.
	helper.Env = append(os.Environ(), orphanEnv+"=1", "TMPDIR="+t.TempDir())
	helper.Stderr = os.Stderr
	out, err := helper.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := helper.Start(); err != nil {
		t.Fatal(err)
	}
	var owner string
	t.Cleanup(func() {
		// Whatever happens, nothing of the helper's is left.
		helper.Process.Kill()
		helper.Wait()
		if owner != "" {
			ctx, cancel := cleanupContext()
			defer cancel()
			Clean(ctx, c, map[string]string{testenv.OwnerLabel: owner})
		}
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	f := strings.Fields(line)
	if err != nil || len(f) != 3 || f[0] == "error" {
		t.Fatalf("helper said %q (%v)", line, err)
	}
	owner, id, tag := f[0], f[1], f[2]
	if o, err := testenv.ParseOwner(owner); err != nil || o.PID != helper.Process.Pid {
		t.Fatalf("helper's owner %q (%v); want its pid %d", owner, err, helper.Process.Pid)
	}
	if _, err := CleanOrphans(t.Context(), c, testenv.OwnerLabel, testenv.OwnerGone); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ImageInspect(t.Context(), tag); err != nil {
		t.Fatalf("the sweep removed the image of a live owner: %v", err)
	}
	if in, err := c.ContainerInspect(t.Context(), id, client.ContainerInspectOptions{}); err != nil || !in.Container.State.Running {
		t.Fatalf("the sweep stopped or removed the container of a live owner: %v", err)
	}

	if err := helper.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	helper.Wait()
	in, err := c.ContainerInspect(t.Context(), id, client.ContainerInspectOptions{})
	if err != nil || in.Container.State == nil || !in.Container.State.Running {
		t.Fatalf("after the kill the helper's container should still run, or the test proves nothing: %+v, %v", in.Container.State, err)
	}

	n, err := CleanOrphans(t.Context(), c, testenv.OwnerLabel, testenv.OwnerGone)
	if err != nil || n.Containers < 1 || n.Images < 1 {
		t.Fatalf("sweep after the kill: removed %+v, %v; want the helper's container and image", n, err)
	}
	if _, err := c.ContainerInspect(t.Context(), id, client.ContainerInspectOptions{}); !cerrdefs.IsNotFound(err) {
		t.Errorf("the killed owner's container is still there: %v", err)
	}
	if _, err := c.ImageInspect(t.Context(), tag); !cerrdefs.IsNotFound(err) {
		t.Errorf("the killed owner's image %s is still there: %v", tag, err)
	}
}
