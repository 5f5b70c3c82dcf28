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

// Assemble evaluates every cell and inline expression, leaves out what
// the guards hide (see Guards), numbers sections, figures and tables, and
// resolves cross-references and citations. A labelled cell that produced
// no table or figure (nothing measured, nothing failed) keeps its line of
// text but takes no number, so the numbers follow on without gaps.
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
	// Pass 1: the guards decide which prose, sections and cells remain.
	lines, err := e.guard(src, d)
	if err != nil {
		return nil, err
	}
	// Pass 2: cells, concurrently (they read the model, which computes
	// each statistic once).
	if err := e.evalCells(src.Name, d.Blocks, cache, st); err != nil {
		return nil, err
	}
	// Pass 3: numbers of the figures and tables that have content, so
	// that prose can refer to cells that come later.
	refs := map[string]ref{}
	counts := map[string]int{}
	for i := range d.Blocks {
		b := &d.Blocks[i]
		if b.Cell == nil || b.Cell.Label == "" {
			continue
		}
		if _, dup := refs[b.Cell.Label]; dup {
			return nil, fmt.Errorf("%s:%d: label %s used twice", src.Name, b.Cell.Line, b.Cell.Label)
		}
		r := ref{text: omitted(b.Cell.Kind())}
		if b.Out != nil && (len(b.Out.Tables) > 0 || len(b.Out.Figures) > 0) {
			counts[b.Cell.Kind()]++
			b.Num = counts[b.Cell.Kind()]
			r = ref{text: b.Cell.Numbered(b.Num), anchor: doc.Anchor(b.Cell.Label)}
		}
		refs[b.Cell.Label] = r
	}
	kept := map[string]bool{}
	for _, ls := range lines {
		for _, ll := range ls {
			kept[ll.label] = ll.label != ""
		}
	}
	for _, l := range hiddenLabels(src, d) {
		if _, ok := refs[l]; !ok && !kept[l] {
			refs[l] = ref{text: omitted(kindOf(l))}
		}
	}
	// Pass 4: headings in order (numbered, so that prose can refer to
	// sections that come later), then the rest of the prose.
	var num numbering
	for i := range d.Blocks {
		for j := range lines[i] {
			ll := &lines[i][j]
			if ll.level == 0 {
				continue
			}
			text, _, err := e.inline(ll.text, refs, cache, st)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", src.Name, ll.line, err)
			}
			body := strings.TrimSpace(text[ll.level:])
			if ll.level == 1 {
				if d.Title == "" {
					d.Title = body
				}
				continue // evaluated again with the prose, which keeps its values
			}
			h, numbered := num.next(ll.level, body)
			if numbered {
				d.Toc = append(d.Toc, h)
			}
			ll.text = strings.Repeat("#", ll.level) + " " + h.Text
			if ll.label != "" {
				if _, dup := refs[ll.label]; dup {
					return nil, fmt.Errorf("%s:%d: label %s used twice", src.Name, ll.line, ll.label)
				}
				r := ref{text: h.Text, anchor: doc.Slug(h.Text)}
				switch {
				case numbered && h.Appendix:
					r.text = "Appendix " + h.Number
				case numbered:
					r.text = "Section " + h.Number
				}
				refs[ll.label] = r
			}
			ll.done = true
		}
	}
	for i := range d.Blocks {
		b := &d.Blocks[i]
		if b.Cell != nil {
			if strings.Contains(b.Cell.Caption, "{{") {
				// A caption may refer to sections and cells.
				capt, _, err := e.inline(b.Cell.Caption, refs, cache, st)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: caption: %v", src.Name, b.Cell.Line, err)
				}
				b.Cell.Caption = capt
			}
			continue
		}
		var out []string
		at := 0
		for _, ll := range lines[i] {
			text, spans := ll.text, []doc.Span(nil)
			if !ll.verbatim && !ll.done {
				var err error
				if text, spans, err = e.inline(ll.text, refs, cache, st); err != nil {
					return nil, fmt.Errorf("%s:%d: %v", src.Name, ll.line, err)
				}
			}
			for _, sp := range spans {
				sp.Start, sp.End = sp.Start+at, sp.End+at
				b.Values = append(b.Values, sp)
			}
			out = append(out, text)
			at += len(text) + 1
		}
		b.Prose = strings.Join(out, "\n")
	}
	if err := cite(d, src.Name); err != nil {
		return nil, err
	}
	return d, nil
}

// ref is what a cross-reference becomes: the text of a link and its
// anchor, or text alone for a cell or section left out.
type ref struct{ text, anchor string }

