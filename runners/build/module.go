package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// A workload's committed WebAssembly module sits beside its source, with
// its checksum and, for Go, the Go version that built it:
//
//	main.wasm             the module (C: beside main.c; Go: in go/)
//	main.wasm.sha256      "<hex>  main.wasm", the sha256sum format
//	main.wasm.go-version  e.g. "go1.26.8" (Go guests only)
const (
	ModuleFile    = "main.wasm"
	ChecksumFile  = ModuleFile + ".sha256"
	GoVersionFile = ModuleFile + ".go-version"
)

// ModulePath is where the module of the workload in dir lives.
func ModulePath(dir string) string { return filepath.Join(dir, ModuleFile) }

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
	sum, err := Checksum(ModulePath(dir))
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, ChecksumFile), []byte(sum+"  "+ModuleFile+"\n"), 0o644)
}

// RecordedChecksum reads dir/main.wasm.sha256. ok is false when there is
// none (a module under development).
func RecordedChecksum(dir string) (sum string, ok bool, err error) {
	path := filepath.Join(dir, ChecksumFile)
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return "", false, nil
	} else if err != nil {
		return "", false, err
	}
	fs := strings.Fields(string(b))
	if len(fs) != 2 || fs[1] != ModuleFile || len(fs[0]) != 64 {
		return "", false, fmt.Errorf("%s:1: want \"<sha256 hex>  %s\", got %q", path, ModuleFile, strings.TrimSpace(string(b)))
	}
	return strings.ToLower(fs[0]), true, nil
}

// VerifyChecksum checks dir/main.wasm against dir/main.wasm.sha256. A
// missing checksum file is not an error (a module under development).
func VerifyChecksum(dir string) error {
	want, ok, err := RecordedChecksum(dir)
	if err != nil || !ok {
		return err
	}
	got, err := Checksum(ModulePath(dir))
	if err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("%s: SHA-256 is %s but %s says %s: rebuild with `make wasm` and commit both",
			ModulePath(dir), got, filepath.Join(dir, ChecksumFile), want)
	}
	return nil
}
