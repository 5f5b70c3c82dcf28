// Package wordhash is the network experiment's digest, shared by its Go
// guest, the peer and the protocol: FNV-1a 64 over 64-bit little-endian
// words (experiments/README.md, "network/server"). It lives apart from
// package guest so that the other Go guests, whose committed modules
// depend on every byte of what they import, stay unchanged.
package wordhash

import "github.com/edgewasm/edgewasm/experiments/common/guest"

// Hash is FNV-1a 64 over 64-bit little-endian words: h = (h ^ w) *
// guest.FNVPrime for each whole word, then the last len%8 bytes one at a
// time as in FNV. One multiply per 8 bytes keeps verifying a transfer
// cheap next to moving it, and any single changed, missing or extra byte
// still changes the digest. Writing the data in pieces of any size gives
// the same digest.
type Hash struct {
	h     uint64
	tail  [8]byte // bytes of an incomplete word
	n     int     // how many bytes of tail are used
	total uint64
}

// New returns a Hash over no bytes.
func New() *Hash { return &Hash{h: guest.FNVOffset} }

// Write adds p; it never fails.
func (w *Hash) Write(p []byte) (int, error) {
	n := len(p)
	w.total += uint64(n)
	for w.n > 0 && len(p) > 0 {
		w.tail[w.n] = p[0]
		w.n, p = w.n+1, p[1:]
		if w.n == 8 {
			w.h = (w.h ^ le64(w.tail[:])) * guest.FNVPrime
			w.n = 0
		}
	}
	if w.n > 0 { // p ended inside the incomplete word
		return n, nil
	}
	h := w.h
	for len(p) >= 8 {
		h = (h ^ le64(p)) * guest.FNVPrime
		p = p[8:]
	}
	w.h = h
	w.n = copy(w.tail[:], p)
	return n, nil
}

// Sum64 returns the digest of everything written so far.
func (w *Hash) Sum64() uint64 { return guest.FNV(w.h, w.tail[:w.n]) }

// Bytes is how many bytes were written.
func (w *Hash) Bytes() uint64 { return w.total }

func le64(p []byte) uint64 {
	_ = p[7]
	return uint64(p[0]) | uint64(p[1])<<8 | uint64(p[2])<<16 | uint64(p[3])<<24 |
		uint64(p[4])<<32 | uint64(p[5])<<40 | uint64(p[6])<<48 | uint64(p[7])<<56
}

// Stream returns the digest of the first size bytes of the byte stream
// seeded with seed.
func Stream(size int64, seed uint64) uint64 {
	rng, h := guest.NewRNG(seed), New()
	buf := make([]byte, 1<<16)
	for left := size; left > 0; {
		p := buf[:min(int64(len(buf)), left)]
		rng.Bytes(p)
		h.Write(p)
		left -= int64(len(p))
	}
	return h.Sum64()
}
