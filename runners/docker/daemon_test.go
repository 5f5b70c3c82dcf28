package docker

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/moby/moby/client"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/internal/testenv"
	"github.com/edgewasm/edgewasm/runners"
)

// needDaemon returns a client, or skips (fails in CI) when no
// daemon answers.
func needDaemon(t *testing.T) *client.Client {
	t.Helper()
	c, err := Connect(t.Context())
	if err != nil {
		if os.Getenv(testenv.RequireDockerEnv) == "1" {
			t.Fatalf("no Docker daemon reachable and %s=1: %v", testenv.RequireDockerEnv, err)
		}
		testenv.Missing(t, "no Docker daemon reachable: "+err.Error())
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// testWorkload is one of the programs under testdata.
func testWorkload(t *testing.T, name, experiment string) runners.Workload {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return runners.Workload{Experiment: experiment, Test: "t" + name, Lang: dataset.LangC, Dir: dir, Include: dir}
}

// newTestRunner prepares a runner whose images and containers carry a
// label unique to the test and this test process (testenv.OwnerLabel),
// removed when the test ends. It also checks that no container of the
// test is left behind. It first removes what killed tests left.
func newTestRunner(t *testing.T, ws ...runners.Workload) (*Runner, *client.Client) {
	t.Helper()
	c := needDaemon(t)
	sweepOrphans(t, c)
	label := testenv.OwnerLabels(t, map[string]string{"org.edgewasm.test": strings.ToLower(strings.ReplaceAll(t.Name(), "/", "-"))})
	r, err := New(t.Context(), Config{Labels: label})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		r.Close()
		ctx, cancel := cleanupContext()
		defer cancel()
		if n := countContainers(t, c, label); n != 0 {
			t.Errorf("%d container(s) left behind", n)
		}
		if _, err := Clean(ctx, c, label); err != nil {
			t.Errorf("clean: %v", err)
		}
	})
	if err := r.Prepare(t.Context(), ws); err != nil {
		t.Fatal(err)
	}
	return r, c
}

// sweepOrphans removes the containers and images of test processes that
// were killed before their cleanups ran (their testenv.OwnerLabel names a
// process that is gone), and nothing of a live test's.
func sweepOrphans(t *testing.T, c *client.Client) {
	t.Helper()
	ctx, cancel := cleanupContext()
	defer cancel()
	n, err := CleanOrphans(ctx, c, testenv.OwnerLabel, testenv.OwnerGone)
	if err != nil {
		t.Fatalf("removing what killed tests left: %v", err)
	}
	if n.Containers+n.Images > 0 {
		t.Logf("removed %d container(s) and %d image(s) left by killed tests", n.Containers, n.Images)
	}
}

func countContainers(t *testing.T, c *client.Client, labels map[string]string) int {
	t.Helper()
	f := client.Filters{}
	for k, v := range labels {
		f.Add("label", k+"="+v)
	}
	ctx, cancel := cleanupContext()
	defer cancel()
	cs, err := c.ContainerList(ctx, client.ContainerListOptions{All: true, Filters: f})
	if err != nil {
		t.Fatal(err)
	}
	return len(cs.Items)
}

func TestRunHardenedContainer(t *testing.T) {
	w := testWorkload(t, "probe", "cpu")
	r, _ := newTestRunner(t, w)
	res, err := r.Run(t.Context(), runners.Invocation{Workload: w, Args: []string{"probe"}, Timeout: time.Minute})
	if err != nil {
		t.Fatalf("Run: %v (stderr %q)", err, res.Stderr)
	}
	out := string(res.Stdout)
	for _, want := range []string{"uid=65534\n", "rootfs_writable=0\n", "network=0\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if string(res.Stderr) != "to stderr\n" {
		t.Errorf("stderr %q: the stream was not demultiplexed", res.Stderr)
	}
	var phases float64
	for _, name := range []string{"create_ms", "attach_ms", "start_ms", "wait_ms", "remove_ms"} {
		v, ok := res.Metric(name)
		if !ok || v <= 0 {
			t.Errorf("metric %s = %v, %v", name, v, ok)
		}
		phases += v
	}
	if wall, _ := res.Metric("wall_ms"); wall < phases {
		t.Errorf("wall_ms %.3f < sum of phases %.3f", wall, phases)
	}
	if _, ok := res.Metric("cli_ms"); ok {
		t.Error("cli_ms measured although the invocation did not ask for it")
	}
	im := r.Info()["images"].(map[string]any)[w.ID()].(map[string]any)
	if !strings.HasPrefix(im["id"].(string), "sha256:") || im["size_bytes"].(int64) <= 0 {
		t.Errorf("image info %v", im)
	}
}

