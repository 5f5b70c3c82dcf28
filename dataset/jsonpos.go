package dataset

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// encoding/json locates syntax errors but not the errors of a value it
// cannot convert (a time that does not parse, a duration, a string where a
// number belongs): those carry no offset, or one relative to the value
// alone. jsonErrorLine finds the line by walking the document and decoding
// each value alone, wrapped at its path, into a fresh target: the first
// value that fails is the culprit.

// jsonErrorLine returns the 1-based line of doc that err (from decoding
// doc into what newTarget returns) is about.
func jsonErrorLine(doc []byte, err error, newTarget func() any) int {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return lineAt(doc, int(se.Offset))
	}
	var stack []jsonFrame
	dec := json.NewDecoder(bytes.NewReader(doc))
	for {
		start := int(dec.InputOffset())
		tok, terr := dec.Token()
		if terr != nil {
			return 1 // io.EOF or a syntax error json.Unmarshal did not see
		}
		end := int(dec.InputOffset())
		raw := bytes.TrimLeft(doc[start:end], " \t\r\n,:")
		at := end - len(raw)
		if n := len(stack); n > 0 && stack[n-1].object && stack[n-1].expectKey {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				stack = stack[:n-1]
				advance(stack)
				continue
			}
			stack[n-1].key, _ = tok.(string)
			stack[n-1].expectKey = false
			continue
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			advance(stack)
			continue
		}
		value := raw
		if d, ok := tok.(json.Delim); ok {
			value = []byte(string(d) + map[json.Delim]string{'{': "}", '[': "]"}[d])
		}
		// Wrap the value at its path and decode it alone.
		wrapped := value
		for i := len(stack) - 1; i >= 0; i-- {
			f := stack[i]
			if f.object {
				k, _ := json.Marshal(f.key)
				wrapped = append(append(append([]byte("{"), k...), ':'), append(wrapped, '}')...)
			} else {
				wrapped = append(append([]byte("["), bytes.Repeat([]byte("null,"), f.index)...), append(wrapped, ']')...)
			}
		}
		if json.Unmarshal(wrapped, newTarget()) != nil {
			return lineAt(doc, at)
		}
		if d, ok := tok.(json.Delim); ok {
			stack = append(stack, jsonFrame{object: d == '{', expectKey: d == '{'})
			continue
		}
		advance(stack)
	}
}

// jsonFrame is one open container on the path to a value.
type jsonFrame struct {
	object    bool   // an object (else an array)
	key       string // object: the key of the current value
	index     int    // array: the index of the current value
	expectKey bool   // object: the next token is a key or '}'
}

// advance moves the innermost container past one value.
func advance(stack []jsonFrame) {
	if n := len(stack); n > 0 {
		if stack[n-1].object {
			stack[n-1].expectKey = true
		} else {
			stack[n-1].index++
		}
	}
}

// jsonKeyLine returns the line of a top-level key of a JSON object, or 1.
func jsonKeyLine(doc []byte, key string) int {
	dec := json.NewDecoder(bytes.NewReader(doc))
	depth := 0
	expectKey := false
	for {
		start := int(dec.InputOffset())
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) || err != nil {
			return 1
		}
		switch t := tok.(type) {
		case json.Delim:
			if t == '{' || t == '[' {
				depth++
				expectKey = depth == 1 && t == '{'
			} else {
				depth--
				expectKey = depth == 1
			}
			continue
		case string:
			if depth == 1 && expectKey {
				if t == key {
					raw := bytes.TrimLeft(doc[start:dec.InputOffset()], " \t\r\n,:")
					return lineAt(doc, int(dec.InputOffset())-len(raw))
				}
				expectKey = false
				continue
			}
		}
		if depth == 1 {
			expectKey = true
		}
	}
}

// lineAt is the 1-based line of byte offset off in doc.
func lineAt(doc []byte, off int) int {
	if off > len(doc) {
		off = len(doc)
	}
	if off < 0 {
		off = 0
	}
	return 1 + bytes.Count(doc[:off], []byte("\n"))
}
