package report

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// PaperSource is the committed paper (report/paper.src.md), built into the
// binary so that `edgewasm report` works from any directory.
//
//go:embed paper.src.md
var PaperSource []byte

// ClaimsCSV is the committed table of the thesis's quantitative claims
// (report/claims.csv).
//
//go:embed claims.csv
var ClaimsCSV []byte

// Config is the input of Render.
type Config struct {
	// Data lists dataset directories; the first is the primary one that
	// inline values in the prose read.
	Data []string `json:"data"`
	// Out is the directory that receives paper.{md,html,pdf,ipynb},
	// figures/ and csv/.
	Out string `json:"out"`
	// Source is a paper source file; empty means the embedded paper.
	Source string `json:"source,omitempty"`
	// Claims is a claims CSV file; empty means the embedded one.
	Claims string `json:"claims,omitempty"`
	// Literature is the literature/ folder of the repository.
	Literature string `json:"literature"`
	// Cache is the cell cache directory: empty means Out/.cache, "off"
	// disables caching.
	Cache string `json:"cache,omitempty"`
}

// Validate checks the configuration.
func (c Config) Validate() error {
	switch {
	case len(c.Data) == 0:
		return errors.New("no dataset given: pass at least one --data DIR (written by edgewasm run)")
	case c.Out == "":
		return errors.New("no output directory given (--out)")
	}
	return nil
}

// Result summarizes a render.
type Result struct {
	Files []string // written, relative to Out, sorted
	Stats Stats
}

// Load reads the datasets, the source and the claims of a configuration.
func Load(cfg Config) (*Engine, *Source, error) {
	if err := cfg.Validate(); err != nil {
		return nil, nil, err
	}
	var sets []*Set
	seen := map[string]string{}
	for _, d := range cfg.Data {
		s, err := LoadSet(d)
		if err != nil {
			return nil, nil, err
		}
		if prev, dup := seen[s.Label]; dup {
			return nil, nil, fmt.Errorf("%s and %s have the same name %q: datasets are labelled by their directory name, which must differ", prev, d, s.Label)
		}
		seen[s.Label] = d
		sets = append(sets, s)
	}
	name, src := "report/paper.src.md", PaperSource
	if cfg.Source != "" {
		b, err := os.ReadFile(cfg.Source)
		if err != nil {
			return nil, nil, err
		}
		name, src = cfg.Source, b
	}
	claims := ClaimsCSV
	if cfg.Claims != "" {
		b, err := os.ReadFile(cfg.Claims)
		if err != nil {
			return nil, nil, err
		}
		claims = b
	}
	source, err := Parse(name, src)
	if err != nil {
		return nil, nil, err
	}
	e := NewEngine(sets, cfg.Literature, claims)
	e.Out = filepath.ToSlash(filepath.Clean(cfg.Out))
	return e, source, nil
}

// Render evaluates the paper and writes it in every format.
func Render(cfg Config) (*Result, error) {
	e, src, err := Load(cfg)
	if err != nil {
		return nil, err
	}
	return e.render(src, cfg)
}

func (e *Engine) render(src *Source, cfg Config) (*Result, error) {
	cache := Cache{Dir: cfg.Cache}
	switch cfg.Cache {
	case "":
		cache.Dir = filepath.Join(cfg.Out, ".cache")
	case "off":
		cache.Dir = ""
	}
	res := &Result{}
	d, err := e.Assemble(src, cache, &res.Stats)
	if err != nil {
		return nil, err
	}
	files, err := d.Files()
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		p := filepath.Join(cfg.Out, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return nil, err
		}
		res.Files = append(res.Files, f.Path)
	}
	slices.Sort(res.Files)
	return res, nil
}

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
	Cell  *Cell
	Out   *Output
	Num   int // figure or table number
}

// Heading is an entry of the table of contents.
type Heading struct {
	Level  int
	Number string
	Text   string
	Anchor string
}