func TestRunFailures(t *testing.T) {
	w := testWorkload(t, "probe", "cpu")
	r, _ := newTestRunner(t, w)
	var f *runners.Failure
	_, err := r.Run(t.Context(), runners.Invocation{Workload: w, Args: []string{"exit", "3"}, Timeout: time.Minute})
	if !errors.As(err, &f) || f.Reason != "exit status 3" {
		t.Errorf("exit 3: got %v", err)
	}
	_, err = r.Run(t.Context(), runners.Invocation{Workload: w, Args: []string{"sleep"}, Timeout: 2 * time.Second})
	if !errors.As(err, &f) || f.Reason != "timeout" {
		t.Errorf("sleep with timeout: got %v", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(2*time.Second, cancel)
	_, err = r.Run(ctx, runners.Invocation{Workload: w, Args: []string{"sleep"}, Timeout: time.Minute})
	if !errors.As(err, &f) || f.Reason != "interrupted" {
		t.Errorf("cancelled run: got %v", err)
	}
	if len(r.live) != 0 {
		t.Errorf("runner still tracks %d containers", len(r.live))
	}
}

func TestScratchBindMount(t *testing.T) {
	w := testWorkload(t, "probe", "fsio")
	r, _ := newTestRunner(t, w)
	scratch := t.TempDir()
	if err := os.Chmod(scratch, 0o777); err != nil {
		t.Fatal(err)
	}
	res, err := r.Run(t.Context(), runners.Invocation{Workload: w, Scratch: scratch, Timeout: time.Minute,
		Args: []string{"write", runners.ScratchToken + "/out.txt"}})
	if err != nil {
		t.Fatalf("Run: %v (stderr %q)", err, res.Stderr)
	}
	b, err := os.ReadFile(filepath.Join(scratch, "out.txt"))
	if err != nil || string(b) != "hello" {
		t.Fatalf("file written through the bind mount: %q, %v", b, err)
	}
}

func TestHoldMeasuresMemory(t *testing.T) {
	w := testWorkload(t, "idle", "memory")
	r, _ := newTestRunner(t, w)
	res, err := r.Hold(t.Context(), runners.Invocation{Workload: w, Timeout: time.Minute})
	if err != nil {
		t.Fatalf("Hold: %v (stdout %q, stderr %q)", err, res.Stdout, res.Stderr)
	}
	for _, name := range []string{"cgroup_memory_kib", "shim_pss_kib", "pss_kib", "ready_ms"} {
		if v, ok := res.Metric(name); !ok || v <= 0 {
			t.Errorf("metric %s = %v, %v", name, v, ok)
		}
	}
	if _, ok := res.Metric("memavail_drop_kib"); !ok {
		t.Error("no memavail_drop_kib")
	}
	if string(res.Stdout) != "ready\nbye\n" {
		t.Errorf("stdout %q: stdin was not closed, or output lost", res.Stdout)
	}
}

func TestStartupTimesCLI(t *testing.T) {
	w := testWorkload(t, "probe", "startup")
	r, _ := newTestRunner(t, w)
	if r.cliBin == "" {
		t.Skip("docker CLI not on PATH")
	}
	res, err := r.Run(t.Context(), runners.Invocation{Workload: w, Timeout: time.Minute, TimeCLI: true})
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := res.Metric("cli_ms"); !ok || v <= 0 {
		t.Errorf("cli_ms = %v, %v", v, ok)
	}
	if string(res.Stdout) != "noop\n" {
		t.Errorf("stdout %q", res.Stdout)
	}
}

func TestImagesReusedAndCleaned(t *testing.T) {
	w := testWorkload(t, "probe", "cpu")
	r, c := newTestRunner(t, w)
	first := r.images[w.ID()]
	r2, err := New(t.Context(), r.cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	if err := r2.Prepare(t.Context(), []runners.Workload{w}); err != nil {
		t.Fatal(err)
	}
	second := r2.images[w.ID()]
	if second.Built || second.ID != first.ID || second.Tag != first.Tag {
		t.Errorf("unchanged binary was rebuilt: %+v then %+v", first, second)
	}
	in, err := c.ImageInspect(t.Context(), first.Tag)
	if err != nil || in.Config == nil || in.Config.Labels[LabelManaged] != "true" {
		t.Fatalf("image labels: %v", err)
	}
	removed, err := Clean(t.Context(), c, r.cfg.Labels)
	if err != nil || removed.Images < 1 {
		t.Fatalf("Clean = %+v, %v", removed, err)
	}
	if _, err := c.ImageInspect(t.Context(), first.Tag); !cerrdefs.IsNotFound(err) {
		t.Errorf("image still there after Clean: %v", err)
	}
}
