package doc

import (
	"strings"
	"testing"
)

// testDoc has a contents cell, a labelled table with a command, a
// labelled figure and the reproduce list.
func testDoc() *Document {
	return &Document{
		Title: "T",
		Toc:   []Heading{{Level: 2, Number: "1", Text: "1 Method", Anchor: "1-method"}, {Level: 3, Number: "1.1", Text: "1.1 Data", Anchor: "11-data"}},
		Blocks: []Block{
			{Cell: &Cell{Command: " toc "}},
			{Prose: "## 1 Method"},
			{Cell: &Cell{Label: "tab:env", Command: "environment", Caption: "The machines."}, Num: 2,
				Out: &Output{Tables: []Table{{Header: []string{"a|b", "n"}, Rows: [][]string{{"x", "10"}, {"longer"}}, Right: []bool{false, true}, Notes: []string{"A note."}}},
					Commands: []string{"edgewasm report --cell environment"}}},
			{Cell: &Cell{Label: "fig:dots", Command: "dots", Caption: "Dots."}, Num: 1, Out: &Output{}},
			{Cell: &Cell{Command: "reproduce"}},
		},
	}
}

func TestCellKindsAndNames(t *testing.T) {
	d := testDoc()
	if k := d.Blocks[2].Cell.Kind(); k != KindTable {
		t.Errorf("tab: kind %q", k)
	}
	if k := d.Blocks[3].Cell.Kind(); k != KindFigure {
		t.Errorf("fig: kind %q", k)
	}
	if got := d.Blocks[2].Caption(); got != "**Table 2.** The machines." {
		t.Errorf("caption %q", got)
	}
	if got := d.Blocks[0].Cell.Structural(); got != CellToc {
		t.Errorf("toc cell: %q", got)
	}
	if got := d.Blocks[2].Cell.Structural(); got != "" {
		t.Errorf("environment is not structural: %q", got)
	}
	if got := (&Cell{Command: "medians exp=cpu", Caption: "C."}).Source(); got != "medians exp=cpu\ncaption: C." {
		t.Errorf("source %q", got)
	}
}

func TestMarkdownPieces(t *testing.T) {
	d := testDoc()
	if got, want := d.Contents(), "**Contents**\n\n- [1 Method](#1-method)\n  - [1.1 Data](#11-data)"; got != want {
		t.Errorf("contents %q, want %q", got, want)
	}
	// Only numbered cells with commands are listed, in the script; the
	// paper's reproduce cell points to it.
	if got, want := string(d.ReproduceScript()), "#!/bin/sh\n# The commands that recompute every table and figure of \"T\".\n"+
		"# Run from the repository's root; paths under csv/ and figures/ are relative to the paper's folder.\n\n"+
		"# Table 2. The machines.\nedgewasm report --cell environment\n"; got != want {
		t.Errorf("reproduce script %q, want %q", got, want)
	}
	if got := d.Reproduce(); !strings.Contains(got, "[reproduce.sh](reproduce.sh)") {
		t.Errorf("reproduce cell %q", got)
	}
	// Provenance: a read as one line, and a cell's provenance by row and column.
	r := Read{Dataset: "x86", Exp: "cpu", Tests: []string{"aes"}, Platforms: []string{"wazero", "native"}, Metrics: []string{"kernel_ms"}}
	if got, want := r.String(), "x86: cpu / aes / every language / wazero, native / kernel_ms"; got != want {
		t.Errorf("read %q, want %q", got, want)
	}
	if got, want := (Provenance{Command: "c", Reads: []Read{r, {Dataset: "x86", Env: "host.arch"}}}).String(),
		"c\nreads x86: cpu / aes / every language / wazero, native / kernel_ms\nreads x86: environment.json host.arch"; got != want {
		t.Errorf("provenance %q, want %q", got, want)
	}
	var tp Table
	tp.SetProv(1, 2, &Provenance{Command: "x"})
	if tp.CellProv(1, 2).Command != "x" || tp.CellProv(0, 0) != nil || tp.CellProv(5, 5) != nil {
		t.Error("cell provenance")
	}
	tb := d.Blocks[2].Out.Tables[0]
	if got, want := tb.Markdown(), "| a\\|b | n |\n|---|---:|\n| x | 10 |\n| longer |   |"; got != want {
		t.Errorf("markdown table\n%s\nwant\n%s", got, want)
	}
	if got, want := tb.Plain(), "a|b      n\n------  --\nx       10\nlonger    \nA note."; got != want {
		t.Errorf("plain table\n%q\nwant\n%q", got, want)
	}
	if got := Slug("Appendix A. Verdicts, in detail"); got != "appendix-a-verdicts-in-detail" {
		t.Errorf("slug %q", got)
	}
	if HeadingLevel("### 1.1 Data") != 3 || HeadingLevel("#hashtag") != 0 {
		t.Error("heading levels")
	}
	if Anchor("fig:cpu") != "fig-cpu" {
		t.Error(Anchor("fig:cpu"))
	}
	if h := string(HTML("| a |\n|---|\n| 1 |\n")); !strings.Contains(h, "<table>") {
		t.Errorf("a table in the dialect is not a table: %s", h)
	}
}
