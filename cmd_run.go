package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/experiments/dataset"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/wazero"
)

// runOptions are the inputs of `edgewasm run`.
type runOptions struct {
	Root         string
	Profile      string
	Platforms    string
	Langs        string
	Experiments  string
	Out          string
	CC           string
	Settle       time.Duration
	WasmMaxPages uint
	Stdout       io.Writer
	TTY          bool
}

func newRunCommand() *cli.Command {
	return &cli.Command{
		Name:  "run",
		Usage: "run the experiments and write samples.csv and environment.json",
		Description: `Runs every selected experiment on every selected platform following the
profile's protocol (warm-ups, repetitions interleaved across platforms) and
writes DIR/samples.csv (one row per measured value, flushed as each
invocation completes) and DIR/environment.json (machine fingerprint and the
full configuration). Failed invocations are recorded with status
failed:<reason>; the run goes on. Ctrl-C stops after recording the
invocation in flight as failed:interrupted.

Platforms: ` + strings.Join(dataset.PlatformNames(), ", ") + ` (or "all": those available here).
Experiments: ` + strings.Join(experiments.Names, ", ") + `. Languages: c, go.
` + exitCodesHelp,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "profile", Value: "quick", Usage: "protocol and sizes: " + strings.Join(experiments.ProfileNames, ", ")},
			&cli.StringFlag{Name: "platforms", Value: dataset.Native, Usage: "comma-separated platforms, or all"},
			&cli.StringFlag{Name: "experiments", Value: "all", Usage: "comma-separated experiments, or all"},
			&cli.StringFlag{Name: "langs", Value: dataset.LangC, Usage: "guest languages: c, go, or all"},
			&cli.StringFlag{Name: "out", Required: true, Usage: "dataset directory to create (must not hold a samples.csv)"},
			&cli.StringFlag{Name: "root", Value: ".", Usage: "repository root holding experiments/"},
			&cli.StringFlag{Name: "cc", Value: "cc", Usage: "C compiler for native builds"},
			&cli.UintFlag{Name: "wasm-max-pages", Value: wazero.DefaultMemoryLimitPages, Usage: "wazero platforms: guest memory limit in 64 KiB pages (1..65536)"},
			&cli.DurationFlag{Name: "settle", Value: 200 * time.Millisecond, Usage: "memory experiment: wait after the ready line before reading memory"},
		},
		Action: func(c *cli.Context) error {
			return runRun(c.Context, runOptions{
				Root: c.String("root"), Profile: c.String("profile"), Platforms: c.String("platforms"),
				Langs: c.String("langs"), Experiments: c.String("experiments"), Out: c.String("out"),
				CC: c.String("cc"), Settle: c.Duration("settle"), WasmMaxPages: c.Uint("wasm-max-pages"),
				Stdout: c.App.Writer, TTY: isTerminal(os.Stdout),
			})
		},
	}
}

