package main

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/edgewasm/edgewasm/internal/protocol"

	"github.com/edgewasm/edgewasm/dataset"
	"github.com/edgewasm/edgewasm/experiments"
	"github.com/edgewasm/edgewasm/runners/build"
	"github.com/edgewasm/edgewasm/runners/wasmer"
)

// arch is one bundle: the Go target and the Debian C cross-compiler.
type arch struct {
	Name   string // in the file name: edgewasm-linux-NAME.tar.gz
	Target build.Target
	CC     string
}

// arches are the bundles `make bundle` writes: the Raspberry Pi's two ABIs
// and x86-64.
var arches = []arch{
	{"arm64", build.Target{GOOS: "linux", GOARCH: "arm64"}, "aarch64-linux-gnu-gcc"},
	{"armv7", build.Target{GOOS: "linux", GOARCH: "arm", GOARM: "7"}, "arm-linux-gnueabihf-gcc"},
	{"amd64", build.Target{GOOS: "linux", GOARCH: "amd64"}, "x86_64-linux-gnu-gcc"},
}

// BundleDir is the one folder every bundle unpacks to.
const BundleDir = "edgewasm"

// tarTime is every entry's modification time, so that a bundle's bytes
// depend only on its content (SHA256SUMS is reproducible).
var tarTime = time.Date(2020, 4, 1, 0, 0, 0, 0, time.UTC)

// SpawnSource is the ewspawn shim's source, relative to the root.
const SpawnSource = "runners/internal/proc/spawn/ewspawn.c"

