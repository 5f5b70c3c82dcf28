package cells

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/edgewasm/edgewasm/literature"
	"github.com/edgewasm/edgewasm/report/doc"
	"github.com/edgewasm/edgewasm/report/format"
)

// literatureCommands are the commands backed by the literature/ records.
func literatureCommands() map[string]Command {
	lit := func(Args) []string { return []string{NeedLit} }
	return map[string]Command{
		"prisma":        {Usage: "prisma  (PRISMA 2020 flow diagram of the thesis's search)", Needs: lit, Run: runPrisma},
		"excluded":      {Usage: "excluded  (papers excluded after full-text review: the thesis's Table 5.1)", Needs: lit, Run: runExcluded},
		"orchestration": {Usage: "orchestration  (orchestration-support matrix, RQ3)", Needs: lit, Run: runOrchestration},
		"later-search":  {Usage: "later-search  (how the later studies were collected: where from and when, as later-studies.csv records it)", Inline: true, Needs: lit, Run: runLaterSearch},
		"later-studies": {Usage: "later-studies  (studies that compare Wasm with containers or native code, with title and year; earlier ones labelled)", Needs: lit, Run: runLaterStudies},
		"studies":       {Usage: "studies [compared=wasm-vs-container|wasm-vs-native|position] [hardware=TEXT]  (how many recorded studies since the thesis, as a number)", Inline: true, Needs: lit, Run: runStudies},
		"references":    {Usage: "references  (the works cited in the paper with [@key], numbered in order of citation)", Needs: lit, Run: runReferences},
		"orchestrators": {Usage: "orchestrators arch=arm64|armv7 [era=today] [value=yes|no|unknown] [archived=yes]  (frameworks running Wasm with that support)", Inline: true, Needs: lit, Run: runOrchestrators},
	}
}

// review loads the thesis's review, or explains why the cell cannot show it.
func (e *Engine) review() (*literature.Review, *doc.Output, error) {
	if st, err := os.Stat(e.Literature); err != nil || !st.IsDir() {
		return nil, &doc.Output{Placeholder: fmt.Sprintf("Not available: no literature folder at %q (pass --literature).", e.Literature)}, nil
	}
	r, err := literature.Load(e.Literature, literature.DefaultReview)
	if err != nil {
		return nil, nil, err
	}
	return r, nil, nil
}

// lit checks a literature command's arguments and that the review loads:
// a placeholder when there is no literature folder, an error when its
// records are invalid.
func (e *Engine) lit(a Args, known ...string) (*doc.Output, error) {
	if err := check(a, known...); err != nil {
		return nil, err
	}
	_, ph, err := e.review()
	return ph, err
}

func runPrisma(e *Engine, a Args) (*doc.Output, error) {
	if err := check(a); err != nil {
		return nil, err
	}
	r, ph, err := e.review()
	if r == nil {
		return ph, err
	}
	flow, err := r.Flow()
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "edgewasm-prisma-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	pngPath := filepath.Join(tmp, "prisma.png")
	if err := literature.DrawPRISMA(flow, filepath.Join(tmp, "prisma.svg"), pngPath); err != nil {
		return nil, err
	}
	b, err := os.ReadFile(pngPath)
	if err != nil {
		return nil, err
	}
	return &doc.Output{
		Figures:  []doc.Figure{{Name: "prisma-" + r.ID + ".png", PNG: b, Alt: "PRISMA 2020 flow diagram of the literature search"}},
		Commands: []string{"edgewasm literature prisma --format csv", "edgewasm literature prisma --format text"},
	}, nil
}

