// Package runners defines the one interface every execution platform
// implements — native processes, Docker containers, wazero — and the types
// that cross it: a Workload to prepare, an Invocation to run, and the
// Result with the metrics the platform measured.
//
// A Runner knows how to build or load a workload and how to execute it; it
// knows nothing about repetitions, warm-ups or digests. Those belong to the
// protocol in package experiments, which drives any Runner the same way.
// A runner that can hand a workload a listening socket also implements
// Server (the network experiment); one that cannot simply does not.
//
// Subpackages: native (child processes), fake (a scripted runner for tests
// of the scheduler) and procfs (Linux /proc readings shared by runners).
package runners