// bundle writes dist/edgewasm-linux-ARCH.tar.gz for each arch in names and
// dist/SHA256SUMS.
func bundle(ctx context.Context, root, dist string, names []string) error {
	commit, dirty := gitState(ctx, root)
	if err := os.MkdirAll(dist, 0o755); err != nil {
		return err
	}
	stage, err := os.MkdirTemp("", "ewbuild-bundle-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(stage)
	var sums []string
	for _, a := range arches {
		if !slices.Contains(names, a.Name) {
			continue
		}
		dir := filepath.Join(stage, a.Name, BundleDir)
		if err := stageBundle(ctx, root, dir, a, commit, dirty); err != nil {
			return fmt.Errorf("bundle %s: %w", a.Name, err)
		}
		name := "edgewasm-linux-" + a.Name + ".tar.gz"
		sum, size, err := writeTarGz(filepath.Join(stage, a.Name), filepath.Join(dist, name))
		if err != nil {
			return err
		}
		fmt.Printf("bundle %s %d bytes\n", filepath.Join(dist, name), size)
		sums = append(sums, sum+"  "+name+"\n")
	}
	return os.WriteFile(filepath.Join(dist, "SHA256SUMS"), []byte(strings.Join(sums, "")), 0o644)
}

// stageBundle fills dir with everything a run on arch needs.
func stageBundle(ctx context.Context, root, dir string, a arch, commit string, dirty bool) error {
	if _, err := exec.LookPath(a.CC); err != nil {
		return fmt.Errorf("C cross-compiler %s not found (Debian: apt-get install gcc-aarch64-linux-gnu gcc-arm-linux-gnueabihf gcc)", a.CC)
	}
	arts, err := build.OpenArtifacts(root, build.ModeLocal, commit)
	if err != nil {
		return err
	}
	tools := build.Tools{CC: a.CC, Artifacts: arts}
	paths := map[string]string{} // artifact key → path in the bundle
	obtained := 0
	// add records the path of the artifacts obtained since the last call.
	// A launcher's shared libraries (build.Cgo.Libs) lie in build.LibDir
	// beside it.
	add := func(rel string) {
		used := arts.Used()
		for _, u := range used[obtained:] {
			paths[u.Key] = rel
			if lib, ok := strings.CutPrefix(u.Key, build.LibraryKey("")); ok {
				paths[u.Key] = path.Join(path.Dir(rel), build.LibDir, lib)
			}
		}
		obtained = len(used)
	}
	out := func(rel string) (string, error) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		return p, os.MkdirAll(filepath.Dir(p), 0o755)
	}

	// The command itself.
	p, err := out("bin/edgewasm")
	if err == nil {
		err = build.Program(ctx, build.Tools{}, a.Target, root, ".", p, nil)
	}
	if err != nil {
		return err
	}
	// Launchers.
	for _, l := range launchers {
		if !l.For(a.Name) {
			continue
		}
		rel := "libexec/launchers/" + strings.ReplaceAll(l.Dir, "/", "-")
		if p, err = out(rel); err != nil {
			return err
		}
		modRoot, pkg := root, "./"+l.Dir
		if l.NestedModule {
			modRoot, pkg = filepath.Join(root, filepath.FromSlash(l.Dir)), "."
		}
		var cgo *build.Cgo
		if l.Cgo != nil {
			if cgo, err = l.Cgo(modRoot, a.Target.GOARCH); err != nil {
				return fmt.Errorf("launcher %s: %w", l.Dir, err)
			}
			cgo.CC = a.CC
		}
		if err := build.Program(ctx, tools, a.Target, modRoot, pkg, p, cgo); err != nil {
			return err
		}
		add(rel)
	}
	// The measuring shim, static (no loader on the measured path).
	// Built from a copy outside the root, as proc.NewSpawner does on the
	// device, so both name it by its base name "ewspawn.c".
	spawnDir, err := os.MkdirTemp("", "ewbuild-spawn-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(spawnDir)
	spawn := filepath.Join(spawnDir, "ewspawn.c")
	if err := copyFile(filepath.Join(root, SpawnSource), spawn, 0o644); err != nil {
		return err
	}
	rel := "libexec/ewspawn"
	if p, err = out(rel); err == nil {
		err = build.NativeC(ctx, tools, spawn, "", p, true)
	}
	if err != nil {
		return err
	}
	add(rel)
	// Workloads: native binaries (C dynamic for native, static for
	// containers; Go static for both), the committed modules, expected
	// digests.
	if err := copyFile(filepath.Join(root, experiments.SizesFile), filepath.Join(dir, experiments.SizesFile), 0o644); err != nil {
		return err
	}
	for _, w := range protocol.Workloads(root, experiments.Names, dataset.Langs) {
		wrel, _ := filepath.Rel(root, w.Dir)
		wrel = filepath.ToSlash(wrel)
		name := strings.ReplaceAll(w.ID(), "/", "-")
		switch w.Lang {
		case dataset.LangC:
			for _, static := range []bool{false, true} {
				kind := map[bool]string{false: "dynamic", true: "static"}[static]
				rel := "libexec/workloads/" + kind + "/" + name
				if p, err = out(rel); err == nil {
					err = build.NativeC(ctx, tools, filepath.Join(w.Dir, "main.c"), w.Include, p, static)
				}
				if err != nil {
					return err
				}
				add(rel)
			}
		case dataset.LangGo:
			rel := "libexec/workloads/go/" + name
			if p, err = out(rel); err == nil {
				err = build.NativeGo(ctx, tools, a.Target, w.Dir, p)
			}
			if err != nil {
				return err
			}
			add(rel)
		}
		for _, f := range []string{build.ModuleFile, build.ChecksumFile, build.GoVersionFile} {
			src := filepath.Join(w.Dir, f)
			if _, err := os.Stat(src); err == nil {
				if err := copyFile(src, filepath.Join(dir, filepath.FromSlash(wrel), f), 0o644); err != nil {
					return err
				}
			}
		}
		if exp := experiments.ExpectedPath(w.Dir, w.Lang); fileExists(exp) {
			erel, _ := filepath.Rel(root, exp)
			if err := copyFile(exp, filepath.Join(dir, erel), 0o644); err != nil {
				return err
			}
		}
	}
	m := build.Manifest{Commit: commit, Dirty: dirty, Target: build.TargetOf(a.Target)}
	for _, u := range arts.Used() {
		u.Path, u.Source = paths[u.Key], build.SourceBundle
		m.Artifacts = append(m.Artifacts, u)
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, build.ManifestFile), append(b, '\n'), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "README.md"), []byte(deviceReadme(a, m)), 0o644)
}

func deviceReadme(a arch, m build.Manifest) string {
	return fmt.Sprintf(`# edgewasm for linux/%s

Built from edgewasm commit %s for %s. Everything a run needs is in this
folder: bin/edgewasm, the launchers (and in libexec/launchers/lib the shared
libraries they load, found through their run path), prebuilt native
workloads (C dynamic and static, Go), the committed WebAssembly guests with
their checksums, the sizes and the expected digests. No Go toolchain, C
compiler, checkout or environment variable is needed. artifacts.json says
how each binary was built and gives its SHA-256.

Platforms this bundle runs: %s.
%s
bin/edgewasm doctor confirms it on this board: after the machine's checks it
lists every platform, "ok ... can run here" with the runtime's version, or
"warn ... cannot run here:" with the reason. A run leaves out, with the
reason, every platform that cannot run, before it prints its plan.

Run from inside this folder:

    bin/edgewasm doctor --profile pi --out data/pi       # fix what it reports
    bin/edgewasm run --plan --profile pi --platforms all,-wazero-interp --langs c,go --out data/pi
    bin/edgewasm run --profile pi --platforms all,-wazero-interp --langs c,go --out data/pi
    tar czf pi-dataset.tar.gz data/pi                    # copy this back

On the development machine, unpack it under data/ and run make report.
To build the native workloads with this machine's own cc instead of the
prebuilt ones, add --build local (needs gcc and, for Go workloads, Go).
`, a.Name, m.Commit, m.Target, strings.Join(carried(a.Name), ", "), cannot(a.Name))
}

