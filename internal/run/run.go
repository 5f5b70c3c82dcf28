package run

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/edgewasm/edgewasm/internal/protocol"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/experiments/peer"
	"github.com/edgewasm/edgewasm/internal/doctor"
	"github.com/edgewasm/edgewasm/internal/host"
	"github.com/edgewasm/edgewasm/internal/quality"
	"github.com/edgewasm/edgewasm/internal/resume"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/build"
	"github.com/edgewasm/edgewasm/runners/tempdir"
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
	// Containers get the same limit in bytes.
	WasmMaxPages uint
	// CPU pins every workload to this core and edgewasm to the others
	// (nil: no pinning).
	CPU *int

	// Resume continues the interrupted run in this dataset directory
	// (package resume). The options not given (see Given) take the
	// recorded values; those given must equal them unless Force is set.
	Resume string
	// Given reports, by flag name (resume.FlagProfile, …), whether the
	// command line gave an option. nil means every option that holds a
	// value was given; an option holding its unset value (empty string,
	// Settle < 0, WasmMaxPages 0, CPU nil) never is.
	Given func(flag string) bool
	// Force resumes even though the configuration (or the tool's commit,
	// or the machine) differs from the recorded one; environment.json
	// records the differences.
	Force bool

	Version string    // edgewasm's version, for environment.json
	Stdout  io.Writer // progress and summary
	// NewRunner creates each platform's runner; nil means NewRunner.
	NewRunner Factory
	// Peer is HOST:PORT of a remote peer (`edgewasm peer`) for the network
	// experiment; empty means the built-in peer on loopback.
	Peer string
	// Meta are "key=value" facts to record in environment.json ("meta" of
	// a new run, of the resume record when resuming); never compared.
	Meta []string
	// Build says where the binaries come from: build.ModeAuto (""), the
	// bundle's prebuilt ones when Root is an unpacked bundle),
	// build.ModeBundle or build.ModeLocal.
	Build string
	// PlanOnly prints the plan and its estimate (printed before every new
	// run too) and returns without running or writing anything.
	PlanOnly bool
	// Machine reads the machine's contention counters around every
	// invocation; nil means the host's (/proc). Tests script it.
	Machine func() protocol.Counters
	// RerunWarned re-runs, in this complete dataset directory, the cells
	// that its measurement-quality warnings name (baseline drift, CPU
	// stall), every repetition after their warm-ups, and appends their rows
	// at the next attempt, keeping the earlier ones. Options not given take
	// the recorded values, as with Resume.
	RerunWarned string
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
	settings    dataset.Settings
	tool        dataset.Tool
	cpu         *int
	expected    map[string]experiments.Expected
	meta        map[string]string
	artifacts   *build.Artifacts

	// resume is the recorded environment of the run being resumed or
	// re-run (nil for a new run); diffs what differs from it now (allowed
	// by Force). rerun: --rerun-warned, not --resume.
	resume *dataset.Environment
	diffs  []string
	force  bool
	rerun  bool
	// reruns are the dataset's re-runs, part of its plan.
	reruns []dataset.Rerun
}

// protocol is the configuration of the run's plan on platforms.
func (c config) protocol(platforms []string) protocol.Config {
	return protocol.Config{Root: c.root, Profile: c.profile, Platforms: platforms, Langs: c.langs, Experiments: c.experiments,
		Reruns: c.reruns}
}

