package proc

import (
	"os"
	"path/filepath"
	"testing"
)

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFakeTree(t *testing.T) {
	dir := t.TempDir()
	old := Root
	Root = dir
	t.Cleanup(func() { Root = old })
	writeFile(t, filepath.Join(dir, "meminfo"), "MemTotal:       1000 kB\nMemAvailable:     600 kB\n")
	// 10 -> 11 -> 12, and 13 unrelated; 11's name has spaces and parens.
	writeFile(t, filepath.Join(dir, "10/stat"), "10 (launcher) S 1 10 10")
	writeFile(t, filepath.Join(dir, "11/stat"), "11 (a (b) c) S 10 10 10")
	writeFile(t, filepath.Join(dir, "12/stat"), "12 (x) S 11 10 10")
	writeFile(t, filepath.Join(dir, "13/stat"), "13 (y) S 1 13 13")
	for pid, pss := range map[string]string{"10": "100", "11": "20", "12": "3", "13": "999"} {
		writeFile(t, filepath.Join(dir, pid, "smaps_rollup"), "Rss: 5 kB\nPss:   "+pss+" kB\n")
	}
	if v, err := MemAvailable(); err != nil || v != 600 {
		t.Fatalf("MemAvailable = %d, %v", v, err)
	}
	total, n, err := TreePSS(10)
	if err != nil || total != 123 || n != 3 {
		t.Fatalf("TreePSS = %d over %d, %v; want 123 over 3", total, n, err)
	}
	if _, err := PSS(99); err == nil {
		t.Fatal("PSS of a missing pid succeeded")
	}
}

func TestRealSelf(t *testing.T) {
	if _, err := os.Stat("/proc/self/smaps_rollup"); err != nil {
		t.Skip("no smaps_rollup on this kernel")
	}
	kib, err := PSS(os.Getpid())
	if err != nil || kib <= 0 {
		t.Fatalf("PSS(self) = %d, %v", kib, err)
	}
	if v, err := MemAvailable(); err != nil || v <= 0 {
		t.Fatalf("MemAvailable = %d, %v", v, err)
	}
}
