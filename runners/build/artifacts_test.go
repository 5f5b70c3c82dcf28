package build

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/dataset"
)

// writeBundle makes a bundle root holding one prebuilt file for key.
func writeBundle(t *testing.T, target, key string, content []byte) string {
	t.Helper()
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "libexec"), 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(root, "libexec", "prog")
	if err := os.WriteFile(p, content, 0o755); err != nil {
		t.Fatal(err)
	}
	sum, _ := Checksum(p)
	m := Manifest{Commit: "abc", Target: target, Artifacts: []dataset.Artifact{{Key: key, Compiler: "gcc 12", SHA256: sum, Path: "libexec/prog"}}}
	b, _ := json.Marshal(m)
	if err := os.WriteFile(filepath.Join(root, ManifestFile), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

func TestArtifactsBundle(t *testing.T) {
	ctx := context.Background()
	root := writeBundle(t, TargetOf(Target{}), "native-c:experiments/x/main.c:dynamic", []byte("prebuilt"))
	a, err := OpenArtifacts(root, ModeAuto, "local-commit")
	if err != nil || a.Mode() != ModeBundle {
		t.Fatalf("auto in a bundle: %v, mode %s", err, a.Mode())
	}
	key := a.Key("native-c", filepath.Join(root, "experiments/x/main.c"), false)
	if key != "native-c:experiments/x/main.c:dynamic" {
		t.Fatalf("key %q", key)
	}
	out := filepath.Join(t.TempDir(), "bin")
	built := false
	if err := a.Obtain(ctx, key, out, func() (dataset.Artifact, error) { built = true; return dataset.Artifact{}, nil }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(out); string(b) != "prebuilt" || built {
		t.Errorf("got %q, built %v: want the bundle's file", b, built)
	}
	// What the bundle lacks is built here (auto), and recorded as local.
	other := filepath.Join(t.TempDir(), "other")
	err = a.Obtain(ctx, "native-go:experiments/y/go", other, func() (dataset.Artifact, error) {
		return dataset.Artifact{Compiler: "go1.26"}, os.WriteFile(other, []byte("local"), 0o755)
	})
	if err != nil {
		t.Fatal(err)
	}
	used := a.Used()
	if len(used) != 2 || used[0].Source != SourceBundle || used[0].Commit != "abc" || used[1].Source != SourceLocal || used[1].Commit != "local-commit" || used[1].SHA256 == "" {
		t.Errorf("records %+v", used)
	}
	// --build bundle refuses to build.
	strict, _ := OpenArtifacts(root, ModeBundle, "")
	if err := strict.Obtain(ctx, "native-go:experiments/y/go", other, func() (dataset.Artifact, error) { return dataset.Artifact{}, nil }); err == nil || !strings.Contains(err.Error(), "no prebuilt") {
		t.Errorf("strict bundle, missing artifact: %v", err)
	}
	// A damaged file is refused.
	os.WriteFile(filepath.Join(root, "libexec", "prog"), []byte("tampered"), 0o755)
	if err := a.Obtain(ctx, key, out, nil); err == nil || !strings.Contains(err.Error(), "SHA-256") {
		t.Errorf("tampered: %v", err)
	}
	// local ignores the bundle.
	if l, _ := OpenArtifacts(root, ModeLocal, ""); l.Mode() != ModeLocal {
		t.Error("--build local used the bundle")
	}
}

func TestArtifactsModes(t *testing.T) {
	if a, err := OpenArtifacts(t.TempDir(), ModeAuto, ""); err != nil || a.Mode() != ModeLocal {
		t.Errorf("auto outside a bundle: %v", err)
	}
	if _, err := OpenArtifacts(t.TempDir(), ModeBundle, ""); err == nil || !strings.Contains(err.Error(), ManifestFile) {
		t.Errorf("bundle outside a bundle: %v", err)
	}
	if _, err := OpenArtifacts(t.TempDir(), "cloud", ""); err == nil {
		t.Error("unknown mode accepted")
	}
	other := "linux/riscv64"
	root := writeBundle(t, other, "k", []byte("x"))
	if _, err := OpenArtifacts(root, ModeAuto, ""); err == nil || !strings.Contains(err.Error(), other) {
		t.Errorf("bundle of another architecture: %v", err)
	}
	if got := TargetOf(Target{GOOS: "linux", GOARCH: "arm", GOARM: "7"}); got != "linux/arm/v7" {
		t.Errorf("TargetOf armv7 = %q", got)
	}
}
