package run

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

	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/experiments/dataset"
	"github.com/edgewasm/edgewasm/internal/build"
	"github.com/edgewasm/edgewasm/internal/host"
	"github.com/edgewasm/edgewasm/runners"
)

// Options are the inputs of one run, as the command line gives them.
type Options struct {
	Root        string // repository root holding experiments/
	Profile     string // a built-in profile name
	Platforms   string // comma-separated platform names, or "all"
	Langs       string // comma-separated languages, or "all"
	Experiments string // comma-separated experiments, or "all"
	Out         string // dataset directory to create
	CC          string // C compiler for native builds ("" = cc)
	Settle      time.Duration
	// WasmMaxPages caps wazero guests' memory: 1..65536 pages of 64 KiB.
	WasmMaxPages uint
	Version      string    // edgewasm's version, for environment.json
	Stdout       io.Writer // progress and summary
	// NewRunner creates each platform's runner; nil means NewRunner.
	NewRunner Factory
}

// BadInput marks an error in the options or in the input files. Nothing
// was run and nothing was written.
type BadInput struct{ Err error }

func (e *BadInput) Error() string { return e.Err.Error() }
func (e *BadInput) Unwrap() error { return e.Err }

func badInput(format string, args ...any) error {
	return &BadInput{fmt.Errorf(format, args...)}
}

// config is a validated run.
type config struct {
	root, out   string
	profile     dataset.Profile
	platforms   []string
	langs       []string
	experiments []string
	all         bool // --platforms all: unavailable platforms are skipped
}

// validate checks the options and reads the profile; it writes nothing.
func validate(o Options) (config, error) {
	var c config
	if o.WasmMaxPages < 1 || o.WasmMaxPages > 65536 {
		return c, badInput("--wasm-max-pages %d: want 1..65536 (64 KiB pages)", o.WasmMaxPages)
	}
	var err error
	if c.root, err = filepath.Abs(o.Root); err != nil {
		return c, &BadInput{err}
	}
	if _, err := os.Stat(filepath.Join(c.root, "experiments")); err != nil {
		return c, badInput("%s has no experiments/ folder: run from the repository root or pass --root", c.root)
	}
	if c.profile, err = experiments.LoadProfile(c.root, o.Profile); err != nil {
		return c, &BadInput{err}
	}
	if c.platforms, err = experiments.ParseList("platform", o.Platforms, dataset.PlatformNames()); err != nil {
		return c, &BadInput{err}
	}
	if c.experiments, err = experiments.ParseList("experiment", o.Experiments, experiments.Names); err != nil {
		return c, &BadInput{err}
	}
	if c.langs, err = experiments.ParseList("language", o.Langs, dataset.Langs); err != nil {
		return c, &BadInput{err}
	}
	if c.out, err = filepath.Abs(o.Out); err != nil {
		return c, &BadInput{err}
	}
	if _, err := os.Stat(filepath.Join(c.out, dataset.SamplesFile)); err == nil {
		return c, badInput("%s already holds a %s: choose a new --out", c.out, dataset.SamplesFile)
	}
	c.all = strings.TrimSpace(o.Platforms) == "all"
	return c, nil
}