func runRun(ctx context.Context, o runOptions) error {
	if o.WasmMaxPages < 1 || o.WasmMaxPages > 65536 {
		return cli.Exit(fmt.Sprintf("--wasm-max-pages %d: want 1..65536 (64 KiB pages)", o.WasmMaxPages), exitBadArgs)
	}
	root, err := filepath.Abs(o.Root)
	if err != nil {
		return cli.Exit(err.Error(), exitBadArgs)
	}
	if _, err := os.Stat(filepath.Join(root, "experiments")); err != nil {
		return cli.Exit(fmt.Sprintf("%s has no experiments/ folder: run from the repository root or pass --root", root), exitBadArgs)
	}
	profile, err := experiments.LoadProfile(root, o.Profile)
	if err != nil {
		return cli.Exit(err.Error(), exitBadArgs)
	}
	platforms, err := experiments.ParseList("platform", o.Platforms, dataset.PlatformNames())
	if err != nil {
		return cli.Exit(err.Error(), exitBadArgs)
	}
	exps, err := experiments.ParseList("experiment", o.Experiments, experiments.Names)
	if err != nil {
		return cli.Exit(err.Error(), exitBadArgs)
	}
	langs, err := experiments.ParseList("language", o.Langs, []string{dataset.LangC, dataset.LangGo})
	if err != nil {
		return cli.Exit(err.Error(), exitBadArgs)
	}
	out, err := filepath.Abs(o.Out)
	if err != nil {
		return cli.Exit(err.Error(), exitBadArgs)
	}
	if _, err := os.Stat(filepath.Join(out, dataset.SamplesFile)); err == nil {
		return cli.Exit(fmt.Sprintf("%s already holds a %s: choose a new --out", out, dataset.SamplesFile), exitBadArgs)
	}
	all := strings.TrimSpace(o.Platforms) == "all"

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	// Build every platform before anything is written, so a missing
	// toolchain leaves no half-written dataset.
	env := dataset.Environment{
		Schema: dataset.SchemaVersion, Tool: experiments.ToolInfo(root, version),
		Host: experiments.Fingerprint(), Profile: profile, Platforms: platforms, Langs: langs,
		Experiments: exps, Unavailable: map[string]string{}, Runners: map[string]map[string]any{},
	}
	ws := experiments.Workloads(root, exps, langs)
	rs := map[string]runners.Runner{}
	defer func() {
		for _, r := range rs {
			r.Close()
		}
	}()
	var ready []string
	for _, name := range platforms {
		r, err := newRunner(name, platformOptions{Root: root, CC: o.CC, Settle: o.Settle, WasmMaxPages: uint32(o.WasmMaxPages)})
		if err == nil {
			fmt.Fprintf(o.Stdout, "preparing %s: building %d workloads\n", name, len(ws))
			if err = r.Prepare(ctx, ws); err != nil {
				r.Close()
			}
		}
		if err != nil {
			if errors.Is(err, runners.ErrUnavailable) || (all && name != dataset.Native) {
				fmt.Fprintf(o.Stdout, "platform %s unavailable: %v\n", name, err)
				env.Unavailable[name] = err.Error()
				continue
			}
			return cli.Exit(fmt.Sprintf("preparing %s: %v", name, err), exitFailed)
		}
		rs[name] = r
		ready = append(ready, name)
	}
	if ctx.Err() != nil {
		return cli.Exit("interrupted while preparing the platforms; nothing was written", exitFailed)
	}
	if len(ready) == 0 {
		return cli.Exit("no platform could be prepared; nothing was run", exitFailed)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return cli.Exit(err.Error(), exitFailed)
	}
	scratch := filepath.Join(out, "scratch")
	if err := os.MkdirAll(scratch, 0o777); err != nil {
		return cli.Exit(err.Error(), exitFailed)
	}
	// Containers run as a non-root user and must be able to write here.
	_ = os.Chmod(scratch, 0o777)
	defer os.RemoveAll(scratch)

	w, err := dataset.Create(filepath.Join(out, dataset.SamplesFile))
	if err != nil {
		return cli.Exit(err.Error(), exitFailed)
	}
	defer w.Close()
	env.Started = time.Now().UTC()
	if err := dataset.WriteEnvironment(out, env); err != nil {
		return cli.Exit(err.Error(), exitFailed)
	}

	cfg := experiments.Config{Root: root, Profile: profile, Platforms: ready, Langs: langs,
		Experiments: exps, Scratch: scratch}
	prog := newProgress(o.Stdout, o.TTY)
	sum, err := experiments.Execute(ctx, cfg, rs, w, prog.event)
	prog.done()
	if err != nil {
		return cli.Exit(err.Error(), exitFailed)
	}

	finished := time.Now().UTC()
	env.Finished = &finished
	env.Interrupted = sum.Interrupted
	env.Samples, env.Failed = sum.Invocations, sum.Failed
	for name, r := range rs {
		env.Runners[name] = r.Info()
	}
	env.Toolchain = env.Versions()
	env.Toolchain.Runtime = runtime.Version()
	if err := dataset.WriteEnvironment(out, env); err != nil {
		return cli.Exit(err.Error(), exitFailed)
	}
	return summarize(o.Stdout, out, sum, env, all)
}

// summarize prints the end-of-run summary and picks the exit status.
func summarize(wr io.Writer, out string, sum experiments.Summary, env dataset.Environment, all bool) error {
	fmt.Fprintf(wr, "\n%d invocations recorded in %s (%d failed)\n", sum.Invocations, filepath.Join(out, dataset.SamplesFile), sum.Failed)
	for _, name := range slices.Sorted(maps.Keys(env.Unavailable)) {
		fmt.Fprintf(wr, "  platform %s was unavailable: %s\n", name, env.Unavailable[name])
	}
	for _, r := range slices.Sorted(maps.Keys(sum.Reasons)) {
		fmt.Fprintf(wr, "  %4d × %s\n", sum.Reasons[r], r)
	}
	for _, wmsg := range sum.Warnings {
		fmt.Fprintf(wr, "  warning: %s\n", wmsg)
	}
	switch {
	case sum.Interrupted:
		return cli.Exit("interrupted: the samples recorded so far are kept", exitFailed)
	case sum.Failed > 0:
		return cli.Exit(fmt.Sprintf("%d of %d invocations failed (recorded with status failed:<reason>)", sum.Failed, sum.Invocations), exitFailed)
	case len(env.Unavailable) > 0 && !all:
		// Requested platforms that could not run are a failure of the run.
		return cli.Exit(fmt.Sprintf("%d requested platform(s) unavailable", len(env.Unavailable)), exitFailed)
	}
	return nil
}
