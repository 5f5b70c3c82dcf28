// Command quicksort is the Go port of experiments/cpu/quicksort/main.c:
// recursive quicksort of N signed 32-bit integers.
//
//	quicksort SIZE        SIZE = N
//	quicksort --selftest  hand-checked and adversarial small arrays against insertion sort
//
// Input element i = int32(Next32()). The algorithm is the C program's (not
// package sort or slices): Hoare partition around the value of the middle
// element, no insertion-sort cutoff, recursion into the smaller part and a
// loop on the larger. Timed: the sort; afterwards, untimed, the result must
// be ascending with the input's sum and xor. digest = FNV-1a 64 of the
// sorted array as little-endian two's complement.
package main

import (
	"fmt"
	"math"
	"os"
	"slices"
	"time"

	"github.com/edgewasm/edgewasm/experiments/common/guest"
)

func quicksort(a []int32, lo, hi int) {
	for lo < hi {
		pivot := a[lo+(hi-lo)/2]
		i, j := lo-1, hi+1
		for {
			for i++; a[i] < pivot; i++ {
			}
			for j--; a[j] > pivot; j-- {
			}
			if i >= j {
				break
			}
			a[i], a[j] = a[j], a[i]
		}
		if j-lo < hi-j { // a[lo..j] <= pivot <= a[j+1..hi]
			quicksort(a, lo, j)
			lo = j + 1
		} else {
			quicksort(a, j+1, hi)
			hi = j
		}
	}
}

func insertionSort(a []int32) {
	for i := 1; i < len(a); i++ {
		v, j := a[i], i
		for ; j > 0 && a[j-1] > v; j-- {
			a[j] = a[j-1]
		}
		a[j] = v
	}
}

func words(a []int32) []uint32 {
	u := make([]uint32, len(a))
	for i, v := range a {
		u[i] = uint32(v)
	}
	return u
}

func selftest() {
	const small = 300
	a, ref := make([]int32, small), make([]int32, small)
	bad := guest.SelftestCommon()

	hand := []int32{3, -1, math.MaxInt32, 0, math.MinInt32, 3, -7}
	quicksort(hand, 0, 6)
	bad += guest.CheckU64("hand-checked", guest.FNVU32(guest.FNVOffset, words(hand)),
		guest.FNVU32(guest.FNVOffset, words([]int32{math.MinInt32, -7, -1, 0, 3, 3, math.MaxInt32})))

	rng := guest.NewRNG(guest.Seed)
	for n := 1; n <= small; n += 23 {
		for kind := 0; kind < 5; kind++ { // random, few values, equal, ascending, descending
			for i := 0; i < n; i++ {
				switch kind {
				case 0:
					a[i] = int32(rng.Next32())
				case 1:
					a[i] = int32(rng.Below(3)) - 1
				case 2:
					a[i] = 42
				case 3:
					a[i] = int32(i)
				default:
					a[i] = -int32(i)
				}
			}
			copy(ref, a[:n])
			insertionSort(ref[:n])
			quicksort(a, 0, n-1)
			if !slices.Equal(a[:n], ref[:n]) {
				fmt.Fprintf(os.Stderr, "selftest: n=%d kind=%d sorted wrongly\n", n, kind)
				bad++
			}
		}
	}
	guest.SelftestDone("quicksort", bad)
}

// summary folds the multiset of values into two order-independent words.
func summary(a []int32) (sum uint64, x uint32) {
	for _, v := range a {
		sum += uint64(uint32(v))
		x ^= uint32(v)
	}
	return sum, x
}

func main() {
	size, st := guest.Args("quicksort", "number of integers", 1<<28)
	if st {
		selftest()
	}
	n := int(size)
	a := make([]int32, n)
	rng := guest.NewRNG(guest.Seed)
	for i := range a {
		a[i] = int32(rng.Next32())
	}
	sum0, x0 := summary(a)

	t0 := time.Now()
	quicksort(a, 0, n-1)
	kernel := time.Since(t0)

	if sum1, x1 := summary(a); sum0 != sum1 || x0 != x1 {
		guest.Die(guest.ExitFail, "quicksort: the sorted array is not a permutation of the input")
	}
	for i := 1; i < n; i++ {
		if a[i-1] > a[i] {
			guest.Die(guest.ExitFail, "quicksort: not sorted at index %d", i)
		}
	}
	guest.Report(guest.FNVU32(guest.FNVOffset, words(a)), kernel)
	fmt.Printf("n=%d\n", n)
}
