package fake

import (
	"context"
	"sync"

	"github.com/edgewasm/edgewasm/runners"
)

// Runner answers every invocation with Func and records the calls.
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

var _ runners.Runner = (*Runner)(nil)

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

// Hold implements runners.Runner.
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