func runExcluded(e *Engine, a Args) (*doc.Output, error) {
	if err := check(a); err != nil {
		return nil, err
	}
	r, ph, err := e.review()
	if r == nil {
		return ph, err
	}
	t := doc.Table{Header: []string{"title", "year", "platform (as Table 5.1 gives it)", "reason for exclusion"}}
	for _, p := range r.Papers {
		if p.Decision != literature.DecisionExcluded {
			continue
		}
		t.Rows = append(t.Rows, []string{clip(p.Title, 72) + " [@" + p.Key + "]", strconv.Itoa(p.Year), p.ObtainedFrom, clip(p.Reason, 80)})
		if p.ObtainedFrom != r.Platform(p.FoundOn) && p.FoundOnBasis == "derived" {
			t.Notes = append(t.Notes, fmt.Sprintf("%s: the thesis gives %s, which was not one of the platforms it searched; its counts imply the record came through %s.", p.Title, p.ObtainedFrom, r.Platform(p.FoundOn)))
		}
	}
	return &doc.Output{Tables: []doc.Table{t}, Commands: []string{"edgewasm literature check", "grep ',excluded,' " + filepath.ToSlash(filepath.Join(e.Literature, "reviews", r.ID, "papers.csv"))}}, nil
}

func runOrchestration(e *Engine, a Args) (*doc.Output, error) {
	if ph, err := e.lit(a); ph != nil || err != nil {
		return ph, err
	}
	fs, err := literature.LoadOrchestration(e.Literature)
	if err != nil {
		return nil, err
	}
	file := filepath.ToSlash(filepath.Join(e.Literature, "orchestration.csv"))
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	// The table holds what a reader compares; the runtimes, the source and
	// check date of every row and the reason for every cell not
	// established are in the CSV beside the paper.
	t := doc.Table{Header: []string{"framework", "as of", "Wasm", "arm64", "armv7", "status"}}
	short := func(v string) string {
		switch v {
		case literature.Unknown:
			return "?"
		case "n/a":
			return "–"
		}
		return v
	}
	n := 0
	for _, f := range fs {
		t.Rows = append(t.Rows, []string{f.Framework, f.Era, short(f.Wasm), short(f.Arm64), short(f.Armv7), clip(cutAt(f.Status, ";("), 40)})
		for _, col := range f.Unknowns() {
			if slices.Contains([]string{"wasm", "arm64", "armv7"}, strings.ToLower(col)) {
				n++
			}
		}
	}
	t.Notes = append(t.Notes, fmt.Sprintf("?: not established (%d %s); –: does not apply. The runtimes of each framework, the source of every row with the date it was checked, and why each cell is not established: %s.", n, format.Plural(n, "cell", "cells"), linkFile(orchestrationFile)))
	return &doc.Output{Tables: []doc.Table{t}, Files: []doc.File{{Path: orchestrationFile, Data: data}}, Commands: []string{"cat " + file}}, nil
}

// The literature tables beside the paper, which its tables summarize.
const (
	orchestrationFile = "csv/orchestration.csv"
	laterStudiesFile  = "csv/later-studies.csv"
)

// linkFile is a Markdown link to a file beside the paper.
func linkFile(p string) string { return "[" + p + "](" + p + ")" }

// clip shortens s to at most n characters, at a word, with an ellipsis.
func clip(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	if i := strings.LastIndex(string(r), " "); i > n/2 {
		return strings.TrimRight(string(r)[:i], " ,;:") + "…"
	}
	return string(r) + "…"
}

// cutAt is s up to the first of the characters in seps (all of s when
// there is none), trimmed.
func cutAt(s, seps string) string {
	if i := strings.IndexAny(s, seps); i > 0 {
		return strings.TrimSpace(s[:i])
	}
	return s
}

// thesisYear is when the thesis appeared: a study of an earlier year is
// labelled as such.
const thesisYear = 2020

// citable reports whether a later study has the title and year a table of
// studies needs.
func citable(s literature.LaterStudy) bool {
	return s.Year != "" && s.Title != "" && s.Title != literature.Unknown && !strings.HasPrefix(s.Title, "(")
}

