package ipynb

import (
	"encoding/json"
	"testing"

	"github.com/edgewasm/edgewasm/report/doc"
)

// paper.ipynb: nbformat 4.5, prose and structural cells as markdown, each
// evaluated cell a numbered code cell whose outputs carry its caption,
// table (HTML, Markdown, text), figure and commands.
func TestNotebook(t *testing.T) {
	d := &doc.Document{Title: "T", Blocks: []doc.Block{
		{Prose: "Text."},
		{Cell: &doc.Cell{Command: "toc"}},
		{Cell: &doc.Cell{Label: "tab:env", Command: "environment", Caption: "The machines.", Line: 7}, Line: 7, Num: 1,
			Out: &doc.Output{Tables: []doc.Table{{Header: []string{"a"}, Rows: [][]string{{"1"}}}}, Figures: []doc.Figure{{Name: "f.png", PNG: []byte{1}}},
				Commands: []string{"edgewasm report --cell environment"}}},
	}}
	b, err := Write(d)
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Cells []struct {
			CellType       string `json:"cell_type"`
			ExecutionCount *int   `json:"execution_count"`
			Source         []string
			Outputs        []struct {
				Data map[string]string
			}
			Metadata map[string]any
		}
		Metadata      map[string]any
		NBFormat      int `json:"nbformat"`
		NBFormatMinor int `json:"nbformat_minor"`
	}
	if err := json.Unmarshal(b, &nb); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if nb.NBFormat != 4 || nb.NBFormatMinor != 5 || nb.Metadata["title"] != "T" || len(nb.Cells) != 3 {
		t.Fatalf("notebook %d.%d, title %v, %d cells", nb.NBFormat, nb.NBFormatMinor, nb.Metadata["title"], len(nb.Cells))
	}
	if nb.Cells[0].CellType != "markdown" || nb.Cells[1].CellType != "markdown" || nb.Cells[1].Source[0] != "**Contents**" {
		t.Errorf("prose and contents cells: %+v", nb.Cells[:2])
	}
	c := nb.Cells[2]
	if c.CellType != "code" || c.ExecutionCount == nil || *c.ExecutionCount != 1 || c.Source[0] != "environment\n" || len(c.Outputs) != 4 {
		t.Fatalf("code cell %+v", c)
	}
	for i, want := range []string{"text/markdown", "text/html", "image/png", "text/plain"} {
		if _, ok := c.Outputs[i].Data[want]; !ok {
			t.Errorf("output %d lacks %s: %v", i, want, c.Outputs[i].Data)
		}
	}
	if c.Outputs[0].Data["text/plain"] != "Table 1. The machines." || c.Outputs[3].Data["text/plain"] != "Reproduce:\nedgewasm report --cell environment" {
		t.Errorf("caption or commands: %v %v", c.Outputs[0].Data, c.Outputs[3].Data)
	}
}
