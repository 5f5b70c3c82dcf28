// Command edgewasm reproduces Napieralla (2020), "Considering WebAssembly
// Containers for Edge Computing on Hardware-Constrained IoT Devices": it
// runs the thesis's CPU, memory, filesystem and startup workloads natively,
// in Docker and in wazero, records raw samples with a machine fingerprint,
// tests them as the thesis did, and renders the paper.
//
// The repository is laid out by concern:
//
//	experiments/  workloads (C, Go), profiles, the measurement protocol, the sample schema
//	runners/      one Runner per platform: native, docker, wazero
//	report/       statistics, figures and the notebook-style paper
//	literature/   the systematic review, PRISMA flow and orchestration matrix as data
//	data/         datasets (samples.csv + environment.json) and their dictionary
//	figures/      rendered figures with the numbers behind each one
//
// This package is the command line: one cmd_<verb>.go per subcommand.
package main