// omitted is what a reference to a cell or section left out says.
func omitted(kind string) string {
	switch kind {
	case doc.KindFigure:
		return "Figure (not shown)"
	case doc.KindTable:
		return "Table (not shown)"
	}
	return "Section (not shown)"
}

func kindOf(label string) string {
	return (&doc.Cell{Label: label}).Kind()
}

// proseLine is a logical line of prose that the guards kept.
type proseLine struct {
	logicalLine
	level int    // heading level, 0 for other lines
	label string // a heading's {#sec:NAME}
	done  bool   // a heading already evaluated and numbered
}

// guard applies the guards of the source (see Guards): it fills d.Blocks
// with the cells and prose that remain, and returns, for each prose block,
// its logical lines, guards removed.
func (e *Engine) guard(src *Source, d *doc.Document) (map[int][]proseLine, error) {
	lines := map[int][]proseLine{}
	hide := 0 // level of the heading whose section is hidden; 0: none
	for _, seg := range src.Segments {
		if c := seg.Cell; c != nil {
			if hide > 0 {
				continue
			}
			if c.When != "" {
				ok, err := e.cond("when " + c.When)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: when: %v", src.Name, c.Line, err)
				}
				if !ok {
					continue
				}
			}
			cc := *c // captions get their citations numbered: the source stays as parsed
			d.Blocks = append(d.Blocks, doc.Block{Line: seg.Line, Cell: &cc})
			continue
		}
		var kept []proseLine
		for _, ll := range unwrap(seg.Prose, seg.Line) {
			if ll.verbatim {
				if hide == 0 {
					kept = append(kept, proseLine{logicalLine: ll})
				}
				continue
			}
			if lvl := doc.HeadingLevel(ll.text); lvl > 0 {
				if hide > 0 && lvl <= hide {
					hide = 0
				}
				if hide > 0 {
					continue
				}
				text, ok, err := e.headingGuard(ll.text)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: %v", src.Name, ll.line, err)
				}
				if !ok {
					hide = lvl
					continue
				}
				pl := proseLine{logicalLine: ll, level: lvl}
				if m := secLabelRE.FindStringSubmatchIndex(text); m != nil {
					pl.label, text = text[m[2]:m[3]], text[:m[0]]
				}
				pl.text = text
				kept = append(kept, pl)
				continue
			}
			if hide > 0 {
				continue
			}
			text, err := e.spanGuards(ll.text)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", src.Name, ll.line, err)
			}
			if t := strings.TrimSpace(text); (t == "" || bareMarkerRE.MatchString(t)) && t != strings.TrimSpace(ll.text) {
				continue // a paragraph or list item its guards hid entirely
			}
			ll.text = text
			kept = append(kept, proseLine{logicalLine: ll})
		}
		// One blank line between paragraphs, none at the ends.
		var tidy []proseLine
		for _, pl := range kept {
			blank := !pl.verbatim && pl.text == ""
			if blank && (len(tidy) == 0 || (!tidy[len(tidy)-1].verbatim && tidy[len(tidy)-1].text == "")) {
				continue
			}
			tidy = append(tidy, pl)
		}
		for len(tidy) > 0 && !tidy[len(tidy)-1].verbatim && tidy[len(tidy)-1].text == "" {
			tidy = tidy[:len(tidy)-1]
		}
		if len(tidy) == 0 {
			continue
		}
		lines[len(d.Blocks)] = tidy
		d.Blocks = append(d.Blocks, doc.Block{Line: seg.Line})
	}
	return lines, nil
}

// hiddenLabels are the labels of the cells the guards left out and of
// every section, so that a reference to one left out says so rather than
// fail.
func hiddenLabels(src *Source, d *doc.Document) []string {
	shown := map[string]bool{}
	for _, b := range d.Blocks {
		if b.Cell != nil {
			shown[b.Cell.Label] = true
		}
	}
	var out []string
	for _, seg := range src.Segments {
		if c := seg.Cell; c != nil && c.Label != "" && !shown[c.Label] {
			out = append(out, c.Label)
		}
		if seg.Cell == nil {
			for _, ll := range unwrap(seg.Prose, seg.Line) {
				if doc.HeadingLevel(ll.text) == 0 || ll.verbatim {
					continue
				}
				if m := secLabelRE.FindStringSubmatch(guardRE.ReplaceAllString(ll.text, "")); m != nil {
					out = append(out, m[1])
				}
			}
		}
	}
	return out
}

