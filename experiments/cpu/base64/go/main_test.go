package main

import (
	"encoding/base64"
	"testing"

	"github.com/edgewasm/edgewasm/experiments/common/guest"
)

// TestAgainstStdlib checks the hand-written codec against encoding/base64.
func TestAgainstStdlib(t *testing.T) {
	initValue()
	for n := 0; n < 70; n++ {
		raw := make([]byte, n)
		guest.NewRNG(uint64(n)).Bytes(raw)
		want := base64.StdEncoding.EncodeToString(raw)
		text := make([]byte, (n+2)/3*4)
		if m := encode(raw, text); string(text[:m]) != want {
			t.Fatalf("encode %d bytes: got %q, want %q", n, text[:m], want)
		}
		back := make([]byte, n)
		if got := decode(text, back); got != n || string(back) != string(raw) {
			t.Fatalf("decode %d bytes: got %d bytes", n, got)
		}
	}
}
