// Package native is the thesis's baseline platform: each workload is built
// for this machine (C with cc -O2, Go with the Go toolchain; recipes in
// runners/build) into a private build directory, and each invocation is an
// ordinary child process started and measured by runners/internal/proc: wall time
// from fork to reaped exit, wait4 rusage for CPU time and max RSS.
package native
