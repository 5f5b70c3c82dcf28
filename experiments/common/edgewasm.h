/*
 * edgewasm.h: header-only helpers shared by every edgewasm workload.
 *
 * Everything a workload needs besides its kernel lives here, so that each
 * program stays one translation unit that builds unchanged with
 *   cc -O2 -I experiments/common main.c                    (native, -static)
 *   clang --target=wasm32-wasi -O2 -I experiments/common main.c
 * and prints identical digests on x86-64, arm64 and wasm32:
 *   - inputs come from splitmix64 with a fixed seed (EW_SEED),
 *   - results are hashed with FNV-1a 64 over little-endian bytes,
 *   - the kernel is timed with CLOCK_MONOTONIC,
 *   - argument parsing, usage errors (exit 2) and self-check failures (exit 1)
 *     behave the same in every program.
 * The exact definitions are written down in experiments/README.md.
 */
#ifndef EDGEWASM_H
#define EDGEWASM_H

#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define EW_SEED UINT64_C(2020)
#define EW_EXIT_FAIL 1  /* self-check failed, allocation failed, I/O error */
#define EW_EXIT_USAGE 2 /* bad command line */

static inline _Noreturn void ew_die(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(code);
}

/* ew_xmalloc returns n bytes (n may be 0) or exits 1 naming what it was for. */
static inline void *ew_xmalloc(size_t n, const char *what)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		ew_die(EW_EXIT_FAIL, "out of memory allocating %zu bytes for %s", n, what);
	return p;
}

/* ---- splitmix64 (Steele, Lea, Flood 2014) ---- */

typedef struct {
	uint64_t state;
	uint64_t word; /* unused bytes of the last output, low byte first */
	unsigned left; /* how many bytes of word are unused */
} ew_rng;

static inline void ew_rng_init(ew_rng *r, uint64_t seed)
{
	r->state = seed;
	r->word = 0;
	r->left = 0;
}

static inline uint64_t ew_next64(ew_rng *r)
{
	uint64_t z = (r->state += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* ew_next32 is the high half of the next 64-bit output. */
static inline uint32_t ew_next32(ew_rng *r)
{
	return (uint32_t)(ew_next64(r) >> 32);
}

/* ew_below maps ew_next32 onto [0, n) by multiply-shift (Lemire, no rejection). */
static inline uint32_t ew_below(ew_rng *r, uint32_t n)
{
	return (uint32_t)(((uint64_t)ew_next32(r) * n) >> 32);
}

/*
 * ew_bytes appends n bytes of the byte stream: each 64-bit output gives 8
 * bytes, least significant first. Bytes left over from one call are used by
 * the next, so filling a buffer in pieces gives the same bytes as in one go.
 */
static inline void ew_bytes(ew_rng *r, uint8_t *p, size_t n)
{
	while (n > 0 && r->left > 0) {
		*p++ = (uint8_t)r->word;
		r->word >>= 8;
		r->left--;
		n--;
	}
	for (; n >= 8; n -= 8, p += 8) {
		uint64_t w = ew_next64(r);
		for (int i = 0; i < 8; i++)
			p[i] = (uint8_t)(w >> (8 * i));
	}
	if (n > 0) {
		r->word = ew_next64(r);
		r->left = 8;
		ew_bytes(r, p, n);
	}
}

/* ---- FNV-1a 64 ---- */

#define EW_FNV_OFFSET UINT64_C(0xcbf29ce484222325)
#define EW_FNV_PRIME UINT64_C(0x100000001b3)

static inline uint64_t ew_fnv(uint64_t h, const void *data, size_t n)
{
	const uint8_t *p = data;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= EW_FNV_PRIME;
	}
	return h;
}

/* ew_fnv_u32 hashes n 32-bit words as their little-endian bytes. */
static inline uint64_t ew_fnv_u32(uint64_t h, const uint32_t *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint8_t b[4] = {(uint8_t)w[i], (uint8_t)(w[i] >> 8), (uint8_t)(w[i] >> 16),
				(uint8_t)(w[i] >> 24)};
		h = ew_fnv(h, b, 4);
	}
	return h;
}

/* ---- timing and output ---- */

static inline uint64_t ew_now_ns(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		ew_die(EW_EXIT_FAIL, "clock_gettime(CLOCK_MONOTONIC) failed");
	return (uint64_t)ts.tv_sec * UINT64_C(1000000000) + (uint64_t)ts.tv_nsec;
}

