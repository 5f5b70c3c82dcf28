// Package run carries out one `edgewasm run`: it validates the options
// (nothing is written for bad input), fingerprints the machine, creates
// each platform's runner through a Factory (injectable, so tests drive the
// whole path with a scripted runner), prepares them and decides which are
// unavailable, writes the dataset while the plan of package experiments
// executes, shows progress, and summarizes.
package run
