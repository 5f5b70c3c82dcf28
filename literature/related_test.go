package literature

import (
	"context"
	"os"
	"path/filepath"
	"strings"
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
	edit(t, filepath.Join(root, FileLaterStudies), "numbers and hardware not verified,\n", ",\n")
	_, err := LoadLaterStudies(root)
	if re := findRecordError(err, FileLaterStudies, "note"); re == nil || re.Line != 7 {
		t.Errorf("unknown without a note not caught at line 7: %v", err)
	}
}

// A thesis and the paper that came from it are one study: Studies counts
// them once, and a same_study_as that names no record, or a record that is
// itself a later report, is an error at its line.
func TestSameStudyCountsOnce(t *testing.T) {
	ss, err := LoadLaterStudies(".")
	if err != nil {
		t.Fatal(err)
	}
	studies := Studies(ss)
	if len(studies) != len(ss)-1 {
		t.Errorf("%d records make %d studies, want %d", len(ss), len(studies), len(ss)-1)
	}
	for _, st := range studies {
		if st.ID == "gackstatter2022pushing" && (len(st.Also) != 1 || st.Also[0].ID != "gackstatter2021thesis") {
			t.Errorf("Gackstatter's study: %+v", st.Records())
		}
		if st.ID == "gackstatter2021thesis" {
			t.Error("the diploma thesis counts as a study of its own")
		}
	}
	for _, tc := range []struct{ to, want string }{
		{",gackstatter2099", "no record with that id"},
		{",gackstatter2021thesis", "names the record itself"},
	} {
		root := copyTree(t, ".")
		edit(t, filepath.Join(root, FileLaterStudies), ",gackstatter2022pushing\n", tc.to+"\n")
		_, err := LoadLaterStudies(root)
		if re := findRecordError(err, FileLaterStudies, "same-study"); re == nil || re.Line != 4 || !strings.Contains(re.Error(), tc.want) {
			t.Errorf("same_study_as %s: %v", tc.to, err)
		}
	}
}

// Every unknown cell of the orchestration matrix says why it is unknown,
// and a reason names only a cell that is unknown.
func TestOrchestrationUnknownNeedsReason(t *testing.T) {
	fs, err := LoadOrchestration(".")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range fs {
		for _, col := range f.Unknowns() {
			n++
			if f.UnknownWhy[col] == "" {
				t.Errorf("%s (%s): %s unknown without a reason", f.Framework, f.Era, col)
			}
		}
		if f.Source == "" || f.Checked == "" {
			t.Errorf("%s (%s): no source or check date", f.Framework, f.Era)
		}
	}
	if n == 0 {
		t.Fatal("no unknown cell in the matrix: the test checks nothing")
	}
	root := copyTree(t, ".")
	edit(t, filepath.Join(root, FileOrchestration), "; armv7: architectures not verified (landscape.md: not verified)", "")
	_, err = LoadOrchestration(root)
	if re := findRecordError(err, FileOrchestration, "unknown-why"); re == nil || !strings.Contains(re.Error(), `"armv7"`) {
		t.Errorf("an unknown cell without a reason: %v", err)
	}
	root = copyTree(t, ".")
	edit(t, filepath.Join(root, FileOrchestration), "wasm: Wasm workloads under Swarm not verified", "wasm: Wasm workloads under Swarm not verified; arm64: made up")
	_, err = LoadOrchestration(root)
	if re := findRecordError(err, FileOrchestration, "unknown-why"); re == nil || !strings.Contains(re.Error(), "not \"unknown\"") {
		t.Errorf("a reason for a known cell: %v", err)
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
