package run

import (
	"context"
	"fmt"
	"time"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/build"
	"github.com/edgewasm/edgewasm/runners/docker"
	"github.com/edgewasm/edgewasm/runners/native"
	"github.com/edgewasm/edgewasm/runners/wasmer"
	"github.com/edgewasm/edgewasm/runners/wasmtime"
	"github.com/edgewasm/edgewasm/runners/wazero"
)

// PlatformOptions are the settings that shape every platform's runner.
type PlatformOptions struct {
	Root  string // repository root
	Tools build.Tools
	// Settle is how long the memory experiment waits after a resident
	// workload's ready line before reading memory.
	Settle time.Duration
	// WasmMaxPages caps Wasm guests' memory (64 KiB pages; 0: default).
	// Containers get the same limit in bytes.
	WasmMaxPages uint32
	// CPUSet pins containers to these cores (--cpu; "" for none). Other
	// platforms are pinned through the thread that starts them (pin.go).
	CPUSet string
	// Labels are added to the containers and images a platform creates
	// (tests label theirs, to remove only what they made).
	Labels map[string]string
}

// Factory creates the runner of one platform. An error wrapping
// runners.ErrUnavailable means the platform cannot run here; the run goes
// on without it.
type Factory func(name string, o PlatformOptions) (runners.Runner, error)

// NewRunner is the Factory of every platform this build has.
func NewRunner(name string, o PlatformOptions) (runners.Runner, error) {
	switch name {
	case dataset.Native:
		return native.New(native.Config{Tools: o.Tools, Settle: o.Settle})
	case dataset.Docker, dataset.DockerBridge:
		// New bounds its own wait for the daemon (a ping with a timeout).
		// Containers get the Wasm guests' memory limit (Docker's minimum is
		// 6 MiB); docker-bridge is the same image on the default bridge.
		var memory int64
		if o.WasmMaxPages > 0 {
			memory = max(int64(o.WasmMaxPages)*64<<10, 6<<20)
		}
		network := docker.NetworkHost
		if name == dataset.DockerBridge {
			network = docker.NetworkBridge
		}
		return docker.New(context.Background(), docker.Config{Tools: o.Tools, Settle: o.Settle, CPUSet: o.CPUSet, Memory: memory,
			Labels: o.Labels, Network: network})
	// The control platforms (wazero-plain, …) are their runtime's runner
	// with the launcher's -plain: the memory limit given is not used.
	case dataset.Wazero, dataset.WazeroCold, dataset.WazeroInterp, dataset.WazeroPlain:
		return wazero.New(name, wazero.Config{Root: o.Root, Tools: o.Tools, Settle: o.Settle, MemoryLimitPages: o.WasmMaxPages})
	case dataset.Wasmtime, dataset.WasmtimePlain:
		return wasmtime.New(name, wasmtime.Config{Root: o.Root, Tools: o.Tools, Settle: o.Settle, MemoryLimitPages: o.WasmMaxPages})
	case dataset.Wasmer, dataset.WasmerSinglepass, dataset.WasmerCold, dataset.WasmerPlain, dataset.WasmerSinglepassPlain:
		return wasmer.New(name, wasmer.Config{Root: o.Root, Tools: o.Tools, Settle: o.Settle, MemoryLimitPages: o.WasmMaxPages})
	}
	return nil, runners.Unavailable(name, fmt.Errorf("not implemented in this build"))
}
