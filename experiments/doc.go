// Package experiments is the catalog of what edgewasm measures, as data:
// the thesis's experiments and their tests (Catalog), the named profiles
// (quick, thesis, pi) with the sizes of sizes.txt, and the digests each
// workload must print (expected.txt).
//
// The workloads themselves are C programs (and Go ports), one folder
// each: cpu/<test>/, memory/idle/, fsio/fsio/, startup/noop/,
// network/server/, sharing the header common/edgewasm.h. README.md in this
// folder is their contract. The far end of the network experiment is
// package peer.
//
// The catalog knows nothing of how a workload runs: the platforms are
// package runners, and the protocol that plans a run and executes it on
// them is internal/protocol. Adding an experiment is one entry in Catalog
// plus its workloads.
package experiments
