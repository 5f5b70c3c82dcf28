package main

import (
	stdsha "crypto/sha256"
	"testing"

	"github.com/edgewasm/edgewasm/experiments/common/guest"
)

// TestAgainstStdlib checks the hand-written hash against crypto/sha256 at
// every padding case (0 to 130 bytes) and a multi-block message.
func TestAgainstStdlib(t *testing.T) {
	for _, n := range append(func() (s []int) {
		for i := 0; i <= 130; i++ {
			s = append(s, i)
		}
		return s
	}(), 4096+55) {
		msg := make([]byte, n)
		guest.NewRNG(uint64(n)).Bytes(msg)
		if got, want := sha256(msg), stdsha.Sum256(msg); got != want {
			t.Fatalf("%d bytes: got %x, crypto/sha256 %x", n, got, want)
		}
	}
}