// evalCells evaluates the cells of blocks on GOMAXPROCS workers and
// reports the first error in document order. A table without rows becomes
// its notes, as text: a table is never only a header.
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
					dropEmptyTables(o)
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

// dropEmptyTables replaces each table without rows by its notes, as
// paragraphs of the output's text.
func dropEmptyTables(o *doc.Output) {
	var keep []doc.Table
	var text []string
	if o.Text != "" {
		text = append(text, o.Text)
	}
	for _, t := range o.Tables {
		if len(t.Rows) > 0 {
			keep = append(keep, t)
			continue
		}
		for _, n := range t.Notes {
			if t.Title != "" && len(o.Tables) > 1 {
				n = t.Title + ": " + n
			}
			text = append(text, "*"+n+"*")
		}
	}
	o.Tables = keep
	o.Text = strings.Join(text, "\n\n")
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

var (
	listItemRE   = regexp.MustCompile(`^([-*+]|\d+[.)])\s`)
	bareMarkerRE = regexp.MustCompile(`^([-*+]|\d+[.)])$`) // a list item with nothing left in it
)

func startsBlock(trim string) bool {
	return strings.HasPrefix(trim, "#") || strings.HasPrefix(trim, "|") || strings.HasPrefix(trim, ">") ||
		strings.HasPrefix(trim, "<") || listItemRE.MatchString(trim)
}

func checkKind(c *doc.Cell, o *doc.Output) error {
	switch {
	case c.Kind() == doc.KindFigure && len(o.Figures) == 0 && len(o.Tables) > 0:
		return fmt.Errorf("cell %s is labelled as a figure but %q produced a table", c.Label, c.Command)
	case c.Kind() == doc.KindTable && len(o.Tables) == 0 && len(o.Figures) > 0:
		return fmt.Errorf("cell %s is labelled as a table but %q produced a figure", c.Label, c.Command)
	}
	return nil
}

// inline substitutes the {{ ... }} expressions of one line of prose, and
// returns where each computed value landed in it, with its provenance.
func (e *Engine) inline(line string, refs map[string]ref, cache Cache, st *Stats) (string, []doc.Span, error) {
	var firstErr error
	var b strings.Builder
	var spans []doc.Span
	pos := 0
	for _, m := range inlineRE.FindAllStringIndex(line, -1) {
		b.WriteString(line[pos:m[0]])
		pos = m[1]
		expr := strings.TrimSpace(line[m[0]+2 : m[1]-2])
		if r, ok := strings.CutPrefix(expr, "ref "); ok {
			r = strings.TrimSpace(r)
			t, ok := refs[r]
			switch {
			case !ok && firstErr == nil:
				firstErr = fmt.Errorf("ref %s: no cell or section has this label", r)
			case t.anchor == "":
				b.WriteString(t.text)
			default:
				b.WriteString("[" + t.text + "](#" + t.anchor + ")")
			}
			continue
		}
		o, err := e.Eval(expr, true, cache, st)
		if err != nil {
			if firstErr == nil {
				firstErr = fmt.Errorf("{{ %s }}: %v", expr, err)
			}
			continue
		}
		text := o.Text
		if o.Placeholder != "" {
			text = "*[" + strings.TrimSuffix(o.Placeholder, ".") + "]*"
		}
		p := doc.Provenance{}
		if o.Prov != nil {
			p = *o.Prov
		}
		if p.Command == "" && len(o.Commands) > 0 {
			p.Command = o.Commands[0]
		}
		if !p.Empty() && text != "" {
			spans = append(spans, doc.Span{Start: b.Len(), End: b.Len() + len(text), Prov: p})
		}
		b.WriteString(text)
	}
	b.WriteString(line[pos:])
	return b.String(), spans, firstErr
}

// shift applies replace to the prose outside the computed values (which
// hold no citations) and moves the values to where they land.
func shift(prose string, spans []doc.Span, replace func(string) string) (string, []doc.Span) {
	if len(spans) == 0 {
		return replace(prose), nil
	}
	var b strings.Builder
	out := make([]doc.Span, len(spans))
	pos := 0
	for i, sp := range spans {
		b.WriteString(replace(prose[pos:sp.Start]))
		out[i] = doc.Span{Start: b.Len(), Prov: sp.Prov}
		b.WriteString(prose[sp.Start:sp.End])
		out[i].End = b.Len()
		pos = sp.End
	}
	b.WriteString(replace(prose[pos:]))
	return b.String(), out
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
			b.Prose, b.Values = shift(b.Prose, b.Values, func(s string) string { return replace(s, b.Line) })
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
