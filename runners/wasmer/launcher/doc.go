// Command launcher runs one WebAssembly (WASI preview 1) module in a fresh
// Wasmer 2.x store (the universal engine with the Cranelift or the
// Singlepass compiler, through wasmer-go and its libwasmer.so) and exits
// with the guest's exit status. The wasmer runner builds it in Prepare and
// starts it once per invocation, as the wazero runner starts its launcher;
// both speak the report protocol of runners/internal/launch.
//
// It lives in its own Go module (go.mod beside this file) so that the
// edgewasm module stays free of cgo and of wasmer-go's download.
//
// Usage:
//
//	launcher [-compiler cranelift|singlepass] [-cache DIR [-compile-only]] [-mount DIR] [-max-pages N | -plain] [-env K=V] [-report-fd N] MODULE.wasm [ARGS...]
//
// The guest gets ARGS (argv[0] is the module's file name), the -env
// variables only, the launcher's stdin/stdout/stderr, Wasmer's WASI clocks
// and randomness (the host's), no file system except the -mount directory,
// mapped to /scratch, and no network. wasmer-go has no memory limiter, so
// the launcher writes the -max-pages limit into the module as its
// memory's maximum before compiling (launch.CapMemory).
//
// With -cache DIR the compiled module is kept in DIR, as the wasmer
// command line keeps it in ~/.wasmer/cache by default: -compile-only
// compiles the module and serializes it there (Module.Serialize), and
// every start with -cache loads it (DeserializeModule) instead of
// compiling; without the file, or without -cache, a start compiles. The
// file is named by the SHA-256 of the module as compiled (its memory
// capped, so the limit is part of the artifact) and a tag of the
// wasmer-go and libwasmer versions, the compiler, the architecture and
// the page limit (launch.CacheFile).
//
// Wasmer 2.x shows the guest a virtual root "/" pre-opened before the
// mapped directory (named "scratch", without the slash), and reports
// pre-open names with a trailing NUL counted in their length;
// wasi-libc (C guests) copes, Go's wasip1 runtime does not find the
// directory and every open fails with EBADF (wasmerio/wasmer#6009, fixed
// after 2.x). The launcher answers fd_prestat_get and fd_prestat_dir_name
// itself with Wasmer's answers minus the NUL (prestat.go), read at each
// query through a small probe module that shares the guest's WASI
// environment; the probe is cached with the module.
//
// With -plain the launcher runs Wasmer with its defaults, as the control
// platforms wasmer-plain and wasmer-singlepass-plain do: the module is
// compiled as it is (no memory cap; its cache file has its own tag) and
// the pre-open queries get Wasmer's own answers (no probe), so Go's file
// I/O fails there as it does under plain Wasmer 2.x.
//
// The report (-report-fd) has the keys of runners/internal/launch: engine
// (cranelift or singlepass), setup_ns, compile_ns, instantiate_ns, run_ns,
// launcher_ns, hwm_kib, exit_code, and error and detail on an engine
// failure. A guest's proc_exit reaches the launcher as a trap whose
// message carries the code ("WASI exited with code: N"); the launcher
// turns it back into exit_code.
//
// Exit status: the guest's (1 if it does not fit in 1..255), 125 when the
// module could not be compiled or instantiated or trapped, 2 on bad usage.
package main
