package wazero

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/edgewasm/edgewasm/experiments/dataset"
	"github.com/edgewasm/edgewasm/runners"
)

var update = flag.Bool("update", false, "rebuild the committed main.wasm files and their checksums (make wasm)")

// sources lists the workload folders under experiments/ with a C (main.c)
// or Go (go/main.go) guest, as workloads with Dir set.
func sources(t *testing.T, root string) []runners.Workload {
	t.Helper()
	include := filepath.Join(root, "experiments", "common")
	var ws []runners.Workload
	err := filepath.WalkDir(filepath.Join(root, "experiments"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		dir := filepath.Dir(path)
		rel, _ := filepath.Rel(root, dir)
		switch {
		case d.Name() == "main.c":
			ws = append(ws, runners.Workload{Test: rel, Lang: dataset.LangC, Dir: dir, Include: include})
		case d.Name() == "main.go" && filepath.Base(dir) == "go":
			ws = append(ws, runners.Workload{Test: rel, Lang: dataset.LangGo, Dir: dir})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

// TestCommittedWasm rebuilds every guest into a temporary directory and
// checks that the bytes equal the committed main.wasm and its checksum,
// so the committed modules are what the sources say. With -update (make
// wasm) it rewrites them instead.
func TestCommittedWasm(t *testing.T) {
	root := repoRoot(t)
	ws := sources(t, root)
	if len(ws) == 0 {
		t.Log("no guest sources under experiments/ yet")
	}
	ctx := context.Background()
	for _, w := range ws {
		t.Run(w.Test+"/"+w.Lang, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), ModuleFile)
			var err error
			switch w.Lang {
			case dataset.LangC:
				needClang(t)
				err = BuildC(ctx, "clang", w, out)
			case dataset.LangGo:
				err = BuildGo(ctx, "go", w, out)
			}
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if *update {
				if err := os.WriteFile(ModulePath(w), got, 0o644); err != nil {
					t.Fatal(err)
				}
				if err := WriteChecksum(w.Dir); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(ModulePath(w))
			if err != nil {
				t.Fatalf("%v: build it with `make wasm` and commit it", err)
			}
			if !bytes.Equal(got, want) {
				ver, _ := exec.Command("clang", "--version").Output()
				t.Fatalf("%s differs from a fresh build (%d vs %d bytes; %s): run `make wasm` and commit",
					ModulePath(w), len(want), len(got), bytes.SplitN(ver, []byte("\n"), 2)[0])
			}
			if _, err := os.Stat(filepath.Join(w.Dir, ChecksumFile)); err != nil {
				t.Fatalf("%v: run `make wasm` and commit", err)
			}
			if err := VerifyChecksum(w.Dir); err != nil {
				t.Fatal(err)
			}
		})
	}
}
