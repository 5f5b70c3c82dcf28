package cells

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/edgewasm/edgewasm/report/doc"
	"github.com/edgewasm/edgewasm/report/format"
)

// Tables as files: any block command that produces tables takes as=csv,
// which writes each of its tables to a CSV file beside the paper
// (csv/tables/…) and leaves in the paper one line per table that links the
// file, with the table's notes. The paper keeps what a reader needs on
// the page and links the complete tables (every median, every Friedman
// test, every orchestration cell).

// asKey is the argument that sends a command's tables to files.
const asKey = "as"

// run runs a command; with as=csv its tables become linked files.
func (e *Engine) run(c Command, a Args) (*doc.Output, error) {
	as, ok := a.KV[asKey]
	if !ok {
		return c.Run(e, a)
	}
	if as != "csv" {
		return nil, fmt.Errorf("%s: as=%s: expected as=csv", a.Verb, as)
	}
	b := Args{Verb: a.Verb, KV: map[string]string{}}
	for _, k := range a.keys {
		if k != asKey {
			b.KV[k], b.keys = a.KV[k], append(b.keys, k)
		}
	}
	o, err := c.Run(e, b)
	if err != nil || len(o.Tables) == 0 {
		return o, err
	}
	return tablesAsFiles(o, b), nil
}

var slugRE = regexp.MustCompile(`[^a-z0-9_.+-]+`)

// tableFile is where a command's table goes: named after the command's
// arguments and the table's title, so that the name says what it holds.
func tableFile(a Args, title string) string {
	parts := []string{a.Verb}
	for _, k := range a.keys {
		if k != "data" {
			parts = append(parts, a.KV[k])
		}
	}
	if title != "" {
		parts = append(parts, title)
	}
	name := strings.Trim(slugRE.ReplaceAllString(strings.ToLower(strings.Join(parts, "-")), "-"), "-")
	return path.Join("csv", "tables", name+".csv")
}

// tablesAsFiles replaces the tables of o by CSV files, one per table, and
// a line linking them: "csv/tables/medians-cpu-kernel_ms-*.csv:
// x86-vm-thesis (16 rows), …". The tables' notes go to a text file beside
// them, linked too.
func tablesAsFiles(o *doc.Output, a Args) *doc.Output {
	out := *o
	out.Tables = nil
	var links, notes []string
	var seen []string
	for _, t := range o.Tables {
		p := tableFile(a, t.Title)
		for i := 2; slices.Contains(seen, p); i++ {
			p = strings.TrimSuffix(tableFile(a, t.Title), ".csv") + fmt.Sprintf("-%d.csv", i)
		}
		seen = append(seen, p)
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		w.Write(t.Header)
		w.WriteAll(t.Rows)
		out.Files = append(out.Files, doc.File{Path: p, Data: b.Bytes()})
		name := format.Or(t.Title, path.Base(p))
		links = append(links, fmt.Sprintf("[%s](%s) (%d %s)", name, p, len(t.Rows), format.Plural(len(t.Rows), "row", "rows")))
		for _, n := range t.Notes {
			if !slices.Contains(notes, n) {
				notes = append(notes, n)
			}
		}
	}
	stem := strings.TrimSuffix(tableFile(a, ""), ".csv")
	text := "`" + stem + "`"
	if len(o.Tables) > 1 || o.Tables[0].Title != "" {
		text = "`" + stem + "-*.csv`"
	}
	text += ": " + strings.Join(links, ", ") + "."
	if len(notes) > 0 {
		np := stem + "-notes.txt"
		out.Files = append(out.Files, doc.File{Path: np, Data: []byte(strings.Join(notes, "\n\n") + "\n")})
		text += " Notes: [" + path.Base(np) + "](" + np + ")."
	}
	if o.Text != "" {
		text = o.Text + " " + text
	}
	out.Text = text
	return &out
}
