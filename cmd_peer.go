package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/edgewasm/edgewasm/experiments/peer"
)

func newPeerCommand() *cli.Command {
	return &cli.Command{
		Name:      "peer",
		Usage:     "serve as the far end of the network experiment for a device on another machine",
		ArgsUsage: " ",
		Description: `Listens on ADDR for devices running ` + "`edgewasm run --peer HOST:PORT`" + `. For each
network test the device sends a job over this control connection (protocol
` + peer.ControlProtocol + `, one JSON object per line); the peer runs the
transfers against the workload listening on the device and reports what it
measured. One device at a time. The peer only connects back to the device
that sent the job, never elsewhere.

It exits by itself after --max-idle without a device, after --max-sessions
control connections, or on Ctrl-C.
` + exitCodesHelp,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "listen", Required: true, Usage: "HOST:PORT to listen on for devices (e.g. 0.0.0.0:7800)"},
			&cli.DurationFlag{Name: "max-idle", Value: peer.DefaultServeOptions.MaxIdle, Usage: "exit after this long without a device; also ends a device's session idle this long"},
			&cli.IntFlag{Name: "max-sessions", Value: peer.DefaultServeOptions.MaxSessions, Usage: "exit after this many control connections"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return cli.Exit(fmt.Sprintf("peer takes no arguments, got %q", c.Args().Slice()), exitBadArgs)
			}
			return runPeer(c.Context, peerOptions{Listen: c.String("listen"), MaxIdle: c.Duration("max-idle"),
				MaxSessions: c.Int("max-sessions"), Stdout: c.App.Writer})
		},
	}
}

// peerOptions are the inputs of `edgewasm peer`.
type peerOptions struct {
	Listen      string
	MaxIdle     time.Duration
	MaxSessions int
	Stdout      io.Writer
}

func runPeer(ctx context.Context, o peerOptions) error {
	if _, _, err := net.SplitHostPort(o.Listen); err != nil {
		return cli.Exit(fmt.Sprintf("--listen %q: want HOST:PORT", o.Listen), exitBadArgs)
	}
	if o.MaxIdle <= 0 || o.MaxSessions < 1 {
		return cli.Exit(fmt.Sprintf("--max-idle %v, --max-sessions %d: want positive values", o.MaxIdle, o.MaxSessions), exitBadArgs)
	}
	ln, err := net.Listen("tcp", o.Listen)
	if err != nil {
		return cli.Exit(err.Error(), exitFailed)
	}
	defer ln.Close()
	fmt.Fprintf(o.Stdout, "peer: listening on %s (%s)\n", ln.Addr(), peer.ControlProtocol)
	so := peer.DefaultServeOptions
	so.MaxIdle, so.MaxSessions, so.Version = o.MaxIdle, o.MaxSessions, version
	if err := peer.Serve(ctx, ln, so, o.Stdout); err != nil {
		return cli.Exit(err.Error(), exitFailed)
	}
	return nil
}
