package host

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeProc writes files into a fake /proc and points ProcRoot at it.
func fakeProc(t *testing.T, files map[string]string) {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		path := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	old := ProcRoot
	ProcRoot = root
	t.Cleanup(func() { ProcRoot = old })
}

func TestReadCounters(t *testing.T) {
	fakeProc(t, map[string]string{
		"stat":         "cpu  306948 0 124074 335375 2193 0 1207 265 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 1\n",
		"pressure/cpu": "some avg10=2.50 avg60=17.66 avg300=20.49 total=1287562904\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n",
		"loadavg":      "1.54 1.78 2.55 4/161 24712\n",
	})
	c := ReadCounters()
	if c.StealMS != 2650 || c.StallMS != 1287562.904 || c.Load1 != 1.54 || c.PSIError != "" {
		t.Errorf("counters %+v, want steal 2650 ms (265 ticks), stall 1287562.904 ms, load 1.54", c)
	}
}

func TestReadCountersWithoutPSI(t *testing.T) {
	// A 4.19 kernel: no /proc/pressure, and an old cpu line without steal.
	fakeProc(t, map[string]string{
		"stat":    "cpu  1 2 3 4\n",
		"loadavg": "0.10 0.20 0.30 1/100 5\n",
	})
	c := ReadCounters()
	if !math.IsNaN(c.StallMS) || !strings.Contains(c.PSIError, "Linux 4.20") {
		t.Errorf("stall %v, PSI error %q; want NaN and why", c.StallMS, c.PSIError)
	}
	if !math.IsNaN(c.StealMS) || c.Load1 != 0.1 {
		t.Errorf("steal %v load %v; want NaN (no steal column) and 0.1", c.StealMS, c.Load1)
	}
}

func TestReadCountersMalformed(t *testing.T) {
	fakeProc(t, map[string]string{
		"stat":         "cpu  1 2 3 4 5 6 7 x 0 0\n",
		"pressure/cpu": "some avg10=0.00\n",
		"loadavg":      "garbage\n",
	})
	c := ReadCounters()
	if !math.IsNaN(c.StealMS) || !math.IsNaN(c.StallMS) || !math.IsNaN(c.Load1) || !strings.Contains(c.PSIError, "no total=") {
		t.Errorf("malformed files gave %+v; want NaN everywhere and a PSI error naming what is missing", c)
	}
}
