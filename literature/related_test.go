package literature

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestLaterStudies(t *testing.T) {
	ss, err := LoadLaterStudies(".")
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) < 10 {
		t.Fatalf("got %d later studies", len(ss))
	}
	for _, s := range ss {
		if s.Relation == "" || s.Checked == "" {
			t.Errorf("%s: relation %q checked %q", s.ID, s.Relation, s.Checked)
		}
	}
}

func TestLaterStudiesUnknownNeedsNote(t *testing.T) {
	root := copyTree(t, ".")
	edit(t, filepath.Join(root, FileLaterStudies), "numbers and hardware not verified\n", "\n")
	_, err := LoadLaterStudies(root)
	if re := findRecordError(err, FileLaterStudies, "note"); re == nil || re.Line != 7 {
		t.Errorf("unknown without a note not caught at line 7: %v", err)
	}
}

func TestOrchestration(t *testing.T) {
	fs, err := LoadOrchestration(".")
	if err != nil {
		t.Fatal(err)
	}
	eras := map[string]int{}
	var krustlet2020 *Framework
	for i, f := range fs {
		eras[f.Era]++
		if f.Framework == "Krustlet" && f.Era == "2020" {
			krustlet2020 = &fs[i]
		}
	}
	if eras["2020"] < 4 || eras["today"] < 8 {
		t.Errorf("eras = %v", eras)
	}
	if krustlet2020 == nil || krustlet2020.Arm64 != "no" || krustlet2020.Runtimes != "Wasmtime" {
		t.Errorf("Krustlet (2020) = %+v; the thesis found Wasmtime only and no ARM", krustlet2020)
	}
}

func TestOrchestrationVocabulary(t *testing.T) {
	root := copyTree(t, ".")
	edit(t, filepath.Join(root, FileOrchestration), "Docker Swarm,2020,no,yes,yes,no", "Docker Swarm,2020,no,yes,maybe,no")
	_, err := LoadOrchestration(root)
	if re := findRecordError(err, FileOrchestration, "vocabulary"); re == nil || re.Line != 3 {
		t.Errorf("bad armv7 value not caught at line 3: %v", err)
	}
}

func TestScanPath(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	write := func(dir, name, body string, mode os.FileMode) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), mode); err != nil {
			t.Fatal(err)
		}
	}
	write(a, "containerd-shim-wasmtime-v1", "#!/bin/sh\n", 0o755)
	write(a, "containerd-shim-spin-v2", "#!/bin/sh\n", 0o644) // not executable
	write(a, "wasmtime", "#!/bin/sh\n", 0o755)
	write(a, "crun", "#!/bin/sh\necho 'crun version 1.14'\necho '+SYSTEMD +SELINUX +WASM:wasmedge +WASM:Wasmtime'\n", 0o755)
	write(a, "unrelated", "#!/bin/sh\n", 0o755)
	write(b, "wasmtime", "#!/bin/sh\n", 0o755) // shadowed by a
	write(b, "containerd-shim-runc-v2", "#!/bin/sh\n", 0o755)
	tools := ScanPath(context.Background(), a+string(os.PathListSeparator)+b+string(os.PathListSeparator)+"/nonexistent")
	got := map[string]Tool{}
	for _, tl := range tools {
		got[tl.Name] = tl
	}
	if len(tools) != 4 {
		t.Errorf("found %d tools, want 4: %+v", len(tools), tools)
	}
	if got["wasmtime"].Path != filepath.Join(a, "wasmtime") || got["wasmtime"].Kind != "wasm-runtime" {
		t.Errorf("wasmtime = %+v (first on PATH wins)", got["wasmtime"])
	}
	if got["containerd-shim-wasmtime-v1"].Kind != "containerd-shim" || got["containerd-shim-runc-v2"].Kind != "containerd-shim" {
		t.Errorf("shims = %+v", tools)
	}
	if _, ok := got["containerd-shim-spin-v2"]; ok {
		t.Error("a non-executable file was listed")
	}
	if h := got["crun"].Wasm; len(h) != 2 || h[0] != "wasmedge" || h[1] != "wasmtime" {
		t.Errorf("crun wasm handlers = %v", h)
	}
}
