package cells

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/edgewasm/edgewasm/report/doc"
)

// Source is a parsed paper source: prose and cells in document order.
type Source struct {
	Name     string
	Segments []Segment
}

// Segment is either a run of prose (Markdown with inline expressions) or a
// block cell.
type Segment struct {
	Line  int    // first line in the source file
	Prose string // Markdown, when Cell is nil
	Cell  *doc.Cell
}

var (
	labelRE  = regexp.MustCompile(`^(fig|tab):[a-z0-9][a-z0-9-]*$`)
	inlineRE = regexp.MustCompile(`\{\{(.*?)\}\}`)
)

// Parse splits src into segments. Errors name the file and line.
func Parse(name string, src []byte) (*Source, error) {
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	out := &Source{Name: name}
	var prose []string
	proseStart := 1
	flush := func() {
		text := strings.Join(prose, "\n")
		if strings.TrimSpace(text) != "" {
			out.Segments = append(out.Segments, Segment{Line: proseStart, Prose: text})
		}
		prose = nil
	}
	inFence, fenceLine := false, 0 // a non-cell fence in the prose: copied verbatim
	for i := 0; i < len(lines); i++ {
		line, no := lines[i], i+1
		trim := strings.TrimSpace(line)
		if !inFence && (trim == "```cell" || strings.HasPrefix(trim, "```cell ")) {
			flush()
			c := &doc.Cell{Line: no, Label: strings.TrimSpace(strings.TrimPrefix(trim, "```cell"))}
			if c.Label != "" {
				if !strings.HasPrefix(c.Label, "#") || !labelRE.MatchString(c.Label[1:]) {
					return nil, fmt.Errorf("%s:%d: cell label %q: expected #fig:NAME or #tab:NAME (lower case, digits, dashes)", name, no, c.Label)
				}
				c.Label = c.Label[1:]
			}
			closed := false
			for i++; i < len(lines); i++ {
				body := strings.TrimSpace(lines[i])
				switch {
				case body == "```":
					closed = true
				case body == "":
				case strings.HasPrefix(body, "caption:"):
					c.Caption = strings.TrimSpace(strings.TrimPrefix(body, "caption:"))
				case strings.HasPrefix(body, "when:"):
					c.When = strings.TrimSpace(strings.TrimPrefix(body, "when:"))
					if c.When == "" {
						return nil, fmt.Errorf("%s:%d: empty when: line; expected a condition, as in `when: exp=network platform=docker`", name, i+1)
					}
				case c.Command == "":
					c.Command = body
				default:
					return nil, fmt.Errorf("%s:%d: cell opened at line %d has a second command line %q; a cell holds one command and optional caption: and when: lines", name, i+1, no, body)
				}
				if closed {
					break
				}
			}
			if !closed {
				return nil, fmt.Errorf("%s:%d: cell is never closed with ```", name, no)
			}
			if c.Command == "" {
				return nil, fmt.Errorf("%s:%d: empty cell: expected a command line", name, no)
			}
			if c.Kind() != "" && c.Caption == "" {
				return nil, fmt.Errorf("%s:%d: cell %s needs a caption: line", name, no, c.Label)
			}
			out.Segments = append(out.Segments, Segment{Line: no, Cell: c})
			proseStart = i + 2
			continue
		}
		if strings.HasPrefix(trim, "```") {
			inFence, fenceLine = !inFence, no
		}
		if len(prose) == 0 {
			proseStart = no
		}
		prose = append(prose, line)
	}
	if inFence {
		return nil, fmt.Errorf("%s:%d: a ``` fence in the prose is never closed", name, fenceLine)
	}
	flush()
	return out, nil
}

// Args is a parsed command line: the verb and its key=value arguments.
type Args struct {
	Verb string
	KV   map[string]string
	keys []string // in source order, for canonical printing
}

// ParseArgs parses "verb key=value key=\"quoted value\" ...".
func ParseArgs(s string) (Args, error) {
	a := Args{KV: map[string]string{}}
	toks, err := tokenize(s)
	if err != nil {
		return a, err
	}
	if len(toks) == 0 || toks[0] == "" {
		return a, fmt.Errorf("empty command: expected a verb first, as in `medians exp=cpu metric=wall_ms`")
	}
	a.Verb = toks[0]
	for _, t := range toks[1:] {
		k, v, ok := strings.Cut(t, "=")
		if !ok || k == "" {
			return a, fmt.Errorf("%s: argument %q: expected key=value", a.Verb, t)
		}
		if _, dup := a.KV[k]; dup {
			return a, fmt.Errorf("%s: argument %s given twice", a.Verb, k)
		}
		a.KV[k] = v
		a.keys = append(a.keys, k)
	}
	return a, nil
}

func tokenize(s string) ([]string, error) {
	var toks []string
	var cur strings.Builder
	inQ, have := false, false
	for _, r := range s {
		switch {
		case r == '"':
			inQ, have = !inQ, true
		case !inQ && (r == ' ' || r == '\t'):
			if have {
				toks = append(toks, cur.String())
				cur.Reset()
				have = false
			}
		default:
			cur.WriteRune(r)
			have = true
		}
	}
	if inQ {
		return nil, fmt.Errorf("unbalanced quote in %q", s)
	}
	if have {
		toks = append(toks, cur.String())
	}
	return toks, nil
}

// String is the canonical form of the command (used in cache keys and in
// the reproduce commands).
func (a Args) String() string {
	var b strings.Builder
	b.WriteString(a.Verb)
	for _, k := range a.keys {
		v := a.KV[k]
		if strings.ContainsAny(v, " \t") || v == "" {
			v = `"` + v + `"`
		}
		fmt.Fprintf(&b, " %s=%s", k, v)
	}
	return b.String()
}
