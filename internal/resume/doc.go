// Package resume continues an interrupted `edgewasm run` (run --resume
// DIR). It is the one place that decides what a dataset is missing,
// repairs a damaged end of samples.csv and chooses what runs again;
// internal/run calls it, and the command only turns flags into options.
//
//  1. Open reads DIR/environment.json and gives every option the command
//     line left out its recorded value; Differences lists what differs
//     from the record now (profile, sizes, platforms, languages,
//     experiments, settings, tool commit, machine), which internal/run
//     refuses unless --force.
//  2. Plan scans samples.csv (dataset.Scan: the complete rows, and the
//     damaged end a kill or power loss may leave) and decides (Decide)
//     what is missing: invocations with no rows, with fewer rows than
//     their set_rows, recorded failed:interrupted, and the other half of
//     an fsio file pair. Nothing is written yet.
//  3. After the platforms are prepared, Session.Apply keeps the damaged
//     end in resume-N-cut.txt and the rows to be replaced in
//     resume-N-replaced.csv, rewrites samples.csv with the rows kept
//     (atomically), records the resume in environment.json and opens
//     samples.csv for appending.
//  4. Session.Pending gives the steps protocol.Execute runs: the plan of
//     the original run without what is recorded, in the same order with
//     the same seq numbers, warm-ups again before any test that still has
//     repetitions to run.
//
// Audit checks the invariant of any dataset (one row set per invocation)
// and lists the planned invocations that have no rows; every run ends with
// it.
//
// The formats stay with the schema: the tolerant reader of a damaged
// samples file (dataset.Scan) and the writers of the files a resume
// leaves (dataset.Rewrite, dataset.WriteReplaced) read and write what
// data/README.md documents for every dataset, and know nothing of plans.
// What to cut, keep, replace and run again is decided here.
package resume
