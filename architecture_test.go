package main

import (
	"fmt"
	"maps"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const modulePath = "github.com/edgewasm/edgewasm"

// TestArchitecture holds the code to ARCHITECTURE.md. The import graph of
// the module and of the nested launcher modules (what ships: test files
// may import more) must agree with its three tables:
//
//   - packages: every package has a row, imports only what its row allows,
//     and uses every allowance (a row of several packages uses an allowance
//     when one of them does);
//   - floors: no package reaches, directly or through others, a package on
//     a higher floor, nor one on its own floor in another row;
//   - never: no package reaches what a rule forbids it.
//
// checkArchitecture does the work on a graph and the parsed tables, so
// architecture_rules_test.go can prove it catches what it should.
func TestArchitecture(t *testing.T) {
	const path = "ARCHITECTURE.md"
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a, err := parseArchitecture(path, string(text))
	if err != nil {
		t.Fatal(err)
	}
	g := importGraph(t, append([]string{"."}, launcherModules(t)...))
	for _, err := range checkArchitecture(a, g) {
		t.Error(err)
	}
}

// importGraph lists the packages of the modules in dirs and, for each, the
// repository packages its non-test files import (paths relative to the
// module, "." for the main package).
func importGraph(t *testing.T, dirs []string) graph {
	t.Helper()
	g := graph{}
	for _, dir := range dirs {
		cmd := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "./...")
		cmd.Dir = dir
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list in %s: %v", dir, err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			fields := strings.Fields(line)
			var imports []string
			for _, imp := range fields[1:] {
				if r := rel(imp); r != imp {
					imports = append(imports, r)
				}
			}
			g[rel(fields[0])] = imports
		}
	}
	return g
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

// graph maps each package of the repository (relative path) to the
// repository packages it imports directly.
type graph map[string][]string

// reach returns every package p reaches (p itself excluded), each with the
// import chain that leads there from p ("p → a → b"), the shortest one.
func (g graph) reach(p string) map[string]string {
	chain := map[string]string{p: p}
	queue := []string{p}
	for len(queue) > 0 {
		q := queue[0]
		queue = queue[1:]
		for _, r := range g[q] {
			if _, seen := chain[r]; !seen {
				chain[r] = chain[q] + " → " + r
				queue = append(queue, r)
			}
		}
	}
	delete(chain, p)
	return chain
}

// architecture is what ARCHITECTURE.md states, as parsed.
type architecture struct {
	path     string
	packages []packageRow
	floors   []floorRow
	never    []neverRow
	// The header lines of the tables, for what has no row.
	packagesAt, floorsAt int
}

// packageRow is a row of the package table: packages | owns | may import.
type packageRow struct {
	line int
	pkgs []string // one or more
	may  []string // nil for —
}

// floorRow is a row of the floors table: floor | name | folders | what
// lives there.
type floorRow struct {
	line    int
	floor   int
	name    string
	folders []string // "dir/", or "." for the main package
}

// neverRow is a row of the table of things never reached: from | never
// reaches | why.
type neverRow struct {
	line        int
	from, never []string // patterns: "p", "p/..." (p and below), "..." (all)
	why         string
}

var (
	backticked = regexp.MustCompile("`([^`]*)`")
	// pkgName is a repository package path relative to the module.
	pkgName = regexp.MustCompile(`^(\.|[a-z0-9][a-z0-9_-]*(/[a-z0-9_][a-z0-9_.-]*)*)$`)
	// separators may stand between the backticked names of a list cell.
	separators = regexp.MustCompile(`^[\s,]*$`)
)