// carried lists the platforms the bundle of arch runs, from the launchers
// it carries.
func carried(arch string) []string {
	out := []string{dataset.Native, dataset.Docker + " and " + dataset.DockerBridge + " (with Docker Engine installed)"}
	for _, l := range launchers {
		if !l.For(arch) {
			continue
		}
		switch l.Dir {
		case "runners/wazero/launcher":
			wz := dataset.Wazero + ", " + dataset.WazeroCold + ", " + dataset.WazeroInterp
			if arch == "armv7" {
				wz += " (all three wazero's interpreter: it has no 32-bit ARM compiler)"
			}
			out = append(out, wz)
		case "runners/wasmtime/launcher":
			out = append(out, dataset.Wasmtime)
		case wasmer.LauncherModule:
			if arch == "arm64" {
				out = append(out, dataset.Wasmer+" and "+dataset.WasmerCold+" (Cranelift)")
			} else {
				out = append(out, dataset.Wasmer+", "+dataset.WasmerSinglepass+", "+dataset.WasmerCold)
			}
		}
	}
	return out
}

// cannot says which platforms the bundle of arch cannot run, and why.
func cannot(arch string) string {
	switch arch {
	case "arm64":
		return "Not " + dataset.WasmerSinglepass + ": wasmer-go's aarch64 library has no Singlepass compiler.\n"
	case "armv7":
		return "Not " + dataset.Wasmtime + " or the " + dataset.Wasmer + " platforms: their Go bindings ship no 32-bit ARM library.\n"
	}
	return ""
}

// writeTarGz packs the tree under dir (sorted, fixed times and owners)
// into out and returns its SHA-256 and size.
func writeTarGz(dir, out string) (string, int64, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path != dir {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return "", 0, err
	}
	slices.Sort(files)
	f, err := os.Create(out)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	zw := gzip.NewWriter(io.MultiWriter(f, h))
	tw := tar.NewWriter(zw)
	for _, path := range files {
		st, err := os.Lstat(path)
		if err != nil {
			return "", 0, err
		}
		rel, _ := filepath.Rel(dir, path)
		hdr := &tar.Header{Name: filepath.ToSlash(rel), ModTime: tarTime, Format: tar.FormatPAX, Uname: "root", Gname: "root"}
		switch {
		case st.IsDir():
			hdr.Typeflag, hdr.Mode, hdr.Name = tar.TypeDir, 0o755, hdr.Name+"/"
		case st.Mode()&0o111 != 0:
			hdr.Typeflag, hdr.Mode, hdr.Size = tar.TypeReg, 0o755, st.Size()
		default:
			hdr.Typeflag, hdr.Mode, hdr.Size = tar.TypeReg, 0o644, st.Size()
		}
		if err := tw.WriteHeader(hdr); err != nil {
			return "", 0, err
		}
		if hdr.Typeflag == tar.TypeReg {
			in, err := os.Open(path)
			if err != nil {
				return "", 0, err
			}
			_, err = io.Copy(tw, in)
			in.Close()
			if err != nil {
				return "", 0, err
			}
		}
	}
	if err := tw.Close(); err != nil {
		return "", 0, err
	}
	if err := zw.Close(); err != nil {
		return "", 0, err
	}
	st, err := f.Stat()
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), st.Size(), f.Close()
}

func copyFile(src, dst string, mode os.FileMode) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, b, mode)
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// gitState returns the checkout's commit and whether it has uncommitted
// changes ("unknown" outside a checkout).
func gitState(ctx context.Context, root string) (string, bool) {
	cmd := exec.CommandContext(ctx, "git", "rev-parse", "HEAD")
	cmd.Dir = root
	b, err := cmd.Output()
	if err != nil {
		return "unknown", false
	}
	st := exec.CommandContext(ctx, "git", "status", "--porcelain", "--untracked-files=no")
	st.Dir = root
	s, _ := st.Output()
	return strings.TrimSpace(string(b)), len(strings.TrimSpace(string(s))) > 0
}
