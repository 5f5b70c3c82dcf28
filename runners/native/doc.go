// Package native runs workloads as ordinary child processes of edgewasm:
// the thesis's baseline. C workloads are built with the system C compiler
// (cc -O2), Go workloads with the Go toolchain, into a private build
// directory. Each invocation is timed with the monotonic clock around
// fork/exec/wait, and wait4's rusage gives user/sys CPU and max RSS.
package native
