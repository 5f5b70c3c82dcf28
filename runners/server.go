package runners

import (
	"context"
	"time"
)

// Listen asks a runner to hand the workload a listening TCP socket (the
// network experiment). A runner that can pass a socket the guest inherits
// does so as file descriptor 3 (natively, socket-activation style; a WASI
// runtime's first pre-opened socket is fd 3 too). A runner whose guest must
// listen by itself (a container) appends "HOST:PORT", the address the
// guest must bind, as the last program argument. The runner chooses the
// port.
type Listen struct {
	// Host is the IP address the workload must be reachable at: 127.0.0.1
	// for the built-in peer, the address facing a remote peer otherwise.
	Host string
}

// CPUTimes is CPU time consumed so far by a process (all its threads),
// and how often its threads gave up the CPU.
type CPUTimes struct {
	User, Sys time.Duration
	// Voluntary and Involuntary count the context switches of the
	// process's live threads so far: a thread that blocks (a wait, a
	// sleep, a syscall that has to wait) switches voluntarily; one
	// preempted while runnable, involuntarily. Switches is false when they
	// could not be read.
	Voluntary, Involuntary int64
	Switches               bool
}

// Sub returns c − d.
func (c CPUTimes) Sub(d CPUTimes) CPUTimes {
	return CPUTimes{User: c.User - d.User, Sys: c.Sys - d.Sys, Voluntary: c.Voluntary - d.Voluntary,
		Involuntary: c.Involuntary - d.Involuntary, Switches: c.Switches && d.Switches}
}

// Total is user plus system time.
func (c CPUTimes) Total() time.Duration { return c.User + c.Sys }

// Endpoint is a served workload, as Server.Serve reports it to the code
// that exercises it.
type Endpoint struct {
	// Addr is HOST:PORT where clients reach the workload.
	Addr string
	// CPU reads the CPU time of the workload's process so far: the program
	// natively and in a container, the launcher (guest inside) for a Wasm
	// runtime — the same process whose PSS the memory experiment reads.
	CPU func() (CPUTimes, error)
	// Helpers read the CPU time of other processes that carry the
	// workload's traffic on this platform, by name (e.g. Docker's
	// userland port proxy "proxy"); usually none.
	Helpers map[string]func() (CPUTimes, error)
}

// Server is implemented by runners that can hand a workload a listening
// socket (a capability, see Serve). Serve starts inv's workload (inv.Listen
// is set) and waits for its ReadyLine; then it calls during with the
// endpoint, which exercises the workload, adds its own metrics to res and
// finally asks the workload to exit. Serve then waits (briefly) for the
// exit, kills the workload if it is still there, and returns what it
// measured, the platform's metrics as for Run plus ready_ms and during's.
// An error from during is returned as is (after the workload is stopped).
// inv.Timeout bounds the whole invocation.
type Server interface {
	Serve(ctx context.Context, inv Invocation, during func(ctx context.Context, ep Endpoint, res *Result) error) (Result, error)
}

// ExitGrace is how long Serve waits for a workload to exit after during
// returned, before killing it.
const ExitGrace = 10 * time.Second
