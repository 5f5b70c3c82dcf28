// Package host collects the facts about this machine and this checkout
// that every dataset records in environment.json: CPU, memory, kernel, OS,
// architecture, board model, frequency governor, virtualization, and the
// git commit edgewasm was built from.
package host
