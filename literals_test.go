package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/edgewasm/edgewasm/dataset"
)

// Packages whose code may spell out the schema's names, and why.
var literalExempt = []struct{ prefix, why string }{
	{"dataset", "the schema: the names are defined there"},
	{"experiments/common/guest", "compiled into the committed Go guests, which must stay byte-identical"},
	{"experiments/common/wordhash", "compiled into the committed Go network guest, which must stay byte-identical"},
	{"runners/internal/launch", "compiled into every launcher program; imports nothing of ours (a launcher is measured)"},
	{"runners/wazero/launcher", "a launcher program: imports only runners/internal/launch"},
}

// literalGuest matches the Go guests (experiments/<experiment>/<test>/go):
// their committed modules must stay byte-identical when rebuilt.
func literalGuest(pkg string) bool {
	parts := strings.Split(pkg, "/")
	return len(parts) == 4 && parts[0] == "experiments" && parts[3] == "go"
}

// literalAllowed are the literals equal to a schema name that mean
// something else, by file and literal, and what they mean. An entry that
// matches nothing fails the test, so the list cannot outlive its reason.
var literalAllowed = []struct{ file, literal, why string }{
	{"experiments/peer/peer.go", "bytes", "the key of a workload's answer (experiments/README.md), not the metric"},
	{"internal/protocol/protocol.go", "bytes", "the key of a workload's output (experiments/README.md), not the metric"},
	{"internal/protocol/estimate.go", "B", "a binary prefix when printing a byte count, not the unit column"},
	{"internal/protocol/estimate.go", "KiB", "a binary prefix when printing a byte count, not the unit column"},
	{"internal/resume/options.go", "timeout", "the profile's timeout in a message, not the failure reason"},
	{"internal/doctor/doctor.go", "docker", "the name of the doctor's Docker Engine check, not the platform"},
	{"internal/testenv/testenv.go", "docker", "the docker command, not the platform"},
	{"runners/docker/docker.go", "docker", "the docker command, not the platform"},
	{"runners/internal/proc/spawn.go", "maxrss_kib", "the key of the ewspawn shim's report, not the metric"},
	{"runners/wasmer/wasmer.go", "wasmer", "a directory inside the wasmer-go module, not the platform"},
	{"literature/runtimes.go", "wasmer", "a runtime's executable name on PATH, not the platform"},
	{"literature/runtimes.go", "wasmtime", "a runtime's executable name on PATH, not the platform"},
	{"literature/table.go", "count", "the name of a column parser in errors, not the unit"},
	{"report/cells/env.go", "bytes", "the size unit of a workload's argument (experiments/README.md), not the metric"},
	{"report/cells/sentences.go", "bytes", "the size unit of a workload's argument (experiments/README.md), not the metric"},
	{"report/write/pdf/pdf.go", "B", "fpdf's style letter for bold, not the unit"},
}

// TestNoLiteralNames: every metric, unit, platform and status name of the
// schema is spelled once, in package dataset. A string literal equal to one
// of them in any other non-test Go file of the module (the nested launcher
// modules cannot import dataset and are not part of it) fails, naming the
// file, the line and the constant to use.
func TestNoLiteralNames(t *testing.T) {
	names := schemaNames(t)
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{.Dir}}{{range .GoFiles}} {{.}}{{end}}{{range .CgoFiles}} {{.}}{{end}}`, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	used := make([]bool, len(literalAllowed))
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg, dir := rel(fields[0]), fields[1]
		if exempt(pkg) {
			continue
		}
		for _, name := range fields[2:] {
			path := filepath.Join(dir, name)
			file := filepath.ToSlash(filepath.Join(pkg, name))
			if pkg == "." {
				file = name
			}
			checked++
			for _, lit := range stringLiterals(t, path) {
				what, ok := names[lit.value]
				if !ok {
					continue
				}
				i := slices.IndexFunc(literalAllowed, func(a struct{ file, literal, why string }) bool {
					return a.file == file && a.literal == lit.value
				})
				if i >= 0 {
					used[i] = true
					continue
				}
				t.Errorf("%s:%d: %q is %s: use the constant of package dataset", file, lit.line, lit.value, what)
			}
		}
	}
	if checked < 50 {
		t.Fatalf("only %d files checked: go list did not list the module", checked)
	}
	for i, a := range literalAllowed {
		if !used[i] {
			t.Errorf("literalAllowed: %s no longer holds %q; remove the entry", a.file, a.literal)
		}
	}
}

func exempt(pkg string) bool {
	if literalGuest(pkg) {
		return true
	}
	for _, e := range literalExempt {
		if pkg == e.prefix || strings.HasPrefix(pkg, e.prefix+"/") {
			return true
		}
	}
	return false
}

// schemaNames maps every metric, unit, platform and status name of the
// schema to what it is, with the dataset constant that holds it.
func schemaNames(t *testing.T) map[string]string {
	consts := datasetConstants(t)
	names := map[string]string{}
	// add names the values of kind, each with its constant: the first
	// that is of the kind (one value may have several constants, as
	// Native and KindNative).
	add := func(kind string, of func(constant string) bool, vs ...string) {
		for _, v := range vs {
			i := slices.IndexFunc(consts[v], of)
			if i < 0 {
				t.Fatalf("the %s name %q has no constant in package dataset", kind, v)
			}
			names[v] = fmt.Sprintf("the %s name dataset.%s", kind, consts[v][i])
		}
	}
	prefixed := func(prefix string) func(string) bool {
		return func(c string) bool { return strings.HasPrefix(c, prefix) }
	}
	for _, m := range dataset.Metrics {
		add("metric", prefixed(""), m.Name)
	}
	add("unit", prefixed("Unit"), dataset.Units...)
	add("platform", func(c string) bool { return !strings.HasPrefix(c, "Kind") }, dataset.PlatformNames()...)
	add("status", prefixed("Status"), dataset.StatusOK)
	add("failure reason", prefixed("Reason"), dataset.Reasons...)
	return names
}

// datasetConstants maps the value of each exported string constant of
// package dataset to their names, in file order.
func datasetConstants(t *testing.T) map[string][]string {
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join("dataset", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, s := range g.Specs {
				vs := s.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if i >= len(vs.Values) || !n.IsExported() {
						continue
					}
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						if v, err := strconv.Unquote(lit.Value); err == nil {
							out[v] = append(out[v], n.Name)
						}
					}
				}
			}
		}
	}
	return out
}

type literal struct {
	value string
	line  int
}

// stringLiterals returns the string literals of a Go file, leaving out
// import paths and struct tags.
func stringLiterals(t *testing.T, path string) []literal {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	skip := map[*ast.BasicLit]bool{}
	var out []literal
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ImportSpec:
			return false
		case *ast.Field:
			if n.Tag != nil {
				skip[n.Tag] = true
			}
		case *ast.BasicLit:
			if n.Kind == token.STRING && !skip[n] {
				if v, err := strconv.Unquote(n.Value); err == nil {
					out = append(out, literal{v, fset.Position(n.Pos()).Line})
				}
			}
		}
		return true
	})
	return out
}
