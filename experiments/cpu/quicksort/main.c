/*
 * quicksort: recursive quicksort of N signed 32-bit integers.
 *
 *   quicksort SIZE        SIZE = N
 *   quicksort --selftest  hand-checked and adversarial small arrays against insertion sort
 *
 * Input element i = (int32_t)ew_next32(). The algorithm is the classic one:
 * Hoare partition around the value of the middle element, no insertion-sort
 * cutoff; the function recurses into the smaller part and loops on the larger
 * one, so the recursion depth is at most log2(N). Timed: the sort. After it
 * (not timed) the result must be ascending with the same sum and xor as the
 * input, or the program exits 1. digest = FNV-1a 64 of the sorted array, each
 * element as its little-endian two's complement bytes.
 */
#include "edgewasm.h"

static void quicksort(int32_t *a, ptrdiff_t lo, ptrdiff_t hi)
{
	while (lo < hi) {
		int32_t pivot = a[lo + (hi - lo) / 2];
		ptrdiff_t i = lo - 1, j = hi + 1;
		for (;;) {
			do
				i++;
			while (a[i] < pivot);
			do
				j--;
			while (a[j] > pivot);
			if (i >= j)
				break;
			int32_t t = a[i];
			a[i] = a[j];
			a[j] = t;
		}
		if (j - lo < hi - j) { /* a[lo..j] <= pivot <= a[j+1..hi] */
			quicksort(a, lo, j);
			lo = j + 1;
		} else {
			quicksort(a, j + 1, hi);
			hi = j;
		}
	}
}

static void insertion_sort(int32_t *a, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		int32_t v = a[i];
		size_t j = i;
		for (; j > 0 && a[j - 1] > v; j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

static int selftest(void)
{
	enum { SMALL = 300 };
	static int32_t a[SMALL], ref[SMALL];
	int bad = ew_selftest_common();

	int32_t hand[7] = {3, -1, INT32_MAX, 0, INT32_MIN, 3, -7};
	quicksort(hand, 0, 6);
	uint32_t u[7];
	for (int i = 0; i < 7; i++)
		u[i] = (uint32_t)hand[i];
	bad += ew_check_u64("hand-checked", ew_fnv_u32(EW_FNV_OFFSET, u, 7),
			    ew_fnv_u32(EW_FNV_OFFSET,
				       (const uint32_t[]){UINT32_C(0x80000000), (uint32_t)-7, (uint32_t)-1,
							  0, 3, 3, INT32_MAX},
				       7));
	ew_rng rng;
	ew_rng_init(&rng, EW_SEED);
	for (size_t n = 1; n <= SMALL; n += 23) {
		for (int kind = 0; kind < 5; kind++) { /* random, few values, equal, ascending, descending */
			for (size_t i = 0; i < n; i++)
				a[i] = kind == 0   ? (int32_t)ew_next32(&rng)
				       : kind == 1 ? (int32_t)ew_below(&rng, 3) - 1
				       : kind == 2 ? 42
				       : kind == 3 ? (int32_t)i
						   : -(int32_t)i;
			memcpy(ref, a, n * sizeof *a);
			insertion_sort(ref, n);
			quicksort(a, 0, (ptrdiff_t)n - 1);
			if (memcmp(a, ref, n * sizeof *a) != 0) {
				fprintf(stderr, "selftest: n=%zu kind=%d sorted wrongly\n", n, kind);
				bad++;
			}
		}
	}
	return ew_selftest_done("quicksort", bad);
}

/* summary folds the multiset of values into two order-independent words. */
static void summary(const int32_t *a, size_t n, uint64_t *sum, uint32_t *x)
{
	*sum = 0;
	*x = 0;
	for (size_t i = 0; i < n; i++) {
		*sum += (uint64_t)(uint32_t)a[i];
		*x ^= (uint32_t)a[i];
	}
}

int main(int argc, char **argv)
{
	uint64_t size;
	if (ew_args(argc, argv, "quicksort", "number of integers", UINT64_C(1) << 28, &size) ==
	    EW_SELFTEST)
		return selftest();

	size_t n = (size_t)size;
	int32_t *a = ew_xmalloc(n * sizeof *a, "array");
	ew_rng rng;
	ew_rng_init(&rng, EW_SEED);
	for (size_t i = 0; i < n; i++)
		a[i] = (int32_t)ew_next32(&rng);
	uint64_t sum0, sum1;
	uint32_t x0, x1;
	summary(a, n, &sum0, &x0);

	uint64_t t0 = ew_now_ns();
	quicksort(a, 0, (ptrdiff_t)n - 1);
	uint64_t t1 = ew_now_ns();

	summary(a, n, &sum1, &x1);
	if (sum0 != sum1 || x0 != x1)
		ew_die(EW_EXIT_FAIL, "quicksort: the sorted array is not a permutation of the input");
	for (size_t i = 1; i < n; i++)
		if (a[i - 1] > a[i])
			ew_die(EW_EXIT_FAIL, "quicksort: not sorted at index %zu", i);
	ew_report(ew_fnv_u32(EW_FNV_OFFSET, (const uint32_t *)a, n), t1 - t0);
	printf("n=%zu\n", n);
	free(a);
	return 0;
}
