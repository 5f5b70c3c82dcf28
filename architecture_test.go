package main

import (
	"bufio"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const modulePath = "github.com/edgewasm/edgewasm"

// TestArchitecture holds the code to ARCHITECTURE.md: every package of
// the module and of the nested launcher modules has a row in its table,
// and imports only the repository packages that its row allows (go list
// shows each package's imports; tests may import more).
func TestArchitecture(t *testing.T) {
	allowed := readArchitecture(t, "ARCHITECTURE.md")
	seen := map[string]bool{}
	for _, dir := range append([]string{"."}, launcherModules(t)...) {
		cmd := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "./...")
		cmd.Dir = dir
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list in %s: %v", dir, err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			fields := strings.Fields(line)
			pkg := rel(fields[0])
			seen[pkg] = true
			may, ok := allowed[pkg]
			if !ok {
				t.Errorf("package %s has no row in ARCHITECTURE.md: add what it owns and what it may import", pkg)
				continue
			}
			for _, imp := range fields[1:] {
				if r := rel(imp); r != imp && !slices.Contains(may, r) {
					t.Errorf("%s imports %s, which ARCHITECTURE.md does not allow (allowed: %s)", pkg, r, strings.Join(may, ", "))
				}
			}
		}
	}
	for pkg := range allowed {
		if !seen[pkg] {
			t.Errorf("ARCHITECTURE.md lists %s, which does not exist", pkg)
		}
	}
}

// launcherModules returns the Makefile's LAUNCHER_MODULES, the nested Go
// modules that `make vet` and `make test` also cover, and checks that they
// are every go.mod of the repository besides the root's (so a new nested
// module cannot escape the checks).
func launcherModules(t *testing.T) []string {
	b, err := os.ReadFile("Makefile")
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "LAUNCHER_MODULES := "); ok {
			listed = strings.Fields(v)
		}
	}
	out, err := exec.Command("git", "ls-files", "--cached", "--others", "--exclude-standard", "*go.mod").Output()
	if err != nil {
		t.Skipf("git ls-files: %v (not a git checkout)", err)
	}
	var found []string
	for _, f := range strings.Fields(string(out)) {
		if dir := strings.TrimSuffix(f, "/go.mod"); f != "go.mod" && dir != f && !strings.Contains(f, "testdata/") {
			found = append(found, dir)
		}
	}
	slices.Sort(found)
	if !slices.Equal(found, slices.Sorted(slices.Values(listed))) {
		t.Errorf("nested Go modules %v, but the Makefile's LAUNCHER_MODULES lists %v", found, listed)
	}
	return listed
}

// rel is a package path relative to the module ("." for the root).
func rel(path string) string {
	if path == modulePath {
		return "."
	}
	return strings.TrimPrefix(path, modulePath+"/")
}

var backticked = regexp.MustCompile("`([^`]+)`")

// readArchitecture reads the package table: rows whose first cell holds
// one or more `package` names, and whose third cell lists the `packages`
// they may import ("—" for none).
func readArchitecture(t *testing.T, path string) map[string][]string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	allowed := map[string][]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) != 3 {
			t.Fatalf("%s:%d: want 3 cells (package | owns | may import), got %d", path, n, len(cells))
		}
		var may []string
		for _, m := range backticked.FindAllStringSubmatch(cells[2], -1) {
			may = append(may, m[1])
		}
		if len(may) == 0 && strings.TrimSpace(cells[2]) != "—" {
			t.Fatalf("%s:%d: third cell %q: want `package` names or —", path, n, cells[2])
		}
		for _, m := range backticked.FindAllStringSubmatch(cells[0], -1) {
			if _, dup := allowed[m[1]]; dup {
				t.Fatalf("%s:%d: %s listed twice", path, n, m[1])
			}
			allowed[m[1]] = may
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(allowed) == 0 {
		t.Fatalf("%s: no package table found", path)
	}
	return allowed
}
