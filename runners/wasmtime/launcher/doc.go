// Command launcher runs one WebAssembly (WASI preview 1) module in a fresh
// Wasmtime engine (Cranelift, through wasmtime-go and its prebuilt
// libwasmtime) and exits with the guest's exit status. The wasmtime runner
// builds it in Prepare and starts it once per invocation, as the wazero
// runner starts its launcher; both speak the report protocol of
// runners/internal/launch.
//
// It lives in its own Go module (go.mod beside this file) so that the
// edgewasm module stays free of cgo and of wasmtime-go's 85 MB download.
//
// Usage:
//
//	launcher [-cache DIR] [-mount DIR] [-max-pages N | -plain] [-env K=V] [-report-fd N] [-compile-only] MODULE.wasm [ARGS...]
//
// The guest gets ARGS (argv[0] is the module's file name), the -env
// variables only, the launcher's stdin/stdout/stderr, Wasmtime's WASI
// clocks and randomness (the host's), no file system except the -mount
// directory, pre-opened at /scratch, and no network. Its memory is capped
// at -max-pages through the store's limiter; with -plain (the control
// platform wasmtime-plain) the store has no limiter, Wasmtime's default.
//
// With -cache DIR the launcher loads the module's compiled form from DIR
// (Module.Serialize output, named by the module's SHA-256 and the Wasmtime
// version) when it is there, and compiles otherwise; -compile-only writes
// it. The report's compile_ns is then the time to load it.
//
// The report (-report-fd) has the keys of runners/internal/launch: engine,
// setup_ns, compile_ns, instantiate_ns, run_ns, launcher_ns, hwm_kib,
// exit_code, and error and detail on an engine failure.
//
// Exit status: the guest's (1 if it does not fit in 1..255), 125 when the
// module could not be compiled or instantiated or trapped, 2 on bad usage.
package main
