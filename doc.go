// Command edgewasm reproduces Napieralla (2020), "Considering WebAssembly
// Containers for Edge Computing on Hardware-Constrained IoT Devices": it
// runs the thesis's CPU, memory, filesystem and start-up workloads, and the
// network experiment the thesis planned, natively, in Docker and in
// WebAssembly runtimes (wazero, Wasmtime, Wasmer), records raw samples
// with a machine fingerprint, tests them as the thesis did, and renders
// the paper.
//
// The repository is laid out by floor, from the bottom up:
//
//	dataset/      the sample schema and its vocabulary (imports nothing of ours)
//	experiments/  the experiment catalog as data, the workloads (C, Go), profiles, sizes, the network peer
//	runners/      the Runner interface and one package per platform; what runners share below them
//	internal/     the protocol that executes the catalog, and the work behind each command
//	report/       statistics, the analysis model, figures, claims and the notebook-style paper
//	literature/   the systematic review, PRISMA flow and orchestration matrix as data
//	data/         datasets (samples.csv + environment.json) and their dictionary
//	figures/      rendered figures with the numbers behind each one
//	fleet/        the Ansible playbook that runs edgewasm on many boards
//
// This package is the command line: one cmd_<verb>.go per subcommand, which
// declares flags, help and exit codes and calls one runX(ctx, opts) that
// hands the work to the package that does it. ARCHITECTURE.md maps the
// packages and the imports each may make.
package main
