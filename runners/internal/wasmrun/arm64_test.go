package wasmrun_test

import (
	"context"
	"errors"
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
	"github.com/edgewasm/edgewasm/runners/internal/launch"
	"github.com/edgewasm/edgewasm/runners/wasmer"
	"github.com/edgewasm/edgewasm/runners/wasmtime"
)

// TestLaunchersOnARM64 cross-builds the cgo launchers for arm64, the
// Raspberry Pi's 64-bit mode, with the libraries the bindings ship for it,
// and runs the C sha256 guest in each under qemu user emulation: the
// digest must be the committed one. wasmer-go's aarch64 library has no
// Singlepass compiler (Wasmer 2.0's Singlepass had no AArch64 backend; it
// came back in 2.2): that launcher must refuse with exit status 125 and
// say so, which makes wasmer-singlepass unavailable on a Pi. This is the only check of the arm64
// link (wasmer-go's own arm64 link flags are commented out) on an x86
// host. It needs aarch64-linux-gnu-gcc, libc6-dev-arm64-cross and
// qemu-user-static: it skips without them, except in CI.
func TestLaunchersOnARM64(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: cross builds and emulation take a while")
	}
	cc := testenv.Tool(t, "aarch64-linux-gnu-gcc", "apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross")
	qemu := testenv.Tool(t, "qemu-aarch64-static", "apt-get install qemu-user-static")
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	w := protocol.Workload(root, experiments.CPU, "sha256", dataset.LangC)
	exp, err := experiments.ReadExpected(w.Dir, w.Lang)
	if err != nil {
		t.Fatal(err)
	}
	size := slices.Min(slices.Collect(maps.Keys(exp)))
	ctx := context.Background()
	for _, l := range []struct{ module, platform, flag string }{
		{wasmtime.LauncherModule, dataset.Wasmtime, ""},
		{wasmer.LauncherModule, dataset.WasmerSinglepass, "-compiler=singlepass"},
		{wasmer.LauncherModule, dataset.Wasmer, "-compiler=cranelift"},
	} {
		t.Run(l.platform, func(t *testing.T) {
			dir := filepath.Join(root, l.module)
			cgo := &build.Cgo{CC: cc}
			if l.module == wasmer.LauncherModule {
				if cgo, err = wasmer.LinkLibrary(dir, "arm64"); err != nil {
					t.Fatal(err)
				}
				cgo.CC = cc
			}
			out := filepath.Join(t.TempDir(), "launcher")
			if err := build.Program(ctx, build.Tools{}, build.Target{GOOS: "linux", GOARCH: "arm64"}, dir, ".", out, cgo); err != nil {
				t.Fatal(err)
			}
			args := []string{out, "-report-fd", "3"}
			if l.flag != "" {
				args = append(args, l.flag)
			}
			if l.platform == dataset.WasmerSinglepass {
				cmd := exec.Command(qemu, append(args, "-version")...)
				cmd.Env = append(os.Environ(), "QEMU_LD_PREFIX=/usr/aarch64-linux-gnu")
				msg, err := cmd.CombinedOutput()
				var ee *exec.ExitError
				if !errors.As(err, &ee) || ee.ExitCode() != launch.ExitEngine || !strings.Contains(string(msg), "no singlepass compiler") {
					t.Errorf("singlepass on arm64: %v %s; want exit status %d and no singlepass compiler", err, msg, launch.ExitEngine)
				}
				return
			}
			cmd := exec.Command(qemu, append(args, build.ModulePath(w.Dir), strconv.FormatInt(size, 10))...)
			cmd.Env = append(os.Environ(), "QEMU_LD_PREFIX=/usr/aarch64-linux-gnu")
			r, pw, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd.ExtraFiles = []*os.File{pw}
			stdout, err := cmd.Output()
			pw.Close()
			report := make([]byte, 4096)
			n, _ := r.Read(report)
			r.Close()
			if err != nil {
				t.Fatalf("%v\n%s", err, report[:n])
			}
			if got := experiments.ParseOutput(stdout)["digest"]; got != exp[size] {
				t.Errorf("digest %s, want %s", got, exp[size])
			}
			if code, ok := launch.Parse(report[:n]).Int(launch.KeyExitCode); !ok || code != 0 {
				t.Errorf("report %q", report[:n])
			}
		})
	}
}
