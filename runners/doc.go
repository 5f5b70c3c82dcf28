// Package runners defines the one interface every execution platform
// implements, and the types that cross it: a Workload to prepare, an
// Invocation to run, and the Result with the metrics the platform
// measured. The platforms are one package each: native (child processes),
// docker (containers through the Engine API), wazero (compiler with and
// without cache, interpreter), wasmtime and wasmer (Cranelift and
// Singlepass), each in runners/<name>.
//
// A Runner knows how to build or load a workload and how to execute it; it
// knows nothing about repetitions, warm-ups, digests or which experiment
// it serves. Those belong to the protocol (internal/protocol), which
// drives any Runner the same way. A capability not every platform has is
// an optional interface the protocol asks for (capability.go): Holder
// measures a resident workload (the memory experiment), Server hands a
// workload a listening socket (the network experiment). A runner that
// cannot simply does not implement it, and may declare why (Lacking); the
// protocol records what it cannot run as failed:unsupported with that
// reason.
//
// What only runners share lives below them: runners/internal/proc
// (measuring processes), runners/internal/launch (the launcher report
// protocol) and runners/internal/wasmrun (launcher-based Wasm platforms).
// Two shared pieces are public because the commands use them too:
// runners/build (the build recipes and a bundle's prebuilt artifacts) and
// runners/tempdir (directories owned by a live process, and the sweep).
package runners
