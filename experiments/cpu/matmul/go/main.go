// Command matmul is the Go port of experiments/cpu/matmul/main.c: C = A·B
// for N×N matrices of uint32 with wrapping (mod 2^32) arithmetic.
//
//	matmul SIZE        SIZE = N
//	matmul --selftest  a hand-computed 2x2 product (with wrap-around) and the
//	                   kernel against the dot-product definition on small matrices
//
// A then B are filled row by row with Next32; the kernel is the same triple
// loop in i-k-j order (row slices let the compiler drop bounds checks, as
// the C compiler has none to drop). Timed: the multiplication, including
// zeroing C. digest = FNV-1a 64 of C row by row, each element little-endian.
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/edgewasm/edgewasm/experiments/common/guest"
)

func multiply(a, b, c []uint32, n int) {
	clear(c[:n*n])
	for i := 0; i < n; i++ {
		ci := c[i*n : i*n+n]
		for k := 0; k < n; k++ {
			aik, bk := a[i*n+k], b[k*n:k*n+n]
			for j := range ci {
				ci[j] += aik * bk[j]
			}
		}
	}
}

func fill(rng *guest.RNG, m []uint32) {
	for i := range m {
		m[i] = rng.Next32()
	}
}

func selftest() {
	const small = 17
	a, b, c := make([]uint32, small*small), make([]uint32, small*small), make([]uint32, small*small)
	bad := guest.SelftestCommon()

	// [1 2; 3 2^31] * [5 6; 7 2] = [19 10; 15+7*2^31 18+2^32] mod 2^32
	c2 := make([]uint32, 4)
	multiply([]uint32{1, 2, 3, 1 << 31}, []uint32{5, 6, 7, 2}, c2, 2)
	bad += guest.CheckU64("2x2 row 0", uint64(c2[0])<<32|uint64(c2[1]), 19<<32|10)
	bad += guest.CheckU64("2x2 row 1", uint64(c2[2])<<32|uint64(c2[3]), (15+1<<31)<<32|18)

	rng := guest.NewRNG(guest.Seed)
	for n := 1; n <= small; n += 4 {
		fill(rng, a[:n*n])
		fill(rng, b[:n*n])
		multiply(a, b, c, n)
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				var dot uint32
				for k := 0; k < n; k++ {
					dot += a[i*n+k] * b[k*n+j]
				}
				if dot != c[i*n+j] {
					fmt.Fprintf(os.Stderr, "selftest: n=%d C[%d][%d] wrong\n", n, i, j)
					bad++
				}
			}
		}
	}
	guest.SelftestDone("matmul", bad)
}

func main() {
	size, st := guest.Args("matmul", "matrix order N", 8192)
	if st {
		selftest()
	}
	n := int(size)
	a, b, c := make([]uint32, n*n), make([]uint32, n*n), make([]uint32, n*n)
	rng := guest.NewRNG(guest.Seed)
	fill(rng, a)
	fill(rng, b)

	t0 := time.Now()
	multiply(a, b, c, n)
	kernel := time.Since(t0)

	guest.Report(guest.FNVU32(guest.FNVOffset, c), kernel)
	fmt.Printf("n=%d\n", n)
}
