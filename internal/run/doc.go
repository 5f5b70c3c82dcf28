// Package run carries out one `edgewasm run`: it validates the options
// (nothing is written for bad input), fingerprints the machine, creates
// each platform's runner through a Factory (injectable, so tests drive the
// whole path with a scripted runner), prepares them and decides which are
// unavailable, locks the dataset directory, writes a new dataset or
// resumes an interrupted one (package internal/resume decides what is
// missing, repairs the file and says what runs again), executes the plan
// of package internal/protocol, shows progress, and summarizes.
package run
