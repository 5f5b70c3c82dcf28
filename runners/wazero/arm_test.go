package wazero

import (
	"context"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/internal/protocol"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/internal/testenv"
	"github.com/edgewasm/edgewasm/runners/build"
)

// TestLauncherOnARM runs the launcher built for the Raspberry Pi's two
// architectures under qemu user emulation: on 32-bit ARM (armv7, where
// wazero has no compiler) the "compiler" engine must fall back to the
// interpreter rather than panic, on arm64 it must compile; on both, every
// C CPU module must print its committed digest at its smallest size. This
// is the only check of the 32-bit path on an x86 host. It needs
// qemu-user-static: it skips without it, except in CI, where it fails.
func TestLauncherOnARM(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: cross builds and emulation take a while")
	}
	root := repoRoot(t)
	for _, arch := range []struct{ goarch, goarm, qemu, engine string }{
		{"arm", "7", "qemu-arm-static", EngineInterpreter},
		{"arm64", "", "qemu-aarch64-static", EngineCompiler},
	} {
		t.Run(arch.goarch, func(t *testing.T) {
			qemu := testenv.Tool(t, arch.qemu, "apt-get install qemu-user-static")
			launcher := filepath.Join(t.TempDir(), "launcher")
			target := build.Target{GOOS: "linux", GOARCH: arch.goarch, GOARM: arch.goarm}
			if err := build.Program(context.Background(), build.Tools{}, target, root, LauncherPackage, launcher, nil); err != nil {
				t.Fatalf("cross build: %v", err)
			}
			for _, test := range experiments.CPUTests {
				w := protocol.Workload(root, experiments.CPU, test, dataset.LangC)
				exp, err := experiments.ReadExpected(w.Dir, w.Lang)
				if err != nil {
					t.Fatal(err)
				}
				size := slices.Min(slices.Collect(maps.Keys(exp)))
				cmd := exec.Command(qemu, launcher, "-engine", "compiler", "-report-fd", "3", build.ModulePath(w.Dir), strconv.FormatInt(size, 10))
				r, pw, err := os.Pipe()
				if err != nil {
					t.Fatal(err)
				}
				cmd.ExtraFiles = []*os.File{pw}
				out, err := cmd.Output()
				pw.Close()
				report := make([]byte, 4096)
				n, _ := r.Read(report)
				r.Close()
				if err != nil {
					t.Fatalf("%s on %s: %v", test, arch.goarch, err)
				}
				if got := experiments.ParseOutput(out)["digest"]; got != exp[size] {
					t.Errorf("%s on %s at size %d: digest %s, want %s", test, arch.goarch, size, got, exp[size])
				}
				if !strings.Contains(string(report[:n]), "engine="+arch.engine+"\n") {
					t.Errorf("%s on %s: report %q, want engine=%s", test, arch.goarch, report[:n], arch.engine)
				}
			}
		})
	}
}
