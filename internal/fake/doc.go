// Package fake provides a scripted runners.Runner for testing the protocol
// and everything downstream of it without running any workload.
package fake
