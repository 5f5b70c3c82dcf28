// Package ipynb writes paper.ipynb, the document as a Jupyter notebook
// (nbformat 4.5): prose becomes markdown cells, each cell a code cell whose
// source is the cell as written and whose outputs carry its caption,
// tables (HTML, Markdown and plain text), figures (PNG) and the commands
// that reproduce it. It reads only the document (report/doc).
package ipynb

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/edgewasm/edgewasm/report/doc"
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

// Write renders paper.ipynb.
func Write(d *doc.Document) ([]byte, error) {
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
		case blk.Cell.Structural() == doc.CellToc:
			nb.Cells = append(nb.Cells, nbCell{CellType: "markdown", ID: id, Metadata: map[string]any{}, Source: lines(d.Contents())})
		case blk.Cell.Structural() == doc.CellReproduce:
			nb.Cells = append(nb.Cells, nbCell{CellType: "markdown", ID: id, Metadata: map[string]any{}, Source: lines(d.Reproduce())})
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

func cellOutputs(blk doc.Block) []nbOutput {
	o := blk.Out
	var outs []nbOutput
	capt := blk.Caption()
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
		md := t.Markdown()
		if t.Title != "" && len(o.Tables) > 1 {
			md = "*" + t.Title + "*\n\n" + md
		}
		outs = append(outs, display(map[string]string{
			"text/html": string(doc.HTML(md)), "text/markdown": md, "text/plain": t.Plain(),
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
