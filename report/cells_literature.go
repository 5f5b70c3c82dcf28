package report

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/edgewasm/edgewasm/literature"
)

// literatureCommands are the commands backed by the literature/ records.
func literatureCommands() map[string]Command {
	lit := func(Args) []string { return []string{needLit} }
	return map[string]Command{
		"prisma":        {Usage: "prisma  (PRISMA 2020 flow diagram of the thesis's search)", Needs: lit, Run: runPrisma},
		"excluded":      {Usage: "excluded  (papers excluded after full-text review: the thesis's Table 5.1)", Needs: lit, Run: runExcluded},
		"orchestration": {Usage: "orchestration  (orchestration-support matrix, RQ3)", Needs: lit, Run: runOrchestration},
		"later-studies": {Usage: "later-studies  (studies published after the thesis)", Needs: lit, Run: runLaterStudies},
		"references":    {Usage: "references  (bibliography of the review)", Needs: lit, Run: runReferences},
		"orchestrators": {Usage: "orchestrators arch=arm64|armv7 [era=today] [value=yes|no|unknown] [archived=yes]  (frameworks running Wasm with that support)", Inline: true, Needs: lit, Run: runOrchestrators},
	}
}

// review loads the thesis's review, or explains why the cell cannot show it.
func (e *Engine) review() (*literature.Review, *Output, error) {
	if st, err := os.Stat(e.LitRoot); err != nil || !st.IsDir() {
		return nil, &Output{Placeholder: fmt.Sprintf("Not available: no literature folder at %q (pass --literature).", e.LitRoot)}, nil
	}
	r, err := literature.Load(e.LitRoot, literature.DefaultReview)
	if err != nil {
		return nil, nil, err
	}
	return r, nil, nil
}

func runPrisma(e *Engine, a Args) (*Output, error) {
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
	return &Output{
		Figures:  []Figure{{Name: "prisma-" + r.ID + ".png", PNG: b, Alt: "PRISMA 2020 flow diagram of the literature search"}},
		Commands: []string{"edgewasm literature prisma --format csv", "edgewasm literature prisma --format text"},
	}, nil
}

func runExcluded(e *Engine, a Args) (*Output, error) {
	r, ph, err := e.review()
	if r == nil {
		return ph, err
	}
	t := Table{Header: []string{"title", "year", "found on", "reason for exclusion"}}
	for _, p := range r.Papers {
		if p.Decision == literature.DecisionExcluded {
			t.Rows = append(t.Rows, []string{p.Title, strconv.Itoa(p.Year), r.Platform(p.FoundOn), p.Reason})
		}
	}
	return &Output{Tables: []Table{t}, Commands: []string{"edgewasm literature check", "grep ',excluded,' " + filepath.ToSlash(filepath.Join(e.LitRoot, "reviews", r.ID, "papers.csv"))}}, nil
}

func runOrchestration(e *Engine, a Args) (*Output, error) {
	if _, ph, err := e.review(); ph != nil || err != nil {
		return ph, err
	}
	fs, err := literature.LoadOrchestration(e.LitRoot)
	if err != nil {
		return nil, err
	}
	t := Table{Header: []string{"framework", "as of", "Wasm", "arm64", "armv7", "runtimes", "networking", "status"}}
	for _, f := range fs {
		t.Rows = append(t.Rows, []string{f.Framework, f.Era, f.Wasm, f.Arm64, f.Armv7, f.Runtimes, f.Networking, f.Status})
	}
	return &Output{Tables: []Table{t}, Commands: []string{"cat " + filepath.ToSlash(filepath.Join(e.LitRoot, "orchestration.csv"))}}, nil
}

func runLaterStudies(e *Engine, a Args) (*Output, error) {
	if _, ph, err := e.review(); ph != nil || err != nil {
		return ph, err
	}
	ss, err := literature.LoadLaterStudies(e.LitRoot)
	if err != nil {
		return nil, err
	}
	t := Table{Header: []string{"study", "year", "compared", "hardware", "headline"}}
	for _, s := range ss {
		t.Rows = append(t.Rows, []string{s.Title, orDash(s.Year, "—"), s.Compared, s.Hardware, s.Headline})
	}
	return &Output{Tables: []Table{t}, Commands: []string{"cat " + filepath.ToSlash(filepath.Join(e.LitRoot, "later-studies.csv"))}}, nil
}

func runReferences(e *Engine, a Args) (*Output, error) {
	r, ph, err := e.review()
	if r == nil {
		return ph, err
	}
	var b strings.Builder
	for _, en := range r.Bibliography {
		parts := []string{strings.ReplaceAll(en.Text("author"), " and ", ", ")}
		if y := en.Text("year"); y != "" {
			parts[0] += " (" + y + ")"
		}
		parts = append(parts, "“"+en.Text("title")+"”")
		for _, f := range []string{"booktitle", "journal", "publisher", "howpublished"} {
			if v := en.Text(f); v != "" {
				parts = append(parts, "*"+v+"*")
				break
			}
		}
		if d := en.Text("doi"); d != "" {
			parts = append(parts, "doi:"+d)
		} else if u := en.Text("url"); u != "" {
			parts = append(parts, u)
		}
		fmt.Fprintf(&b, "- [%s] %s.\n", en.Key, strings.Join(parts, ". "))
	}
	return &Output{Text: strings.TrimSpace(b.String()), Commands: []string{"cat " + filepath.ToSlash(filepath.Join(e.LitRoot, "reviews", r.ID, "references.bib"))}}, nil
}

// runOrchestrators is the inline list of frameworks in the matrix that run
// Wasm workloads in an era with a given support value on an architecture
// (arch=arm64|armv7, value yes|no|unknown), archived projects left out
// unless archived=yes.
func runOrchestrators(e *Engine, a Args) (*Output, error) {
	if err := check(a, "era", "arch", "value", "archived"); err != nil {
		return nil, err
	}
	if _, ph, err := e.review(); ph != nil || err != nil {
		return ph, err
	}
	era, arch, value := a.KV["era"], a.KV["arch"], a.KV["value"]
	if era == "" {
		era = "today"
	}
	if value == "" {
		value = "yes"
	}
	fs, err := literature.LoadOrchestration(e.LitRoot)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, f := range fs {
		support := map[string]string{"arm64": f.Arm64, "armv7": f.Armv7}
		if _, ok := support[arch]; !ok {
			return nil, fmt.Errorf("orchestrators: arch=%q: expected arm64 or armv7", arch)
		}
		archived := strings.HasPrefix(f.Status, "archived")
		if f.Era != era || f.Wasm != "yes" || support[arch] != value || (archived && a.KV["archived"] != "yes") {
			continue
		}
		names = append(names, f.Framework)
	}
	out := &Output{Commands: []string{fmt.Sprintf("awk -F, '$2==%q && $3==\"yes\"' %s", era, filepath.ToSlash(filepath.Join(e.LitRoot, "orchestration.csv")))}}
	if len(names) == 0 {
		out.Text = "none"
	} else {
		out.Text = strings.Join(names, ", ")
	}
	return out, nil
}
