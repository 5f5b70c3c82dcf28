package report

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// The notebook types follow nbformat 4.5 (nbformat.readthedocs.io,
// "The Notebook file format"); field order is fixed by the structs and
// map keys are sorted by encoding/json, so the file is deterministic.
type notebook struct {
	Cells         []nbCell       `json:"cells"`
	Metadata      map[string]any `json:"metadata"`
	NBFormat      int            `json:"nbformat"`
	NBFormatMinor int            `json:"nbformat_minor"`
}

type nbCell struct {
	CellType       string         `json:"cell_type"`
	ExecutionCount *int           `json:"execution_count,omitempty"`
	ID             string         `json:"id"`
	Metadata       map[string]any `json:"metadata"`
	Outputs        *[]nbOutput    `json:"outputs,omitempty"`
	Source         []string       `json:"source"`
}

type nbOutput struct {
	OutputType string            `json:"output_type"`
	Data       map[string]string `json:"data"`
	Metadata   map[string]any    `json:"metadata"`
}

// lines splits text the way notebooks store it: each line keeps its "\n".
func lines(s string) []string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return []string{}
	}
	ls := strings.SplitAfter(s, "\n")
	return ls
}

// Notebook renders the document as a Jupyter notebook: prose becomes
// markdown cells; each cell becomes a code cell whose source is the cell
// and whose outputs carry its caption, tables (HTML, Markdown and plain
// text), figures (PNG) and the commands that reproduce it.
func (d *Document) Notebook() ([]byte, error) {
	nb := notebook{
		Metadata: map[string]any{
			"kernelspec":    map[string]string{"name": "edgewasm", "display_name": "edgewasm report cells", "language": "edgewasm"},
			"language_info": map[string]string{"name": "edgewasm"},
			"title":         d.Title,
		},
		NBFormat: 4, NBFormatMinor: 5,
	}
	exec := 0
	for i, blk := range d.Blocks {
		id := fmt.Sprintf("cell-%03d", i+1)
		switch {
		case blk.Cell == nil:
			nb.Cells = append(nb.Cells, nbCell{CellType: "markdown", ID: id, Metadata: map[string]any{}, Source: lines(blk.Prose)})
		case strings.TrimSpace(blk.Cell.Command) == cellToc:
			nb.Cells = append(nb.Cells, nbCell{CellType: "markdown", ID: id, Metadata: map[string]any{}, Source: lines(d.tocMarkdown(targetMD))})
		case strings.TrimSpace(blk.Cell.Command) == cellReproduce:
			nb.Cells = append(nb.Cells, nbCell{CellType: "markdown", ID: id, Metadata: map[string]any{}, Source: lines(d.reproduceMarkdown())})
		default:
			exec++
			n := exec
			outs := cellOutputs(blk)
			nb.Cells = append(nb.Cells, nbCell{
				CellType: "code", ExecutionCount: &n, ID: id, Outputs: &outs, Source: lines(blk.Cell.Source()),
				Metadata: map[string]any{"edgewasm": map[string]any{"label": blk.Cell.Label, "line": blk.Line}},
			})
		}
	}
	b, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

func display(data map[string]string) nbOutput {
	return nbOutput{OutputType: "display_data", Data: data, Metadata: map[string]any{}}
}

func cellOutputs(blk Block) []nbOutput {
	o := blk.Out
	var outs []nbOutput
	capt := caption(blk)
	plainCapt := strings.ReplaceAll(capt, "**", "")
	if capt != "" {
		outs = append(outs, display(map[string]string{"text/markdown": capt, "text/plain": plainCapt}))
	}
	if o.Placeholder != "" {
		outs = append(outs, display(map[string]string{"text/plain": o.Placeholder}))
	}
	if o.Text != "" {
		outs = append(outs, display(map[string]string{"text/markdown": o.Text, "text/plain": o.Text}))
	}
	for _, t := range o.Tables {
		md := tableMarkdown(t)
		if t.Title != "" && len(o.Tables) > 1 {
			md = "*" + t.Title + "*\n\n" + md
		}
		outs = append(outs, display(map[string]string{
			"text/html": string(markdownToHTML(md)), "text/markdown": md, "text/plain": plainTable(t),
		}))
	}
	for _, f := range o.Figures {
		alt := f.Alt
		if alt == "" {
			alt = f.Name
		}
		outs = append(outs, display(map[string]string{"image/png": base64.StdEncoding.EncodeToString(f.PNG), "text/plain": alt}))
	}
	if len(o.Commands) > 0 {
		outs = append(outs, display(map[string]string{"text/plain": "Reproduce:\n" + strings.Join(o.Commands, "\n")}))
	}
	return outs
}

// plainTable renders a table as aligned plain text.
func plainTable(t Table) string {
	w := make([]int, len(t.Header))
	all := append([][]string{t.Header}, t.Rows...)
	for _, r := range all {
		for i := range w {
			if i < len(r) {
				w[i] = max(w[i], utf8.RuneCountInString(r[i]))
			}
		}
	}
	var b strings.Builder
	if t.Title != "" {
		b.WriteString(t.Title + "\n")
	}
	for n, r := range all {
		for i := range w {
			v := ""
			if i < len(r) {
				v = r[i]
			}
			pad := strings.Repeat(" ", w[i]-utf8.RuneCountInString(v))
			if i < len(t.Right) && t.Right[i] {
				v = pad + v
			} else if i < len(w)-1 {
				v += pad
			}
			if i > 0 {
				b.WriteString("  ")
			}
			b.WriteString(v)
		}
		b.WriteString("\n")
		if n == 0 {
			for i := range w {
				if i > 0 {
					b.WriteString("  ")
				}
				b.WriteString(strings.Repeat("-", w[i]))
			}
			b.WriteString("\n")
		}
	}
	for _, n := range t.Notes {
		b.WriteString(n + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}
