// Command sha256 is the Go port of experiments/cpu/sha256/main.c: SHA-256
// (FIPS 180-4) of SIZE bytes, written out by hand (not crypto/sha256).
//
//	sha256 SIZE        hash the first SIZE bytes of the seeded byte stream
//	sha256 --selftest  FIPS 180-4 example messages ("abc", the 448-bit
//	                   two-block message), the empty string, a million 'a'
//
// Timed: the hash (all blocks and the padding). digest = the 64 lowercase
// hex digits of the SHA-256 itself.
package main

import (
	"bytes"
	"fmt"
	"math/bits"
	"time"

	"github.com/edgewasm/edgewasm/experiments/common/guest"
)

var k = [64]uint32{
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
}

func rotr(x uint32, n int) uint32 { return bits.RotateLeft32(x, -n) }

// block runs the compression function on one 64-byte block.
func block(h *[8]uint32, p []byte) {
	var w [64]uint32
	p = p[:64]
	for t := 0; t < 16; t++ {
		w[t] = uint32(p[4*t])<<24 | uint32(p[4*t+1])<<16 | uint32(p[4*t+2])<<8 | uint32(p[4*t+3])
	}
	for t := 16; t < 64; t++ {
		s0 := rotr(w[t-15], 7) ^ rotr(w[t-15], 18) ^ w[t-15]>>3
		s1 := rotr(w[t-2], 17) ^ rotr(w[t-2], 19) ^ w[t-2]>>10
		w[t] = w[t-16] + s0 + w[t-7] + s1
	}
	a, b, c, d, e, f, g, hh := h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]
	for t := 0; t < 64; t++ {
		t1 := hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + (e&f ^ ^e&g) + k[t] + w[t]
		t2 := (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + (a&b ^ a&c ^ b&c)
		hh, g, f, e, d, c, b, a = g, f, e, d+t1, c, b, a, t1+t2
	}
	h[0] += a
	h[1] += b
	h[2] += c
	h[3] += d
	h[4] += e
	h[5] += f
	h[6] += g
	h[7] += hh
}

func sha256(msg []byte) [32]byte {
	h := [8]uint32{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19}
	var tail [128]byte
	n := len(msg)
	full, rest := n-n%64, n%64
	size := 128
	if rest+9 <= 64 {
		size = 64
	}
	nbits := uint64(n) * 8
	for off := 0; off < full; off += 64 {
		block(&h, msg[off:])
	}
	copy(tail[:], msg[full:])
	tail[rest] = 0x80
	for i := 0; i < 8; i++ {
		tail[size-1-i] = byte(nbits >> (8 * i))
	}
	for off := 0; off < size; off += 64 {
		block(&h, tail[off:])
	}
	var out [32]byte
	for i := range out {
		out[i] = byte(h[i/4] >> (24 - 8*(i%4)))
	}
	return out
}

func selftest() {
	vec := [][2]string{
		{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
			"248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
	}
	bad := guest.SelftestCommon()
	for _, v := range vec {
		d := sha256([]byte(v[0]))
		bad += guest.CheckHex(v[0], d[:], v[1])
	}
	d := sha256(bytes.Repeat([]byte{'a'}, 1000000))
	bad += guest.CheckHex("a million 'a'", d[:], "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
	guest.SelftestDone("sha256", bad)
}

func main() {
	size, st := guest.Args("sha256", "bytes to hash", 1<<30)
	if st {
		selftest()
	}
	msg := make([]byte, size)
	guest.NewRNG(guest.Seed).Bytes(msg)

	t0 := time.Now()
	d := sha256(msg)
	kernel := time.Since(t0)

	fmt.Printf("digest=%x\nkernel_ns=%d\nbytes=%d\n", d, kernel.Nanoseconds(), size)
}
