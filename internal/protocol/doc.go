// Package protocol executes the experiment catalog on the platforms: the
// thesis's protocol (§4.2) as code.
//
// Plan lists every invocation of a run in order: per experiment, test and
// language, the warm-ups on every platform, then the repetitions, each on
// every platform before the next starts, the platform order rotating by
// one per repetition. Execute runs a plan on any set of runners.Runner,
// verifies each output against the catalog's expected digest, and streams
// the samples of each invocation to a dataset.Writer as soon as it
// completes, so an interrupted run loses nothing it finished. The network
// experiment's measuring code (network.go) serves its workload through
// runners.Server and has the peer (experiments/peer) run the transfers
// against it. EstimatePlan predicts a plan's duration and disk use.
package protocol
