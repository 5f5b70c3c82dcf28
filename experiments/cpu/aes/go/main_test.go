package main

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"testing"

	"github.com/edgewasm/edgewasm/experiments/common/guest"
)

// TestCTRAgainstStdlib checks the hand-written cipher against crypto/aes in
// CTR mode, including partial final blocks and a counter that carries.
func TestCTRAgainstStdlib(t *testing.T) {
	initSbox()
	key := guest.Unhex(keyHex)
	block, err := aes.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	for _, ctrHex := range []string{ctrHex, "00000000000000000000fffffffffffe"} {
		for _, n := range []int{0, 1, 15, 16, 17, 100, 4096 + 3} {
			src := make([]byte, n)
			guest.NewRNG(uint64(n)).Bytes(src)
			want := make([]byte, n)
			cipher.NewCTR(block, guest.Unhex(ctrHex)).XORKeyStream(want, src)

			var rk [176]byte
			var ctr [16]byte
			expandKey(key, &rk)
			copy(ctr[:], guest.Unhex(ctrHex))
			got := bytes.Clone(src)
			ctrXOR(&rk, &ctr, got)
			if !bytes.Equal(got, want) {
				t.Errorf("counter %s, %d bytes: differs from crypto/aes CTR", ctrHex, n)
			}
		}
	}
}
