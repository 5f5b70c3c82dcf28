package run

import (
	"fmt"
	"os"
	"runtime"
	"strconv"

	"github.com/edgewasm/edgewasm/internal/protocol"

	"golang.org/x/sys/unix"
)

// CPU pinning (--cpu N) puts every workload on core N and edgewasm on the
// other cores, so the harness's own threads (reading pipes, the garbage
// collector, the progress display) never compete with the workload.
//
// Linux children inherit the CPU mask of the thread that forks them, and
// Go forks from the thread of the goroutine that calls exec. So Execute
// runs on a goroutine locked to one OS thread whose mask is {N}: every
// process a runner starts from it (the ewspawn shim, a workload, a Wasm
// launcher) starts on N. Every other thread of edgewasm gets the other
// cores first; threads the Go runtime creates later inherit that mask,
// because a thread locked by LockOSThread hands thread creation to the
// runtime's template thread. Containers are pinned by their cpuset.

// checkCPU validates --cpu and returns the cores left for edgewasm.
func checkCPU(cpu int) ([]int, error) {
	var set unix.CPUSet
	if err := unix.SchedGetaffinity(0, &set); err != nil {
		return nil, fmt.Errorf("--cpu: reading this process's CPU mask: %w", err)
	}
	if cpu < 0 || !set.IsSet(cpu) {
		return nil, fmt.Errorf("--cpu %d: not one of the cores this process may use (%v)", cpu, members(set))
	}
	var harness []int
	for _, c := range members(set) {
		if c != cpu {
			harness = append(harness, c)
		}
	}
	if len(harness) == 0 {
		return nil, fmt.Errorf("--cpu %d: it is the only core this process may use; pinning needs another one for edgewasm itself", cpu)
	}
	return harness, nil
}

func members(set unix.CPUSet) []int {
	var out []int
	for c := 0; c < len(set)*64; c++ {
		if set.IsSet(c) {
			out = append(out, c)
		}
	}
	return out
}

func cpuSet(cpus ...int) unix.CPUSet {
	var set unix.CPUSet
	for _, c := range cpus {
		set.Set(c)
	}
	return set
}

// setThreads applies set to every thread of this process.
func setThreads(set unix.CPUSet) error {
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		return err
	}
	for _, t := range tasks {
		tid, err := strconv.Atoi(t.Name())
		if err != nil {
			continue
		}
		// A thread may exit meanwhile (ESRCH); the others must succeed.
		if err := unix.SchedSetaffinity(tid, &set); err != nil && err != unix.ESRCH {
			return fmt.Errorf("pinning thread %d: %w", tid, err)
		}
	}
	return nil
}

// pinned runs fn with workloads on cpu and edgewasm on the other cores
// (see above); with cpu nil it just runs fn. The process's CPU mask is
// restored afterwards.
func pinned(cpu *int, fn func() (protocol.Summary, error)) (protocol.Summary, error) {
	if cpu == nil {
		return fn()
	}
	var old unix.CPUSet
	if err := unix.SchedGetaffinity(0, &old); err != nil {
		return protocol.Summary{}, err
	}
	harness, err := checkCPU(*cpu)
	if err != nil {
		return protocol.Summary{}, err
	}
	if err := setThreads(cpuSet(harness...)); err != nil {
		return protocol.Summary{}, err
	}
	defer setThreads(old)
	type result struct {
		sum protocol.Summary
		err error
	}
	done := make(chan result, 1)
	go func() {
		// Never unlocked: the thread, with its special mask, ends with the
		// goroutine instead of returning to the pool.
		runtime.LockOSThread()
		set := cpuSet(*cpu)
		if err := unix.SchedSetaffinity(0, &set); err != nil {
			done <- result{err: fmt.Errorf("pinning the workload thread to CPU %d: %w", *cpu, err)}
			return
		}
		sum, err := fn()
		done <- result{sum, err}
	}()
	r := <-done
	return r.sum, r.err
}
