package doc

// Output is what a cell produced. It is cached as JSON, so it holds only
// data: labels, numbers and captions are applied when the document is
// assembled.
type Output struct {
	// Text is Markdown: the value of an inline expression, or the body of
	// a text cell (paragraphs, lists).
	Text string `json:"text,omitempty"`
	// Tables and Figures: a cell may emit one per dataset, side by side.
	Tables  []Table  `json:"tables,omitempty"`
	Figures []Figure `json:"figures,omitempty"`
	// Placeholder explains why the cell shows no result yet (a part of
	// the artifact that has not landed, or data that was not measured).
	Placeholder string `json:"placeholder,omitempty"`
	// Commands a reader can run to get the same result.
	Commands []string `json:"commands,omitempty"`
	// Prov is where an inline value comes from (nil: its Commands).
	Prov *Provenance `json:"prov,omitempty"`
	// Files are written next to the paper (e.g. the CSV a statistic read).
	Files []File `json:"files,omitempty"`
	// Refs are the works a references cell can list; the document keeps
	// the cited ones (report/cells numbers them in order of citation).
	Refs []Ref `json:"refs,omitempty"`
}

// Ref is one work that text can cite as [@Key].
type Ref struct {
	Key  string `json:"key"`
	Text string `json:"text,omitempty"` // Markdown
	// Alias, when set, is the key this one stands for (the thesis lists
	// some works twice).
	Alias string `json:"alias,omitempty"`
}

// Table is a simple grid of strings. Rows may be shorter than Header.
type Table struct {
	Title  string     `json:"title,omitempty"` // sub-caption, e.g. the dataset
	Header []string   `json:"header"`
	Rows   [][]string `json:"rows"`
	// Right lists the columns that hold numbers (right-aligned).
	Right []bool   `json:"right,omitempty"`
	Notes []string `json:"notes,omitempty"`
	// Prov, parallel to Rows, is where each computed cell comes from
	// (nil rows or cells for those that compute nothing).
	Prov [][]*Provenance `json:"prov,omitempty"`
}

// CellProv is the provenance of a cell, nil when it has none.
func (t Table) CellProv(r, c int) *Provenance {
	if r < len(t.Prov) && c < len(t.Prov[r]) {
		return t.Prov[r][c]
	}
	return nil
}

// SetProv records the provenance of a cell.
func (t *Table) SetProv(r, c int, p *Provenance) {
	for len(t.Prov) <= r {
		t.Prov = append(t.Prov, nil)
	}
	for len(t.Prov[r]) <= c {
		t.Prov[r] = append(t.Prov[r], nil)
	}
	t.Prov[r][c] = p
}

// Figure is one PNG image.
type Figure struct {
	Name  string `json:"name"` // file name under figures/, unique in the paper
	Title string `json:"title,omitempty"`
	PNG   []byte `json:"png"`
	Alt   string `json:"alt,omitempty"`
}

// File is a side file written under the output directory.
type File struct {
	Path string `json:"path"` // slash-separated, relative to the output dir
	Data []byte `json:"data"`
}
