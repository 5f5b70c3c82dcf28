// Package html writes paper.html: one self-contained page, the CSS inline,
// figures as data: URIs, no script and no external resource. The page is
// the document's Markdown in its HTML flavour (report/write/md) rendered
// by gomarkdown in the document's dialect (doc.HTML), so it says exactly
// what paper.md says.
package html

import (
	"bytes"
	stdhtml "html"

	"github.com/edgewasm/edgewasm/report/doc"
	"github.com/edgewasm/edgewasm/report/write/md"
)

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
em{color:#333}
.v{border-bottom:1px dotted #889;cursor:help}`

// Write renders paper.html.
func Write(d *doc.Document) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	b.WriteString("<title>" + stdhtml.EscapeString(d.Title) + "</title>\n<style>\n" + css + "\n</style>\n</head>\n<body>\n")
	b.Write(doc.HTML(md.Render(d, md.HTML)))
	b.WriteString("</body>\n</html>\n")
	return b.Bytes(), nil
}
