package doctor

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/dataset"
)

// byName returns the check called name.
func byName(t *testing.T, r Report, name string) dataset.Check {
	t.Helper()
	for _, c := range r.Checks {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no check %q in %+v", name, r.Checks)
	return dataset.Check{}
}

// fakeDocker serves /info on a unix socket with body.
func fakeDocker(t *testing.T, body string) string {
	t.Helper()
	sock := filepath.Join(t.TempDir(), "docker.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/info" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(body))
	})}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return sock
}

// A Raspberry Pi as Raspberry Pi OS sets it up: ondemand governor, warm,
// memory controller disabled, under-voltage since boot.
func TestPi(t *testing.T) {
	sock := fakeDocker(t, `{"ServerVersion":"28.5.2","Driver":"overlay2","MemoryLimit":false,"Architecture":"aarch64","CgroupVersion":"1"}`)
	r := Run(context.Background(), Options{
		Root: "testdata/pi", Out: t.TempDir(), DockerSocket: sock, GOARCH: "arm64",
		Vcgencmd: func(context.Context) (string, error) { return "throttled=0x50000\n", nil },
	})
	want := map[string]string{
		"architecture":  dataset.CheckOK,
		"governor":      dataset.CheckWarn,
		"throttling":    dataset.CheckFail,
		"temperature":   dataset.CheckWarn,
		"memory":        dataset.CheckOK,
		"cgroup memory": dataset.CheckWarn,
		"docker":        dataset.CheckWarn,
		"disk":          dataset.CheckOK,
		"load":          dataset.CheckOK,
	}
	for name, status := range want {
		if c := byName(t, r, name); c.Status != status {
			t.Errorf("%s: status %s, want %s (%s)", name, c.Status, status, c.Value)
		} else if status != dataset.CheckOK && c.Advice == "" {
			t.Errorf("%s: %s without advice", name, status)
		}
	}
	if c := byName(t, r, "architecture"); !strings.Contains(c.Value, "Raspberry Pi 3 Model B Plus Rev 1.3") || strings.Contains(c.Value, "\x00") {
		t.Errorf("architecture value %q", c.Value)
	}
	if c := byName(t, r, "governor"); !strings.Contains(c.Value, "ondemand; cpu0 600 MHz (min 600 MHz, max 1400 MHz)") {
		t.Errorf("governor value %q", c.Value)
	}
	if c := byName(t, r, "throttling"); !strings.Contains(c.Value, "under-voltage since boot") || !strings.Contains(c.Value, "throttled since boot") {
		t.Errorf("throttling value %q", c.Value)
	}
	if c := byName(t, r, "load"); !strings.Contains(c.Value, "on 4 cores") {
		t.Errorf("load value %q", c.Value)
	}
	if r.Exit() != 1 {
		t.Errorf("exit %d, want 1 (a failed check)", r.Exit())
	}
	var text, js bytes.Buffer
	r.WriteText(&text)
	if !strings.Contains(text.String(), "fail  throttling") || !strings.Contains(text.String(), "→ under-voltage") {
		t.Errorf("text report:\n%s", text.String())
	}
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || len(back.Checks) != len(r.Checks) {
		t.Errorf("JSON round trip: %v, %d checks", err, len(back.Checks))
	}
}

// A well-prepared machine passes; emulation and a run too large for the
// disk are reported; a missing daemon is a warning.
func TestCasesAndExit(t *testing.T) {
	root := t.TempDir()
	copyTree(t, "testdata/pi", root)
	write := func(rel, s string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(root, rel), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "performance\n")
	write("sys/class/thermal/thermal_zone0/temp", "45000\n")
	write("proc/cgroups", "memory 0 88 1\n")
	sock := fakeDocker(t, `{"ServerVersion":"28.5.2","Driver":"overlay2","MemoryLimit":true,"Architecture":"aarch64","CgroupVersion":"2"}`)
	vc := func(context.Context) (string, error) { return "throttled=0x0", nil }
	r := Run(context.Background(), Options{Root: root, Out: filepath.Join(t.TempDir(), "not", "yet"), DockerSocket: sock, Vcgencmd: vc})
	for _, c := range r.Checks {
		if c.Status != dataset.CheckOK {
			t.Errorf("%s: %s %s", c.Name, c.Status, c.Value)
		}
	}
	if r.Exit() != 0 {
		t.Errorf("exit %d, want 0", r.Exit())
	}

	r = Run(context.Background(), Options{Root: root, Out: t.TempDir(), Need: 1 << 60, Emulated: "qemu-aarch64",
		DockerSocket: filepath.Join(t.TempDir(), "none.sock"),
		Vcgencmd:     func(context.Context) (string, error) { return "", errors.New("no such command") }})
	if c := byName(t, r, "disk"); c.Status != dataset.CheckFail {
		t.Errorf("disk for 1 EiB: %+v", c)
	}
	if c := byName(t, r, "architecture"); c.Status != dataset.CheckWarn || !strings.Contains(c.Value, "qemu-aarch64") {
		t.Errorf("emulated architecture: %+v", c)
	}
	if c := byName(t, r, "docker"); c.Status != dataset.CheckWarn || !strings.Contains(c.Value, "no daemon") {
		t.Errorf("no daemon: %+v", c)
	}
	// Without vcgencmd, a capped maximum frequency is throttling.
	write("sys/devices/system/cpu/cpu0/cpufreq/scaling_max_freq", "1200000\n")
	r = Run(context.Background(), Options{Root: root, Out: t.TempDir(), DockerSocket: sock,
		Vcgencmd: func(context.Context) (string, error) { return "", errors.New("absent") }})
	if c := byName(t, r, "throttling"); c.Status != dataset.CheckWarn || !strings.Contains(c.Value, "1200 MHz of 1400 MHz") {
		t.Errorf("capped frequency: %+v", c)
	}
	write("proc/meminfo", "MemTotal: 949448 kB\nMemAvailable: 100000 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n")
	write("proc/loadavg", "3.50 2.00 1.00 2/100 5\n")
	r = Run(context.Background(), Options{Root: root, Out: t.TempDir(), DockerSocket: sock, Vcgencmd: vc})
	if byName(t, r, "memory").Status != dataset.CheckFail || byName(t, r, "load").Status != dataset.CheckWarn {
		t.Errorf("low memory / busy: %+v", r.Checks)
	}
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
