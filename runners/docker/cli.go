package docker

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os/exec"
	"sort"
	"time"

	"github.com/edgewasm/edgewasm/runners"
)

// cliArgs is the `docker run --rm` command line equivalent to the
// container Run creates through the API.
func (r *Runner) cliArgs(name string, im image, inv runners.Invocation) []string {
	args := []string{"run", "--rm", "--name", name,
		"--network", "none", "--read-only", "--cap-drop", "ALL",
		"--security-opt", "no-new-privileges", "--user", r.cfg.User,
		"--pids-limit", fmt.Sprint(r.cfg.PidsLimit)}
	if r.cfg.CPUSet != "" {
		args = append(args, "--cpuset-cpus", r.cfg.CPUSet)
	}
	if r.cfg.Memory > 0 {
		m := fmt.Sprint(r.cfg.Memory)
		args = append(args, "--memory", m, "--memory-swap", m)
	}
	if inv.Scratch != "" {
		args = append(args, "--mount", "type=bind,source="+inv.Scratch+",target="+GuestScratch)
	}
	labels := r.labels()
	keys := make([]string, 0, len(labels))
	for k := range labels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		args = append(args, "--label", k+"="+labels[k])
	}
	args = append(args, im.Tag)
	return append(args, inv.ExpandArgs(GuestScratch)...)
}

// timeCLI runs the workload once more with the docker CLI, as the thesis
// did with `time docker run --rm`, and records cli_ms: fork/exec of the CLI
// to its exit, which includes the CLI's own start-up and its create,
// attach, start, wait and the daemon's auto-removal.
func (r *Runner) timeCLI(ctx context.Context, im image, inv runners.Invocation, res *runners.Result) error {
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	name := "edgewasm-cli-" + hex.EncodeToString(rnd[:])
	tctx, cancel := timeoutContext(ctx, inv.Timeout)
	defer cancel()
	cmd := exec.CommandContext(tctx, r.cliBin, r.cliArgs(name, im, inv)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	t := time.Now()
	err := cmd.Run()
	res.AddDuration("cli_ms", time.Since(t))
	if err == nil {
		return nil
	}
	// The CLI may have died before the daemon removed its container.
	cctx, ccancel := cleanupContext()
	defer ccancel()
	_ = r.remove(cctx, name)
	switch {
	case ctx.Err() != nil:
		return runners.Failf("interrupted", "%v", ctx.Err())
	case tctx.Err() != nil:
		return runners.Failf("timeout", "docker CLI killed after the per-invocation timeout")
	}
	return runners.Failf("cli: "+err.Error(), "%s", runners.Tail(stderr.Bytes(), 200))
}