// validate checks the options and every input file the run will read
// (sizes, expected digests, committed modules); it writes nothing.
func validate(o Options) (config, error) {
	var c config
	var err error
	if c.root, err = filepath.Abs(o.Root); err != nil {
		return c, &BadInput{err}
	}
	if _, err := os.Stat(filepath.Join(c.root, "experiments")); err != nil {
		return c, badInput("%s has no experiments/ folder: run from the repository root or pass --root", c.root)
	}
	switch {
	case o.Resume != "" && o.RerunWarned != "":
		return c, badInput("--resume and --rerun-warned: give one (finish an interrupted run with --resume, then re-run its warned cells)")
	case o.RerunWarned != "":
		if o.PlanOnly {
			return c, badInput("--plan with --rerun-warned: the plan of a re-run is the warned cells; run --rerun-warned to see them")
		}
		o.Resume, c.rerun = o.RerunWarned, true
		fallthrough
	case o.Resume != "":
		if err := c.recorded(&o); err != nil {
			return c, err
		}
		c.reruns = slices.Clone(c.resume.Reruns)
	case o.Out == "":
		return c, badInput("no output directory: pass --out DIR (or --resume DIR)")
	}
	if o.WasmMaxPages < 1 || o.WasmMaxPages > 65536 {
		return c, badInput("--wasm-max-pages %d: want 1..65536 (64 KiB pages)", o.WasmMaxPages)
	}
	if o.Settle < 0 {
		return c, badInput("--settle %s: want ≥ 0", o.Settle)
	}
	if c.profile, err = experiments.LoadProfile(c.root, o.Profile); err != nil {
		return c, &BadInput{err}
	}
	if c.platforms, err = experiments.ParseList("platform", o.Platforms, dataset.PlatformNames()); err != nil {
		return c, &BadInput{err}
	}
	if experiments.IsAll(o.Platforms) {
		// The control platforms run only when named (dataset.IsControl).
		c.platforms = slices.DeleteFunc(c.platforms, dataset.IsControl)
	}
	if c.experiments, err = experiments.ParseList("experiment", o.Experiments, experiments.Names); err != nil {
		return c, &BadInput{err}
	}
	if c.platforms = experiments.SelectPlatforms(c.platforms, c.experiments); len(c.platforms) == 0 {
		return c, badInput("--platforms %s: network variants run only the network experiment, control platforms only the experiments that list them (experiments.Experiment.Controls)", o.Platforms)
	}
	if c.meta, err = parseMeta(o.Meta); err != nil {
		return c, err
	}
	if o.Peer != "" {
		if _, _, err := net.SplitHostPort(o.Peer); err != nil {
			return c, badInput("--peer %q: want HOST:PORT", o.Peer)
		}
	}
	if c.langs, err = experiments.ParseList("language", o.Langs, dataset.Langs); err != nil {
		return c, &BadInput{err}
	}
	if c.resume == nil {
		if c.out, err = filepath.Abs(o.Out); err != nil {
			return c, &BadInput{err}
		}
		for _, f := range []string{dataset.SamplesFile, dataset.EnvironmentFile} {
			if _, err := os.Stat(filepath.Join(c.out, f)); err == nil {
				return c, badInput("%s already holds a dataset (%s): continue it with --resume %s, or choose a new --out", c.out, f, c.out)
			}
		}
	}
	c.all = c.all || experiments.IsAll(o.Platforms)
	cc := o.CC
	if cc == "" {
		cc = build.Tools{}.WithDefaults().CC
	}
	c.settings = dataset.Settings{CC: cc, Settle: dataset.Duration(o.Settle), WasmMaxPages: o.WasmMaxPages, AllPlatforms: c.all}
	if o.CPU != nil {
		harness, err := checkCPU(*o.CPU)
		if err != nil {
			return c, &BadInput{err}
		}
		cpu := *o.CPU
		c.cpu = &cpu
		c.settings.CPU, c.settings.HarnessCPUs = &cpu, harness
	}
	// Every input file now, before anything is written: a bad expected.txt
	// or a module that does not match its checksum must not stop a run
	// halfway.
	if c.expected, err = protocol.CheckInputs(c.root, c.profile, c.experiments, c.langs); err != nil {
		return c, &BadInput{err}
	}
	if err := checkModules(c); err != nil {
		return c, &BadInput{err}
	}
	c.tool = host.ToolInfo(c.root, o.Version)
	mode := o.Build
	if mode == "" {
		mode = build.ModeAuto
	}
	if c.artifacts, err = build.OpenArtifacts(c.root, mode, c.tool.GitCommit); err != nil {
		return c, &BadInput{err}
	}
	if m := c.artifacts.Manifest(); m != nil {
		// A bundle is no checkout: its manifest says what it was built from.
		c.tool.GitCommit, c.tool.GitDirty = m.Commit, m.Dirty
	}
	c.force = o.Force
	if c.resume != nil {
		c.diffs = resume.Differences(*c.resume, dataset.Environment{Profile: c.profile, Platforms: c.platforms, Langs: c.langs,
			Experiments: c.experiments, Tool: c.tool, Host: host.Fingerprint(), Settings: &c.settings})
		if len(c.diffs) > 0 && !o.Force {
			return c, badInput("%s was recorded with another configuration:\n  %s\nresume with the recorded configuration (leave those flags out), or pass --force to continue anyway (environment.json records the differences)",
				c.out, strings.Join(c.diffs, "\n  "))
		}
	}
	return c, nil
}

