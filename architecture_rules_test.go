package main

import (
	"errors"
	"strings"
	"testing"
)

// archDoc is a small ARCHITECTURE.md: rows may be replaced to break it.
// Line numbers: the package table's header is line 3 and its rows are
// lines 5 to 7; the floors' header is line 9, its rows 11 and 12; the
// never table's row is line 16.
const archDoc = `# A small house

| package | owns | may import |
|---|---|---|
| ` + "`a`" + ` | the top | ` + "`a/b`" + ` |
| ` + "`a/b`" + ` | the middle | ` + "`c`" + ` |
| ` + "`c`" + ` | the bottom | — |

| floor | name | folders | what lives there |
|---|---|---|---|
| 0 | bottom | ` + "`c/`" + ` | c |
| 1 | top | ` + "`a/`" + ` | a and a/b |

| from | never reaches | why |
|---|---|---|
| ` + "`a`" + ` | ` + "`c/...`" + ` | a never runs anything |
`

// smallGraph is the graph archDoc describes, but for the never rule:
// a → a/b → c.
func smallGraph() graph {
	return graph{"a": {"a/b"}, "a/b": {"c"}, "c": nil}
}

// checkDoc parses doc and checks g against it; a parse error is returned
// as the one error.
func checkDoc(t *testing.T, doc string, g graph) []error {
	t.Helper()
	a, err := parseArchitecture("ARCH.md", doc)
	if err != nil {
		return []error{err}
	}
	return checkArchitecture(a, g)
}

// wantErrors fails unless errs holds exactly one error per want, each
// containing its text.
func wantErrors(t *testing.T, errs []error, want ...string) {
	t.Helper()
	if len(errs) != len(want) {
		t.Fatalf("%d errors, want %d (%q):\n%v", len(errs), len(want), want, errors.Join(errs...))
	}
	for i, w := range want {
		if !strings.Contains(errs[i].Error(), w) {
			t.Errorf("error %d: %v\nwant it to contain %q", i, errs[i], w)
		}
	}
}

func replaceLine(t *testing.T, doc, old, new string) string {
	t.Helper()
	if strings.Count(doc, old) != 1 {
		t.Fatalf("%q is not once in the document", old)
	}
	return strings.Replace(doc, old, new, 1)
}

// The direct imports are all allowed; a reaches c only through a/b, and
// the never rule (line 15) forbids it.
func TestArchitectureIndirectImportFails(t *testing.T) {
	wantErrors(t, checkDoc(t, archDoc, smallGraph()),
		"ARCH.md:16: a reaches c (a → a/b → c), which it never may: a never runs anything")
	// Without the rule, the same graph passes.
	ok := replaceLine(t, archDoc, "| `a` | `c/...` | a never runs anything |", "| `a/b` | `a` | the middle never reaches up |")
	wantErrors(t, checkDoc(t, ok, smallGraph()))
}

// A package on a lower floor that reaches a higher floor fails, naming
// the floor row of the package and the chain; so does reaching a row
// beside it on the same floor.
func TestArchitectureFloors(t *testing.T) {
	noNever := replaceLine(t, archDoc, "| `a` | `c/...` | a never runs anything |", "| `a/b` | `a` | the middle never reaches up |")
	up := replaceLine(t, noNever, "| `c` | the bottom | — |", "| `c` | the bottom | `c/d` |")
	up = replaceLine(t, up, "| `a/b` | the middle | `c` |", "| `a/b` | the middle | `c` |\n| `c/d` | a helper of the bottom that looks up | `e` |\n| `e` | a new top | — |")
	up = replaceLine(t, up, "| 1 | top | `a/` | a and a/b |", "| 1 | top | `a/` | a and a/b |\n| 2 | roof | `e/` | e |")
	g := smallGraph()
	g["c"], g["c/d"], g["e"] = []string{"c/d"}, []string{"e"}, nil
	// a and a/b, on floor 1, reach e through c.
	wantErrors(t, checkDoc(t, up, g),
		"ARCH.md:14: a, on floor 1 (top), reaches e (a → a/b → c → c/d → e), on floor 2 (roof, line 15)",
		"ARCH.md:14: a/b, on floor 1 (top), reaches e (a/b → c → c/d → e), on floor 2 (roof, line 15)",
		"ARCH.md:13: c, on floor 0 (bottom), reaches e (c → c/d → e), on floor 2 (roof, line 15): an import never runs up",
		"ARCH.md:13: c/d, on floor 0 (bottom), reaches e (c/d → e), on floor 2 (roof, line 15)")

	// On floor 0 beside the bottom, e is below a and a/b.
	beside := replaceLine(t, up, "| 2 | roof |", "| 0 | cellar |")
	wantErrors(t, checkDoc(t, beside, g),
		"ARCH.md:13: c, in bottom, reaches e (c → c/d → e), in cellar (line 15) beside it on floor 0: rows side by side never import each other",
		"ARCH.md:13: c/d, in bottom, reaches e (c/d → e), in cellar (line 15) beside it on floor 0")
}