// Assemble evaluates every cell and inline expression and numbers
// figures, tables and sections.
func (e *Engine) Assemble(src *Source, cache Cache, st *Stats) (*Document, error) {
	d := &Document{}
	for _, s := range e.Sets {
		d.Labels = append(d.Labels, s.Label)
		if t := s.Time(); t.After(d.Time) {
			d.Time = t
		}
	}
	if d.Time.IsZero() {
		d.Time = time.Unix(0, 0).UTC()
	}
	// Pass 1: numbers of figures and tables, so that prose can refer to
	// cells that come later.
	refs := map[string]string{}
	counts := map[string]int{}
	for i, seg := range src.Segments {
		b := Block{Line: seg.Line, Cell: seg.Cell, Prose: seg.Prose}
		if c := seg.Cell; c != nil && c.Label != "" {
			if _, dup := refs[c.Label]; dup {
				return nil, fmt.Errorf("%s:%d: label %s used twice", src.Name, c.Line, c.Label)
			}
			counts[c.Kind()]++
			b.Num = counts[c.Kind()]
			refs[c.Label] = fmt.Sprintf("%s %d", titleCase(c.Kind()), b.Num)
		}
		_ = i
		d.Blocks = append(d.Blocks, b)
	}
	// Pass 2: cells, prose and headings.
	sec := []int{0, 0, 0}
	for i := range d.Blocks {
		b := &d.Blocks[i]
		if c := b.Cell; c != nil {
			if strings.TrimSpace(c.Command) == "toc" {
				continue
			}
			o, err := e.Eval(c.Command, false, cache, st)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", src.Name, c.Line, err)
			}
			if err := checkKind(c, o); err != nil {
				return nil, fmt.Errorf("%s:%d: %v", src.Name, c.Line, err)
			}
			b.Out = o
			continue
		}
		var lines []string
		inFence := false
		for j, line := range strings.Split(b.Prose, "\n") {
			no := b.Line + j
			if strings.HasPrefix(strings.TrimSpace(line), "```") {
				inFence = !inFence
			}
			if inFence {
				lines = append(lines, line)
				continue
			}
			line, err := e.inline(line, refs, cache, st)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", src.Name, no, err)
			}
			if lvl := headingLevel(line); lvl > 0 {
				text := strings.TrimSpace(line[lvl:])
				if lvl == 1 {
					if d.Title == "" {
						d.Title = text
					}
				} else if lvl <= 3 {
					sec[lvl-1]++
					for k := lvl; k < len(sec); k++ {
						sec[k] = 0
					}
					num := strconv.Itoa(sec[1])
					if lvl == 3 {
						num += "." + strconv.Itoa(sec[2])
					}
					text = num + " " + text
					d.Toc = append(d.Toc, Heading{Level: lvl, Number: num, Text: text, Anchor: slug(text)})
					line = strings.Repeat("#", lvl) + " " + text
				}
			}
			lines = append(lines, line)
		}
		b.Prose = strings.Join(lines, "\n")
	}
	return d, nil
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func checkKind(c *Cell, o *Output) error {
	if o.Placeholder != "" {
		return nil
	}
	switch c.Kind() {
	case "figure":
		if len(o.Figures) == 0 {
			return fmt.Errorf("cell %s is labelled as a figure but %q produced no figure", c.Label, c.Command)
		}
	case "table":
		if len(o.Tables) == 0 {
			return fmt.Errorf("cell %s is labelled as a table but %q produced no table", c.Label, c.Command)
		}
	}
	return nil
}

// inline substitutes the {{ ... }} expressions of one line of prose.
func (e *Engine) inline(line string, refs map[string]string, cache Cache, st *Stats) (string, error) {
	var firstErr error
	out := inlineRE.ReplaceAllStringFunc(line, func(m string) string {
		expr := strings.TrimSpace(m[2 : len(m)-2])
		if ref, ok := strings.CutPrefix(expr, "ref "); ok {
			ref = strings.TrimSpace(ref)
			t, ok := refs[ref]
			if !ok && firstErr == nil {
				firstErr = fmt.Errorf("ref %s: no cell has this label", ref)
			}
			return "[" + t + "](#" + anchor(ref) + ")"
		}
		o, err := e.Eval(expr, true, cache, st)
		if err != nil {
			if firstErr == nil {
				firstErr = fmt.Errorf("{{ %s }}: %v", expr, err)
			}
			return ""
		}
		if o.Placeholder != "" {
			return "*[" + strings.TrimSuffix(o.Placeholder, ".") + "]*"
		}
		return o.Text
	})
	return out, firstErr
}

// anchor is the HTML id of a labelled cell: fig:cpu → fig-cpu.
func anchor(label string) string { return strings.ReplaceAll(label, ":", "-") }

var headingRE = regexp.MustCompile(`^(#{1,6}) `)

func headingLevel(line string) int {
	if m := headingRE.FindStringSubmatch(line); m != nil {
		return len(m[1])
	}
	return 0
}

// slug is the anchor GitHub gives a heading: lower case, letters, digits,
// spaces turned to dashes, other punctuation dropped.
func slug(text string) string {
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
