package report

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
)

// Output formats of the Markdown writer.
const (
	targetMD   = "md"   // GitHub: images as files, anchors as <a id>
	targetHTML = "html" // images as data: URIs, explicit heading ids
	targetPDF  = "pdf"  // no raw HTML
)

// Files renders the document in every format, with its figures and side
// files. The result is sorted by path and fully determined by the document.
func (d *Document) Files() ([]File, error) {
	var files []File
	seen := map[string][]byte{}
	add := func(f File) error {
		if prev, ok := seen[f.Path]; ok {
			if bytes.Equal(prev, f.Data) {
				return nil // e.g. the same long table behind friedman and posthoc
			}
			return fmt.Errorf("two cells write different contents to %s", f.Path)
		}
		seen[f.Path] = f.Data
		files = append(files, f)
		return nil
	}
	for _, b := range d.Blocks {
		if b.Out == nil {
			continue
		}
		for _, f := range b.Out.Figures {
			if err := add(File{Path: "figures/" + f.Name, Data: f.PNG}); err != nil {
				return nil, err
			}
		}
		for _, f := range b.Out.Files {
			if err := add(f); err != nil {
				return nil, err
			}
		}
	}
	md := d.Markdown(targetMD)
	html, err := d.HTML()
	if err != nil {
		return nil, err
	}
	pdf, err := d.PDF()
	if err != nil {
		return nil, err
	}
	nb, err := d.Notebook()
	if err != nil {
		return nil, err
	}
	for _, f := range []File{{"paper.md", []byte(md)}, {"paper.html", html}, {"paper.pdf", pdf}, {"paper.ipynb", nb}} {
		if err := add(f); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// Markdown renders the whole document for one target.
func (d *Document) Markdown(target string) string {
	var b strings.Builder
	for _, blk := range d.Blocks {
		switch {
		case blk.Cell == nil:
			b.WriteString(d.prose(blk.Prose, target))
		case strings.TrimSpace(blk.Cell.Command) == cellToc:
			b.WriteString(d.tocMarkdown(target))
		case strings.TrimSpace(blk.Cell.Command) == cellReproduce:
			b.WriteString(d.reproduceMarkdown())
		default:
			b.WriteString(cellMarkdown(blk, target, false))
		}
		b.WriteString("\n\n")
	}
	return strings.TrimSpace(b.String()) + "\n"
}

// prose adds explicit heading ids for HTML, where gomarkdown's own ids
// would differ from GitHub's.
func (d *Document) prose(p, target string) string {
	if target != targetHTML {
		return p
	}
	lines := strings.Split(p, "\n")
	for i, l := range lines {
		if lvl := headingLevel(l); lvl > 1 {
			lines[i] = l + " {#" + slug(strings.TrimSpace(l[lvl:])) + "}"
		}
	}
	return strings.Join(lines, "\n")
}

// reproduceMarkdown lists, for every labelled table and figure, the
// commands that recompute it (run from the repository's root; paths under
// csv/ and figures/ are relative to the paper).
func (d *Document) reproduceMarkdown() string {
	var b strings.Builder
	for _, blk := range d.Blocks {
		if blk.Cell == nil || blk.Cell.Label == "" || blk.Out == nil || len(blk.Out.Commands) == 0 {
			continue
		}
		fmt.Fprintf(&b, "**%s %d.**\n\n```sh\n%s\n```\n\n", titleCase(blk.Cell.Kind()), blk.Num, strings.Join(blk.Out.Commands, "\n"))
	}
	return strings.TrimSpace(b.String())
}

func (d *Document) tocMarkdown(target string) string {
	var b strings.Builder
	b.WriteString("**Contents**\n\n")
	for _, h := range d.Toc {
		indent := strings.Repeat("  ", h.Level-2)
		if target == targetPDF {
			fmt.Fprintf(&b, "%s- %s\n", indent, h.Text)
		} else {
			fmt.Fprintf(&b, "%s- [%s](#%s)\n", indent, h.Text, h.Anchor)
		}
	}
	return strings.TrimSpace(b.String())
}

// caption is "**Figure 2.** text" for labelled cells.
func caption(blk Block) string {
	if blk.Cell.Label == "" {
		return ""
	}
	return fmt.Sprintf("**%s %d.** %s", titleCase(blk.Cell.Kind()), blk.Num, blk.Cell.Caption)
}

// cellMarkdown renders one evaluated cell; withCommands adds the commands
// that reproduce it.
func cellMarkdown(blk Block, target string, withCommands bool) string {
	o := blk.Out
	var parts []string
	if blk.Cell.Label != "" && target != targetPDF {
		parts = append(parts, fmt.Sprintf(`<a id="%s"></a>`, anchor(blk.Cell.Label)))
	}
	capt := caption(blk)
	if capt != "" && blk.Cell.Kind() == "table" {
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
		parts = append(parts, tableMarkdown(t))
		for _, n := range t.Notes {
			parts = append(parts, "*"+n+"*")
		}
	}
	for i, f := range o.Figures {
		src := "figures/" + f.Name
		if target == targetHTML {
			src = "data:image/png;base64," + base64.StdEncoding.EncodeToString(f.PNG)
		}
		alt := f.Alt
		if alt == "" {
			alt = blk.Cell.Caption
		}
		parts = append(parts, fmt.Sprintf("![%s](%s)", mdEscape(alt), src))
		if len(o.Figures) > 1 && f.Title != "" {
			parts = append(parts, fmt.Sprintf("*(%c) %s*", 'a'+i, f.Title))
		}
	}
	if capt != "" && blk.Cell.Kind() != "table" {
		parts = append(parts, capt)
	}
	if withCommands && len(o.Commands) > 0 {
		parts = append(parts, "Reproduce:\n\n```sh\n"+strings.Join(o.Commands, "\n")+"\n```")
	}
	return strings.Join(parts, "\n\n")
}

func mdEscape(s string) string {
	return strings.NewReplacer("[", `\[`, "]", `\]`, "|", `\|`).Replace(s)
}

// tableMarkdown renders a pipe table.
func tableMarkdown(t Table) string {
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
	for _, r := range t.Rows {
		b.WriteString("\n|")
		for i := range t.Header {
			v := ""
			if i < len(r) {
				v = r[i]
			}
			b.WriteString(" " + cell(v) + " |")
		}
	}
	return b.String()
}