/* ew_report prints the two mandatory result lines. */
static inline void ew_report(uint64_t digest, uint64_t kernel_ns)
{
	printf("digest=%016" PRIx64 "\nkernel_ns=%" PRIu64 "\n", digest, kernel_ns);
}

/* ---- command line ---- */

/*
 * ew_parse_u64 parses a decimal integer in [1, max] (max < 2^63) with no sign,
 * spaces or suffix. It returns 0 on success and -1 otherwise.
 */
static inline int ew_parse_u64(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	if (*s == '\0')
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		if (v > max / 10)
			return -1;
		v = v * 10 + (uint64_t)(*s - '0');
		if (v > max)
			return -1;
	}
	if (v == 0)
		return -1;
	*out = v;
	return 0;
}

#define EW_RUN 0
#define EW_SELFTEST 1

/*
 * ew_args handles the command line shared by the CPU programs:
 *   PROG SIZE         returns EW_RUN with *size set
 *   PROG --selftest   returns EW_SELFTEST
 * Anything else prints usage to stderr and exits 2.
 */
static inline int ew_args(int argc, char **argv, const char *prog, const char *what, uint64_t max,
		   uint64_t *size)
{
	if (argc == 2 && strcmp(argv[1], "--selftest") == 0)
		return EW_SELFTEST;
	if (argc == 2 && ew_parse_u64(argv[1], max, size) == 0)
		return EW_RUN;
	ew_die(EW_EXIT_USAGE,
	       "usage: %s SIZE | %s --selftest\n"
	       "  SIZE: %s, an integer from 1 to %" PRIu64,
	       prog, prog, what, max);
}

/* ---- known-answer tests ---- */

/* ew_check_hex compares n bytes with a hex string; it returns 1 on mismatch. */
static inline int ew_check_hex(const char *name, const uint8_t *got, size_t n, const char *want)
{
	char hex[2 * 64 + 1];
	if (n > 64)
		ew_die(EW_EXIT_FAIL, "%s: ew_check_hex supports at most 64 bytes", name);
	for (size_t i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", got[i]);
	hex[2 * n] = '\0';
	if (strcmp(hex, want) == 0)
		return 0;
	fprintf(stderr, "selftest %s: got %s, want %s\n", name, hex, want);
	return 1;
}

/* ew_check_u64 compares two integers; it returns 1 on mismatch. */
static inline int ew_check_u64(const char *name, uint64_t got, uint64_t want)
{
	if (got == want)
		return 0;
	fprintf(stderr, "selftest %s: got %016" PRIx64 ", want %016" PRIx64 "\n", name, got, want);
	return 1;
}

/*
 * ew_selftest_common checks the shared helpers against published values:
 * FNV-1a 64 (Fowler/Noll/Vo test vectors) and splitmix64 seeded with 0
 * (reference outputs of Vigna's splitmix64.c).
 */
static inline int ew_selftest_common(void)
{
	int bad = 0;
	bad += ew_check_u64("fnv1a64 \"\"", ew_fnv(EW_FNV_OFFSET, "", 0), UINT64_C(0xcbf29ce484222325));
	bad += ew_check_u64("fnv1a64 \"a\"", ew_fnv(EW_FNV_OFFSET, "a", 1), UINT64_C(0xaf63dc4c8601ec8c));
	bad += ew_check_u64("fnv1a64 \"foobar\"", ew_fnv(EW_FNV_OFFSET, "foobar", 6),
			    UINT64_C(0x85944171f73967e8));
	ew_rng r;
	ew_rng_init(&r, 0);
	bad += ew_check_u64("splitmix64[0]", ew_next64(&r), UINT64_C(0xe220a8397b1dcdaf));
	bad += ew_check_u64("splitmix64[1]", ew_next64(&r), UINT64_C(0x6e789e6aa1b965f4));
	bad += ew_check_u64("splitmix64[2]", ew_next64(&r), UINT64_C(0x06c45d188009454f));
	return bad;
}

/* ew_selftest_done prints the verdict and returns the exit status. */
static inline int ew_selftest_done(const char *prog, int bad)
{
	if (bad) {
		fprintf(stderr, "%s: selftest failed: %d check(s)\n", prog, bad);
		return EW_EXIT_FAIL;
	}
	printf("selftest=ok\n");
	return 0;
}

#endif
