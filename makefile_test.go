package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/edgewasm/edgewasm/internal/testenv"
)

// `make -n` prints and runs nothing: a recipe line that names $(MAKE) is
// run even under -n, and once started a whole measurement run that way.
func TestMakeDryRunRunsNothing(t *testing.T) {
	mk := testenv.Tool(t, "make", "apt-get install make")
	dir := t.TempDir()
	marker := filepath.Join(dir, "ran")
	bin := filepath.Join(dir, "edgewasm")
	if err := os.WriteFile(bin, []byte("#!/bin/sh\ntouch "+marker+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{"reproduce", "control", "report", "bundle", "build", "test"} {
		cmd := exec.Command(mk, "-n", target, "BIN="+bin, "GO=/bin/false")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("make -n %s: %v\n%s", target, err, out)
		}
		if _, err := os.Stat(marker); err == nil {
			t.Fatalf("make -n %s ran a command", target)
		}
	}
}
