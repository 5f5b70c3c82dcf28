// Package doc is the document the cell engine produces and every writer
// reads: the evaluated paper as blocks of prose and cells, each cell with
// its output (text, tables, figures, side files), numbered figures and
// tables, the table of contents and the datasets' timestamp.
//
// It is the seam between computing the paper and writing it. The engine
// (report/cells) fills a Document from the source and the model; one
// writer per format (report/write/md, html, pdf, ipynb) turns a Document
// into bytes and imports nothing of the engine, the model or the
// statistics. The text of a document is Markdown of one dialect
// (Extensions), so this package also holds what every format needs of
// that Markdown: a caption, a table as Markdown or plain text, the
// contents, the reproduce list, heading anchors and the HTML of a
// fragment.
package doc

import (
	"fmt"
	"strings"
	"time"
)

// Document is an evaluated paper, ready to be written in any format.
type Document struct {
	Title  string
	Blocks []Block
	Toc    []Heading
	Time   time.Time // the datasets' latest timestamp
	Labels []string  // dataset labels
}

// Block is evaluated prose or an evaluated cell.
type Block struct {
	Line  int
	Prose string // Markdown with inline values substituted; headings numbered
	// Values are the computed values in Prose, with their provenance.
	Values []Span
	Cell   *Cell
	Out    *Output
	// Num is the figure or table number of a labelled cell; 0 when the
	// cell produced no table or figure (it then shows only its text, a
	// line saying why, and takes no number).
	Num int
}

// Heading is an entry of the table of contents.
type Heading struct {
	Level    int
	Number   string
	Text     string
	Anchor   string
	Appendix bool
}

// Cell is a block cell as the source wrote it: a fenced block opened by
// "```cell", optionally followed by a label (#fig:NAME or #tab:NAME),
// holding one command line and an optional "caption:" line.
type Cell struct {
	Label   string
	Command string
	Caption string
	// When is the condition under which the cell is shown (a when:
	// line; the cell language's when command), "" for always.
	When string
	Line int
}

// Kinds of labelled cell.
const (
	KindFigure = "figure" // a fig: label
	KindTable  = "table"  // a tab: label
)

// Kind is KindFigure for fig: labels, KindTable for tab: labels and "" for
// unlabelled cells.
func (c *Cell) Kind() string {
	switch {
	case strings.HasPrefix(c.Label, "fig:"):
		return KindFigure
	case strings.HasPrefix(c.Label, "tab:"):
		return KindTable
	}
	return ""
}

// Numbered is how the paper names the cell's figure or table: "Table 3".
func (c *Cell) Numbered(num int) string {
	k := c.Kind()
	if k != "" {
		k = strings.ToUpper(k[:1]) + k[1:]
	}
	return fmt.Sprintf("%s %d", k, num)
}

// Source renders the cell as it appears in the source, for notebooks.
func (c *Cell) Source() string {
	s := c.Command
	if c.When != "" {
		s += "\nwhen: " + c.When
	}
	if c.Caption != "" {
		s += "\ncaption: " + c.Caption
	}
	return s
}

// Structural cells are laid out by the writers from the whole document
// rather than run.
const (
	CellToc       = "toc"       // the table of contents
	CellReproduce = "reproduce" // every labelled cell's commands
)

// Structural is CellToc or CellReproduce for a structural cell, "" for a
// cell the engine runs.
func (c *Cell) Structural() string {
	switch cmd := strings.TrimSpace(c.Command); cmd {
	case CellToc, CellReproduce:
		return cmd
	}
	return ""
}
