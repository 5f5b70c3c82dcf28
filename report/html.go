package report

import (
	"bytes"
	"html"

	"github.com/gomarkdown/markdown"
	mdhtml "github.com/gomarkdown/markdown/html"
	"github.com/gomarkdown/markdown/parser"
)

// mdExtensions are the Markdown features the paper uses (GitHub-flavoured
// tables and fences; no MathJax, whose $ handling would eat prices and
// shell variables).
const mdExtensions = parser.NoIntraEmphasis | parser.Tables | parser.FencedCode |
	parser.Autolink | parser.Strikethrough | parser.SpaceHeadings | parser.HeadingIDs |
	parser.BackslashLineBreak

// markdownToHTML renders a Markdown fragment.
func markdownToHTML(md string) []byte {
	p := parser.NewWithExtensions(mdExtensions)
	r := mdhtml.NewRenderer(mdhtml.RendererOptions{Flags: mdhtml.CommonFlags})
	return markdown.ToHTML([]byte(md), p, r)
}

// css is the whole style of paper.html: inline, so the file needs nothing
// from the network.
const css = `body{font-family:"Liberation Serif",Georgia,serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#111}
h1,h2,h3{font-family:"Liberation Sans",Helvetica,Arial,sans-serif;line-height:1.25}
table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}
th,td{border-top:1px solid #bbb;border-bottom:1px solid #bbb;padding:.25rem .5rem}
th{background:#f3f3f3}
img{max-width:100%}
code,pre{font-family:"Liberation Mono",Menlo,monospace;font-size:.85rem}
pre{background:#f6f6f6;padding:.5rem;overflow-x:auto}
em{color:#333}`

// HTML renders a self-contained page: CSS inline, images as data: URIs,
// no script and no external resource.
func (d *Document) HTML() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	b.WriteString("<title>" + html.EscapeString(d.Title) + "</title>\n<style>\n" + css + "\n</style>\n</head>\n<body>\n")
	b.Write(markdownToHTML(d.Markdown(targetHTML)))
	b.WriteString("</body>\n</html>\n")
	return b.Bytes(), nil
}
