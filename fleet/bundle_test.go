package fleet

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// bundleArch names this machine's bundle as `make bundle` does.
var bundleArch = map[string]string{"amd64": "amd64", "arm64": "arm64", "arm": "armv7"}

// makeBundle builds this machine's bundle into dist with the recipe of
// `make bundle` (internal/cmd/ewbuild), for this architecture only, and
// returns the tarball's name and its SHA-256 as SHA256SUMS lists it.
func makeBundle(t *testing.T, repo, dist string) (string, string) {
	t.Helper()
	arch, ok := bundleArch[runtime.GOARCH]
	if !ok {
		t.Skipf("no bundle is built for GOARCH %s", runtime.GOARCH)
	}
	cmd := exec.Command("go", "run", "./internal/cmd/ewbuild", "bundle", "-out", dist, "-arches", arch)
	cmd.Dir = repo
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("make bundle for %s: %v\n%s", arch, err, out)
	}
	name := "edgewasm-linux-" + arch + ".tar.gz"
	sums, err := os.ReadFile(filepath.Join(dist, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(sums), "\n") {
		if sum, file, ok := strings.Cut(line, "  "); ok && file == name {
			return name, sum
		}
	}
	t.Fatalf("%s/SHA256SUMS does not list %s:\n%s", dist, name, sums)
	return "", ""
}
