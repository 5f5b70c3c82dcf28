// Package md writes paper.md: the document as GitHub-flavoured Markdown,
// figures as files under figures/, each labelled cell preceded by an
// <a id> anchor so that cross-references link to it.
//
// The same Markdown in its HTML flavour (figures inline as data: URIs,
// explicit heading ids) is what report/write/html converts: the HTML
// page is this Markdown rendered, so the two cannot disagree.
package md

import (
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/edgewasm/edgewasm/report/doc"
)

// Flavour is the Markdown variant a writer needs.
type Flavour int

const (
	// GitHub is paper.md: images as files, anchors as <a id>.
	GitHub Flavour = iota
	// HTML is the source of paper.html: images as data: URIs, explicit
	// heading ids.
	HTML
)

// Write renders paper.md.
func Write(d *doc.Document) []byte { return []byte(Render(d, GitHub)) }

// Render renders the whole document as Markdown of a flavour.
func Render(d *doc.Document, f Flavour) string {
	var b strings.Builder
	for _, blk := range d.Blocks {
		switch {
		case blk.Cell == nil:
			b.WriteString(prose(blk.Prose, f))
		case blk.Cell.Structural() == doc.CellToc:
			b.WriteString(d.Contents())
		case blk.Cell.Structural() == doc.CellReproduce:
			b.WriteString(d.Reproduce())
		default:
			b.WriteString(cell(blk, f))
		}
		b.WriteString("\n\n")
	}
	return strings.TrimSpace(b.String()) + "\n"
}

// prose adds explicit heading ids for HTML, where gomarkdown's own ids
// would differ from GitHub's.
func prose(p string, f Flavour) string {
	if f != HTML {
		return p
	}
	lines := strings.Split(p, "\n")
	for i, l := range lines {
		if lvl := doc.HeadingLevel(l); lvl > 1 {
			lines[i] = l + " {#" + doc.Slug(strings.TrimSpace(l[lvl:])) + "}"
		}
	}
	return strings.Join(lines, "\n")
}

// cell renders one evaluated cell: its anchor, a table's caption above
// it, the output, a figure's caption below it.
func cell(blk doc.Block, f Flavour) string {
	o := blk.Out
	var parts []string
	if blk.Cell.Label != "" {
		parts = append(parts, fmt.Sprintf(`<a id="%s"></a>`, doc.Anchor(blk.Cell.Label)))
	}
	capt := blk.Caption()
	if capt != "" && blk.Cell.Kind() == doc.KindTable {
		parts = append(parts, capt)
	}
	if o.Placeholder != "" {
		parts = append(parts, "*"+o.Placeholder+"*")
	}
	if o.Text != "" {
		parts = append(parts, o.Text)
	}
	for _, t := range o.Tables {
		if t.Title != "" && len(o.Tables) > 1 {
			parts = append(parts, "*"+t.Title+"*")
		}
		parts = append(parts, t.Markdown())
		for _, n := range t.Notes {
			parts = append(parts, "*"+n+"*")
		}
	}
	for i, fig := range o.Figures {
		src := "figures/" + fig.Name
		if f == HTML {
			src = "data:image/png;base64," + base64.StdEncoding.EncodeToString(fig.PNG)
		}
		alt := fig.Alt
		if alt == "" {
			alt = blk.Cell.Caption
		}
		parts = append(parts, fmt.Sprintf("![%s](%s)", escape(alt), src))
		if len(o.Figures) > 1 && fig.Title != "" {
			parts = append(parts, fmt.Sprintf("*(%c) %s*", 'a'+i, fig.Title))
		}
	}
	if capt != "" && blk.Cell.Kind() != doc.KindTable {
		parts = append(parts, capt)
	}
	return strings.Join(parts, "\n\n")
}

func escape(s string) string {
	return strings.NewReplacer("[", `\[`, "]", `\]`, "|", `\|`).Replace(s)
}