// parseArchitecture reads the three tables of ARCHITECTURE.md (text, read
// from path). Every cell that holds names must hold only backticked names
// (separated by commas or spaces) or —: any other word is an error naming
// the line, so prose cannot pass for a package.
func parseArchitecture(path, text string) (*architecture, error) {
	lines := strings.Split(text, "\n")
	a := &architecture{path: path}
	var errs []string
	fail := func(n int, format string, args ...any) {
		errs = append(errs, fmt.Sprintf("%s:%d: %s", path, n, fmt.Sprintf(format, args...)))
	}

	at, rows, err := table(lines, "package", "owns", "may import")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	a.packagesAt = at
	seen := map[string]int{}
	for _, r := range rows {
		pkgs, ok := names(r.cells[0], pkgName)
		if !ok || len(pkgs) == 0 {
			fail(r.line, "first cell %q: want one or more `package` names (relative to %s, `.` for the main package) and nothing else", strings.TrimSpace(r.cells[0]), modulePath)
			continue
		}
		for _, p := range pkgs {
			if prev, dup := seen[p]; dup {
				fail(r.line, "%s has a row already (line %d)", p, prev)
			}
			seen[p] = r.line
		}
		row := packageRow{line: r.line, pkgs: pkgs}
		if strings.TrimSpace(r.cells[2]) != "—" {
			may, ok := names(r.cells[2], pkgName)
			if !ok || len(may) == 0 {
				fail(r.line, "third cell %q: want `package` names separated by commas, or — for none, and nothing else", strings.TrimSpace(r.cells[2]))
				continue
			}
			row.may = may
		}
		a.packages = append(a.packages, row)
	}

	at, rows, err = table(lines, "floor", "name", "folders", "what lives there")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	a.floorsAt = at
	folderAt := map[string]int{}
	for _, r := range rows {
		f, err := strconv.Atoi(strings.TrimSpace(r.cells[0]))
		if err != nil || f < 0 {
			fail(r.line, "floor %q: want a number, 0 for the bottom", strings.TrimSpace(r.cells[0]))
			continue
		}
		folders, ok := names(r.cells[2], regexp.MustCompile(`^(\.|[a-z0-9][a-z0-9_/.-]*/)$`))
		if !ok || len(folders) == 0 {
			fail(r.line, "folders %q: want `folder/` names, or `.` for the main package, and nothing else", strings.TrimSpace(r.cells[2]))
			continue
		}
		for _, d := range folders {
			if prev, dup := folderAt[d]; dup {
				fail(r.line, "folder %s is on a floor already (line %d)", d, prev)
			}
			folderAt[d] = r.line
		}
		a.floors = append(a.floors, floorRow{line: r.line, floor: f, name: strings.TrimSpace(r.cells[1]), folders: folders})
	}

	_, rows, err = table(lines, "from", "never reaches", "why")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	pattern := regexp.MustCompile(`^(\.\.\.|(\.|[a-z0-9][a-z0-9_-]*(/[a-z0-9_][a-z0-9_.-]*)*)(/\.\.\.)?)$`)
	for _, r := range rows {
		from, ok1 := names(r.cells[0], pattern)
		never, ok2 := names(r.cells[1], pattern)
		if !ok1 || !ok2 || len(from) == 0 || len(never) == 0 {
			fail(r.line, "want `package` patterns (`p`, `p/...` for p and below, `...` for all) in the first two cells, and nothing else")
			continue
		}
		a.never = append(a.never, neverRow{line: r.line, from: from, never: never, why: strings.TrimSpace(r.cells[2])})
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return a, nil
}

// tableRow is a row of a Markdown table with its line number (from 1).
type tableRow struct {
	line  int
	cells []string
}

// table finds the table whose header names the given columns and returns
// the line of its header and its rows, each checked to have as many cells.
func table(lines []string, columns ...string) (int, []tableRow, error) {
	header := "| " + strings.Join(columns, " | ") + " |"
	for i, l := range lines {
		if strings.TrimSpace(l) != header {
			continue
		}
		if i+1 >= len(lines) || !regexp.MustCompile(`^\|(\s*:?-+:?\s*\|)+$`).MatchString(strings.TrimSpace(lines[i+1])) {
			return 0, nil, fmt.Errorf("line %d: the header %q is not followed by a separator row", i+1, header)
		}
		var rows []tableRow
		for j := i + 2; j < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[j]), "|"); j++ {
			cells := strings.Split(strings.Trim(strings.TrimSpace(lines[j]), "|"), "|")
			if len(cells) != len(columns) {
				return 0, nil, fmt.Errorf("line %d: want %d cells (%s), got %d", j+1, len(columns), strings.Join(columns, " | "), len(cells))
			}
			rows = append(rows, tableRow{line: j + 1, cells: cells})
		}
		if len(rows) == 0 {
			return 0, nil, fmt.Errorf("line %d: the table %q has no rows", i+1, header)
		}
		return i + 1, rows, nil
	}
	return 0, nil, fmt.Errorf("no table with the header %q", header)
}

// names returns the backticked names of a cell, each matching valid; ok
// is false when the cell holds anything else (besides commas and spaces)
// or a name that does not match.
func names(cell string, valid *regexp.Regexp) (out []string, ok bool) {
	if !separators.MatchString(backticked.ReplaceAllString(cell, "")) {
		return nil, false
	}
	for _, m := range backticked.FindAllStringSubmatch(cell, -1) {
		if !valid.MatchString(m[1]) {
			return nil, false
		}
		out = append(out, m[1])
	}
	return out, true
}

// matches reports whether package p matches a pattern of the never table.
func matches(pattern, p string) bool {
	if pattern == "..." {
		return true
	}
	if base, ok := strings.CutSuffix(pattern, "/..."); ok {
		return p == base || strings.HasPrefix(p, base+"/")
	}
	return p == pattern
}

