// Command huffman is the Go port of experiments/cpu/huffman/main.c: static
// Huffman coding of bytes (build code, compress, decompress).
//
//	huffman SIZE        SIZE = number of input bytes
//	huffman --selftest  a hand-worked example ("abracadabra") and round trips
//
// Input, code construction (merge the two lightest live nodes, ties by
// lower node index; canonical codes as in DEFLATE), bit packing (most
// significant first), bit-by-bit canonical decoding, timing and digest
// (FNV-1a 64 of the 256 code lengths, then the compressed bytes) are the
// C program's.
package main

import (
	"bytes"
	"fmt"
	"os"
	"time"

	"github.com/edgewasm/edgewasm/experiments/common/guest"
)

const maxLen = 56 // longest code the 64-bit bit writer accepts

type code struct {
	len    [256]uint8  // code length per byte value, 0 if absent
	code   [256]uint64 // canonical code, right-aligned
	count  [maxLen + 1]uint32
	sorted [256]uint8 // present byte values by (length, value)
}

// buildCode derives the canonical code from the byte frequencies; false if
// a code would be longer than maxLen.
func buildCode(freq *[256]uint64, c *code) bool {
	var weight [511]uint64
	var parent [511]uint16
	var live [511]bool
	nodes, nlive := 256, 0
	for s := 0; s < 256; s++ {
		weight[s] = freq[s]
		live[s] = freq[s] > 0
		if live[s] {
			nlive++
		}
	}
	for ; nlive > 1; nlive, nodes = nlive-1, nodes+1 {
		a, b := -1, -1 // lightest, second lightest
		for i := 0; i < nodes; i++ {
			if !live[i] {
				continue
			}
			if a < 0 || weight[i] < weight[a] {
				a, b = i, a
			} else if b < 0 || weight[i] < weight[b] {
				b = i
			}
		}
		weight[nodes] = weight[a] + weight[b]
		live[nodes] = true
		live[a], live[b] = false, false
		parent[a], parent[b] = uint16(nodes), uint16(nodes)
	}
	root := nodes - 1 // a lone symbol was never merged: depth 0
	*c = code{}
	for s := 0; s < 256; s++ {
		if freq[s] == 0 {
			continue
		}
		depth := 0
		for i := s; nodes > 256 && i != root; i = int(parent[i]) {
			depth++
		}
		if depth > maxLen {
			return false
		}
		c.len[s] = uint8(max(depth, 1))
		c.count[c.len[s]]++
	}
	var next uint64
	k := 0
	for l := 1; l <= maxLen; l, next = l+1, next<<1 {
		for s := 0; s < 256; s++ {
			if int(c.len[s]) == l {
				c.code[s] = next
				next++
				c.sorted[k] = uint8(s)
				k++
			}
		}
	}
	return true
}

// compress returns the number of bytes written to out (sized by
// compressedSize).
func compress(c *code, in, out []byte) int {
	var acc uint64
	bits, o := uint(0), 0
	for _, b := range in {
		acc = acc<<c.len[b] | c.code[b]
		for bits += uint(c.len[b]); bits >= 8; bits -= 8 {
			out[o] = byte(acc >> (bits - 8))
			o++
		}
	}
	if bits > 0 {
		out[o] = byte(acc << (8 - bits))
		o++
	}
	return o
}

func compressedSize(c *code, freq *[256]uint64) int {
	var bits uint64
	for s := 0; s < 256; s++ {
		bits += freq[s] * uint64(c.len[s])
	}
	return int((bits + 7) / 8)
}

// decompress decodes len(out) bytes from in; false if the bits run out or
// are invalid.
func decompress(c *code, in, out []byte) bool {
	pos, end := uint64(0), uint64(len(in))*8
	for i := range out {
		var code, first, index int64
		for l := 1; ; l++ {
			if l > maxLen || pos == end {
				return false
			}
			code |= int64(in[pos>>3]>>(7-pos&7)) & 1
			pos++
			if code-first < int64(c.count[l]) {
				out[i] = c.sorted[index+code-first]
				break
			}
			index += int64(c.count[l])
			first = (first + int64(c.count[l])) << 1
			code <<= 1
		}
	}
	return true
}

func count(in []byte, freq *[256]uint64) {
	*freq = [256]uint64{}
	for _, b := range in {
		freq[b]++
	}
}

// roundTrip runs the whole kernel; it returns the compressed bytes or
// exits 1.
func roundTrip(in []byte, c *code, back []byte) []byte {
	var freq [256]uint64
	count(in, &freq)
	if !buildCode(&freq, c) {
		guest.Die(guest.ExitFail, "huffman: a code is longer than %d bits", maxLen)
	}
	packed := make([]byte, compressedSize(c, &freq))
	if compress(c, in, packed) != len(packed) || !decompress(c, packed, back[:len(in)]) {
		guest.Die(guest.ExitFail, "huffman: compressed stream is inconsistent")
	}
	return packed
}

func selftest() {
	var in, back [5000]byte
	var c code
	bad := guest.SelftestCommon()

	// By hand: a=0, b=100, c=101, d=110, r=111 -> 23 bits 4e ac 9c.
	abra := []byte("abracadabra")
	bad += guest.CheckHex("abracadabra", roundTrip(abra, &c, back[:]), "4eac9c")
	if !bytes.Equal(back[:len(abra)], abra) {
		fmt.Fprintln(os.Stderr, "selftest: abracadabra does not decompress to itself")
		bad++
	}

	rng := guest.NewRNG(guest.Seed)
	for n := 1; n <= len(in); n = n*3 + 1 {
		for spread := 0; spread < 3; spread++ { // one symbol, two, all 256
			for i := 0; i < n; i++ {
				switch spread {
				case 0:
					in[i] = 'x'
				case 1:
					in[i] = byte(rng.Next32() & 1)
				default:
					in[i] = byte(rng.Next32())
				}
			}
			roundTrip(in[:n], &c, back[:])
			if !bytes.Equal(in[:n], back[:n]) {
				fmt.Fprintf(os.Stderr, "selftest: round trip of %d bytes (spread %d) differs\n", n, spread)
				bad++
			}
		}
	}
	guest.SelftestDone("huffman", bad)
}

func main() {
	size, st := guest.Args("huffman", "bytes to compress", 1<<30)
	if st {
		selftest()
	}
	in, back := make([]byte, size), make([]byte, size)
	rng := guest.NewRNG(guest.Seed)
	for i := range in {
		w := rng.Next64()
		in[i] = byte(w & (w >> 8) & (w >> 16))
	}
	var c code

	t0 := time.Now()
	packed := roundTrip(in, &c, back)
	kernel := time.Since(t0)

	if !bytes.Equal(in, back) {
		guest.Die(guest.ExitFail, "huffman: decompressed data differs from the input")
	}
	guest.Report(guest.FNV(guest.FNV(guest.FNVOffset, c.len[:]), packed), kernel)
	fmt.Printf("bytes=%d\ncompressed_bytes=%d\n", size, len(packed))
}
