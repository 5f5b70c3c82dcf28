package cells

import (
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/edgewasm/edgewasm/report/doc"
)

// Assemble evaluates every cell and inline expression, numbers figures,
// tables and sections, and resolves cross-references and citations.
func (e *Engine) Assemble(src *Source, cache Cache, st *Stats) (*doc.Document, error) {
	d := &doc.Document{}
	for _, s := range e.Model.Sets {
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
	for _, seg := range src.Segments {
		b := doc.Block{Line: seg.Line, Cell: seg.Cell, Prose: seg.Prose}
		if c := seg.Cell; c != nil && c.Label != "" {
			if _, dup := refs[c.Label]; dup {
				return nil, fmt.Errorf("%s:%d: label %s used twice", src.Name, c.Line, c.Label)
			}
			counts[c.Kind()]++
			b.Num = counts[c.Kind()]
			refs[c.Label] = c.Numbered(b.Num)
		}
		d.Blocks = append(d.Blocks, b)
	}
	// Pass 2: cells, concurrently (they read the model, which computes
	// each statistic once), then prose and headings in order.
	if err := e.evalCells(src.Name, d.Blocks, cache, st); err != nil {
		return nil, err
	}
	var num numbering
	for i := range d.Blocks {
		b := &d.Blocks[i]
		if b.Cell != nil {
			continue
		}
		var lines []string
		for _, ll := range unwrap(b.Prose, b.Line) {
			line := ll.text
			if !ll.verbatim {
				var err error
				if line, err = e.inline(line, refs, cache, st); err != nil {
					return nil, fmt.Errorf("%s:%d: %v", src.Name, ll.line, err)
				}
				if lvl := doc.HeadingLevel(line); lvl > 0 {
					text := strings.TrimSpace(line[lvl:])
					if lvl == 1 {
						if d.Title == "" {
							d.Title = text
						}
					} else if h, ok := num.next(lvl, text); ok {
						d.Toc = append(d.Toc, h)
						line = strings.Repeat("#", lvl) + " " + h.Text
					} else {
						line = strings.Repeat("#", lvl) + " " + h.Text
					}
				}
			}
			lines = append(lines, line)
		}
		b.Prose = strings.Join(lines, "\n")
	}
	if err := cite(d, src.Name); err != nil {
		return nil, err
	}
	return d, nil
}

// evalCells evaluates the cells of blocks on GOMAXPROCS workers and
// reports the first error in document order.
func (e *Engine) evalCells(source string, blocks []doc.Block, cache Cache, st *Stats) error {
	errs := make([]error, len(blocks))
	work := make(chan int)
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				c := blocks[i].Cell
				o, err := e.Eval(c.Command, false, cache, st)
				if err == nil {
					err = checkKind(c, o)
				}
				if err != nil {
					errs[i] = fmt.Errorf("%s:%d: %v", source, c.Line, err)
					continue
				}
				blocks[i].Out = o
			}
		}()
	}
	for i, b := range blocks {
		if b.Cell != nil && b.Cell.Structural() == "" {
			work <- i
		}
	}
	close(work)
	wg.Wait()
	slices.Sort(st.Executed)
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// numbering numbers headings: 1, 1.1 in the body; A, A.1 from the first
// level-2 heading that starts with "Appendix" on; a heading ending in
// "{-}" is not numbered and stays out of the contents.
type numbering struct {
	sec      [3]int
	appendix bool
}

func (n *numbering) next(lvl int, text string) (doc.Heading, bool) {
	if t, ok := strings.CutSuffix(text, "{-}"); ok {
		return doc.Heading{Level: lvl, Text: strings.TrimSpace(t)}, false
	}
	if lvl > 3 {
		return doc.Heading{Level: lvl, Text: text}, false
	}
	if lvl == 2 {
		if t, ok := strings.CutPrefix(text, "Appendix"); ok && !n.appendix {
			n.appendix, n.sec = true, [3]int{}
			text = strings.TrimLeft(t, " :.")
		} else if ok {
			text = strings.TrimLeft(t, " :.")
		}
	}
	n.sec[lvl-1]++
	for k := lvl; k < len(n.sec); k++ {
		n.sec[k] = 0
	}
	major := strconv.Itoa(n.sec[1])
	if n.appendix {
		major = string(rune('A' + n.sec[1] - 1))
	}
	number := major
	if lvl == 3 {
		number += "." + strconv.Itoa(n.sec[2])
	}
	full := number + " " + text
	if n.appendix && lvl == 2 {
		full = "Appendix " + number + ". " + text
	}
	return doc.Heading{Level: lvl, Number: number, Text: full, Anchor: doc.Slug(full), Appendix: n.appendix}, true
}

// logicalLine is a line of prose after unwrapping, with the source line it
// starts on.
type logicalLine struct {
	text     string
	line     int
	verbatim bool // inside a fence: copied as is
}

