package run

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/internal/protocol"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/internal/testenv"
	"github.com/edgewasm/edgewasm/runners"
	"github.com/edgewasm/edgewasm/runners/build"
)

func TestCheckCPU(t *testing.T) {
	for _, cpu := range []int{-1, runtime.NumCPU() + 7} {
		if _, err := checkCPU(cpu); err == nil || !strings.Contains(err.Error(), "--cpu") {
			t.Errorf("--cpu %d: %v", cpu, err)
		}
	}
}

// threadMasks reads the Cpus_allowed_list of every thread of this process.
func threadMasks(t *testing.T) map[string]int {
	t.Helper()
	tasks, _ := os.ReadDir("/proc/self/task")
	out := map[string]int{}
	for _, task := range tasks {
		b, err := os.ReadFile(filepath.Join("/proc/self/task", task.Name(), "status"))
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "Cpus_allowed_list:"); ok {
				out[strings.TrimSpace(v)]++
			}
		}
	}
	return out
}

// TestPinnedWorkloadRunsOnItsCore runs a real workload through the native
// runner (the shim, runners/internal/proc) under --cpu pinning: the workload may
// run only on the chosen core, edgewasm's threads only on the others, and
// the mask is restored afterwards.
func TestPinnedWorkloadRunsOnItsCore(t *testing.T) {
	if runtime.NumCPU() < 2 {
		t.Skip("pinning needs two cores")
	}
	testenv.CC(t)
	isolateTemp(t)
	cpu := runtime.NumCPU() - 1
	harness, err := checkCPU(cpu)
	if err != nil {
		t.Fatal(err)
	}
	before := threadMasks(t)
	r, err := NewRunner(dataset.Native, PlatformOptions{Tools: build.Tools{}})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	dir, _ := filepath.Abs("testdata/affinity")
	w := runners.Workload{Experiment: "startup", Test: "affinity", Lang: dataset.LangC, Dir: dir}
	if err := r.Prepare(context.Background(), []runners.Workload{w}); err != nil {
		t.Fatal(err)
	}
	var stdout string
	var during map[string]int
	_, err = pinned(&cpu, func() (protocol.Summary, error) {
		res, err := r.Run(context.Background(), runners.Invocation{Workload: w})
		stdout = string(res.Stdout)
		during = threadMasks(t)
		return protocol.Summary{}, err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(strings.TrimPrefix(stdout, "Cpus_allowed_list:")); got != fmt.Sprint(cpu) {
		t.Errorf("the workload may run on %q, want only %d", got, cpu)
	}
	// One thread (the one that starts workloads) on the workload's core,
	// every other on the harness cores.
	want := strings.Trim(strings.Join(strings.Fields(fmt.Sprint(harness)), ","), "[]")
	if len(harness) > 1 {
		want = fmt.Sprintf("%d-%d", harness[0], harness[len(harness)-1])
	}
	if during[fmt.Sprint(cpu)] != 1 || len(during) != 2 || during[want] == 0 {
		t.Errorf("thread masks while pinned: %v (harness %s)", during, want)
	}
	if after := threadMasks(t); len(after) != 1 || fmt.Sprint(after) == fmt.Sprint(during) {
		t.Errorf("thread masks after: %v (before: %v)", after, before)
	}
}

func TestRunRecordsPinning(t *testing.T) {
	if runtime.NumCPU() < 2 {
		t.Skip("pinning needs two cores")
	}
	isolateTemp(t)
	out := filepath.Join(t.TempDir(), "ds")
	o := fakeOptions(out, fakeFactory(0, nil))
	cpu := 1
	o.CPU, o.Experiments = &cpu, "startup"
	if err := Run(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	env, err := dataset.ReadEnvironment(out)
	if err != nil {
		t.Fatal(err)
	}
	if env.Settings == nil || env.Settings.CPU == nil || *env.Settings.CPU != 1 || len(env.Settings.HarnessCPUs) == 0 {
		t.Fatalf("settings %+v", env.Settings)
	}
	for _, c := range env.Settings.HarnessCPUs {
		if c == 1 {
			t.Fatalf("harness CPUs %v include the workload's", env.Settings.HarnessCPUs)
		}
	}
}

// TestRunRecordsHarness: environment.json says what edgewasm itself used,
// with the measuring phase's peak no larger than the run's and its limit
// back to what it was.
func TestRunRecordsHarness(t *testing.T) {
	isolateTemp(t)
	out := filepath.Join(t.TempDir(), "ds")
	o := fakeOptions(out, fakeFactory(0, nil))
	o.Experiments = "startup"
	before := debug.SetMemoryLimit(-1)
	if err := Run(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	if after := debug.SetMemoryLimit(-1); after != before {
		t.Fatalf("memory limit left at %d, was %d", after, before)
	}
	env, err := dataset.ReadEnvironment(out)
	if err != nil {
		t.Fatal(err)
	}
	h := env.Harness
	if h == nil || h.MeasurePeakRSSKiB <= 0 || h.PreparePeakRSSKiB <= 0 || h.PeakRSSKiB < h.MeasurePeakRSSKiB ||
		h.PeakRSSKiB < h.PreparePeakRSSKiB || h.MeasureWallMs <= 0 || h.MeasureMemoryLimitKiB <= 0 || h.TrimError != "" {
		t.Fatalf("harness %+v", h)
	}
}
