package guest

import (
	"hash/fnv"
	"testing"
)

func TestSelftestCommon(t *testing.T) {
	if bad := SelftestCommon(); bad != 0 {
		t.Fatalf("%d shared known-answer checks failed", bad)
	}
}

// TestFNVAgainstStdlib uses hash/fnv as an oracle.
func TestFNVAgainstStdlib(t *testing.T) {
	data := make([]byte, 1000)
	NewRNG(Seed).Bytes(data)
	h := fnv.New64a()
	h.Write(data)
	if got, want := FNV(FNVOffset, data), h.Sum64(); got != want {
		t.Fatalf("FNV = %016x, hash/fnv = %016x", got, want)
	}
	words := []uint32{0x04030201, 0xddccbbaa}
	le := []byte{1, 2, 3, 4, 0xaa, 0xbb, 0xcc, 0xdd}
	if got, want := FNVU32(FNVOffset, words), FNV(FNVOffset, le); got != want {
		t.Fatalf("FNVU32 = %016x, want the FNV of the little-endian bytes %016x", got, want)
	}
}

// TestBytesPiecewise checks that the byte stream does not depend on how a
// buffer is split across calls, and that it is the outputs' bytes, least
// significant first.
func TestBytesPiecewise(t *testing.T) {
	whole := make([]byte, 203)
	NewRNG(7).Bytes(whole)
	r := NewRNG(7)
	var got []byte
	for _, n := range []int{0, 1, 3, 8, 5, 13, 2, 171} {
		p := make([]byte, n)
		r.Bytes(p)
		got = append(got, p...)
	}
	if string(got) != string(whole) {
		t.Fatal("piecewise Bytes differ from one call")
	}
	w := NewRNG(7).Next64()
	for i := 0; i < 8; i++ {
		if whole[i] != byte(w>>(8*i)) {
			t.Fatalf("byte %d = %02x, want %02x", i, whole[i], byte(w>>(8*i)))
		}
	}
}

func TestBelow(t *testing.T) {
	r := NewRNG(Seed)
	for _, n := range []uint32{1, 2, 3, 100, 1 << 31, ^uint32(0)} {
		for i := 0; i < 1000; i++ {
			if v := r.Below(n); v >= n {
				t.Fatalf("Below(%d) = %d", n, v)
			}
		}
	}
}

func TestParseSize(t *testing.T) {
	for _, c := range []struct {
		in   string
		max  uint64
		want uint64
		ok   bool
	}{
		{"1", 10, 1, true}, {"10", 10, 10, true}, {"11", 10, 0, false},
		{"0", 10, 0, false}, {"", 10, 0, false}, {"+5", 10, 0, false},
		{"-5", 10, 0, false}, {" 5", 10, 0, false}, {"5k", 10, 0, false},
		{"007", 10, 7, true}, {"99999999999999999999999", 1 << 62, 0, false},
	} {
		got, ok := ParseSize(c.in, c.max)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseSize(%q, %d) = %d, %v; want %d, %v", c.in, c.max, got, ok, c.want, c.ok)
		}
	}
}
