package wazero

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/edgewasm/edgewasm/runners"
)

// ModuleFile is the file name of a workload's WebAssembly module, beside
// its source.
const ModuleFile = "main.wasm"

// ChecksumFile holds the committed module's SHA-256 in sha256sum format.
const ChecksumFile = ModuleFile + ".sha256"

// CFlags are the clang flags that build a C workload for wasm32-wasi. The
// debug sections that Debian's wasi-libc brings along carry build paths;
// --strip-debug drops them (keeping the name section, so traps name the
// function) and makes the output depend only on the source and clang.
var CFlags = []string{"--target=wasm32-wasi", "-O2", "-Wl,--strip-debug"}

// ModulePath returns where a workload's module lives.
func ModulePath(w runners.Workload) string { return filepath.Join(w.Dir, ModuleFile) }

// BuildC compiles a C workload's main.c into out with clang and CFlags.
func BuildC(ctx context.Context, clang string, w runners.Workload, out string) error {
	if _, err := exec.LookPath(clang); err != nil {
		return fmt.Errorf("%q not found: install clang for wasm32-wasi (Debian 12: apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32)", clang)
	}
	args := append(append([]string{}, CFlags...), "-I", w.Include, "-o", out, filepath.Join(w.Dir, "main.c"))
	cmd := exec.CommandContext(ctx, clang, args...)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building %s: %s: %v\n%s", w.ID(), strings.Join(cmd.Args, " "), err, msg)
	}
	return nil
}

// Checksum returns the hex SHA-256 of a file.
func Checksum(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// WriteChecksum writes dir/main.wasm.sha256 for dir/main.wasm.
func WriteChecksum(dir string) error {
	sum, err := Checksum(filepath.Join(dir, ModuleFile))
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, ChecksumFile), []byte(sum+"  "+ModuleFile+"\n"), 0o644)
}

// VerifyChecksum checks dir/main.wasm against dir/main.wasm.sha256. A
// missing checksum file is not an error (a module under development).
func VerifyChecksum(dir string) error {
	path := filepath.Join(dir, ChecksumFile)
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	} else if err != nil {
		return err
	}
	fs := strings.Fields(string(b))
	if len(fs) != 2 || fs[1] != ModuleFile || len(fs[0]) != 64 {
		return fmt.Errorf("%s:1: want \"<sha256 hex>  %s\", got %q", path, ModuleFile, strings.TrimSpace(string(b)))
	}
	got, err := Checksum(filepath.Join(dir, ModuleFile))
	if err != nil {
		return err
	}
	if got != strings.ToLower(fs[0]) {
		return fmt.Errorf("%s: SHA-256 is %s but %s says %s: rebuild with `make wasm` and commit both", filepath.Join(dir, ModuleFile), got, path, fs[0])
	}
	return nil
}

// BuildGo compiles a Go workload (the package in w.Dir) for GOOS=wasip1
// into out.
func BuildGo(ctx context.Context, gotool string, w runners.Workload, out string) error {
	cmd := exec.CommandContext(ctx, gotool, "build", "-trimpath", "-buildvcs=false", "-o", out, ".")
	cmd.Dir = w.Dir
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm", "CGO_ENABLED=0")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building %s: GOOS=wasip1 GOARCH=wasm %s: %v\n%s", w.ID(), strings.Join(cmd.Args, " "), err, msg)
	}
	return nil
}
