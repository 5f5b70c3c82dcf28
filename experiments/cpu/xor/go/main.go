// Command xor is the Go port of experiments/cpu/xor/main.c: repeating-key
// XOR cipher, several passes with keys of coprime lengths.
//
//	xor SIZE        SIZE = number of bytes
//	xor --selftest  a hand-computed example, and that applying the passes
//	                twice restores the data
//
// The data is the first SIZE bytes of the seeded byte stream; the keys are
// the next 16, 23 and 37 bytes. Pass p sets data[i] ^= key_p[i mod len_p].
// Timed: the passes. digest = FNV-1a 64 of the data after all passes.
package main

import (
	"bytes"
	"fmt"
	"os"
	"time"

	"github.com/edgewasm/edgewasm/experiments/common/guest"
)

var keyLen = [...]int{16, 23, 37}

func xorPass(data, key []byte) {
	k := 0
	for i := range data {
		data[i] ^= key[k]
		if k++; k == len(key) {
			k = 0
		}
	}
}

func encrypt(data []byte, keys [][]byte) {
	for _, key := range keys {
		xorPass(data, key)
	}
}

// newKeys draws the pass keys from the stream, in pass order.
func newKeys(rng *guest.RNG) [][]byte {
	keys := make([][]byte, len(keyLen))
	for p, n := range keyLen {
		keys[p] = make([]byte, n)
		rng.Bytes(keys[p])
	}
	return keys
}

func selftest() {
	bad := guest.SelftestCommon()

	msg := []byte("hello") // "hello" ^ "ab" repeated
	xorPass(msg, []byte("ab"))
	bad += guest.CheckHex("hello^ab", msg, "09070d0e0e")

	rng := guest.NewRNG(guest.Seed)
	orig := make([]byte, 100)
	rng.Bytes(orig)
	keys := newKeys(rng)
	data := bytes.Clone(orig)
	encrypt(data, keys)
	if bytes.Equal(data, orig) {
		fmt.Fprintln(os.Stderr, "selftest: encryption left the data unchanged")
		bad++
	}
	encrypt(data, keys)
	if !bytes.Equal(data, orig) {
		fmt.Fprintln(os.Stderr, "selftest: decrypting does not restore the data")
		bad++
	}
	guest.SelftestDone("xor", bad)
}

func main() {
	size, st := guest.Args("xor", "bytes to encrypt", 1<<30)
	if st {
		selftest()
	}
	data := make([]byte, size)
	rng := guest.NewRNG(guest.Seed)
	rng.Bytes(data)
	keys := newKeys(rng)

	t0 := time.Now()
	encrypt(data, keys)
	kernel := time.Since(t0)

	guest.Report(guest.FNV(guest.FNVOffset, data), kernel)
	fmt.Printf("bytes=%d\n", size)
}