// runLaterStudies lists the recorded studies that have a verified title
// and year, oldest first, each cited; one older than the thesis is
// labelled. Records without a title or year are named in a note.
func runLaterStudies(e *Engine, a Args) (*doc.Output, error) {
	if ph, err := e.lit(a); ph != nil || err != nil {
		return ph, err
	}
	ss, err := literature.LoadLaterStudies(e.Literature)
	if err != nil {
		return nil, err
	}
	t := doc.Table{Header: []string{"study", "year", "compared", "hardware", "headline (as the study states it)"}}
	var left []string
	for _, s := range ss {
		if !citable(s) {
			left = append(left, s.ID)
			continue
		}
		year := s.Year
		if y, _ := strconv.Atoi(s.Year); y < thesisYear {
			year += " (before the thesis)"
		}
		title := clip(cutAt(s.Title, ":"), 48) + " [@" + s.ID + "]"
		if s.SameStudyAs != "" {
			title += " (as [@" + s.SameStudyAs + "])"
		}
		stated := func(v string) string {
			if v == literature.Unknown || v == "" {
				return "not stated"
			}
			if v == "n/a" {
				return "–"
			}
			return v
		}
		t.Rows = append(t.Rows, []string{title, year, strings.ReplaceAll(s.Compared, "-", " "), clip(stated(s.Hardware), 60), clip(cutAt(stated(s.Headline), ";"), 72)})
	}
	file := filepath.ToSlash(filepath.Join(e.Literature, "later-studies.csv"))
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	note := "Titles, hardware and headlines shortened (…); every record in full, with where it was found: " + linkFile(laterStudiesFile) + "."
	if len(left) > 0 {
		note = fmt.Sprintf("Not listed: %d %s whose title or year is not verified (%s). ", len(left), format.Plural(len(left), "record", "records"), strings.Join(left, ", ")) + note
	}
	t.Notes = append(t.Notes, note)
	return &doc.Output{Tables: []doc.Table{t}, Files: []doc.File{{Path: laterStudiesFile, Data: data}}, Commands: []string{"cat " + file}}, nil
}

// runLaterSearch says how the later studies were collected, from the
// via and checked columns of later-studies.csv.
func runLaterSearch(e *Engine, a Args) (*doc.Output, error) {
	if ph, err := e.lit(a); ph != nil || err != nil {
		return ph, err
	}
	ss, err := literature.LoadLaterStudies(e.Literature)
	if err != nil {
		return nil, err
	}
	var vias, dates []string
	for _, s := range ss {
		if !slices.Contains(vias, s.Via) {
			vias = append(vias, s.Via)
		}
		if !slices.Contains(dates, s.Checked) {
			dates = append(dates, s.Checked)
		}
	}
	slices.Sort(dates)
	file := filepath.ToSlash(filepath.Join(e.Literature, "later-studies.csv"))
	return &doc.Output{Text: fmt.Sprintf("%d records of %d distinct studies, collected by a targeted search, not a systematic one: taken from the project's notes on the field (%s) and recorded on %s, with no search query recorded",
		len(ss), len(literature.Studies(ss)), format.List(vias), format.List(dates)),
		Commands: []string{"cut -d, -f1,12,13 " + file}, Prov: prov(ReproduceAll(e.Model.Sets[:1], a), doc.Read{File: file})}, nil
}

// runStudies counts the recorded studies published from the thesis's
// year on, with a verified title and year, narrowed by what they compared
// and the hardware they name.
func runStudies(e *Engine, a Args) (*doc.Output, error) {
	if ph, err := e.lit(a, "compared", "hardware"); ph != nil || err != nil {
		return ph, err
	}
	ss, err := literature.LoadLaterStudies(e.Literature)
	if err != nil {
		return nil, err
	}
	n := 0
	for _, st := range literature.Studies(ss) {
		y, _ := strconv.Atoi(st.Year)
		if !citable(st.LaterStudy) || y < thesisYear {
			continue
		}
		if c := a.KV["compared"]; c != "" && st.Compared != c {
			continue
		}
		if h := a.KV["hardware"]; h != "" && !slices.ContainsFunc(st.Records(), func(r literature.LaterStudy) bool { return strings.Contains(r.Hardware, h) }) {
			continue
		}
		n++
	}
	file := filepath.ToSlash(filepath.Join(e.Literature, "later-studies.csv"))
	return &doc.Output{Text: strconv.Itoa(n), Commands: []string{"cat " + file}, Prov: prov(ReproduceAll(e.Model.Sets[:1], a), doc.Read{File: file})}, nil
}

