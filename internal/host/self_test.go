package host

import (
	"os"
	"path/filepath"
	"testing"
)

func TestKibField(t *testing.T) {
	dir := t.TempDir()
	old := ProcRoot
	ProcRoot = dir
	t.Cleanup(func() { ProcRoot = old })
	if err := os.MkdirAll(filepath.Join(dir, "self"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "meminfo"), []byte("MemTotal:       1000 kB\nMemAvailable:     600 kB\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "self", "status"), []byte("Name:\tx\nVmHWM:\t  4242 kB\nVmRSS: 12 kB\n"), 0o644)
	if v, err := MemTotal(); err != nil || v != 1000 {
		t.Fatalf("MemTotal = %d, %v", v, err)
	}
	if v, err := SelfPeakRSS(); err != nil || v != 4242 {
		t.Fatalf("SelfPeakRSS = %d, %v", v, err)
	}
	os.WriteFile(filepath.Join(dir, "meminfo"), []byte("MemFree: 3 kB\n"), 0o644)
	if _, err := MemTotal(); err == nil {
		t.Fatal("MemTotal without its line succeeded")
	}
}

func TestRealSelf(t *testing.T) {
	if v, err := SelfPeakRSS(); err != nil || v <= 0 {
		t.Fatalf("SelfPeakRSS = %d, %v", v, err)
	}
	if v, err := SelfCPU(); err != nil || v <= 0 {
		t.Fatalf("SelfCPU = %v, %v", v, err)
	}
}
