// Package proc measures processes, for every platform: it starts a
// workload (or a platform's launcher, or the Docker CLI) through ewspawn,
// a tiny static C shim that starts it with posix_spawn and reports the
// program's own wall time (spawn to reaped exit, nothing else inside),
// CPU time and max RSS; it enforces timeouts by killing the process
// group; it runs the resident-workload protocol of the memory experiment
// (Hold); and it reads the Linux /proc figures that protocol needs: a
// process's proportional set size (PSS) from smaps_rollup, summed over its
// descendants, and the system's MemAvailable (what `free` calls
// "available"). (edgewasm's own peak RSS, CPU time and trim are the run's
// business: internal/host.)
package proc
