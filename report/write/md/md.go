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
	"html"
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
			b.WriteString(prose(blk, f))
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
// would differ from GitHub's, and wraps each computed value in a span
// whose title is its provenance (shown on hover).
func prose(blk doc.Block, f Flavour) string {
	if f != HTML {
		return blk.Prose
	}
	var out []string
	at := 0
	spans := blk.Values
	for _, l := range strings.Split(blk.Prose, "\n") {
		end := at + len(l)
		var mine []doc.Span
		for len(spans) > 0 && spans[0].Start < end+1 {
			if spans[0].End <= end {
				mine = append(mine, spans[0])
			}
			spans = spans[1:]
		}
		line := l
		if lvl := doc.HeadingLevel(l); lvl > 1 {
			line += " {#" + doc.Slug(strings.TrimSpace(l[lvl:])) + "}"
		}
		// From the last value to the first, so that offsets hold.
		for i := len(mine) - 1; i >= 0; i-- {
			sp := mine[i]
			s, e := sp.Start-at, sp.End-at
			if strings.Count(line[:s], "`")%2 == 1 {
				continue // inside a code span, where HTML would show as text
			}
			line = line[:s] + provOpen(sp.Prov) + line[s:e] + "</span>" + line[e:]
		}
		out = append(out, line)
		at = end + 1
	}
	return strings.Join(out, "\n")
}

// provOpen opens the span that shows a value's provenance on hover.
func provOpen(p doc.Provenance) string {
	return `<span class="v" title="` + attr(p.String()) + `">`
}

// attr escapes text for a double-quoted attribute that sits in a line of
// Markdown, perhaps in a table cell: line breaks and pipes as entities.
func attr(s string) string {
	return strings.NewReplacer("\n", "&#10;", "|", "&#124;").Replace(html.EscapeString(s))
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
		if f == HTML {
			parts = append(parts, t.MarkdownCells(func(r, c int, v string) string {
				if p := t.CellProv(r, c); p != nil && strings.TrimSpace(v) != "" {
					return provOpen(*p) + v + "</span>"
				}
				return v
			}))
		} else {
			parts = append(parts, t.Markdown())
		}
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
		img := fmt.Sprintf("![%s](%s)", escape(alt), src)
		if f == HTML && len(o.Commands) > 0 {
			img = provOpen(doc.Provenance{Command: strings.Join(o.Commands, "\n")}) + img + "</span>"
		}
		parts = append(parts, img)
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
