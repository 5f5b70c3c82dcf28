package doc

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gomarkdown/markdown"
	mdhtml "github.com/gomarkdown/markdown/html"
	"github.com/gomarkdown/markdown/parser"
)

// Extensions are the Markdown features the paper uses (GitHub-flavoured
// tables and fences; no MathJax, whose $ handling would eat prices and
// shell variables): the dialect every writer parses the document's text
// in.
const Extensions = parser.NoIntraEmphasis | parser.Tables | parser.FencedCode |
	parser.Autolink | parser.Strikethrough | parser.SpaceHeadings | parser.HeadingIDs |
	parser.BackslashLineBreak

// HTML renders a Markdown fragment of the document in its dialect.
func HTML(md string) []byte {
	p := parser.NewWithExtensions(Extensions)
	r := mdhtml.NewRenderer(mdhtml.RendererOptions{Flags: mdhtml.CommonFlags})
	return markdown.ToHTML([]byte(md), p, r)
}

// Caption is "**Figure 2.** text" for a numbered cell, "" otherwise.
func (b Block) Caption() string {
	if b.Cell.Label == "" || b.Num == 0 {
		return ""
	}
	return fmt.Sprintf("**%s.** %s", b.Cell.Numbered(b.Num), b.Cell.Caption)
}

// Contents is the table of contents as a Markdown list of links to the
// headings.
func (d *Document) Contents() string {
	var b strings.Builder
	b.WriteString("**Contents**\n\n")
	for _, h := range d.Toc {
		indent := strings.Repeat("  ", h.Level-2)
		fmt.Fprintf(&b, "%s- [%s](#%s)\n", indent, h.Text, h.Anchor)
	}
	return strings.TrimSpace(b.String())
}

// ReproduceFile is the side file that lists, for every numbered table and
// figure and every table written beside the paper, the commands that
// recompute it.
const ReproduceFile = "reproduce.sh"

// Reproduce is the reproduce cell: a short paragraph that points to
// ReproduceFile (written beside the paper, see ReproduceScript) and to the
// provenance paper.html shows on hover, rather than pages of commands.
func (d *Document) Reproduce() string {
	return fmt.Sprintf("The commands that recompute every table and figure of this paper are listed, one by one, in "+
		"[%s](%s) beside the paper. In paper.html every computed number shows, when the pointer rests on it, "+
		"the command that recomputes it and the dataset cells it read.", ReproduceFile, ReproduceFile)
}

var mdLinkRE = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)

// ReproduceScript lists, for every numbered table and figure, the commands
// that recompute it, as a shell script run from the repository's root
// (paths under csv/ and figures/ are relative to the paper).
func (d *Document) ReproduceScript() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "#!/bin/sh\n# The commands that recompute every table and figure of %q.\n", d.Title)
	b.WriteString("# Run from the repository's root; paths under csv/ and figures/ are relative to the paper's folder.\n")
	for _, blk := range d.Blocks {
		if blk.Cell == nil || blk.Out == nil || len(blk.Out.Commands) == 0 {
			continue
		}
		if blk.Num == 0 {
			// A cell whose tables went to files beside the paper.
			var files []string
			for _, f := range blk.Out.Files {
				files = append(files, f.Path)
			}
			if len(files) > 0 {
				fmt.Fprintf(&b, "\n# %s\n%s\n", strings.Join(files, ", "), strings.Join(blk.Out.Commands, "\n"))
			}
			continue
		}
		capt := strings.ReplaceAll(mdLinkRE.ReplaceAllString(blk.Cell.Caption, "$1"), "*", "")
		fmt.Fprintf(&b, "\n# %s. %s\n%s\n", blk.Cell.Numbered(blk.Num), capt, strings.Join(blk.Out.Commands, "\n"))
	}
	return []byte(b.String())
}

// Markdown renders the table as a pipe table.
func (t Table) Markdown() string { return t.MarkdownCells(nil) }

// MarkdownCells renders the table as a pipe table, each body cell's
// Markdown passed through decorate (with its row and column) when it is
// not nil: the HTML flavour wraps computed cells in their provenance.
func (t Table) MarkdownCells(decorate func(r, c int, md string) string) string {
	var b strings.Builder
	cell := func(s string) string {
		s = strings.ReplaceAll(s, "|", `\|`)
		if s == "" {
			return " "
		}
		return s
	}
	b.WriteString("|")
	for _, h := range t.Header {
		b.WriteString(" " + cell(h) + " |")
	}
	b.WriteString("\n|")
	for i := range t.Header {
		if i < len(t.Right) && t.Right[i] {
			b.WriteString("---:|")
		} else {
			b.WriteString("---|")
		}
	}
	for ri, r := range t.Rows {
		b.WriteString("\n|")
		for i := range t.Header {
			v := ""
			if i < len(r) {
				v = r[i]
			}
			v = cell(v)
			if decorate != nil {
				v = decorate(ri, i, v)
			}
			b.WriteString(" " + v + " |")
		}
	}
	return b.String()
}

// Plain renders the table as aligned plain text, with its title and notes.
func (t Table) Plain() string {
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

// Anchor is the HTML id of a labelled cell: fig:cpu → fig-cpu.
func Anchor(label string) string { return strings.ReplaceAll(label, ":", "-") }

var headingRE = regexp.MustCompile(`^(#{1,6}) `)

// HeadingLevel is the level of a Markdown heading line (1 for "# "), 0
// for any other line.
func HeadingLevel(line string) int {
	if m := headingRE.FindStringSubmatch(line); m != nil {
		return len(m[1])
	}
	return 0
}

// Slug is the anchor GitHub gives a heading: lower case, letters, digits,
// spaces turned to dashes, other punctuation dropped.
func Slug(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}
