package dataset

// This file is the vocabulary of the data: the names that appear in the
// platform, lang and metric columns. Runners, the protocol and the report
// all take them from here, so a name is spelled once.

// Platform names, as they appear in the platform column.
const (
	Native       = "native"
	Docker       = "docker"
	Wazero       = "wazero"
	WazeroCold   = "wazero-cold"
	WazeroInterp = "wazero-interp"
	// Wasmtime and the two Wasmer platforms are the third-party runtimes
	// the thesis planned to compare (§4.2); Wasmer was the thesis's own.
	Wasmtime         = "wasmtime"
	Wasmer           = "wasmer"
	WasmerSinglepass = "wasmer-singlepass"
	// WasmerCold is Wasmer (Cranelift) compiling the module at every
	// start, as wazero-cold is wazero: what the cache of wasmer saves.
	WasmerCold = "wasmer-cold"
	// DockerBridge is Docker's second network variant: the default bridge
	// network with the workload's port published on the host (what most
	// users run), where the docker platform uses host networking. It
	// exists only for the experiments that need a network.
	DockerBridge = "docker-bridge"
	// The control platforms: each is the same runtime as the platform it
	// controls (ControlOf), started through the same launcher with the
	// runtime's defaults and none of edgewasm's sandbox settings (no
	// memory cap or limiter, the scratch directory pre-opened as the
	// runtime maps directories by default). They answer whether the
	// launchers measure the runtime or themselves, run only when named
	// (never in "all") and only the experiments package experiments
	// gives them.
	WazeroPlain           = "wazero-plain"
	WasmtimePlain         = "wasmtime-plain"
	WasmerPlain           = "wasmer-plain"
	WasmerSinglepassPlain = "wasmer-singlepass-plain"
)

// controls maps each control platform to the platform it controls.
var controls = map[string]string{
	WazeroPlain:           Wazero,
	WasmtimePlain:         Wasmtime,
	WasmerPlain:           Wasmer,
	WasmerSinglepassPlain: WasmerSinglepass,
}

// ControlOf returns the platform a control platform controls (wazero for
// wazero-plain); ok is false for a platform that is no control.
func ControlOf(control string) (platform string, ok bool) {
	platform, ok = controls[control]
	return platform, ok
}

// ControlFor returns the control platform of a platform (wazero-plain for
// wazero); ok is false when the platform has none.
func ControlFor(platform string) (control string, ok bool) {
	for c, p := range controls {
		if p == platform {
			return c, true
		}
	}
	return "", false
}

// IsControl reports whether a platform is a control platform.
func IsControl(platform string) bool {
	_, ok := controls[platform]
	return ok
}

// ControlPlatforms lists the control platforms in report order.
func ControlPlatforms() []string {
	var out []string
	for _, p := range Platforms {
		if IsControl(p.Name) {
			out = append(out, p.Name)
		}
	}
	return out
}

// MainPlatformNames returns the platform names in report order without
// the control platforms: what "all" selects, and what a main dataset may
// hold.
func MainPlatformNames() []string {
	var out []string
	for _, p := range Platforms {
		if !IsControl(p.Name) {
			out = append(out, p.Name)
		}
	}
	return out
}

// NetworkVariantOf maps each platform that is a network variant of another
// platform to that platform. A variant runs only the experiments that need
// a network, and selecting its platform for such an experiment selects the
// variant too.
var NetworkVariantOf = map[string]string{DockerBridge: Docker}

// Platform kinds.
const (
	KindNative    = "native"    // the workload built for the machine, no isolation
	KindContainer = "container" // an OCI container
	KindWasm      = "wasm"      // a WebAssembly runtime running the wasm build of the workload
)

// PlatformInfo describes a platform.
type PlatformInfo struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Runtime string `json:"runtime"` // the runtime behind the platform, e.g. wazero
	// Label is a short description for tables and captions.
	Label string `json:"label"`
}

// Platforms lists every platform edgewasm knows, in report order: the
// baseline first, then the container, then the Wasm platforms.
var Platforms = []PlatformInfo{
	{Native, KindNative, "", "compiled for the machine (cc -O2, go build)"},
	{Docker, KindContainer, "docker", "Docker through the Engine API, FROM scratch image"},
	{DockerBridge, KindContainer, "docker", "as docker, on the default bridge network with the port published (network only)"},
	{Wazero, KindWasm, "wazero", "wazero, optimizing compiler with its compilation cache"},
	{WazeroCold, KindWasm, "wazero", "wazero, optimizing compiler, no cache"},
	{WazeroInterp, KindWasm, "wazero", "wazero, interpreter"},
	{Wasmtime, KindWasm, "wasmtime", "Wasmtime (Cranelift) through wasmtime-go, with its compiled-module cache"},
	// The Wasmer labels leave the cache out: the datasets before the cache
	// existed compiled at every start, later ones load from the cache;
	// what each did is in its runner's compilation_cache.
	{Wasmer, KindWasm, "wasmer", "Wasmer 2.x (Cranelift) through wasmer-go"},
	{WasmerSinglepass, KindWasm, "wasmer", "Wasmer 2.x (Singlepass) through wasmer-go"},
	{WasmerCold, KindWasm, "wasmer", "Wasmer 2.x (Cranelift) through wasmer-go, compiling at every start"},
	// The control platforms come last, so the places of the others (their
	// colours in the figures) do not move.
	{WazeroPlain, KindWasm, "wazero", "as wazero, with wazero's defaults: no memory limit, the scratch directory through WithDirMount (control)"},
	{WasmtimePlain, KindWasm, "wasmtime", "as wasmtime, with Wasmtime's defaults: no store limiter (control)"},
	{WasmerPlain, KindWasm, "wasmer", "as wasmer, with Wasmer's defaults: the module's memory uncapped, plain WASI pre-opens (control)"},
	{WasmerSinglepassPlain, KindWasm, "wasmer", "as wasmer-singlepass, with Wasmer's defaults: the module's memory uncapped, plain WASI pre-opens (control)"},
}

// PlatformNames returns the platform names in report order, the control
// platforms included (MainPlatformNames leaves them out).
func PlatformNames() []string {
	out := make([]string, len(Platforms))
	for i, p := range Platforms {
		out[i] = p.Name
	}
	return out
}

// Platform returns the description of a named platform.
func Platform(name string) (PlatformInfo, bool) {
	for _, p := range Platforms {
		if p.Name == name {
			return p, true
		}
	}
	return PlatformInfo{}, false
}

// Guest languages, as they appear in the lang column.
const (
	LangC  = "c"
	LangGo = "go"
)

// Langs lists the guest languages in report order.
var Langs = []string{LangC, LangGo}

// Units.
const (
	UnitMS    = "ms"
	UnitKiB   = "KiB"
	UnitCount = "count"
)

// Metric names that more than one package relies on. data/README.md
// documents every metric, these and the platform-specific ones.
const (
	// WallMS is the whole invocation on the monotonic clock.
	WallMS = "wall_ms"
	// KernelMS is the workload's own timing of its kernel.
	KernelMS = "kernel_ms"
	// FootprintKiB is the memory experiment's cross-platform metric: the
	// PSS, in KiB, of every process the platform runs for one workload
	// while it is blocked — the program itself natively, the launcher
	// (guest inside) for a Wasm runtime, the container's processes plus
	// their containerd-shim for Docker.
	FootprintKiB = "footprint_kib"
	// MemAvailDropKiB is the drop of the system's MemAvailable while a
	// resident workload runs: a difference that other processes move too.
	MemAvailDropKiB = "memavail_drop_kib"
)