// Run performs one `edgewasm run`: it validates the options, prepares every
// platform (one that cannot run here is recorded as unavailable), writes
// the environment and streams samples into the dataset while the plan
// executes, then completes the environment and prints a summary. SIGINT
// and SIGTERM stop it after recording the invocation in flight.
//
// It returns a *BadInput when the options are wrong (nothing was written),
// and another error when the run could not be completed or recorded a
// failure; the samples recorded so far are kept in every case.
func Run(ctx context.Context, o Options) error {
	c, err := validate(o)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	env := dataset.Environment{
		Schema: dataset.SchemaVersion, Tool: host.ToolInfo(c.root, o.Version),
		Host: host.Fingerprint(), Profile: c.profile, Platforms: c.platforms, Langs: c.langs,
		Experiments: c.experiments, Unavailable: map[string]string{}, Runners: map[string]map[string]any{},
	}
	factory := o.NewRunner
	if factory == nil {
		factory = NewRunner
	}
	popts := PlatformOptions{Root: c.root, Tools: build.Tools{CC: o.CC}, Settle: o.Settle, WasmMaxPages: uint32(o.WasmMaxPages)}
	rs, ready, err := prepare(ctx, c, factory, popts, o.Stdout, env.Unavailable)
	defer func() {
		for _, r := range rs {
			r.Close()
		}
	}()
	if err != nil {
		return err
	}

	// Only now, with every platform built, is anything written: a missing
	// toolchain leaves no half-written dataset.
	if err := os.MkdirAll(c.out, 0o755); err != nil {
		return err
	}
	scratch := filepath.Join(c.out, "scratch")
	if err := os.MkdirAll(scratch, 0o777); err != nil {
		return err
	}
	// Containers run as a non-root user and must be able to write here.
	_ = os.Chmod(scratch, 0o777)
	defer os.RemoveAll(scratch)

	w, err := dataset.Create(filepath.Join(c.out, dataset.SamplesFile))
	if err != nil {
		return err
	}
	defer w.Close()
	env.Started = time.Now().UTC()
	if err := dataset.WriteEnvironment(c.out, env); err != nil {
		return err
	}

	cfg := experiments.Config{Root: c.root, Profile: c.profile, Platforms: ready, Langs: c.langs,
		Experiments: c.experiments, Scratch: scratch}
	prog := newProgress(o.Stdout, isTerminal(o.Stdout))
	sum, err := experiments.Execute(ctx, cfg, rs, w, prog.event)
	prog.done()
	if err != nil {
		return err
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
	if err := dataset.WriteEnvironment(c.out, env); err != nil {
		return err
	}
	return summarize(o.Stdout, c.out, sum, env, c.all)
}

// prepare creates and prepares the runner of every requested platform. A
// platform that reports runners.ErrUnavailable (or, with --platforms all,
// fails to prepare at all, except native) is recorded in unavailable and
// left out; any other failure stops the run before anything is written.
func prepare(ctx context.Context, c config, factory Factory, popts PlatformOptions, log io.Writer, unavailable map[string]string) (map[string]runners.Runner, []string, error) {
	ws := experiments.Workloads(c.root, c.experiments, c.langs)
	rs := map[string]runners.Runner{}
	var ready []string
	for _, name := range c.platforms {
		r, err := factory(name, popts)
		if err == nil {
			fmt.Fprintf(log, "preparing %s: building %d workloads\n", name, len(ws))
			if err = r.Prepare(ctx, ws); err != nil {
				r.Close()
			}
		}
		if err != nil {
			if errors.Is(err, runners.ErrUnavailable) || (c.all && name != dataset.Native) {
				fmt.Fprintf(log, "platform %s unavailable: %v\n", name, err)
				unavailable[name] = err.Error()
				continue
			}
			return rs, nil, fmt.Errorf("preparing %s: %w", name, err)
		}
		rs[name] = r
		ready = append(ready, name)
	}
	if ctx.Err() != nil {
		return rs, nil, errors.New("interrupted while preparing the platforms; nothing was written")
	}
	if len(ready) == 0 {
		return rs, nil, errors.New("no platform could be prepared; nothing was run")
	}
	return rs, ready, nil
}

// summarize prints the end-of-run summary and decides whether the run
// failed.
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
		return errors.New("interrupted: the samples recorded so far are kept")
	case sum.Failed > 0:
		return fmt.Errorf("%d of %d invocations failed (recorded with status failed:<reason>)", sum.Failed, sum.Invocations)
	case len(env.Unavailable) > 0 && !all:
		// Requested platforms that could not run are a failure of the run.
		return fmt.Errorf("%d requested platform(s) unavailable", len(env.Unavailable))
	}
	return nil
}
