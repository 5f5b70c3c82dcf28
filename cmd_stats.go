package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/edgewasm/edgewasm/report/stats"
)

// statsFriedmanOptions are the inputs of `edgewasm stats friedman`.
type statsFriedmanOptions struct {
	File    string
	Format  string   // text or json
	Posthoc []string // post-hoc tests, see stats.PosthocTests
	Stdout  io.Writer
}

func newStatsCommand() *cli.Command {
	return &cli.Command{
		Name:  "stats",
		Usage: "statistical tests on a long table (block,treatment,value)",
		Subcommands: []*cli.Command{{
			Name:      "friedman",
			Usage:     "Friedman test, Kendall's W and pairwise post-hoc tests",
			ArgsUsage: "FILE.csv",
			Description: `Reads a CSV with a header holding the columns block, treatment and value
(any order; other columns are ignored; NA or an empty value is missing) and
runs the Friedman rank sum test as R's friedman.test does: ranks within each
block with average ranks for ties, the tie-corrected statistic, p from the
chi-square distribution. Blocks lacking a value for some treatment are
dropped with a warning. Kendall's W is reported alongside.

Post-hoc tests on every pair of treatments (--posthoc):
   wilcoxon  Wilcoxon signed-rank test paired by block, as R's
             wilcox.test(paired = TRUE), p adjusted by Holm
   nemenyi   Nemenyi test on mean ranks (studentized range), single-step
   conover   Conover's t test on rank sums, p adjusted by Holm

For the thesis design (repetitions as blocks) write one file per test with
block = repetition and treatment = platform; for tests as blocks (Demšar
2006) use block = test and the median of its repetitions as value.

EXIT CODES:
   0  success
   2  bad usage or bad input (the message names the file, line and what was
      expected); nothing was printed on standard output`,
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "format", Value: "text", Usage: "output format: text or json"},
				&cli.StringFlag{Name: "posthoc", Value: strings.Join(stats.PosthocTests, ","),
					Usage: "comma-separated post-hoc tests (" + strings.Join(stats.PosthocTests, ", ") + "), or none"},
			},
			Action: func(c *cli.Context) error {
				if c.NArg() != 1 {
					return cli.Exit(fmt.Sprintf("stats friedman: expected one CSV file argument, got %d", c.NArg()), exitBadArgs)
				}
				var posthoc []string
				if p := c.String("posthoc"); p != "none" && p != "" {
					posthoc = strings.Split(p, ",")
				}
				return runStatsFriedman(c.Context, statsFriedmanOptions{
					File: c.Args().First(), Format: c.String("format"), Posthoc: posthoc, Stdout: c.App.Writer,
				})
			},
		}},
	}
}

// runStatsFriedman reads o.File, runs the analysis and writes it to o.Stdout.
// Every failure is bad input: it returns cli.Exit with exitBadArgs.
func runStatsFriedman(_ context.Context, o statsFriedmanOptions) error {
	if err := stats.FriedmanReport(o.Stdout, o.File, o.Format, o.Posthoc); err != nil {
		return cli.Exit("stats friedman: "+err.Error(), exitBadArgs)
	}
	return nil
}
