package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"
)

func newApp() *cli.App {
	return &cli.App{
		Name:    "edgewasm",
		Usage:   "reproduce and extend Napieralla (2020): WebAssembly vs Docker vs native on edge devices",
		Version: version,
		Commands: []*cli.Command{
			newRunCommand(),
			newPeerCommand(),
			newLiteratureCommand(),
			newStatsCommand(),
			newFiguresCommand(),
			newReportCommand(),
			newCleanCommand(),
			newDoctorCommand(),
		},
		ExitErrHandler: func(c *cli.Context, err error) {
			if err == nil {
				return
			}
			if ec, ok := err.(cli.ExitCoder); ok {
				if msg := err.Error(); msg != "" {
					fmt.Fprintln(c.App.ErrWriter, "edgewasm:", msg)
				}
				os.Exit(ec.ExitCode())
			}
			fmt.Fprintln(c.App.ErrWriter, "edgewasm:", err)
			os.Exit(exitBadArgs)
		},
		OnUsageError: func(c *cli.Context, err error, _ bool) error {
			return cli.Exit(err.Error(), exitBadArgs)
		},
	}
}

func main() {
	if err := newApp().Run(os.Args); err != nil {
		os.Exit(exitBadArgs)
	}
}
