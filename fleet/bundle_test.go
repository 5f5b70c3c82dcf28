package fleet

import (
	"archive/tar"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// bundleArch names this machine's bundle as `make bundle` does.
var bundleArch = map[string]string{"amd64": "amd64", "arm64": "arm64", "arm": "armv7"}

// makeBundle writes, into dist, this machine's bundle and SHA256SUMS in
// the layout of `make bundle` (contracts.md): edgewasm-linux-ARCH.tar.gz
// unpacking to edgewasm/ with bin/edgewasm, and beside it what a run reads
// from the checkout (the tracked files of experiments/, go.mod, go.sum).
// It returns the tarball's name and its SHA-256.
//
// Stand-in until `make bundle` lands: then this whole function becomes
// one call, `make -C repo bundle ARCHES=<arch> DIST=dist` (or copying the
// one tarball and its SHA256SUMS line out of repo/dist), and the rest of
// the test is unchanged.
func makeBundle(t *testing.T, repo, dist string) (string, string) {
	t.Helper()
	arch, ok := bundleArch[runtime.GOARCH]
	if !ok {
		t.Skipf("no bundle is built for GOARCH %s", runtime.GOARCH)
	}
	name := "edgewasm-linux-" + arch + ".tar.gz"
	bin := filepath.Join(t.TempDir(), "edgewasm")
	// Not the bundle's static build (CGO_ENABLED=0 -trimpath): the binary
	// runs on this machine, where it needs neither, and these flags are
	// those of cmd_kill_test's build, whose cache it shares; that keeps
	// the test's wall time down.
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = repo
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	ls := exec.Command("git", "ls-files", "-z", "experiments", "go.mod", "go.sum")
	ls.Dir = repo
	out, err := ls.Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	files := map[string]string{"bin/edgewasm": bin}
	for _, f := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		files[f] = filepath.Join(repo, f)
	}
	path := filepath.Join(dist, name)
	if err := writeTarball(path, "edgewasm", files); err != nil {
		t.Fatal(err)
	}
	sum, err := fileSHA256(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dist, "SHA256SUMS"), []byte(sum+"  "+name+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return name, sum
}

// writeTarball writes a gzipped tar of files (name inside top → path on
// disk), with their modes, under the one folder top: folders first, then
// files, each in name order.
func writeTarball(path, top string, files map[string]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	gz := gzip.NewWriter(f)
	tw := tar.NewWriter(gz)
	dirs := map[string]bool{top: true}
	for name := range files {
		for d := filepath.Dir(name); d != "."; d = filepath.Dir(d) {
			dirs[top+"/"+d] = true
		}
	}
	for _, d := range slices.Sorted(maps.Keys(dirs)) {
		if err := tw.WriteHeader(&tar.Header{Name: d + "/", Mode: 0o755, Typeflag: tar.TypeDir}); err != nil {
			return err
		}
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		src := files[name]
		fi, err := os.Stat(src)
		if err != nil {
			return err
		}
		hdr := &tar.Header{Name: top + "/" + name, Mode: int64(fi.Mode().Perm()), Size: fi.Size(), ModTime: fi.ModTime(), Typeflag: tar.TypeReg}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		in, err := os.Open(src)
		if err != nil {
			return err
		}
		_, err = io.Copy(tw, in)
		in.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", src, err)
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := gz.Close(); err != nil {
		return err
	}
	return f.Close()
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
