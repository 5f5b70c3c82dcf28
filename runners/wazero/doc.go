// Package wazero runs workloads as WebAssembly (WASI preview 1) modules in
// wazero, the pure-Go runtime: the project's "Wasm container" platforms.
//
// Each invocation starts its own launcher process (runners/wazero/launcher,
// built by Prepare), as a container runtime's CLI would, so whole-process
// wall time, rusage and memory are comparable with the native and Docker
// platforms. The launcher reports its phases (setup, compile or cache
// load, instantiate, run) on a dedicated file descriptor; the guest's
// stdout is left untouched.
//
// Three platforms share the runner: dataset.Wazero (optimizing compiler
// with an on-disk compilation cache filled in Prepare), dataset.WazeroCold
// (compiler, every run compiles) and dataset.WazeroInterp (interpreter).
// Where wazero has no compiler (anything but amd64 and arm64), the first
// two fall back to the interpreter and Info says so.
//
// A workload's module is <Workload.Dir>/main.wasm, whatever its source
// language; for C it is built with BuildC and committed with its SHA-256
// in main.wasm.sha256, which Prepare checks.
package wazero
