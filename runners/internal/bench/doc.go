// Package bench holds the harness benchmark (bench_test.go, `make
// bench-harness`): edgewasm against hyperfine -N on the same native and
// Docker start-up workloads, interleaved in one run, and the harness's own
// CPU time while a one-second sample runs. It has no code of its own; a
// benchmark, not a test, because it reports ratios on this machine rather
// than asserting them.
package bench
