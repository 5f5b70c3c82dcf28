package main

import (
	"context"
	"fmt"
	"time"

	"github.com/edgewasm/edgewasm/experiments/dataset"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/docker"
	"github.com/edgewasm/edgewasm/runners/native"
	"github.com/edgewasm/edgewasm/runners/wazero"
)

// platformOptions are the flags that shape runners.
type platformOptions struct {
	Root   string // repository root
	CC     string
	Settle time.Duration
	// WasmMaxPages caps wazero guests' memory (64 KiB pages; 0: default).
	WasmMaxPages uint32
}

// newRunner constructs the runner of one platform. An error wrapping
// runners.ErrUnavailable means the platform cannot run here; the run goes
// on without it.
func newRunner(name string, o platformOptions) (runners.Runner, error) {
	switch name {
	case dataset.Native:
		return native.New(native.Config{CC: o.CC, Settle: o.Settle})
	case dataset.Docker:
		// New bounds its own wait for the daemon (a ping with a timeout).
		return docker.New(context.Background(), docker.Config{CC: o.CC, Settle: o.Settle})
	case dataset.Wazero, dataset.WazeroCold, dataset.WazeroInterp:
		return wazero.New(name, wazero.Config{Root: o.Root, CC: o.CC, Settle: o.Settle, MemoryLimitPages: o.WasmMaxPages})
	}
	return nil, runners.Unavailable(name, fmt.Errorf("not implemented in this build"))
}
