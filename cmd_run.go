package main

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/internal/run"
	"github.com/edgewasm/edgewasm/runners/build"
	"github.com/edgewasm/edgewasm/runners/wazero"
)

func newRunCommand() *cli.Command {
	return &cli.Command{
		Name:  "run",
		Usage: "run the experiments and write samples.csv and environment.json",
		Description: `Runs every selected experiment on every selected platform following the
profile's protocol (warm-ups, repetitions interleaved across platforms) and
writes DIR/samples.csv (one row per measured value, flushed as each
invocation completes) and DIR/environment.json (machine fingerprint and the
full configuration). Failed invocations are recorded with status
failed:<reason>; the run goes on. Ctrl-C (or SIGTERM, SIGHUP) stops after
recording the invocation in flight as failed:interrupted.

Every input (sizes.txt, each expected.txt, the committed .wasm checksums)
is checked before anything is written. A run that was interrupted — by
Ctrl-C, kill -9 or a power loss — continues with --resume DIR: it repairs
a row torn at the end of samples.csv (the cut bytes are kept in
DIR/resume-N-cut.txt), runs only what is missing (including invocations
recorded failed:interrupted) in the original order, and records the resume
in environment.json. It refuses when the configuration differs from the
recorded one (profile, sizes, platforms, languages, settings, the tool's
commit, the machine) unless --force. Options left out take the recorded
values.

Every invocation also records what competed with it for the CPU
(invocation_ms, steal_ms, cpu_stall_ms, load1), and each session
re-measures a native baseline at its start, middle and end. When the
baseline drifted by more than 10 %, or cells spent more than 20 % of their
time stalled for a CPU beyond their calmest repetition, the run ends with
a warning naming the cells:
--rerun-warned DIR re-runs exactly those (every repetition, after their
warm-ups) and appends their rows at the next attempt (the attempt column),
keeping the earlier ones. Options left out take the recorded values.

Every new run prints its plan first: the invocations, the estimated
duration per platform and in total (from an earlier dataset of this host
under data/ or beside --out when there is one, else from a rough model),
and the bytes written; --plan stops there. The findings of ` + "`edgewasm doctor`" + `
are recorded in environment.json. Inside an unpacked bundle (make bundle)
the prebuilt binaries are used (--build auto); --build local builds here.

Platforms: ` + strings.Join(dataset.MainPlatformNames(), ", ") + ` (or "all": those available here).
Control platforms, run only when named (make control): ` + strings.Join(dataset.ControlPlatforms(), ", ") + `.
Experiments: ` + strings.Join(experiments.Names, ", ") + `. Languages: c, go.
` + exitCodesHelp,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "profile", Value: "quick", Usage: "protocol and sizes: " + strings.Join(experiments.ProfileNames, ", ")},
			&cli.StringFlag{Name: "platforms", Value: dataset.Native, Usage: "comma-separated platforms, or all"},
			&cli.StringFlag{Name: "experiments", Value: "all", Usage: "comma-separated experiments, or all"},
			&cli.StringFlag{Name: "langs", Value: dataset.LangC, Usage: "guest languages: c, go, or all"},
			&cli.StringFlag{Name: "out", Usage: "dataset directory to create (must not hold a dataset)"},
			&cli.StringFlag{Name: "resume", Usage: "continue the interrupted run in this dataset directory"},
			&cli.StringFlag{Name: "rerun-warned", Usage: "re-run the cells that the measurement-quality warnings of this complete dataset directory name (baseline drift, CPU stall), keeping both attempts"},
			&cli.BoolFlag{Name: "plan", Usage: "print the invocations, the estimated duration per platform and in total and the bytes written, then exit without running"},
			&cli.BoolFlag{Name: "force", Usage: "with --resume or --rerun-warned: continue even though the configuration differs from the recorded one"},
			&cli.IntFlag{Name: "cpu", Usage: "pin every workload to this core and edgewasm to the others (recorded in environment.json)"},
			&cli.StringFlag{Name: "root", Value: ".", Usage: "repository root holding experiments/"},
			&cli.StringFlag{Name: "cc", Value: "cc", Usage: "C compiler for native builds"},
			&cli.StringFlag{Name: "build", Value: build.ModeAuto, Usage: "where binaries come from: auto (the bundle's prebuilt ones inside an unpacked bundle, else built here), bundle, local"},
			&cli.UintFlag{Name: "wasm-max-pages", Value: wazero.DefaultMemoryLimitPages, Usage: "wazero platforms: guest memory limit in 64 KiB pages (1..65536)"},
			&cli.DurationFlag{Name: "settle", Value: 200 * time.Millisecond, Usage: "memory experiment: wait after the ready line before reading memory"},
			&cli.GenericFlag{Name: "meta", Value: &repeated{}, Usage: "record a fact `KEY=VALUE` in environment.json (\"meta\"; repeatable; a resume records its own and never compares them)"},
			&cli.StringFlag{Name: "peer", Usage: "network experiment: HOST:PORT of a remote `edgewasm peer` (default: the built-in peer on loopback)"},
		},
		Action: func(c *cli.Context) error {
			if c.String("out") == "" && c.String("resume") == "" && c.String("rerun-warned") == "" {
				return cli.Exit("run: give --out DIR for a new dataset, --resume DIR to continue one, or --rerun-warned DIR to re-run its warned cells", exitBadArgs)
			}
			o := run.Options{
				Root: c.String("root"), Profile: c.String("profile"), Platforms: c.String("platforms"),
				Langs: c.String("langs"), Experiments: c.String("experiments"), Out: c.String("out"),
				CC: c.String("cc"), Settle: c.Duration("settle"), WasmMaxPages: c.Uint("wasm-max-pages"),
				Resume: c.String("resume"), RerunWarned: c.String("rerun-warned"), Force: c.Bool("force"), Peer: c.String("peer"), Build: c.String("build"), PlanOnly: c.Bool("plan"),
				Meta: *c.Generic("meta").(*repeated), Version: version, Stdout: c.App.Writer,
				Given: c.IsSet, // a resume takes the options not given from its record
			}
			if c.IsSet("cpu") {
				cpu := c.Int("cpu")
				o.CPU = &cpu
			}
			return runRun(c.Context, o)
		},
	}
}

// repeated is a flag that may be given several times, each value kept
// whole (a StringSliceFlag would split values at commas).
type repeated []string

func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }
func (r *repeated) String() string     { return strings.Join(*r, " ") }

// runRun runs the experiments (package internal/run does the work) and
// maps the outcome to the exit codes.
func runRun(ctx context.Context, o run.Options) error {
	err := run.Run(ctx, o)
	var bad *run.BadInput
	switch {
	case err == nil:
		return nil
	case errors.As(err, &bad):
		return cli.Exit(err.Error(), exitBadArgs)
	}
	return cli.Exit(err.Error(), exitFailed)
}
