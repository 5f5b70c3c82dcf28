package runners

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
)

// ScratchToken may appear in Invocation.Args; each runner replaces it with
// the path under which the guest sees Invocation.Scratch (the host path for
// native processes, a mount point inside a container or Wasm sandbox).
const ScratchToken = "{scratch}"

// ReadyLine is what a resident workload prints on stdout once it is
// blocked and ready to be measured.
const ReadyLine = "ready"

// Workload identifies one program of the benchmark suite in one guest
// language, and where its files live.
type Workload struct {
	Experiment string `json:"experiment"` // cpu, memory, fsio, startup, network
	Test       string `json:"test"`       // aes, …, idle, noop, fsio, server
	Lang       string `json:"lang"`       // c or go
	// Dir is the absolute path of the workload's folder: for C, the folder
	// holding main.c (and the committed main.wasm); for Go, its go/ subfolder.
	Dir string `json:"dir"`
	// Include is the folder of shared C headers (experiments/common).
	Include string `json:"include,omitempty"`
}

// ID is the workload's stable identifier, e.g. "cpu/aes/c".
func (w Workload) ID() string { return w.Experiment + "/" + w.Test + "/" + w.Lang }

// Invocation is one execution of a prepared workload.
type Invocation struct {
	Workload Workload
	// Args are the program arguments after argv[0]; ScratchToken is
	// substituted by the runner.
	Args []string
	// Scratch is a host directory the guest may read and write ("" = none).
	// Only experiments marked Scratch in the catalog get one.
	Scratch string
	// Timeout bounds the whole invocation; the runner kills the guest when
	// it expires and returns a Failure with reason "timeout".
	Timeout time.Duration
	// TimeCLI asks a platform that has a command-line client (docker run)
	// to also time the same workload through it, as the thesis did.
	TimeCLI bool
	// Listen, set only for experiments that need a network, asks for a
	// listening socket (see Server).
	Listen *Listen
}

// ExpandArgs returns the arguments with ScratchToken replaced by guestDir.
func (inv Invocation) ExpandArgs(guestDir string) []string {
	out := make([]string, len(inv.Args))
	for i, a := range inv.Args {
		out[i] = strings.ReplaceAll(a, ScratchToken, guestDir)
	}
	return out
}

// Metric is one measured value with its unit. Names are snake_case with the
// unit as suffix (wall_ms, maxrss_kib); data/README.md documents each.
type Metric struct {
	Name  string
	Value float64
	Unit  string
}

// Result is what a runner observed during one invocation. A failed
// invocation still returns whatever was measured before it failed.
type Result struct {
	Metrics []Metric
	Stdout  []byte
	Stderr  []byte
}

// Add appends a metric.
func (r *Result) Add(name string, value float64, unit string) {
	r.Metrics = append(r.Metrics, Metric{Name: name, Value: value, Unit: unit})
}

// Metric returns the value of the first metric with that name.
func (r Result) Metric(name string) (float64, bool) {
	for _, m := range r.Metrics {
		if m.Name == name {
			return m.Value, true
		}
	}
	return 0, false
}

// AddDuration appends a duration in milliseconds.
func (r *Result) AddDuration(name string, d time.Duration) {
	r.Add(name, float64(d.Nanoseconds())/1e6, dataset.UnitMS)
}

// Runner executes prepared workloads on one platform.
//
// Prepare is called once before any invocation and is not measured: it
// builds binaries, images or compilation caches. Run executes a workload to
// completion and measures it. Close releases what Prepare created. Info
// returns facts for environment.json (versions, image IDs, cache sizes);
// it is called after the last invocation.
//
// What not every platform can do is an optional interface (capability.go):
// Holder for a resident workload (the memory experiment), Server for a
// workload handed a listening socket (the network experiment).
type Runner interface {
	Name() string
	Prepare(ctx context.Context, ws []Workload) error
	Run(ctx context.Context, inv Invocation) (Result, error)
	Info() map[string]any
	Close() error
}

// Failure is the error a runner returns when the workload itself failed:
// non-zero exit, crash, trap, timeout. Reason is short and single-line;
// it becomes the status column as "failed:<reason>".
type Failure struct {
	Reason string
	Detail string // e.g. the tail of stderr
}

func (f *Failure) Error() string {
	if f.Detail == "" {
		return f.Reason
	}
	return f.Reason + ": " + f.Detail
}

// Failf builds a Failure.
func Failf(reason, format string, args ...any) *Failure {
	return &Failure{Reason: reason, Detail: fmt.Sprintf(format, args...)}
}

// ErrUnavailable wraps the reason a platform cannot run on this machine
// (daemon unreachable, unsupported architecture). Constructors return it so
// the other platforms can still run.
var ErrUnavailable = errors.New("platform unavailable")

// Unavailable returns an error that matches ErrUnavailable.
func Unavailable(platform string, cause error) error {
	return fmt.Errorf("%s: %w: %v", platform, ErrUnavailable, cause)
}

// Tail returns at most the last n bytes of b as a single-line string.
func Tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	s := strings.TrimSpace(string(b))
	s = strings.ReplaceAll(s, "\r", " ")
	return strings.ReplaceAll(s, "\n", " | ")
}
