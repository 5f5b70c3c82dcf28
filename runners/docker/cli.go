package docker

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os/exec"
	"sort"
	"syscall"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/internal/proc"
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

// CLICommand is the `docker run --rm` command line (the CLI's path first)
// equivalent to the container Run creates for inv through the API, as the
// thesis typed it; the harness benchmark hands it to hyperfine. It needs a
// prepared workload and the docker CLI on PATH.
func (r *Runner) CLICommand(inv runners.Invocation) ([]string, error) {
	im, err := r.image(inv)
	if err != nil {
		return nil, err
	}
	if r.cliBin == "" {
		return nil, fmt.Errorf("docker: the docker CLI (%s) is not on PATH", r.cfg.CLI)
	}
	return append([]string{r.cliBin}, r.cliArgs(cliName(), im, inv)...), nil
}

// cliName is a fresh container name for one CLI run.
func cliName() string {
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	return "edgewasm-cli-" + hex.EncodeToString(rnd[:])
}

// timeCLI runs the workload once more with the docker CLI, as the thesis
// did with `time docker run --rm`, and records cli_ms: spawn of the CLI to
// its reaped exit, timed by the same ewspawn shim as the native platform
// (so cli_ms and a native wall_ms are comparable, and both are comparable
// with hyperfine -N). It includes the CLI's own start-up and its create,
// attach, start, wait and the daemon's auto-removal.
func (r *Runner) timeCLI(ctx context.Context, im image, inv runners.Invocation, res *runners.Result) error {
	name := cliName()
	cmd := exec.Command(r.cliBin, r.cliArgs(name, im, inv)...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cr, err := proc.Measure(ctx, r.spawner, cmd, inv.Timeout)
	if ms, ok := cr.Metric(dataset.WallMS); ok {
		res.Add(dataset.CLIMS, ms, dataset.UnitMS)
	}
	if err == nil {
		return nil
	}
	// The CLI may have died before the daemon removed its container.
	cctx, ccancel := cleanupContext()
	defer ccancel()
	_ = r.remove(cctx, name)
	var f *runners.Failure
	if errors.As(err, &f) && f.Reason != dataset.ReasonTimeout && f.Reason != dataset.ReasonInterrupted {
		return runners.Failf("cli: "+f.Reason, "%s", f.Detail)
	}
	return err
}
