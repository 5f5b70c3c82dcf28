package experiments_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/internal/protocol"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/internal/testenv"
	"github.com/edgewasm/edgewasm/runners/build"
)

// TestCommittedWasm checks the committed WebAssembly guests against their
// sources. Every module must match its recorded SHA-256. Each guest is
// rebuilt with the recipe `make wasm` uses (runners/build) and compared
// byte for byte with the committed module when the toolchain is the one
// that built it: C with Debian's clang (the CI machine's), Go when the
// installed Go is the version in main.wasm.go-version. With another Go the
// bytes legitimately differ: the test says so and checks the rest.
func TestCommittedWasm(t *testing.T) {
	root := repoRoot(t)
	ctx := context.Background()
	goVersion, err := build.GoVersion(ctx, build.Tools{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range protocol.Workloads(root, experiments.Names, dataset.Langs) {
		t.Run(w.ID(), func(t *testing.T) {
			if err := build.VerifyChecksum(w.Dir); err != nil {
				t.Fatal(err)
			}
			if _, ok, err := build.RecordedChecksum(w.Dir); err != nil || !ok {
				t.Fatalf("no %s beside %s (%v): run `make wasm` and commit both", build.ChecksumFile, build.ModulePath(w.Dir), err)
			}
			out := filepath.Join(t.TempDir(), build.ModuleFile)
			compare := true
			switch w.Lang {
			case dataset.LangC:
				testenv.Clang(t)
				err = build.WasmC(ctx, build.Tools{}, w.Dir, w.Include, out)
			case dataset.LangGo:
				built, verr := recordedGoVersion(w.Dir)
				if verr != nil {
					t.Fatalf("%v (run `make wasm`)", verr)
				}
				if built != goVersion {
					compare = false
					t.Logf("%s was built with %s and the installed Go is %s: builds differ across Go versions, so the bytes are not compared (the checksum and the build are)",
						build.ModulePath(w.Dir), built, goVersion)
				}
				err = build.WasmGo(ctx, build.Tools{}, w.Dir, out)
			}
			if err != nil {
				t.Fatal(err)
			}
			if !compare {
				return
			}
			got, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(build.ModulePath(w.Dir))
			if err != nil {
				t.Fatalf("%v: build it with `make wasm` and commit it", err)
			}
			if !bytes.Equal(got, want) {
				ver, _ := exec.Command("clang", "--version").Output()
				t.Fatalf("%s differs from a fresh build (%d vs %d bytes; %s): run `make wasm` and commit",
					build.ModulePath(w.Dir), len(want), len(got), bytes.SplitN(ver, []byte("\n"), 2)[0])
			}
		})
	}
}

// recordedGoVersion reads the Go version `make wasm` wrote beside a Go
// guest's module.
func recordedGoVersion(dir string) (string, error) {
	path := filepath.Join(dir, build.GoVersionFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	v := strings.TrimSpace(string(b))
	if !strings.HasPrefix(v, "go") || strings.ContainsAny(v, " \n") {
		return "", fmt.Errorf("%s:1: want a Go version such as go1.26.0, got %q", path, v)
	}
	return v, nil
}
