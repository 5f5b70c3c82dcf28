package dataset

// Failure reasons that the data's readers rely on: the status of a failed
// invocation is FailedPrefix + reason, often followed by ": " and a
// detail (Failed). Other reasons are a platform's own words (a launcher's
// "trap", "compile", a container's "create", …) and are documented with
// the platform in data/README.md.
const (
	// ReasonInterrupted: the run was stopped while the invocation ran; a
	// resumed run runs it again.
	ReasonInterrupted = "interrupted"
	// ReasonTimeout: the per-invocation timeout (or a network transfer's)
	// expired.
	ReasonTimeout = "timeout"
	// ReasonUnsupported: the platform lacks a capability the experiment
	// needs (failed:unsupported: <why>).
	ReasonUnsupported = "unsupported"
	// ReasonOOMKilled: the container exceeded its memory limit.
	ReasonOOMKilled = "oom-killed"
)

// Reasons lists the failure reasons above.
var Reasons = []string{ReasonInterrupted, ReasonTimeout, ReasonUnsupported, ReasonOOMKilled}
