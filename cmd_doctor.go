package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/internal/doctor"
	"github.com/edgewasm/edgewasm/internal/host"
	"github.com/edgewasm/edgewasm/internal/run"
)

func newDoctorCommand() *cli.Command {
	return &cli.Command{
		Name:  "doctor",
		Usage: "check whether this machine can give a trustworthy measurement",
		Description: `Checks the architecture and board (device-tree model, emulation), the CPU
governor and frequencies, throttling and under-voltage (vcgencmd
get_throttled, else the CPU frequency caps), the temperature, memory and
swap, the cgroup memory controller (Docker's memory figures need it), the
Docker daemon and its storage driver, the free disk where --out will be
against what the run of --profile writes there at once, and the
background load. Then each platform of --platforms (all by default), and
whether it can run here, as a run would find before its plan: the runner
is created and its launcher obtained (from the bundle, or built here) and
started with -version; one that cannot run says why. Each check prints ok, warn or fail and, when not ok, how
to fix it. ` + "`edgewasm run`" + ` records the same findings in environment.json.

EXIT CODES:
   0  no check failed (warnings may remain)
   1  a check failed: fix it before measuring
   2  bad usage`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Usage: "text or json"},
			&cli.StringFlag{Name: "out", Value: ".", Usage: "where the run will write its dataset"},
			&cli.StringFlag{Name: "profile", Value: "quick", Usage: "the run's profile, for the disk it needs: " + strings.Join(experiments.ProfileNames, ", ")},
			&cli.StringFlag{Name: "platforms", Value: "all", Usage: "the run's platforms"},
			&cli.StringFlag{Name: "experiments", Value: "all", Usage: "the run's experiments"},
			&cli.StringFlag{Name: "langs", Value: "c", Usage: "the run's languages"},
			&cli.StringFlag{Name: "root", Value: ".", Usage: "repository or bundle root holding experiments/"},
		},
		Action: func(c *cli.Context) error {
			return runDoctor(c.Context, doctorOptions{format: c.String("format"), stdout: c.App.Writer,
				plan: run.Options{Root: c.String("root"), Profile: c.String("profile"), Platforms: c.String("platforms"),
					Experiments: c.String("experiments"), Langs: c.String("langs"), Out: c.String("out"),
					WasmMaxPages: 16384}})
		},
	}
}

type doctorOptions struct {
	format string
	stdout io.Writer
	plan   run.Options // the run whose disk need is checked
}

// runDoctor runs every check and prints the report.
func runDoctor(ctx context.Context, o doctorOptions) error {
	if o.format != "text" && o.format != "json" {
		return cli.Exit(fmt.Sprintf("doctor: --format %q: want text or json", o.format), exitBadArgs)
	}
	opts := doctor.Options{Out: o.plan.Out}
	opts.Emulated, _ = host.Emulation("/")
	// The disk need comes from the run's plan; without a usable plan (no
	// experiments/ here) the disk check reports free space only.
	if pv, err := run.Plan(o.plan); err == nil {
		opts.Need = pv.Estimate.PeakDisk
	}
	r := doctor.Run(ctx, opts)
	r.Checks = append(r.Checks, platformChecks(ctx, o.plan)...)
	if o.format == "json" {
		if err := r.WriteJSON(o.stdout); err != nil {
			return err
		}
	} else {
		r.WriteText(o.stdout)
	}
	if r.Exit() != 0 {
		return cli.Exit("", r.Exit())
	}
	return nil
}

// platformChecks tells, one check per platform of the run, whether it can
// run here (ok, with the runtime's version where it tells) or not (warn,
// with why): a run leaves such a platform out of its plan.
func platformChecks(ctx context.Context, o run.Options) []dataset.Check {
	sts, err := run.Platforms(ctx, o)
	if err != nil {
		return []dataset.Check{{Name: "platforms", Status: dataset.CheckWarn, Value: "cannot tell which platforms run here: " + err.Error()}}
	}
	var out []dataset.Check
	for _, st := range sts {
		c := dataset.Check{Name: "platform " + st.Name, Status: dataset.CheckOK, Value: "can run here"}
		switch {
		case st.Unavailable != "":
			c.Status, c.Value = dataset.CheckWarn, "cannot run here: "+st.Unavailable
			c.Advice = "a run leaves it out of its plan; see README.md, \"On a Raspberry Pi\", for what each platform needs"
		case st.Version != "":
			c.Value += ": " + st.Version
		}
		out = append(out, c)
	}
	return out
}