// runReferences collects every work the paper can cite: the thesis's
// bibliography (an entry the thesis lists twice resolves to its first
// key), the later studies and the paper's own references. The document
// keeps the cited ones, numbered in order of first citation.
func runReferences(e *Engine, a Args) (*doc.Output, error) {
	if err := check(a); err != nil {
		return nil, err
	}
	r, ph, err := e.review()
	if r == nil {
		return ph, err
	}
	var refs []doc.Ref
	for _, en := range r.Bibliography {
		if d := en.Text("duplicateof"); d != "" {
			refs = append(refs, doc.Ref{Key: en.Key, Alias: d})
			continue
		}
		venue := ""
		for _, f := range []string{"booktitle", "journal", "publisher", "howpublished", "school", "institution"} {
			if v := en.Text(f); v != "" {
				venue = v
				break
			}
		}
		refs = append(refs, doc.Ref{Key: en.Key, Text: refText(strings.ReplaceAll(en.Text("author"), " and ", "; "), en.Text("year"), en.Text("title"), venue, en.Text("doi"), en.Text("url"))})
	}
	ss, err := literature.LoadLaterStudies(e.Literature)
	if err != nil {
		return nil, err
	}
	for _, s := range ss {
		if citable(s) {
			refs = append(refs, doc.Ref{Key: s.ID, Text: refText(strings.Join(s.Authors, "; "), s.Year, s.Title, s.Venue, s.DOI, "")})
		}
	}
	recs, err := csv.NewReader(bytes.NewReader(e.References.Data)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", e.References.Name, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: empty, expected a header (key,authors,year,title,venue,doi,url) and a row per work", e.References.Name)
	}
	for _, c := range recs[1:] {
		refs = append(refs, doc.Ref{Key: c[0], Text: refText(strings.ReplaceAll(c[1], " and ", "; "), c[2], c[3], c[4], c[5], c[6])})
	}
	return &doc.Output{Refs: refs, Commands: []string{"cat " + filepath.ToSlash(filepath.Join(e.Literature, "reviews", r.ID, "references.bib")) + " " +
		filepath.ToSlash(filepath.Join(e.Literature, "later-studies.csv")) + " " + e.References.Name}}, nil
}

// refText formats one reference: authors (year). “Title”. *Venue*. doi.
func refText(authors, year, title, venue, doi, url string) string {
	head := authors
	if year != "" {
		head += " (" + year + ")"
	}
	parts := []string{strings.TrimSpace(head), "“" + title + "”"}
	if venue != "" {
		parts = append(parts, "*"+venue+"*")
	}
	if doi != "" {
		parts = append(parts, "doi:"+doi)
	} else if url != "" {
		parts = append(parts, url)
	}
	return strings.Join(parts, ". ") + "."
}

// runOrchestrators is the inline list of frameworks in the matrix that run
// Wasm workloads in an era with a given support value on an architecture
// (arch=arm64|armv7, value yes|no|unknown), archived projects left out
// unless archived=yes.
func runOrchestrators(e *Engine, a Args) (*doc.Output, error) {
	if ph, err := e.lit(a, "era", "arch", "value", "archived"); ph != nil || err != nil {
		return ph, err
	}
	era, arch, value := format.Or(a.KV["era"], "today"), a.KV["arch"], format.Or(a.KV["value"], "yes")
	if arch != "arm64" && arch != "armv7" {
		return nil, fmt.Errorf("orchestrators: arch=%q: expected arm64 or armv7", arch)
	}
	fs, err := literature.LoadOrchestration(e.Literature)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, f := range fs {
		support := map[string]string{"arm64": f.Arm64, "armv7": f.Armv7}[arch]
		archived := strings.HasPrefix(f.Status, "archived")
		if f.Era != era || f.Wasm != "yes" || support != value || (archived && a.KV["archived"] != "yes") {
			continue
		}
		names = append(names, f.Framework)
	}
	file := filepath.ToSlash(filepath.Join(e.Literature, "orchestration.csv"))
	out := &doc.Output{Commands: []string{fmt.Sprintf("awk -F, '$2==%q && $3==\"yes\"' %s", era, file)}, Prov: prov(ReproduceAll(e.Model.Sets[:1], a), doc.Read{File: file})}
	if len(names) == 0 {
		out.Text = "none"
	} else {
		out.Text = format.List(names)
	}
	return out, nil
}
