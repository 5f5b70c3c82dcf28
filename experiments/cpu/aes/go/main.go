// Command aes is the Go port of experiments/cpu/aes/main.c: AES-128 in CTR
// mode (FIPS-197, NIST SP 800-38A) over SIZE bytes.
//
//	aes SIZE        encrypt SIZE bytes of the seeded byte stream in place
//	aes --selftest  FIPS-197 C.1 and SP 800-38A F.5.1 known answers
//
// The cipher is the same byte-oriented one as the C program (S-box lookups,
// xtime; no T-tables, no AES instructions, not crypto/aes), with the same
// key, initial counter and digest (FNV-1a 64 of the ciphertext). Timed: the
// key expansion and the encryption.
package main

import (
	"fmt"
	"time"

	"github.com/edgewasm/edgewasm/experiments/common/guest"
)

var sbox [256]byte

// initSbox computes the S-box: multiplicative inverse in GF(2^8), then the
// affine map.
func initSbox() {
	var exp, log [256]byte
	x := byte(1)
	for i := 0; i < 255; i++ { // powers of the generator 3
		exp[i] = x
		log[x] = byte(i)
		x ^= xtime(x)
	}
	for i := 0; i < 256; i++ {
		var inv byte
		if i != 0 {
			inv = exp[(255-int(log[i]))%255]
		}
		s := inv
		for k := 1; k <= 4; k++ {
			s ^= inv<<k | inv>>(8-k)
		}
		sbox[i] = s ^ 0x63
	}
}

func xtime(a byte) byte {
	if a&0x80 != 0 {
		return a<<1 ^ 0x1b
	}
	return a << 1
}

// expandKey fills the 11 round keys (176 bytes) of AES-128.
func expandKey(key []byte, rk *[176]byte) {
	rcon := byte(1)
	copy(rk[:16], key)
	for i := 16; i < 176; i += 4 {
		t := [4]byte{rk[i-4], rk[i-3], rk[i-2], rk[i-1]}
		if i%16 == 0 { // RotWord, SubWord, Rcon
			t = [4]byte{sbox[t[1]] ^ rcon, sbox[t[2]], sbox[t[3]], sbox[t[0]]}
			rcon = xtime(rcon)
		}
		for j := 0; j < 4; j++ {
			rk[i+j] = rk[i-16+j] ^ t[j]
		}
	}
}

// encryptBlock: state byte r + 4c is row r, column c, as in FIPS-197.
func encryptBlock(rk *[176]byte, in, out *[16]byte) {
	var s, t [16]byte
	for i := range s {
		s[i] = in[i] ^ rk[i]
	}
	for round := 1; round <= 10; round++ {
		for c := 0; c < 4; c++ { // SubBytes and ShiftRows
			for r := 0; r < 4; r++ {
				t[r+4*c] = sbox[s[r+4*((c+r)%4)]]
			}
		}
		if round < 10 {
			for c := 0; c < 16; c += 4 { // MixColumns
				a0, a1, a2, a3 := t[c], t[c+1], t[c+2], t[c+3]
				all := a0 ^ a1 ^ a2 ^ a3
				t[c] = a0 ^ all ^ xtime(a0^a1)
				t[c+1] = a1 ^ all ^ xtime(a1^a2)
				t[c+2] = a2 ^ all ^ xtime(a2^a3)
				t[c+3] = a3 ^ all ^ xtime(a3^a0)
			}
		}
		for i := range s {
			s[i] = t[i] ^ rk[16*round+i]
		}
	}
	*out = s
}

// ctrXOR encrypts (or decrypts) buf in place; ctr is advanced as one
// 128-bit big-endian integer per block.
func ctrXOR(rk *[176]byte, ctr *[16]byte, buf []byte) {
	var ks [16]byte
	for off := 0; off < len(buf); off += 16 {
		encryptBlock(rk, ctr, &ks)
		blk := buf[off:min(off+16, len(buf))]
		for i := range blk {
			blk[i] ^= ks[i]
		}
		for i := 15; i >= 0; i-- {
			ctr[i]++
			if ctr[i] != 0 {
				break
			}
		}
	}
}

const (
	keyHex = "2b7e151628aed2a6abf7158809cf4f3c"
	ctrHex = "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"
)

func selftest() {
	var rk [176]byte
	bad := guest.SelftestCommon()

	expandKey(guest.Unhex("000102030405060708090a0b0c0d0e0f"), &rk) // FIPS-197 Appendix C.1
	var blk [16]byte
	copy(blk[:], guest.Unhex("00112233445566778899aabbccddeeff"))
	encryptBlock(&rk, &blk, &blk)
	bad += guest.CheckHex("FIPS-197 C.1", blk[:], "69c4e0d86a7b0430d8cdb78070b4c55a")

	expandKey(guest.Unhex(keyHex), &rk) // SP 800-38A F.5.1 CTR-AES128.Encrypt
	var ctr [16]byte
	copy(ctr[:], guest.Unhex(ctrHex))
	buf := guest.Unhex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51" +
		"30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710")
	ctrXOR(&rk, &ctr, buf)
	bad += guest.CheckHex("SP 800-38A F.5.1", buf,
		"874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"+
			"5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee")
	guest.SelftestDone("aes", bad)
}

func main() {
	initSbox()
	size, st := guest.Args("aes", "bytes to encrypt", 1<<30)
	if st {
		selftest()
	}
	buf := make([]byte, size)
	guest.NewRNG(guest.Seed).Bytes(buf)
	key := guest.Unhex(keyHex)
	var rk [176]byte
	var ctr [16]byte
	copy(ctr[:], guest.Unhex(ctrHex))

	t0 := time.Now()
	expandKey(key, &rk)
	ctrXOR(&rk, &ctr, buf)
	kernel := time.Since(t0)

	guest.Report(guest.FNV(guest.FNVOffset, buf), kernel)
	fmt.Printf("bytes=%d\n", size)
}
