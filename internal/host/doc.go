// Package host collects the facts about this machine and this checkout
// that every dataset records in environment.json: CPU, memory, kernel, OS,
// architecture, board model, frequency governor, virtualization, and the
// git commit edgewasm was built from; and the machine's contention
// counters (steal, CPU pressure stall, load average) that the protocol
// reads around every invocation.
package host