// unwrap joins the lines of each paragraph and list item into one, so that
// the line breaks of the source do not reach the rendered text. Headings,
// list items, table rows, quotes, HTML and fences start a new line; fences
// are kept verbatim.
func unwrap(prose string, first int) []logicalLine {
	var out []logicalLine
	inFence, open := false, false
	for i, raw := range strings.Split(prose, "\n") {
		no := first + i
		trim := strings.TrimSpace(raw)
		if strings.HasPrefix(trim, "```") {
			inFence = !inFence
			out = append(out, logicalLine{text: raw, line: no, verbatim: true})
			open = false
			continue
		}
		if inFence {
			out = append(out, logicalLine{text: raw, line: no, verbatim: true})
			continue
		}
		switch {
		case trim == "":
			out = append(out, logicalLine{line: no})
			open = false
		case open && !startsBlock(trim):
			out[len(out)-1].text += " " + trim
		default:
			out = append(out, logicalLine{text: strings.TrimRight(raw, " "), line: no})
			open = !strings.HasPrefix(trim, "#") && !strings.HasPrefix(trim, "|") && !strings.HasPrefix(trim, "<")
		}
	}
	return out
}

var listItemRE = regexp.MustCompile(`^([-*+]|\d+[.)])\s`)

func startsBlock(trim string) bool {
	return strings.HasPrefix(trim, "#") || strings.HasPrefix(trim, "|") || strings.HasPrefix(trim, ">") ||
		strings.HasPrefix(trim, "<") || listItemRE.MatchString(trim)
}

func checkKind(c *doc.Cell, o *doc.Output) error {
	if o.Placeholder != "" {
		return nil
	}
	switch c.Kind() {
	case doc.KindFigure:
		if len(o.Figures) == 0 {
			return fmt.Errorf("cell %s is labelled as a figure but %q produced no figure", c.Label, c.Command)
		}
	case doc.KindTable:
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
			return "[" + t + "](#" + doc.Anchor(ref) + ")"
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

// citeRE matches a citation: [@key] or [@key1; @key2].
var citeRE = regexp.MustCompile(`\[@([A-Za-z0-9_:.\-]+(?:;\s*@[A-Za-z0-9_:.\-]+)*)\]`)

// cite numbers the works cited anywhere in the document (prose, captions,
// tables, notes) in order of first citation, replaces each [@key] by its
// number and fills the references cell with the cited works only. A
// citation of a work the references do not know, or citations without a
// references cell, are errors naming the source line.
func cite(d *doc.Document, source string) error {
	var refBlock *doc.Block
	known := map[string]doc.Ref{}
	for i := range d.Blocks {
		if o := d.Blocks[i].Out; o != nil && o.Refs != nil {
			refBlock = &d.Blocks[i]
			for _, r := range o.Refs {
				known[r.Key] = r
			}
		}
	}
	numbers := map[string]int{}
	var order []string
	var firstErr error
	replace := func(text string, line int) string {
		return citeRE.ReplaceAllStringFunc(text, func(m string) string {
			var ns []string
			for _, k := range strings.Split(citeRE.FindStringSubmatch(m)[1], ";") {
				k = strings.TrimPrefix(strings.TrimSpace(k), "@")
				r, ok := known[k]
				if r.Alias != "" {
					k, ok = r.Alias, known[r.Alias].Text != ""
				}
				if !ok && firstErr == nil {
					if refBlock == nil {
						firstErr = fmt.Errorf("%s:%d: citation [@%s], but the paper has no references cell", source, line, k)
					} else {
						firstErr = fmt.Errorf("%s:%d: citation [@%s]: no such work in the references", source, line, k)
					}
				}
				if numbers[k] == 0 {
					order = append(order, k)
					numbers[k] = len(order)
				}
				ns = append(ns, strconv.Itoa(numbers[k]))
			}
			return "[" + strings.Join(ns, ", ") + "]"
		})
	}
	for i := range d.Blocks {
		b := &d.Blocks[i]
		if b.Cell == nil {
			b.Prose = replace(b.Prose, b.Line)
			continue
		}
		b.Cell.Caption = replace(b.Cell.Caption, b.Cell.Line)
		o := b.Out
		if o == nil {
			continue
		}
		o.Text = replace(o.Text, b.Line)
		for t := range o.Tables {
			tb := &o.Tables[t]
			for r := range tb.Rows {
				for c := range tb.Rows[r] {
					tb.Rows[r][c] = replace(tb.Rows[r][c], b.Line)
				}
			}
			for n := range tb.Notes {
				tb.Notes[n] = replace(tb.Notes[n], b.Line)
			}
		}
	}
	if firstErr != nil {
		return firstErr
	}
	if refBlock != nil {
		var lines []string
		for i, k := range order {
			lines = append(lines, fmt.Sprintf("- [%d] %s", i+1, known[k].Text))
		}
		refBlock.Out.Text = strings.Join(lines, "\n")
		if len(lines) == 0 {
			refBlock.Out.Text = "*Nothing is cited.*"
		}
	}
	return nil
}
