package literature

import (
	"os"
	"sort"
	"strings"
	"unicode"
)

// Entry is one BibTeX entry. Fields keeps values as written between the
// delimiters (braces and TeX accents included); use Text for display.
type Entry struct {
	Type   string            `json:"type"`
	Key    string            `json:"key"`
	Fields map[string]string `json:"fields"`
	Line   int               `json:"line"`
}

// Text returns a field as plain Unicode text: TeX accents of the forms used
// in our files are resolved, "--" becomes an en dash and grouping braces are
// dropped. It returns "" for a missing field.
func (e Entry) Text(field string) string { return detex(e.Fields[field]) }

// ReadBibTeX parses a BibTeX file. The reader is deliberately strict and
// small: it accepts @type{key, name = {value} | "value" | bare, ...} entries
// and %-comments between them, and rejects everything else (@string,
// @preamble, # concatenation, duplicate keys or fields) with the line.
func ReadBibTeX(path string) ([]Entry, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parseBibTeX(path, string(b))
}

type bibScanner struct {
	file string
	src  []rune
	pos  int
	line int
}

func (s *bibScanner) errf(format string, args ...any) error {
	return recErr(s.file, s.line, "bibtex", format, args...)
}

func (s *bibScanner) eof() bool { return s.pos >= len(s.src) }

func (s *bibScanner) peek() rune { return s.src[s.pos] }

func (s *bibScanner) next() rune {
	r := s.src[s.pos]
	s.pos++
	if r == '\n' {
		s.line++
	}
	return r
}

func (s *bibScanner) skipSpace() {
	for !s.eof() && unicode.IsSpace(s.peek()) {
		s.next()
	}
}

func (s *bibScanner) expect(r rune, what string) error {
	s.skipSpace()
	if s.eof() {
		return s.errf("unexpected end of file, want %s", what)
	}
	if got := s.next(); got != r {
		return s.errf("want %s, got %q", what, got)
	}
	return nil
}

// ident reads a run of letters, digits and the punctuation allowed in keys.
func (s *bibScanner) ident() string {
	s.skipSpace()
	start := s.pos
	for !s.eof() {
		r := s.peek()
		if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("_-:.+/", r) {
			s.next()
			continue
		}
		break
	}
	return string(s.src[start:s.pos])
}

func parseBibTeX(file, text string) ([]Entry, error) {
	s := &bibScanner{file: file, src: []rune(text), line: 1}
	var entries []Entry
	seen := map[string]int{}
	for {
		s.skipSpace()
		if s.eof() {
			return entries, nil
		}
		switch r := s.peek(); r {
		case '%':
			for !s.eof() && s.peek() != '\n' {
				s.next()
			}
		case '@':
			e, err := s.entry()
			if err != nil {
				return nil, err
			}
			if first, dup := seen[e.Key]; dup {
				return nil, recErr(file, e.Line, "unique-key", "key %q already used on line %d", e.Key, first)
			}
			seen[e.Key] = e.Line
			entries = append(entries, e)
		default:
			return nil, s.errf("text outside an entry: %q (comments start with %%)", r)
		}
	}
}

func (s *bibScanner) entry() (Entry, error) {
	e := Entry{Line: s.line, Fields: map[string]string{}}
	s.next() // '@'
	e.Type = strings.ToLower(s.ident())
	switch e.Type {
	case "":
		return e, s.errf("want an entry type after @")
	case "string", "preamble", "comment":
		return e, s.errf("@%s is not supported by this reader", e.Type)
	}
	if err := s.expect('{', "'{' after @"+e.Type); err != nil {
		return e, err
	}
	if e.Key = s.ident(); e.Key == "" {
		return e, s.errf("want a citation key")
	}
	for {
		s.skipSpace()
		if s.eof() {
			return e, recErr(s.file, e.Line, "bibtex", "entry %q is not closed", e.Key)
		}
		switch s.peek() {
		case '}':
			s.next()
			return e, nil
		case ',':
			s.next()
			continue
		}
		line := s.line
		name := strings.ToLower(s.ident())
		if name == "" {
			return e, s.errf("entry %q: want a field name, got %q", e.Key, s.peek())
		}
		if err := s.expect('=', "'=' after field "+name); err != nil {
			return e, err
		}
		v, err := s.value()
		if err != nil {
			return e, err
		}
		if _, dup := e.Fields[name]; dup {
			return e, recErr(s.file, line, "unique-field", "entry %q: field %q given twice", e.Key, name)
		}
		e.Fields[name] = v
		s.skipSpace()
		if !s.eof() && s.peek() == '#' {
			return e, s.errf("entry %q: '#' concatenation is not supported", e.Key)
		}
		if !s.eof() && s.peek() != ',' && s.peek() != '}' {
			return e, s.errf("entry %q: want ',' or '}' after field %s, got %q", e.Key, name, s.peek())
		}
	}
}

