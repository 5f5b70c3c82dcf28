package report

import (
	"bytes"
	"fmt"

	"github.com/edgewasm/edgewasm/report/doc"
	"github.com/edgewasm/edgewasm/report/write/html"
	"github.com/edgewasm/edgewasm/report/write/ipynb"
	"github.com/edgewasm/edgewasm/report/write/md"
	"github.com/edgewasm/edgewasm/report/write/pdf"
)

// files renders the document in every format, with its figures and side
// files: one writer per format, each from the document alone. The result
// is in a fixed order and fully determined by the document.
func files(d *doc.Document) ([]doc.File, error) {
	var files []doc.File
	seen := map[string][]byte{}
	add := func(f doc.File) error {
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
			if err := add(doc.File{Path: "figures/" + f.Name, Data: f.PNG}); err != nil {
				return nil, err
			}
		}
		for _, f := range b.Out.Files {
			if err := add(f); err != nil {
				return nil, err
			}
		}
	}
	if err := add(doc.File{Path: doc.ReproduceFile, Data: d.ReproduceScript()}); err != nil {
		return nil, err
	}
	for _, w := range []struct {
		path  string
		write func(*doc.Document) ([]byte, error)
	}{
		{"paper.md", func(d *doc.Document) ([]byte, error) { return md.Write(d), nil }},
		{"paper.html", html.Write},
		{"paper.pdf", pdf.Write},
		{"paper.ipynb", ipynb.Write},
	} {
		b, err := w.write(d)
		if err != nil {
			return nil, err
		}
		if err := add(doc.File{Path: w.path, Data: b}); err != nil {
			return nil, err
		}
	}
	return files, nil
}