// recorded reads the environment of the run to resume and gives the
// options not given their recorded values (resume.Open).
func (c *config) recorded(o *Options) error {
	out, err := filepath.Abs(o.Resume)
	if err != nil {
		return &BadInput{err}
	}
	if o.Out != "" {
		if abs, _ := filepath.Abs(o.Out); abs != out {
			return badInput("--out %s and --resume (or --rerun-warned) %s name different directories: give only the latter", o.Out, o.Resume)
		}
	}
	ro := resume.Options{Profile: o.Profile, Platforms: o.Platforms, Langs: o.Langs, Experiments: o.Experiments,
		CC: o.CC, Settle: o.Settle, WasmMaxPages: o.WasmMaxPages, CPU: o.CPU}
	env, all, err := resume.Open(out, &ro, o.Given)
	if errors.Is(err, resume.ErrNoRun) {
		return badInput("%v (start one with --out %s)", err, o.Resume)
	} else if err != nil {
		return &BadInput{err}
	}
	o.Profile, o.Platforms, o.Langs, o.Experiments = ro.Profile, ro.Platforms, ro.Langs, ro.Experiments
	o.CC, o.Settle, o.WasmMaxPages, o.CPU = ro.CC, ro.Settle, ro.WasmMaxPages, ro.CPU
	c.out, c.resume, c.all = out, &env, all
	return nil
}

