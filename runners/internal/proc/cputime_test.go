package proc

import (
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/edgewasm/edgewasm/runners"
)

func TestParseStatCPU(t *testing.T) {
	// A command name with spaces and parentheses; utime 250, stime 17 ticks.
	line := "4242 (a (b) c) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 17 0 0 20 0 3 0 123 4096 100 18446744073709551615"
	c, err := parseStatCPU("stat", line)
	if err != nil || c.User != 2500*time.Millisecond || c.Sys != 170*time.Millisecond {
		t.Fatalf("parseStatCPU = %+v, %v; want 2.5 s user, 170 ms sys", c, err)
	}
	for _, bad := range []string{"4242 no parens", "1 (x) S 1 2", "1 (x) S 1 1 1 0 -1 0 0 0 0 0 x 17 0"} {
		if _, err := parseStatCPU("stat", bad); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
}

// TestCPUTimesGrows reads this process's CPU time before and after
// burning some: it must grow (at 10 ms resolution).
func TestCPUTimesGrows(t *testing.T) {
	before, err := CPUTimes(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	x := 0
	for time.Now().Before(deadline) {
		for i := 0; i < 1e6; i++ {
			x += i
		}
		if c, _ := CPUTimes(os.Getpid()); c.Total() > before.Total() {
			return
		}
	}
	t.Fatalf("CPU time did not grow in 10 s of spinning (%d)", x)
}

func TestListenFileAndFreePort(t *testing.T) {
	f, addr, err := ListenFile("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.FileListener(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if ln.Addr().String() != addr {
		t.Errorf("file listens on %s, reported %s", ln.Addr(), addr)
	}
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	c.Close()
	port, err := FreePort("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	l2, err := net.Listen("tcp", "127.0.0.1:"+port)
	if err != nil {
		t.Fatalf("the free port %s: %v", port, err)
	}
	l2.Close()
}

// The context switches are summed over the threads of a fake /proc.
func TestCPUTimesSwitches(t *testing.T) {
	root := t.TempDir()
	write := func(rel, content string) {
		t.Helper()
		path := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("42/stat", "42 (srv) S 1 42 42 0 -1 4194560 100 0 0 0 250 17 0 0 20 0 3 0 123 4096 100 18446744073709551615")
	write("42/task/42/status", "Name:\tsrv\nvoluntary_ctxt_switches:\t10\nnonvoluntary_ctxt_switches:\t3\n")
	write("42/task/43/status", "Name:\tsrv\nvoluntary_ctxt_switches:\t5\nnonvoluntary_ctxt_switches:\t1\n")
	write("42/task/44/status", "Name:\tsrv\n") // an old kernel's, without the lines
	old := Root
	Root = root
	defer func() { Root = old }()
	c, err := CPUTimes(42)
	if err != nil || !c.Switches || c.Voluntary != 15 || c.Involuntary != 4 {
		t.Fatalf("CPUTimes = %+v, %v; want 15 voluntary and 4 involuntary switches", c, err)
	}
	d := c.Sub(runners.CPUTimes{Voluntary: 5, Involuntary: 4, Switches: true})
	if d.Voluntary != 10 || d.Involuntary != 0 || !d.Switches {
		t.Errorf("Sub = %+v", d)
	}
	if d := c.Sub(runners.CPUTimes{}); d.Switches {
		t.Error("a difference with an unknown reading claims to know the switches")
	}
}

// A process that sleeps gives up the CPU: its voluntary switches grow.
func TestSwitchesGrowWhenSleeping(t *testing.T) {
	before, err := CPUTimes(os.Getpid())
	if err != nil || !before.Switches {
		t.Fatalf("%+v, %v", before, err)
	}
	for range 20 {
		time.Sleep(time.Millisecond)
	}
	after, _ := CPUTimes(os.Getpid())
	if d := after.Sub(before); d.Voluntary <= 0 {
		t.Errorf("20 sleeps: %d voluntary switches", d.Voluntary)
	}
}