// floorOf returns the floor row of package p: the row with the longest
// folder that holds p ("." holds the main package only).
func (a *architecture) floorOf(p string) (floorRow, bool) {
	var best floorRow
	longest := -1
	for _, f := range a.floors {
		for _, d := range f.folders {
			if inside(d, p) && len(d) > longest {
				best, longest = f, len(d)
			}
		}
	}
	return best, longest >= 0
}

// inside reports whether folder d of the floors table holds package p.
func inside(d, p string) bool {
	if d == "." {
		return p == "."
	}
	return strings.HasPrefix(p+"/", d)
}

// checkArchitecture holds the import graph g to the tables of a and
// returns every disagreement, each naming the line of ARCHITECTURE.md it
// breaks.
func checkArchitecture(a *architecture, g graph) []error {
	var errs []error
	fail := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", a.path, line, fmt.Sprintf(format, args...)))
	}
	pkgs := slices.Sorted(maps.Keys(g))

	// Packages: rows, allowances, direct imports.
	rowOf := map[string]packageRow{}
	for _, r := range a.packages {
		for _, p := range r.pkgs {
			rowOf[p] = r
			if _, ok := g[p]; !ok {
				fail(r.line, "lists %s, which is not a package of the repository", p)
			}
		}
		for _, m := range r.may {
			if _, ok := g[m]; !ok {
				fail(r.line, "allows %s, which is not a package of the repository", m)
				continue
			}
			used, exists := false, false
			for _, p := range r.pkgs {
				_, ok := g[p]
				exists = exists || ok
				used = used || slices.Contains(g[p], m)
			}
			if exists && !used {
				fail(r.line, "allows %s, which %s does not import: remove the allowance", m, strings.Join(r.pkgs, ", "))
			}
		}
	}
	// What the allowances let each package reach, through the rows of the
	// packages it may import.
	allowed := graph{}
	for p, r := range rowOf {
		allowed[p] = r.may
	}
	for _, p := range pkgs {
		r, ok := rowOf[p]
		if !ok {
			fail(a.packagesAt, "package %s has no row in the package table: add what it owns and what it may import", p)
			continue
		}
		for _, imp := range g[p] {
			if !slices.Contains(r.may, imp) {
				fail(r.line, "%s imports %s, which its row does not allow (allowed: %s)", p, imp, orNone(r.may))
			}
		}
		may, reached := allowed.reach(p), g.reach(p)
		for _, q := range slices.Sorted(maps.Keys(reached)) {
			if _, ok := may[q]; !ok && !slices.Contains(g[p], q) {
				fail(r.line, "%s reaches %s (%s), which the allowances of its row do not reach", p, q, reached[q])
			}
		}
	}

	// Floors: every folder holds a package, every package is on a floor,
	// and nothing is reached upwards or from a row beside.
	for _, f := range a.floors {
		for _, d := range f.folders {
			if !slices.ContainsFunc(pkgs, func(p string) bool { h, _ := a.floorOf(p); return h.line == f.line && inside(d, p) }) {
				fail(f.line, "folder %s holds no package", d)
			}
		}
	}
	for _, p := range pkgs {
		fp, ok := a.floorOf(p)
		if !ok {
			fail(a.floorsAt, "package %s is on no floor: add its folder to the floors table", p)
			continue
		}
		reached := g.reach(p)
		for _, q := range slices.Sorted(maps.Keys(reached)) {
			fq, ok := a.floorOf(q)
			switch {
			case !ok:
				// Reported as on no floor above.
			case fq.floor > fp.floor:
				fail(fp.line, "%s, on floor %d (%s), reaches %s (%s), on floor %d (%s, line %d): an import never runs up", p, fp.floor, fp.name, q, reached[q], fq.floor, fq.name, fq.line)
			case fq.floor == fp.floor && fq.line != fp.line:
				fail(fp.line, "%s, in %s, reaches %s (%s), in %s (line %d) beside it on floor %d: rows side by side never import each other", p, fp.name, q, reached[q], fq.name, fq.line, fq.floor)
			}
		}
	}

	// Never: no package reaches what a rule forbids it.
	for _, n := range a.never {
		for _, pat := range append(slices.Clone(n.from), n.never...) {
			if !slices.ContainsFunc(pkgs, func(p string) bool { return matches(pat, p) }) {
				fail(n.line, "%s matches no package", pat)
			}
		}
		for _, p := range pkgs {
			if !slices.ContainsFunc(n.from, func(pat string) bool { return matches(pat, p) }) {
				continue
			}
			reached := g.reach(p)
			for _, q := range slices.Sorted(maps.Keys(reached)) {
				if slices.ContainsFunc(n.never, func(pat string) bool { return matches(pat, q) }) {
					fail(n.line, "%s reaches %s (%s), which it never may: %s", p, q, reached[q], n.why)
				}
			}
		}
	}
	return errs
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}