func (s *bibScanner) value() (string, error) {
	s.skipSpace()
	if s.eof() {
		return "", s.errf("unexpected end of file, want a value")
	}
	start := s.line
	switch s.peek() {
	case '{':
		s.next()
		var b strings.Builder
		depth := 0
		for !s.eof() {
			r := s.next()
			switch {
			case r == '{':
				depth++
			case r == '}' && depth == 0:
				return strings.Join(strings.Fields(b.String()), " "), nil
			case r == '}':
				depth--
			}
			b.WriteRune(r)
		}
		return "", recErr(s.file, start, "bibtex", "unbalanced braces in value")
	case '"':
		s.next()
		var b strings.Builder
		depth := 0
		for !s.eof() {
			r := s.next()
			switch {
			case r == '"' && depth == 0:
				return strings.Join(strings.Fields(b.String()), " "), nil
			case r == '{':
				depth++
			case r == '}':
				if depth--; depth < 0 {
					return "", s.errf("unbalanced braces in quoted value")
				}
			}
			b.WriteRune(r)
		}
		return "", recErr(s.file, start, "bibtex", "unterminated quoted value")
	default:
		v := s.ident()
		if v == "" {
			return "", s.errf("want {value}, \"value\" or a bare word, got %q", s.peek())
		}
		return v, nil
	}
}

var texAccents = map[string]map[rune]string{
	`"`: {'a': "ä", 'o': "ö", 'u': "ü", 'A': "Ä", 'O': "Ö", 'U': "Ü", 'e': "ë", 'i': "ï"},
	`'`: {'a': "á", 'e': "é", 'i': "í", 'o': "ó", 'u': "ú", 'E': "É"},
	"`": {'a': "à", 'e': "è", 'i': "ì", 'o': "ò", 'u': "ù"},
	"c": {'c': "ç", 'C': "Ç", 's': "ş", 'S': "Ş"},
	"v": {'s': "š", 'S': "Š", 'c': "č", 'C': "Č", 'z': "ž", 'Z': "Ž"},
}

// detex resolves the TeX accents we use (\"u, \c{S}, \'e, ...) and drops
// grouping braces; unknown commands are kept as written.
func detex(s string) string {
	s = strings.ReplaceAll(s, "---", "—")
	s = strings.ReplaceAll(s, "--", "–")
	cmds := make([]string, 0, len(texAccents))
	for c := range texAccents {
		cmds = append(cmds, c)
	}
	sort.Strings(cmds)
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		if rs[i] == '\\' && i+1 < len(rs) {
			if out, n := accent(rs[i+1:], cmds); n > 0 {
				b.WriteString(out)
				i += n
				continue
			}
		}
		if rs[i] == '{' || rs[i] == '}' {
			continue
		}
		b.WriteRune(rs[i])
	}
	return b.String()
}

// accent decodes an accent command after the backslash: the command
// character, an optional '{', the letter, and an optional '}'. It returns
// the text and the number of runes consumed.
func accent(rs []rune, cmds []string) (string, int) {
	for _, c := range cmds {
		cr := []rune(c)[0]
		if rs[0] != cr {
			continue
		}
		i := 1
		braced := i < len(rs) && rs[i] == '{'
		if braced {
			i++
		}
		if i >= len(rs) {
			return "", 0
		}
		out, ok := texAccents[c][rs[i]]
		if !ok {
			return "", 0
		}
		i++
		if braced {
			if i >= len(rs) || rs[i] != '}' {
				return "", 0
			}
			i++
		}
		return out, i
	}
	return "", 0
}
