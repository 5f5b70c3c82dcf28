// Command base64 is the Go port of experiments/cpu/base64/main.c: RFC 4648
// Base64 (standard alphabet, '=' padding) encode and decode.
//
//	base64 SIZE        encode SIZE bytes of the seeded byte stream, decode the text back
//	base64 --selftest  RFC 4648 section 10 test vectors, both directions
//
// The codec is written out by hand like the C one (not encoding/base64).
// Timed: the encoding and the decoding. The round-trip comparison is not
// timed; a mismatch exits 1. digest = FNV-1a 64 of the encoded text.
package main

import (
	"bytes"
	"fmt"
	"os"
	"time"

	"github.com/edgewasm/edgewasm/experiments/common/guest"
)

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// encode writes 4 * ceil(len(in) / 3) characters to out and returns that count.
func encode(in, out []byte) int {
	o, i, n := 0, 0, len(in)
	for ; i+3 <= n; i += 3 {
		v := uint32(in[i])<<16 | uint32(in[i+1])<<8 | uint32(in[i+2])
		out[o] = alphabet[v>>18]
		out[o+1] = alphabet[v>>12&63]
		out[o+2] = alphabet[v>>6&63]
		out[o+3] = alphabet[v&63]
		o += 4
	}
	if i < n {
		v := uint32(in[i]) << 16
		if i+1 < n {
			v |= uint32(in[i+1]) << 8
		}
		out[o] = alphabet[v>>18]
		out[o+1] = alphabet[v>>12&63]
		out[o+2] = '='
		if i+1 < n {
			out[o+2] = alphabet[v>>6&63]
		}
		out[o+3] = '='
		o += 4
	}
	return o
}

var value [256]int8 // character -> 6-bit value, -1 if not in the alphabet

func initValue() {
	for i := range value {
		value[i] = -1
	}
	for i := 0; i < 64; i++ {
		value[alphabet[i]] = int8(i)
	}
}

// decode decodes in (a multiple of 4 characters, padded) into out and
// returns the byte count, or -1 if the text is not canonical padded Base64.
func decode(in, out []byte) int {
	n, o := len(in), 0
	if n%4 != 0 {
		return -1
	}
	for i := 0; i < n; i += 4 {
		pad := 0
		if i+4 == n {
			if in[i+3] == '=' {
				pad++
				if in[i+2] == '=' {
					pad++
				}
			}
		}
		a, b := int32(value[in[i]]), int32(value[in[i+1]])
		var c, d int32
		if pad < 2 {
			c = int32(value[in[i+2]])
		}
		if pad < 1 {
			d = int32(value[in[i+3]])
		}
		if a|b|c|d < 0 {
			return -1
		}
		v := uint32(a)<<18 | uint32(b)<<12 | uint32(c)<<6 | uint32(d)
		if (pad == 1 && v&0xff != 0) || (pad == 2 && v&0xffff != 0) {
			return -1 // non-zero padding bits
		}
		out[o] = byte(v >> 16)
		o++
		if pad < 2 {
			out[o] = byte(v >> 8)
			o++
		}
		if pad < 1 {
			out[o] = byte(v)
			o++
		}
	}
	return o
}

func selftest() {
	vec := [][2]string{
		{"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"},
		{"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
	}
	var text, raw [16]byte
	bad := guest.SelftestCommon()
	for _, v := range vec {
		m := encode([]byte(v[0]), text[:])
		if string(text[:m]) != v[1] {
			fmt.Fprintf(os.Stderr, "selftest encode %q: got %q, want %q\n", v[0], text[:m], v[1])
			bad++
		}
		got := decode([]byte(v[1]), raw[:])
		if got != len(v[0]) || string(raw[:got]) != v[0] {
			fmt.Fprintf(os.Stderr, "selftest decode %q: wrong result\n", v[1])
			bad++
		}
	}
	for _, s := range []string{"Zg=", "Zh==", "Z===", "Zm9v!A==", "Zg==Zg=="} {
		if decode([]byte(s), raw[:]) != -1 {
			fmt.Fprintf(os.Stderr, "selftest decode %q: accepted invalid input\n", s)
			bad++
		}
	}
	guest.SelftestDone("base64", bad)
}

func main() {
	initValue()
	size, st := guest.Args("base64", "bytes to encode", 1<<29)
	if st {
		selftest()
	}
	n := int(size)
	m := (n + 2) / 3 * 4
	raw, back, text := make([]byte, n), make([]byte, n), make([]byte, m)
	guest.NewRNG(guest.Seed).Bytes(raw)

	t0 := time.Now()
	got := encode(raw, text)
	dec := decode(text[:got], back)
	kernel := time.Since(t0)

	if got != m || dec != n || !bytes.Equal(raw, back) {
		guest.Die(guest.ExitFail, "base64: round trip failed (encoded %d, decoded %d of %d bytes)", got, dec, n)
	}
	guest.Report(guest.FNV(guest.FNVOffset, text), kernel)
	fmt.Printf("bytes=%d\nencoded_bytes=%d\n", n, m)
}