// A row whose first cell names no package, prose in the third cell, and
// an allowance that no import uses each fail, naming their line.
func TestArchitectureTableRows(t *testing.T) {
	noNever := replaceLine(t, archDoc, "| `a` | `c/...` | a never runs anything |", "| `a/b` | `a` | the middle never reaches up |")
	for _, c := range []struct{ old, new, want string }{
		{"| `c` | the bottom | — |", "| `c` | the bottom | — |\n| the build flag `--build` | prose | — |",
			"ARCH.md:8: first cell \"the build flag `--build`\": want one or more `package` names"},
		{"| `c` | the bottom | — |", "| `c` | the bottom | — |\n| `--build` | a flag | — |",
			"ARCH.md:8: first cell \"`--build`\""},
		{"| `c` | the bottom | — |", "| `c` | the bottom | — |\n| | nothing | — |",
			"ARCH.md:8: first cell \"\""},
		{"| `a` | the top | `a/b` |", "| `a` | the top | `a/b`, run by `edgewasm peer` |",
			"ARCH.md:5: third cell \"`a/b`, run by `edgewasm peer`\": want `package` names"},
		{"| `a` | the top | `a/b` |", "| `a` | the top | `a/b`, `doctor` |",
			"ARCH.md:5: allows doctor, which is not a package"},
		{"| `a` | the top | `a/b` |", "| `a` | the top | `a/b`, `c` |",
			"ARCH.md:5: allows c, which a does not import: remove the allowance"},
		{"| `c` | the bottom | — |", "| `c` | the bottom | — |\n| `c/gone` | removed | — |",
			"ARCH.md:8: lists c/gone, which is not a package"},
		{"| `a` | the top | `a/b` |", "| `a` | the top | — |",
			"ARCH.md:5: a imports a/b, which its row does not allow (allowed: none)"},
		{"| `c` | the bottom | — |", "", "ARCH.md:3: package c has no row"},
		{"| 0 | bottom | `c/` | c |", "| 0 | bottom | the `c/` folder | c |",
			"ARCH.md:11: folders \"the `c/` folder\""},
		{"| 0 | bottom | `c/` | c |", "| 0 | bottom | `c/`, `d/` | c |", "ARCH.md:11: folder d/ holds no package"},
		{"| 0 | bottom | `c/` | c |", "", "ARCH.md:9: package c is on no floor"},
		{"| `a/b` | `a` |", "| `a/b`, `z` | `a` |", "ARCH.md:16: z matches no package"},
	} {
		doc := replaceLine(t, noNever, c.old, c.new)
		if c.new == "" {
			doc = replaceLine(t, noNever, c.old+"\n", "")
		}
		errs := checkDoc(t, doc, smallGraph())
		if len(errs) == 0 || !strings.Contains(errs[0].Error(), c.want) {
			t.Errorf("%q → %q: errors %v\nwant first %q", c.old, c.new, errors.Join(errs...), c.want)
		}
	}
}
