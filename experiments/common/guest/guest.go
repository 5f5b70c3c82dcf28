package guest

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"os"
	"strconv"
	"time"
)

// Seed seeds the input generator of every workload (EW_SEED in C).
const Seed uint64 = 2020

// Exit statuses shared with the C workloads.
const (
	ExitFail  = 1 // self-check failed, I/O error
	ExitUsage = 2 // bad command line
)

// Die prints a message to stderr and exits with code.
func Die(code int, format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(code)
}

// RNG is splitmix64 (Steele, Lea, Flood 2014) plus a byte stream that
// carries unused bytes of the last output over to the next Bytes call.
type RNG struct {
	state uint64
	word  uint64 // unused bytes of the last output, low byte first
	left  int    // how many bytes of word are unused
}

// NewRNG returns a generator seeded with seed.
func NewRNG(seed uint64) *RNG { return &RNG{state: seed} }

// Next64 returns the next 64-bit output.
func (r *RNG) Next64() uint64 {
	r.state += 0x9e3779b97f4a7c15
	z := r.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Next32 returns the high half of the next 64-bit output.
func (r *RNG) Next32() uint32 { return uint32(r.Next64() >> 32) }

// Below maps Next32 onto [0, n) by multiply-shift (no rejection).
func (r *RNG) Below(n uint32) uint32 { return uint32(uint64(r.Next32()) * uint64(n) >> 32) }

// Bytes fills p from the byte stream: each 64-bit output gives 8 bytes,
// least significant first. Filling a buffer in pieces gives the same bytes
// as filling it in one call.
func (r *RNG) Bytes(p []byte) {
	for len(p) > 0 && r.left > 0 {
		p[0] = byte(r.word)
		r.word >>= 8
		r.left--
		p = p[1:]
	}
	for len(p) >= 8 {
		w := r.Next64()
		p[0], p[1], p[2], p[3] = byte(w), byte(w>>8), byte(w>>16), byte(w>>24)
		p[4], p[5], p[6], p[7] = byte(w>>32), byte(w>>40), byte(w>>48), byte(w>>56)
		p = p[8:]
	}
	if len(p) > 0 {
		r.word, r.left = r.Next64(), 8
		r.Bytes(p)
	}
}

// FNV-1a 64 parameters.
const (
	FNVOffset uint64 = 0xcbf29ce484222325
	FNVPrime  uint64 = 0x100000001b3
)

// FNV continues the FNV-1a 64 hash h over p.
func FNV(h uint64, p []byte) uint64 {
	for _, b := range p {
		h ^= uint64(b)
		h *= FNVPrime
	}
	return h
}

// FNVU32 continues h over the little-endian bytes of each word of w.
func FNVU32(h uint64, w []uint32) uint64 {
	for _, v := range w {
		for s := 0; s < 32; s += 8 {
			h ^= uint64(byte(v >> s))
			h *= FNVPrime
		}
	}
	return h
}

// Report prints the two mandatory result lines, digest=<16 hex digits> and
// kernel_ns=<integer>.
func Report(digest uint64, kernel time.Duration) {
	fmt.Printf("digest=%016x\nkernel_ns=%d\n", digest, kernel.Nanoseconds())
}

// ParseSize parses a decimal integer in [1, max] with no sign, spaces or
// suffix, as the C programs do.
func ParseSize(s string, max uint64) (uint64, bool) {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil || v == 0 || v > max {
		return 0, false
	}
	return v, true
}

// Args handles the command line of the CPU programs: "PROG SIZE" returns
// the size, "PROG --selftest" returns selftest true. Anything else prints
// the usage to stderr and exits 2. what describes SIZE.
func Args(prog, what string, max uint64) (size uint64, selftest bool) {
	a := os.Args[1:]
	if len(a) == 1 && a[0] == "--selftest" {
		return 0, true
	}
	if len(a) == 1 {
		if v, ok := ParseSize(a[0], max); ok {
			return v, false
		}
	}
	Die(ExitUsage, "usage: %s SIZE | %s --selftest\n  SIZE: %s, an integer from 1 to %d", prog, prog, what, max)
	return 0, false
}

// Unhex decodes a hex literal of the program itself; it panics on a
// malformed one, which is a bug in the program, not bad input.
func Unhex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// CheckHex compares got with a lowercase hex string; it returns 1 (and
// explains on stderr) on mismatch, 0 otherwise.
func CheckHex(name string, got []byte, want string) int {
	if bytes.Equal(got, Unhex(want)) {
		return 0
	}
	fmt.Fprintf(os.Stderr, "selftest %s: got %x, want %s\n", name, got, want)
	return 1
}

// CheckU64 compares two integers; it returns 1 on mismatch.
func CheckU64(name string, got, want uint64) int {
	if got == want {
		return 0
	}
	fmt.Fprintf(os.Stderr, "selftest %s: got %016x, want %016x\n", name, got, want)
	return 1
}

// SelftestCommon checks the shared helpers against published values:
// FNV-1a 64 (Fowler/Noll/Vo test vectors) and splitmix64 seeded with 0
// (reference outputs of Vigna's splitmix64.c). It returns the number of
// failed checks.
func SelftestCommon() int {
	bad := CheckU64(`fnv1a64 ""`, FNV(FNVOffset, nil), 0xcbf29ce484222325)
	bad += CheckU64(`fnv1a64 "a"`, FNV(FNVOffset, []byte("a")), 0xaf63dc4c8601ec8c)
	bad += CheckU64(`fnv1a64 "foobar"`, FNV(FNVOffset, []byte("foobar")), 0x85944171f73967e8)
	r := NewRNG(0)
	bad += CheckU64("splitmix64[0]", r.Next64(), 0xe220a8397b1dcdaf)
	bad += CheckU64("splitmix64[1]", r.Next64(), 0x6e789e6aa1b965f4)
	bad += CheckU64("splitmix64[2]", r.Next64(), 0x06c45d188009454f)
	return bad
}

// SelftestDone prints the verdict and exits: 0 after "selftest=ok" when bad
// is 0, 1 otherwise.
func SelftestDone(prog string, bad int) {
	if bad != 0 {
		Die(ExitFail, "%s: selftest failed: %d check(s)", prog, bad)
	}
	fmt.Println("selftest=ok")
	os.Exit(0)
}
