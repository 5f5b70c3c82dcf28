// Command launcher runs one WebAssembly (WASI preview 1) module in a fresh
// wazero runtime and exits with the guest's exit status, as a container
// runtime's CLI would (the thesis timed the Wasmer CLI). The wazero runner
// builds it in Prepare and starts it once per invocation.
//
// Usage:
//
//	launcher [flags] MODULE.wasm [ARGS...]
//
// The guest gets ARGS (argv[0] is the module's file name), the -env
// variables only, the launcher's stdin/stdout/stderr, the host's real
// clocks and randomness, no file system except the -mount directory,
// seen at /scratch, and no network except, with -listen HOST:PORT, one TCP
// socket listening there, pre-opened by wazero (experimental/sock; the
// guest accepts on it, as fd 3 when there is no -mount). Nothing else of
// the host is visible.
//
// The guest's memory is capped at -max-pages (WithMemoryLimitPages), and
// the -mount directory is a file system that keeps symbolic links inside
// it (confined.go). With -plain (the control platform wazero-plain)
// wazero runs with its defaults: no memory limit, and the directory
// mounted with wazero's own WithDirMount.
//
// With -report-fd N the launcher writes key=value lines to file
// descriptor N after the guest finished (or failed): engine, the phase
// durations setup_ns, compile_ns, instantiate_ns, run_ns, launcher_ns,
// its peak resident set hwm_kib (VmHWM), the guest's exit_code, and on an engine failure error (one short line such
// as "trap: unreachable") and detail. The guest's stdout and stderr carry
// nothing but what the guest wrote.
//
// Exit status: the guest's (1 if it does not fit in 1..255), 125 when the
// module could not be compiled or instantiated or trapped, 2 on bad usage.
package main
