package launch

import (
	"bytes"
	"strings"
	"testing"
)

// mod is a module with the given sections (id, payload...).
func mod(sections ...[]byte) []byte {
	b := []byte("\x00asm\x01\x00\x00\x00")
	for _, s := range sections {
		b = append(b, s[0])
		b = appendUleb(b, uint64(len(s)-1))
		b = append(b, s[1:]...)
	}
	return b
}

func TestCapMemory(t *testing.T) {
	custom := append([]byte{0, 4}, "name"...)
	// A type section and a custom one must pass through unchanged.
	typ := []byte{1, 1, 0x60, 0, 0}
	cases := []struct {
		name string
		in   []byte
		max  uint32
		want []byte // nil: an error containing err
		err  string
	}{
		{"no maximum gets the limit", mod(typ, []byte{5, 1, 0, 2}), 300, mod(typ, []byte{5, 1, 1, 2, 0xac, 0x02}), ""},
		{"a lower maximum stays", mod([]byte{5, 1, 1, 2, 10}, custom), 300, mod([]byte{5, 1, 1, 2, 10}, custom), ""},
		{"a higher maximum is lowered", mod([]byte{5, 1, 1, 1, 0x80, 0x80, 0x04}), 16384, mod([]byte{5, 1, 1, 1, 0x80, 0x80, 0x01}), ""},
		{"no memory section", mod(typ), 1, mod(typ), ""},
		{"initial over the limit", mod([]byte{5, 1, 0, 100}), 50, nil, "100 pages initially"},
		{"imported memory", mod(append(append([]byte{2, 1, 1, 'e', 1, 'm'}, 2), 0, 1)), 50, nil, "imports its memory"},
		{"imported function is fine", mod(append([]byte{2, 1, 1, 'e', 1, 'f'}, 0, 0), []byte{5, 1, 0, 1}), 5, mod(append([]byte{2, 1, 1, 'e', 1, 'f'}, 0, 0), []byte{5, 1, 1, 1, 5}), ""},
		{"shared memory", mod([]byte{5, 1, 3, 1, 2}), 50, nil, "not supported"},
		{"truncated section", append(mod(typ), 5, 9, 1), 50, nil, "runs past the end"},
		{"not wasm", []byte("ELF\x00...."), 50, nil, "magic"},
	}
	for _, c := range cases {
		got, err := CapMemory(c.in, c.max)
		if c.want == nil {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: err %v, want one containing %q", c.name, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
		} else if !bytes.Equal(got, c.want) {
			t.Errorf("%s:\n got % x\nwant % x", c.name, got, c.want)
		}
	}
}

func TestCacheFile(t *testing.T) {
	a, b := CacheFile("/c", []byte("x"), "t1"), CacheFile("/c", []byte("y"), "t1")
	if a == b || a == CacheFile("/c", []byte("x"), "t2") || !strings.HasPrefix(a, "/c/") {
		t.Errorf("cache files do not separate modules and tags: %s %s", a, b)
	}
}
