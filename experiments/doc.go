// Package experiments holds the thesis's workloads and the protocol that
// measures them.
//
// The workloads are C programs (and Go ports), one folder each:
// cpu/<test>/, memory/idle/, fsio/fsio/, startup/noop/, network/server/,
// sharing the header common/edgewasm.h. Each folder commits the digest its program must print
// for every size (expected.txt); README.md in this folder is the contract.
//
// The Go side defines the catalogue of experiments and tests, the named
// profiles (quick, thesis, pi) with their sizes (sizes.txt), and Execute, which
// runs a plan of invocations on any set of runners.Runner with warm-ups,
// repetitions interleaved across platforms, digest verification, and
// samples streamed to a dataset.Writer as each invocation completes. The
// network experiment's measuring code (network.go) serves its workload
// through runners.Server and has the peer (package peer) run the
// transfers against it.
package experiments
