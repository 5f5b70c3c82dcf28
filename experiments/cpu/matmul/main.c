/*
 * matmul: C = A * B for N x N matrices of uint32 with wrapping (mod 2^32) arithmetic.
 *
 *   matmul SIZE        SIZE = N
 *   matmul --selftest  a hand-computed 2x2 product (with wrap-around) and the
 *                      kernel against the dot-product definition on small matrices
 *
 * A then B are filled row by row with ew_next32. The kernel is the classic
 * triple loop in i-k-j order (row of A times B, streaming rows of B).
 * Timed: the multiplication, including zeroing C. digest = FNV-1a 64 of C
 * row by row, each element a little-endian uint32.
 */
#include "edgewasm.h"

static void multiply(const uint32_t *a, const uint32_t *b, uint32_t *c, size_t n)
{
	memset(c, 0, n * n * sizeof *c);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < n; k++) {
			uint32_t aik = a[i * n + k];
			for (size_t j = 0; j < n; j++)
				c[i * n + j] += aik * b[k * n + j];
		}
}

static void fill(ew_rng *rng, uint32_t *m, size_t count)
{
	for (size_t i = 0; i < count; i++)
		m[i] = ew_next32(rng);
}

static int selftest(void)
{
	enum { SMALL = 17 };
	static uint32_t a[SMALL * SMALL], b[SMALL * SMALL], c[SMALL * SMALL];
	int bad = ew_selftest_common();

	/* [1 2; 3 2^31] * [5 6; 7 2] = [19 10; 15+7*2^31 18+2^32] mod 2^32 */
	uint32_t a2[4] = {1, 2, 3, UINT32_C(1) << 31}, b2[4] = {5, 6, 7, 2}, c2[4];
	multiply(a2, b2, c2, 2);
	bad += ew_check_u64("2x2 row 0", (uint64_t)c2[0] << 32 | c2[1], (uint64_t)19 << 32 | 10);
	bad += ew_check_u64("2x2 row 1", (uint64_t)c2[2] << 32 | c2[3],
			    (uint64_t)(15 + (UINT32_C(1) << 31)) << 32 | 18);

	ew_rng rng;
	ew_rng_init(&rng, EW_SEED);
	for (size_t n = 1; n <= SMALL; n += 4) {
		fill(&rng, a, n * n);
		fill(&rng, b, n * n);
		multiply(a, b, c, n);
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < n; j++) {
				uint32_t dot = 0;
				for (size_t k = 0; k < n; k++)
					dot += a[i * n + k] * b[k * n + j];
				if (dot != c[i * n + j]) {
					fprintf(stderr, "selftest: n=%zu C[%zu][%zu] wrong\n", n, i, j);
					bad++;
				}
			}
	}
	return ew_selftest_done("matmul", bad);
}

int main(int argc, char **argv)
{
	uint64_t size;
	if (ew_args(argc, argv, "matmul", "matrix order N", 8192, &size) == EW_SELFTEST)
		return selftest();

	size_t n = (size_t)size;
	uint32_t *a = ew_xmalloc(n * n * sizeof *a, "matrix A");
	uint32_t *b = ew_xmalloc(n * n * sizeof *b, "matrix B");
	uint32_t *c = ew_xmalloc(n * n * sizeof *c, "matrix C");
	ew_rng rng;
	ew_rng_init(&rng, EW_SEED);
	fill(&rng, a, n * n);
	fill(&rng, b, n * n);

	uint64_t t0 = ew_now_ns();
	multiply(a, b, c, n);
	uint64_t t1 = ew_now_ns();

	ew_report(ew_fnv_u32(EW_FNV_OFFSET, c, n * n), t1 - t0);
	printf("n=%zu\n", n);
	free(a);
	free(b);
	free(c);
	return 0;
}