// checkModules verifies the committed WebAssembly module of every
// workload against its checksum when a Wasm platform is selected.
func checkModules(c config) error {
	wasm := false
	for _, p := range dataset.Platforms {
		if p.Kind == dataset.KindWasm && slices.Contains(c.platforms, p.Name) {
			wasm = true
		}
	}
	if !wasm {
		return nil
	}
	var errs []error
	for _, w := range protocol.Workloads(c.root, c.experiments, c.langs) {
		if _, err := os.Stat(build.ModulePath(w.Dir)); err != nil {
			errs = append(errs, fmt.Errorf("workload %s: %w (modules are built by `make wasm`)", w.ID(), err))
			continue
		}
		if err := build.VerifyChecksum(w.Dir); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Run performs one `edgewasm run`: it validates the options and every
// input file, prepares every platform (one that cannot run here is
// recorded as unavailable), writes the environment and streams samples
// into the dataset while the plan executes, then completes the environment
// (with the measurement-quality warnings) and prints a summary. SIGINT,
// SIGTERM and SIGHUP stop it after recording the invocation in flight as
// failed:interrupted. With Options.Resume it continues an interrupted run
// (package resume decides what is missing, repairs and re-runs). Before anything else it removes the temporary
// directories of runs that were killed (package tempdir).
//
// It returns a *BadInput when the options or inputs are wrong (nothing was
// written), and another error when the run could not be completed or
// recorded a failure; the samples recorded so far are kept in every case.
func Run(ctx context.Context, o Options) error {
	begun := time.Now()
	if o.Stdout == nil {
		o.Stdout = io.Discard
	}
	if s := tempdir.Sweep(); len(s.Removed) > 0 {
		fmt.Fprintf(o.Stdout, "removed %d directories left by killed runs: %s\n", len(s.Removed), strings.Join(s.Removed, ", "))
	}
	c, err := validate(o)
	if err != nil {
		return err
	}
	if c.resume != nil && o.PlanOnly {
		return badInput("--plan with --resume: the plan of a resumed run is what is missing; run --resume to see it")
	}
	factory := o.NewRunner
	if factory == nil {
		factory = NewRunner
	}
	popts := c.platformOptions()
	// A new run asks every platform first whether it can run here, so the
	// plan it prints leaves out, with their reasons, those that cannot.
	unavailable := map[string]string{}
	var probed map[string]runners.Runner
	defer func() {
		for _, r := range probed {
			r.Close()
		}
	}()
	var need int64
	if c.resume == nil {
		if probed, err = probe(ctx, c, c.platforms, factory, popts, unavailable); err != nil {
			return err
		}
		pc := c
		pc.platforms = slices.DeleteFunc(slices.Clone(c.platforms), func(p string) bool { _, out := unavailable[p]; return out })
		pv := preview(pc)
		pv.LeftOut = unavailable
		pv.print(o.Stdout)
		if o.PlanOnly {
			return nil
		}
		if len(pc.platforms) == 0 {
			return errors.New("no platform can run here; nothing was run")
		}
		need = pv.Estimate.PeakDisk
	}
	fingerprint := host.Fingerprint()
	findings := doctor.Run(ctx, doctor.Options{Out: c.out, Need: need, Emulated: fingerprint.Emulated})
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()

	var ds *resume.Session
	var rerun *dataset.Rerun
	var recorded []string // a re-run's plan: on the platforms that ran
	if c.resume != nil {
		// Read-only until the platforms are prepared: what is missing.
		if ds, err = resume.Plan(c.out, *c.resume, c.protocol(c.platforms)); err != nil {
			return &BadInput{err}
		}
		switch {
		case c.rerun:
			if rerun, err = planRerun(&c, ds, o.Stdout); rerun == nil || err != nil {
				return err
			}
			recorded, ds = ds.Platforms(), nil
		case ds.NothingToDo():
			fmt.Fprintf(o.Stdout, "nothing to resume: all %d invocations of %s are recorded\n", ds.Recorded(), c.out)
			return nil
		}
	}

	pr, listenHost, err := connectPeer(ctx, o.Peer, c.experiments)
	if err != nil {
		return err
	}
	if pr != nil {
		defer pr.Close()
	}
	want := c.platforms
	if rerun != nil {
		want = stepPlatforms(protocol.RerunSteps(c.protocol(recorded), rerun.Attempt))
	}
	if ds != nil {
		want = ds.Platforms()
		if ds.Remaining() == 0 {
			// Every invocation is recorded; what is left is to repair the
			// file or to write the final environment: no platform needed.
			want = nil
		}
	}
	var rs map[string]runners.Runner
	var ready []string
	if len(want) > 0 {
		rs, ready, err = prepare(ctx, c, want, factory, popts, o.Stdout, unavailable, probed)
		probed = nil // prepare owns them now
	}
	defer func() {
		for _, r := range rs {
			r.Close()
		}
	}()
	if err != nil {
		return err
	}
	bl, blRunner := baselineOf(ctx, c, rs, factory, popts)
	if blRunner != nil {
		defer blRunner.Close()
	}

	// Only now, with every platform built, is anything written: a missing
	// toolchain leaves no half-written dataset.
	unlock, err := lockDir(c.out)
	if err != nil {
		return err
	}
	defer unlock()
	var env dataset.Environment
	var w *dataset.Writer
	platforms := ready
	switch {
	case rerun != nil:
		env, platforms = *c.resume, recorded
		if w, err = startRerun(c.out, &env, *rerun); err != nil {
			return err
		}
		fmt.Fprintf(o.Stdout, "re-running %d warned cells of %s (attempt %d; the earlier rows are kept)\n", len(rerun.Cells), c.out, rerun.Attempt)
	case ds == nil:
		env = dataset.Environment{
			Schema: dataset.SchemaVersion, Tool: c.tool,
			Host: fingerprint, Profile: c.profile, Platforms: c.platforms, Langs: c.langs,
			Experiments: c.experiments, Unavailable: unavailable, Runners: map[string]map[string]any{},
			Settings: &c.settings, Started: time.Now().UTC(), Meta: c.meta, Doctor: findings.Checks,
		}
		env.PrepareSeconds = env.Started.Sub(begun).Seconds()
		if w, err = create(c.out, env); err != nil {
			return err
		}
	default:
		env, platforms = *c.resume, ds.Platforms()
		by := resume.Resumer{Tool: c.tool, Meta: c.meta, Differences: c.diffs, Force: c.force, Settings: c.settings}
		if w, err = ds.Apply(&env, by, unavailable, o.Stdout); err != nil {
			return err
		}
	}
	defer w.Close()
	if pr != nil {
		env.Peer = pr.Info()
	}
	session := env.Sessions()
	monitor := quality.Start(session)

	scratch, err := ownScratch(c.out)
	if err != nil {
		return err
	}
	defer scratch.Remove()

	cfg := c.protocol(platforms)
	cfg.Scratch, cfg.Expected, cfg.Peer, cfg.ListenHost = scratch.Path, c.expected, pr, listenHost
	cfg.Machine, cfg.Baseline = o.Machine, bl.Runner()
	if cfg.Machine == nil {
		cfg.Machine = machine
	}
	steps := protocol.Plan(cfg)
	switch {
	case rerun != nil:
		steps = protocol.RerunSteps(cfg, rerun.Attempt)
	case ds != nil:
		steps = ds.Pending(cfg)
	}
	prog := newProgress(o.Stdout, isTerminal(o.Stdout))
	// What preparation wrote (compilation caches of hundreds of MiB,
	// images, builds) is written back now, not by the kernel's flusher
	// threads during the first invocations and the baseline's first
	// reading.
	syscall.Sync()
	hs := startHarness()
	sum, err := pinned(c.cpu, func() (protocol.Summary, error) {
		return protocol.Execute(ctx, cfg, steps, rs, w, func(e protocol.Event) {
			prog.event(e)
			monitor.Observe()
		})
	})
	prog.done()
	env.Harness = hs.measured()
	if err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}

	finished := time.Now().UTC()
	env.Finished = &finished
	env.Interrupted = sum.Interrupted
	if env.Runners == nil {
		env.Runners = map[string]map[string]any{}
	}
	for name, r := range rs {
		env.Runners[name] = r.Info()
	}
	env.Artifacts = c.artifacts.Used()
	env.Toolchain = env.Versions()
	env.Toolchain.Runtime = runtime.Version()
	all, err := dataset.ReadFile(filepath.Join(c.out, dataset.SamplesFile))
	if err != nil {
		return fmt.Errorf("reading back the samples: %w", err)
	}
	env.Samples, env.Failed = count(all)
	rows := sessionRows(all, steps)
	base := bl.record(session, sum.Baseline)
	env.Baselines = append(env.Baselines, base)
	env.Interference = append(env.Interference, quality.Summarize(session, rows, host.ReadCounters().PSIError))
	env.Warnings = warnings(env.Warnings, monitor, all, base, rows)
	hs.finish(env.Harness)
	if err := dataset.WriteEnvironment(c.out, env); err != nil {
		return err
	}
	missing, err := resume.Audit(cfg, all)
	if err != nil {
		return err
	}
	return summarize(o.Stdout, c.out, sum, env, c.all, len(missing))
}

// create starts a new dataset: the environment first, then samples.csv,
// so that a run killed in between can still be resumed.
func create(out string, env dataset.Environment) (*dataset.Writer, error) {
	if err := dataset.WriteEnvironment(out, env); err != nil {
		return nil, err
	}
	return dataset.Create(filepath.Join(out, dataset.SamplesFile))
}

// ownScratch (re)creates the dataset's scratch directory for fsio files,
// owned by this process so that a killed run's files are swept. Anything a
// killed run left there is removed first.
func ownScratch(out string) (*tempdir.Dir, error) {
	path := filepath.Join(out, "scratch")
	if err := os.RemoveAll(path); err != nil {
		return nil, err
	}
	if err := os.Mkdir(path, 0o777); err != nil {
		return nil, err
	}
	// Containers run as a non-root user and must be able to write here.
	_ = os.Chmod(path, 0o777)
	return tempdir.Own(path)
}

// count returns the recorded invocations (row sets) and the failed ones.
func count(samples []dataset.Sample) (int, int) {
	seen := map[protocol.Key]bool{}
	var n, failed int
	for _, s := range samples {
		k := protocol.KeyOf(s)
		if seen[k] {
			continue
		}
		seen[k] = true
		n++
		if !s.OK() {
			failed++
		}
	}
	return n, failed
}

// warnings returns the machine warnings of earlier sessions, this
// session's (the monitor's and the baseline's drift over its rows), and
// the sample warnings computed over every sample (the latest attempt of
// each invocation; the CPU stall warning among them).
func warnings(before []dataset.Warning, m *quality.Monitor, all []dataset.Sample, base dataset.Baseline, rows []dataset.Sample) []dataset.Warning {
	var out []dataset.Warning
	for _, w := range before {
		if quality.SessionKind(w.Kind) && w.Session < m.Session {
			out = append(out, w)
		}
	}
	out = append(out, m.Warnings()...)
	if w := quality.DriftWarning(base, rows); w != nil {
		out = append(out, *w)
	}
	latest, _ := dataset.LatestAttempts(all)
	if w := quality.StallWarning(latest); w != nil {
		out = append(out, *w)
	}
	return append(out, quality.FromSamples(latest)...)
}

// platformOptions are the settings every platform's runner of the run
// gets.
func (c config) platformOptions() PlatformOptions {
	o := PlatformOptions{Root: c.root, Tools: build.Tools{CC: c.settings.CC, Artifacts: c.artifacts}, Settle: c.settings.Settle.D(),
		WasmMaxPages: uint32(c.settings.WasmMaxPages)}
	if c.cpu != nil {
		o.CPUSet = fmt.Sprint(*c.cpu)
	}
	return o
}

// probe creates the runner of every platform in want and asks each that
// can tell (runners.Prober) whether it can run here. A platform that
// cannot (runners.ErrUnavailable or, with --platforms all, any failure
// except native's) is recorded in unavailable with the reason and left
// out; any other failure is returned. It returns the runners created.
func probe(ctx context.Context, c config, want []string, factory Factory, popts PlatformOptions, unavailable map[string]string) (map[string]runners.Runner, error) {
	rs := map[string]runners.Runner{}
	for _, name := range want {
		r, err := factory(name, popts)
		if err == nil {
			if p, ok := r.(runners.Prober); ok {
				if _, err = p.Probe(ctx); err != nil {
					r.Close()
				}
			}
		}
		if err != nil {
			if errors.Is(err, runners.ErrUnavailable) || (c.all && name != dataset.Native) {
				unavailable[name] = err.Error()
				continue
			}
			for _, r := range rs {
				r.Close()
			}
			return nil, fmt.Errorf("platform %s: %w", name, err)
		}
		rs[name] = r
	}
	return rs, nil
}

// PlatformStatus is whether one platform can run on this machine.
type PlatformStatus struct {
	Name string
	// Version is what the runtime says of itself where it can tell
	// (runners.Prober), when it can run.
	Version string
	// Unavailable is why it cannot run here ("" when it can).
	Unavailable string
}

// Platforms tells, for every platform of the options (o.Platforms, "all"
// by default), whether it can run here, as a run would find before
// printing its plan: each runner is created and, where it can tell, probed
// (a launcher obtained from the bundle or built here, and started with
// -version). Nothing is run or written.
func Platforms(ctx context.Context, o Options) ([]PlatformStatus, error) {
	if o.Platforms == "" {
		o.Platforms = "all"
	}
	if o.Out == "" {
		o.Out = filepath.Join(os.TempDir(), "edgewasm-platforms")
	}
	c, err := validate(o)
	if err != nil {
		return nil, err
	}
	factory := o.NewRunner
	if factory == nil {
		factory = NewRunner
	}
	popts := c.platformOptions()
	c.all = true // every failure is a reason, not an error
	unavailable := map[string]string{}
	rs, err := probe(ctx, c, c.platforms, factory, popts, unavailable)
	if err != nil {
		return nil, err
	}
	var out []PlatformStatus
	for _, name := range c.platforms {
		st := PlatformStatus{Name: name, Unavailable: unavailable[name]}
		if r, ok := rs[name]; ok {
			if p, ok := r.(runners.Prober); ok {
				st.Version, _ = p.Probe(ctx)
			}
			r.Close()
		}
		out = append(out, st)
	}
	return out, nil
}

// prepare prepares the runner of every platform in want: the one probe
// created, else a new one from factory. A platform that reports
// runners.ErrUnavailable (or, with --platforms all, fails to prepare at
// all, except native) is recorded in unavailable and left out, as is one
// that unavailable already names; any other failure stops the run before
// anything is written.
func prepare(ctx context.Context, c config, want []string, factory Factory, popts PlatformOptions, log io.Writer, unavailable map[string]string, probed map[string]runners.Runner) (map[string]runners.Runner, []string, error) {
	rs := map[string]runners.Runner{}
	var ready []string
	defer func() {
		for name, r := range probed {
			if _, used := rs[name]; !used {
				r.Close()
			}
		}
	}()
	for _, name := range want {
		if why, out := unavailable[name]; out {
			fmt.Fprintf(log, "platform %s unavailable: %s\n", name, why)
			continue
		}
		ws := protocol.Workloads(c.root, experiments.ExperimentsOn(name, c.experiments), c.langs)
		r, err := probed[name], error(nil)
		if r == nil {
			r, err = factory(name, popts)
		}
		if err == nil {
			fmt.Fprintf(log, "preparing %s: building %d workloads\n", name, len(ws))
			if err = r.Prepare(ctx, ws); err != nil {
				r.Close()
				delete(probed, name)
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

// connectPeer returns the peer of the network experiment and the address
// workloads listen on for it: the built-in peer and loopback, or the
// remote peer at addr and the local address that faces it. Without a
// network experiment there is no peer.
func connectPeer(ctx context.Context, addr string, exps []string) (peer.Peer, string, error) {
	network := slices.ContainsFunc(exps, func(name string) bool { e, _ := experiments.Lookup(name); return e.Network })
	switch {
	case !network:
		return nil, "", nil
	case addr == "":
		return peer.Local(), protocol.DefaultListenHost, nil
	}
	pr, err := peer.Dial(ctx, addr)
	if err != nil {
		return nil, "", fmt.Errorf("--peer: %w (is `edgewasm peer --listen %s` running there?)", err, addr)
	}
	host, _ := peer.LocalAddr(pr)
	return pr, host, nil
}

// summarize prints the end-of-run summary and decides whether the run
// failed. missing counts the invocations of the plan that have no rows
// (after an interruption, or when a forced resume went on without a
// platform that is unavailable now). Rows failed:unsupported alone (a
// capability the platform declares it lacks) do not fail a run.
func summarize(wr io.Writer, out string, sum protocol.Summary, env dataset.Environment, all bool, missing int) error {
	fmt.Fprintf(wr, "\n%d invocations recorded in %s (%d failed)\n", env.Samples, filepath.Join(out, dataset.SamplesFile), env.Failed)
	if len(env.Resumes) > 0 {
		fmt.Fprintf(wr, "  this session ran %d of them (resume %d)\n", sum.Invocations, len(env.Resumes))
	}
	for _, name := range slices.Sorted(maps.Keys(env.Unavailable)) {
		fmt.Fprintf(wr, "  platform %s was unavailable: %s\n", name, env.Unavailable[name])
	}
	for _, r := range slices.Sorted(maps.Keys(sum.Reasons)) {
		fmt.Fprintf(wr, "  %4d × %s\n", sum.Reasons[r], r)
	}
	for _, wmsg := range sum.Warnings {
		fmt.Fprintf(wr, "  warning: %s\n", wmsg)
	}
	printWarnings(wr, env.Warnings)
	switch {
	case sum.Interrupted:
		return fmt.Errorf("interrupted: the samples recorded so far are kept; continue with `edgewasm run --resume %s`", out)
	case env.Failed > 0 && (len(env.Resumes) > 0 || env.Failed > unsupported(sum)):
		return fmt.Errorf("%d of %d invocations failed (recorded with status failed:<reason>)", env.Failed, env.Samples)
	case missing > 0:
		return fmt.Errorf("%d invocations of the plan are not recorded (their platform was unavailable); resume again where it is available", missing)
	case len(env.Unavailable) > 0 && !all:
		// Requested platforms that could not run are a failure of the run.
		return fmt.Errorf("%d requested platform(s) unavailable", len(env.Unavailable))
	}
	return nil
}

// unsupported counts the session's invocations recorded as
// failed:unsupported: an experiment needs a capability that the platform
// declares it lacks (runners.Lacking), as the network experiment on a
// runtime without WASI sockets. They are rows of the dataset, each with
// its reason, but not a failure of the run: a run of every platform has
// them by design, so they alone do not make it exit non-zero.
func unsupported(sum protocol.Summary) int {
	n := 0
	for status, k := range sum.Reasons {
		if strings.HasPrefix(status, dataset.Failed(dataset.ReasonUnsupported)) {
			n += k
		}
	}
	return n
}

// printWarnings shows the measurement-quality warnings: every machine
// warning, and per kind the number of sample warnings with a few examples
// (environment.json holds all of them).
func printWarnings(wr io.Writer, ws []dataset.Warning) {
	if len(ws) == 0 {
		return
	}
	fmt.Fprintf(wr, "\n%d measurement-quality warnings (all in %s → warnings):\n", len(ws), dataset.EnvironmentFile)
	for _, kind := range dataset.WarningKinds {
		var of []dataset.Warning
		for _, w := range ws {
			if w.Kind == kind {
				of = append(of, w)
			}
		}
		if len(of) == 0 {
			continue
		}
		shown := of
		if len(shown) > 3 {
			shown = shown[:3]
		}
		fmt.Fprintf(wr, "  %s (%d):\n", kind, len(of))
		for _, w := range shown {
			fmt.Fprintf(wr, "    %s\n", w.Message)
		}
		if len(of) > len(shown) {
			fmt.Fprintf(wr, "    … and %d more\n", len(of)-len(shown))
		}
		fmt.Fprintf(wr, "    advice: %s\n", of[0].Advice)
	}
}
