package build

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/edgewasm/edgewasm/dataset"
)

// Where the binaries of a run come from (`edgewasm run --build`).
const (
	// ModeAuto takes the bundle's prebuilt binaries when the run's root is
	// an unpacked bundle (it holds ManifestFile) and builds locally
	// otherwise, or when the bundle lacks one.
	ModeAuto = "auto"
	// ModeBundle takes every binary from the bundle; a missing one is an
	// error.
	ModeBundle = "bundle"
	// ModeLocal builds every binary on this machine.
	ModeLocal = "local"
)

// Modes lists the values of --build.
var Modes = []string{ModeAuto, ModeBundle, ModeLocal}

// Sources recorded in dataset.Artifact.
const (
	SourceLocal  = "local"
	SourceBundle = "bundle"
)

// ManifestFile, at the root of an unpacked bundle, lists its prebuilt
// binaries with where each came from.
const ManifestFile = "artifacts.json"

// Manifest is the content of ManifestFile.
type Manifest struct {
	Commit    string             `json:"commit"`
	Dirty     bool               `json:"dirty"`
	Target    string             `json:"target"` // GOOS/GOARCH[/vN] of every binary in the bundle
	Artifacts []dataset.Artifact `json:"artifacts"`
}

// TargetOf names a target as the manifest does: "linux/arm64",
// "linux/arm/v7". The zero Target is the running program's.
func TargetOf(t Target) string {
	goos, goarch := or(t.GOOS, runtime.GOOS), or(t.GOARCH, runtime.GOARCH)
	s := goos + "/" + goarch
	if goarch == "arm" {
		s += "/v" + or(t.GOARM, "7")
	}
	return s
}

// Artifacts decides where each binary a run needs comes from, and records
// it. Put it in Tools.Artifacts: every recipe of this package then asks it
// first (Obtain) and is the fallback. The zero value of the pointer (nil)
// builds everything locally without records.
type Artifacts struct {
	root     string // repository or bundle root; keys are relative to it
	mode     string // ModeBundle or ModeLocal once resolved
	fallback bool   // ModeAuto: build locally what the bundle lacks
	manifest *Manifest
	commit   string // the commit recorded for local builds

	mu       sync.Mutex
	used     []dataset.Artifact
	versions map[string]string // compiler → version line
}

// OpenArtifacts resolves mode (ModeAuto, ModeBundle or ModeLocal) for the
// run rooted at root; commit is recorded for local builds.
func OpenArtifacts(root, mode, commit string) (*Artifacts, error) {
	a := &Artifacts{root: root, mode: ModeLocal, commit: commit, versions: map[string]string{}}
	path := filepath.Join(root, ManifestFile)
	m, err := ReadManifest(path)
	switch {
	case mode == ModeLocal:
		return a, nil
	case mode != ModeAuto && mode != ModeBundle:
		return nil, fmt.Errorf("--build %q: want one of %s", mode, strings.Join(Modes, ", "))
	case os.IsNotExist(err) && mode == ModeAuto:
		return a, nil
	case os.IsNotExist(err):
		return nil, fmt.Errorf("--build bundle: %s has no %s: run from inside an unpacked bundle (edgewasm/), or use --build local", root, ManifestFile)
	case err != nil:
		return nil, err
	}
	if want := TargetOf(Target{}); m.Target != want {
		return nil, fmt.Errorf("%s: the bundle is built for %s but this program runs as %s: unpack the bundle for this machine (dist/edgewasm-linux-*.tar.gz)", path, m.Target, want)
	}
	a.mode, a.manifest, a.fallback = ModeBundle, &m, mode == ModeAuto
	return a, nil
}

// ReadManifest reads a bundle's ManifestFile.
func ReadManifest(path string) (Manifest, error) {
	var m Manifest
	b, err := os.ReadFile(path)
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("%s: %v", path, err)
	}
	return m, nil
}

// Mode is ModeBundle when binaries come from a bundle, else ModeLocal.
func (a *Artifacts) Mode() string { return a.mode }

// Manifest is the bundle's manifest (nil when building locally).
func (a *Artifacts) Manifest() *Manifest { return a.manifest }

// Used returns the records of every binary obtained so far.
func (a *Artifacts) Used() []dataset.Artifact {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]dataset.Artifact(nil), a.used...)
}

// Key names an artifact independently of the machine that builds it:
// kind ("native-c", "native-go", "program"), the source path relative to
// the root (or its base name when it lies outside, like the ewspawn shim
// written to a build directory) and, for C, "static" or "dynamic".
func (a *Artifacts) Key(kind, src string, static bool) string {
	key := kind + ":" + relTo(a.rootOrDot(), src)
	if kind == "native-c" {
		if static {
			return key + ":static"
		}
		return key + ":dynamic"
	}
	return key
}

func (a *Artifacts) rootOrDot() string {
	if a == nil || a.root == "" {
		return "."
	}
	return a.root
}

func relTo(root, path string) string {
	ra, err1 := filepath.Abs(root)
	pa, err2 := filepath.Abs(path)
	if err1 == nil && err2 == nil {
		if rel, err := filepath.Rel(ra, pa); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.Base(path)
}

// Obtain puts the artifact key at out: copied from the bundle when the
// mode says so, else made by build, which returns how it was built
// (compiler, flags, target). Either way it is recorded.
func (a *Artifacts) Obtain(ctx context.Context, key, out string, build func() (dataset.Artifact, error)) error {
	if a == nil {
		_, err := build()
		return err
	}
	if a.mode == ModeBundle {
		for _, art := range a.manifest.Artifacts {
			if art.Key != key {
				continue
			}
			if err := copyFile(filepath.Join(a.root, filepath.FromSlash(art.Path)), out); err != nil {
				return fmt.Errorf("prebuilt %s: %w", key, err)
			}
			sum, err := Checksum(out)
			if err != nil {
				return err
			}
			if sum != art.SHA256 {
				return fmt.Errorf("prebuilt %s (%s): SHA-256 %s, but %s says %s: unpack the bundle again", key, art.Path, sum, ManifestFile, art.SHA256)
			}
			art.Source = SourceBundle
			if art.Commit == "" {
				art.Commit = a.manifest.Commit
			}
			a.record(art)
			return nil
		}
		if !a.fallback {
			return fmt.Errorf("the bundle has no prebuilt %s: run with --build auto or --build local to build it here", key)
		}
	}
	art, err := build()
	if err != nil {
		return err
	}
	art.Key, art.Source, art.Commit = key, SourceLocal, a.commit
	if art.SHA256, err = Checksum(out); err != nil {
		return err
	}
	a.record(art)
	return nil
}

func (a *Artifacts) record(art dataset.Artifact) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.used = append(a.used, art)
}

// version returns the first version line of a compiler, once per compiler.
func (a *Artifacts) version(ctx context.Context, tool, arg string) string {
	if a == nil {
		return ""
	}
	a.mu.Lock()
	v, ok := a.versions[tool]
	a.mu.Unlock()
	if !ok {
		v = Version(ctx, tool, arg)
		a.mu.Lock()
		a.versions[tool] = v
		a.mu.Unlock()
	}
	return v
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	st, err := in.Stat()
	if err != nil {
		return err
	}
	tmp := dst + ".tmp"
	out, err := os.OpenFile(tmp, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, st.Mode().Perm()|0o200)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, dst)
}
