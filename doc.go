// Command edgewasm reproduces Napieralla (2020), "Considering WebAssembly
// Containers for Edge Computing on Hardware-Constrained IoT Devices": it
// runs the thesis's CPU, memory, filesystem and startup workloads natively,
// in Docker and in wazero, records raw samples with a machine fingerprint,
// tests them as the thesis did, and renders the paper.
//
// The repository is laid out by concern:
//
//	experiments/  the experiment catalog, workloads (C, Go), profiles, the measurement protocol, the sample schema
//	runners/      the Runner interface and one package per platform: native, docker, wazero
//	internal/     process measurement, build recipes, the run session, the launcher protocol, host facts
//	report/       statistics, figures and the notebook-style paper
//	literature/   the systematic review, PRISMA flow and orchestration matrix as data
//	data/         datasets (samples.csv + environment.json) and their dictionary
//	figures/      rendered figures with the numbers behind each one
//
// This package is the command line: one cmd_<verb>.go per subcommand, which
// declares flags, help and exit codes and calls one runX(ctx, opts) that
// hands the work to the package that does it. ARCHITECTURE.md maps the
// packages and the imports each may make.
package main
