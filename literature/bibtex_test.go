package literature

import (
	"errors"
	"strings"
	"testing"
)

func TestParseBibTeX(t *testing.T) {
	src := `% comment
@InProceedings{a2019x,
  author = {M{\"u}ller, A. and {\c{S}}erban, R.},
  title  = "A {Big} Title",
  pages  = {1--5},
  month  = nov,
  year   = 2019,
}
@misc{b, title = {x {nested {deep}} y}, year = {2020}}
`
	es, err := parseBibTeX("t.bib", src)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 2 {
		t.Fatalf("got %d entries, want 2", len(es))
	}
	a := es[0]
	if a.Type != "inproceedings" || a.Key != "a2019x" || a.Line != 2 {
		t.Errorf("entry = %s %s line %d", a.Type, a.Key, a.Line)
	}
	for field, want := range map[string]string{
		"author": "Müller, A. and Şerban, R.", "title": "A Big Title", "pages": "1–5", "month": "nov", "year": "2019",
	} {
		if got := a.Text(field); got != want {
			t.Errorf("%s = %q, want %q", field, got, want)
		}
	}
	if got := es[1].Fields["title"]; got != "x {nested {deep}} y" {
		t.Errorf("nested braces: %q", got)
	}
}

func TestParseBibTeXErrors(t *testing.T) {
	cases := []struct {
		name, src string
		line      int
		rule      string
	}{
		{"duplicate key", "@misc{a, title={x}}\n\n@misc{a, title={y}}", 3, "unique-key"},
		{"duplicate field", "@misc{a,\n title={x},\n title={y}}", 3, "unique-field"},
		{"unbalanced", "@misc{a,\n title={x {y}\n", 2, "bibtex"},
		{"text outside", "@misc{a, title={x}}\nstray", 2, "bibtex"},
		{"string", "@string{foo = {bar}}", 1, "bibtex"},
		{"concat", "@misc{a,\n title = {x} # {y}}", 2, "bibtex"},
		{"unclosed", "@misc{a,\n title = {x},\n", 1, "bibtex"},
		{"missing equals", "@misc{a,\n title {x}}", 2, "bibtex"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := parseBibTeX("t.bib", c.src)
			var re *RecordError
			if !errors.As(err, &re) {
				t.Fatalf("want *RecordError, got %v", err)
			}
			if re.File != "t.bib" || re.Line != c.line || re.Rule != c.rule {
				t.Errorf("got %v, want line %d rule %s", re, c.line, c.rule)
			}
		})
	}
}

func TestThesisBibliography(t *testing.T) {
	es, err := ReadBibTeX("reviews/thesis-2020/references.bib")
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 24 {
		t.Fatalf("got %d entries, want the thesis's 24", len(es))
	}
	dups := map[string]string{}
	for i, e := range es {
		if got, want := e.Fields["thesisref"], itoa(i+1); got != want {
			t.Errorf("entry %d (%s): thesisref %q, want %q (file in thesis order)", i, e.Key, got, want)
		}
		if d := e.Fields["duplicateof"]; d != "" {
			dups[e.Fields["thesisref"]] = d
		}
	}
	want := map[string]string{"6": "goltzsche2019acctee", "8": "haas2017bringing", "21": "shillaker2020faasm"}
	if len(dups) != len(want) {
		t.Errorf("duplicates = %v, want %v", dups, want)
	}
	for ref, key := range want {
		if dups[ref] != key {
			t.Errorf("[%s] duplicateof = %q, want %q", ref, dups[ref], key)
		}
	}
	if !strings.Contains(es[16].Text("author"), "Şerban") {
		t.Errorf("[17] author = %q", es[16].Text("author"))
	}
}
