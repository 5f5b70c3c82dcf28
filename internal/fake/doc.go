// Package fake provides scripted runners.Runner implementations for
// testing the protocol and everything downstream of it without running any
// workload: Runner, which also holds resident workloads (runners.Holder),
// and Bare, which has no optional capability and may declare why
// (runners.Lacking). A test that needs a server embeds a Runner and adds
// Serve.
package fake
