// Package procfs reads the Linux /proc figures the memory experiment needs:
// a process's proportional set size (PSS) from smaps_rollup, the PSS of a
// process and all its descendants, and the system's MemAvailable (the
// figure `free` reports as "available").
package procfs
