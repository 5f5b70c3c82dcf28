// Package guest holds what every Go workload shares besides its kernel, the
// Go counterpart of experiments/common/edgewasm.h: the seeded splitmix64
// input generator, FNV-1a 64 digests, the command line (SIZE | --selftest,
// exit 2 on bad usage), the key=value result lines and the known-answer
// helpers (exit 1 on a failed self-check).
//
// Every definition produces bit-for-bit the values of its C twin, so a Go
// port of a workload prints the same digest as the C program for the same
// size. The package uses only the standard library and builds for
// GOOS=wasip1 GOARCH=wasm as well as natively.
package guest
