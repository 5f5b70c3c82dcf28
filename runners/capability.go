package runners

import (
	"context"
	"fmt"

	"github.com/edgewasm/edgewasm/dataset"
)

// Capability names something a platform may or may not be able to do:
// one optional interface of a Runner. The protocol asks a runner for the
// interface when an experiment needs it; a runner without it cannot run
// that experiment, and each such invocation is recorded as
// failed:unsupported with the reason (WhyNot).
type Capability string

const (
	// Hold is Holder: run a resident workload and measure it while it is
	// blocked (the memory experiment).
	Hold Capability = "hold"
	// Serve is Server: hand a workload a listening socket (the network
	// experiment).
	Serve Capability = "serve"
)

// Holder is implemented by runners that can measure a resident workload:
// Hold starts a workload that prints ReadyLine and then blocks until its
// stdin closes, measures its memory footprint while it is blocked, then
// stops it.
type Holder interface {
	Hold(ctx context.Context, inv Invocation) (Result, error)
}

// Lacking is implemented by runners that say why they lack a capability:
// a declaration, read once per invocation that needs the capability,
// never a method that tries and refuses. Lacks maps each capability the
// runner does not implement to its reason (e.g. the runtime's binding has
// no socket API); a capability missing from the map gets a generic reason.
// A runner that implements a capability must not list it.
type Lacking interface {
	Lacks() map[Capability]string
}

// WhyNot returns why r cannot do c: the reason r declares (Lacking), or
// a generic one naming the platform.
func WhyNot(r Runner, c Capability) string {
	if l, ok := r.(Lacking); ok {
		if why := l.Lacks()[c]; why != "" {
			return why
		}
	}
	switch c {
	case Hold:
		return fmt.Sprintf("platform %s cannot hold a resident workload", r.Name())
	case Serve:
		return fmt.Sprintf("platform %s cannot hand a listening socket to a guest", r.Name())
	}
	return fmt.Sprintf("platform %s lacks %s", r.Name(), c)
}

// ReasonUnsupported is the Failure reason of an invocation that needs a
// capability the platform lacks (status failed:unsupported: <why>).
const ReasonUnsupported = dataset.ReasonUnsupported

// Unsupported returns the Failure of an invocation that needs capability
// c, which r lacks, with r's reason.
func Unsupported(r Runner, c Capability) *Failure {
	return &Failure{Reason: ReasonUnsupported, Detail: WhyNot(r, c)}
}

// Prober is implemented by runners that can tell, before a run is planned
// and without any workload, whether they can run on this machine: Probe
// obtains what every invocation needs (a launcher, from the bundle or
// built here, started with -version) and returns what the runtime says of
// itself (its version), or an error wrapping ErrUnavailable with the
// reason. Prepare reuses what Probe obtained. A runner without Probe is
// found out in Prepare.
type Prober interface {
	Probe(ctx context.Context) (string, error)
}
