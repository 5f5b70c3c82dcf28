package fake

import (
	"context"
	"sync"

	"github.com/edgewasm/edgewasm/runners"
)

// Runner answers every invocation with Func and records the calls. It
// holds resident workloads (runners.Holder) as every real platform does;
// it does not serve (see Bare for a runner without any capability).
type Runner struct {
	Platform string
	// Func decides the outcome of an invocation; hold tells Hold from Run.
	Func func(ctx context.Context, inv runners.Invocation, hold bool) (runners.Result, error)
	// PrepareErr, when set, is returned by Prepare.
	PrepareErr error

	mu       sync.Mutex
	Prepared []runners.Workload
	Calls    []runners.Invocation
	Closed   bool
}

var (
	_ runners.Runner = (*Runner)(nil)
	_ runners.Holder = (*Runner)(nil)
)

// Name implements runners.Runner.
func (r *Runner) Name() string { return r.Platform }

// Prepare implements runners.Runner.
func (r *Runner) Prepare(_ context.Context, ws []runners.Workload) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.Prepared = append(r.Prepared, ws...)
	return r.PrepareErr
}

// Run implements runners.Runner.
func (r *Runner) Run(ctx context.Context, inv runners.Invocation) (runners.Result, error) {
	return r.call(ctx, inv, false)
}

// Hold implements runners.Holder.
func (r *Runner) Hold(ctx context.Context, inv runners.Invocation) (runners.Result, error) {
	return r.call(ctx, inv, true)
}

func (r *Runner) call(ctx context.Context, inv runners.Invocation, hold bool) (runners.Result, error) {
	r.mu.Lock()
	r.Calls = append(r.Calls, inv)
	r.mu.Unlock()
	return r.Func(ctx, inv, hold)
}

// Info implements runners.Runner.
func (r *Runner) Info() map[string]any { return map[string]any{"fake": true} }

// Close implements runners.Runner.
func (r *Runner) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.Closed = true
	return nil
}

// Bare is a Runner with no optional capability: it runs workloads through
// Func (hold is always false) and records the calls, but is neither a
// runners.Holder nor a runners.Server. With Lacking set it declares why
// (runners.Lacking); otherwise the protocol gives a generic reason.
type Bare struct {
	Platform string
	Func     func(ctx context.Context, inv runners.Invocation, hold bool) (runners.Result, error)
	// Lacking is what Lacks declares (nil: the runner says nothing).
	Lacking map[runners.Capability]string

	mu    sync.Mutex
	Calls []runners.Invocation
}

var _ runners.Runner = (*Bare)(nil)

// Name implements runners.Runner.
func (b *Bare) Name() string { return b.Platform }

// Prepare implements runners.Runner.
func (b *Bare) Prepare(context.Context, []runners.Workload) error { return nil }

// Run implements runners.Runner.
func (b *Bare) Run(ctx context.Context, inv runners.Invocation) (runners.Result, error) {
	b.mu.Lock()
	b.Calls = append(b.Calls, inv)
	b.mu.Unlock()
	return b.Func(ctx, inv, false)
}

// Info implements runners.Runner.
func (b *Bare) Info() map[string]any { return map[string]any{"fake": true} }

// Close implements runners.Runner.
func (b *Bare) Close() error { return nil }

// Lacks declares Lacking, when set.
func (b *Bare) Lacks() map[runners.Capability]string { return b.Lacking }

// Probing is a Runner that can tell before a run whether it can run
// (runners.Prober): Probe answers Version and ProbeErr and counts the
// calls.
type Probing struct {
	*Runner
	Version  string
	ProbeErr error

	Probes int
}

var _ runners.Prober = (*Probing)(nil)

// Probe implements runners.Prober.
func (p *Probing) Probe(context.Context) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.Probes++
	return p.Version, p.ProbeErr
}
