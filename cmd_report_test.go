package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/report"
)

// TestReportEachCommittedDatasetAlone: `edgewasm report --data
// data/DATASET --out DIR` renders every format from any one committed
// dataset (-short: the first).
func TestReportEachCommittedDatasetAlone(t *testing.T) {
	dirs, err := report.Discover("data")
	if err != nil {
		t.Fatal(err)
	}
	if testing.Short() {
		dirs = dirs[:1]
	}
	for _, d := range dirs {
		out := filepath.Join(t.TempDir(), "paper")
		var stdout bytes.Buffer
		err := runReport(context.Background(), reportOptions{
			Config: report.Config{Data: []string{d}, Out: out, Literature: "literature"},
			Stdout: &stdout,
		})
		if err != nil {
			t.Errorf("edgewasm report --data %s: %v", d, err)
			continue
		}
		for _, f := range []string{"paper.md", "paper.html", "paper.pdf", "paper.ipynb", "reproduce.sh"} {
			if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
				t.Errorf("edgewasm report --data %s wrote no %s", d, f)
			}
		}
		if !strings.Contains(stdout.String(), "wrote ") {
			t.Errorf("edgewasm report --data %s says %q", d, stdout.String())
		}
	}
}

// --primary puts a dataset first; one that is no dataset is bad input.
func TestReportPrimary(t *testing.T) {
	var stdout bytes.Buffer
	err := runReport(context.Background(), reportOptions{
		Config: report.Config{Literature: "literature"}, DataDir: "data", Primary: "data/x86-vm-quick",
		Cell: "env field=label", Stdout: &stdout,
	})
	if err != nil || strings.TrimSpace(stdout.String()) != "x86-vm-quick" {
		t.Errorf("--primary data/x86-vm-quick: primary %q, %v", stdout.String(), err)
	}
	err = runReport(context.Background(), reportOptions{
		Config: report.Config{Literature: "literature"}, DataDir: "data", Primary: filepath.Join(t.TempDir(), "none"),
		Cell: "env field=label", Stdout: &stdout,
	})
	if code := exitCode(err); code != exitBadArgs {
		t.Errorf("--primary of no dataset: exit %d (%v), want %d", code, err, exitBadArgs)
	}
}
