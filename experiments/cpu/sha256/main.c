/*
 * sha256: SHA-256 (FIPS 180-4) of SIZE bytes.
 *
 *   sha256 SIZE        hash the first SIZE bytes of the seeded byte stream
 *   sha256 --selftest  FIPS 180-4 example messages ("abc", the 448-bit
 *                      two-block message), the empty string, a million 'a'
 *
 * Timed: the hash (all blocks and the padding). digest = the 64 lowercase hex
 * digits of the SHA-256 itself, not FNV, so it can be checked with any
 * SHA-256 tool on the same bytes.
 */
#include "edgewasm.h"

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t rotr(uint32_t x, int n)
{
	return (x >> n) | (x << (32 - n));
}

/* block runs the compression function on one 64-byte block. */
static void block(uint32_t h[8], const uint8_t *p)
{
	uint32_t w[64];
	for (int t = 0; t < 16; t++)
		w[t] = (uint32_t)p[4 * t] << 24 | (uint32_t)p[4 * t + 1] << 16 |
		       (uint32_t)p[4 * t + 2] << 8 | p[4 * t + 3];
	for (int t = 16; t < 64; t++) {
		uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
		uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
		w[t] = w[t - 16] + s0 + w[t - 7] + s1;
	}
	uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
	for (int t = 0; t < 64; t++) {
		uint32_t t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t];
		uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
		hh = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	h[5] += f;
	h[6] += g;
	h[7] += hh;
}

static void sha256(const uint8_t *msg, size_t n, uint8_t out[32])
{
	uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
			 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
	uint8_t tail[128] = {0};
	size_t full = n - n % 64, rest = n % 64, len = rest + 9 <= 64 ? 64 : 128;
	uint64_t bits = (uint64_t)n * 8;
	for (size_t off = 0; off < full; off += 64)
		block(h, msg + off);
	memcpy(tail, msg + full, rest);
	tail[rest] = 0x80;
	for (size_t i = 0; i < 8; i++)
		tail[len - 1 - i] = (uint8_t)(bits >> (8 * i));
	for (size_t off = 0; off < len; off += 64)
		block(h, tail + off);
	for (int i = 0; i < 32; i++)
		out[i] = (uint8_t)(h[i / 4] >> (24 - 8 * (i % 4)));
}

static int selftest(void)
{
	static const char *vec[][2] = {
	    {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
	    {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	    {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
	};
	uint8_t d[32];
	int bad = ew_selftest_common();
	for (size_t i = 0; i < sizeof vec / sizeof vec[0]; i++) {
		sha256((const uint8_t *)vec[i][0], strlen(vec[i][0]), d);
		bad += ew_check_hex(vec[i][0], d, 32, vec[i][1]);
	}
	uint8_t *a = ew_xmalloc(1000000, "a million 'a'");
	memset(a, 'a', 1000000);
	sha256(a, 1000000, d);
	bad += ew_check_hex("a million 'a'", d, 32,
			    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(a);
	return ew_selftest_done("sha256", bad);
}

int main(int argc, char **argv)
{
	uint64_t size;
	if (ew_args(argc, argv, "sha256", "bytes to hash", UINT64_C(1) << 30, &size) == EW_SELFTEST)
		return selftest();

	size_t n = (size_t)size;
	uint8_t *msg = ew_xmalloc(n, "message");
	uint8_t d[32];
	ew_rng rng;
	ew_rng_init(&rng, EW_SEED);
	ew_bytes(&rng, msg, n);

	uint64_t t0 = ew_now_ns();
	sha256(msg, n, d);
	uint64_t t1 = ew_now_ns();

	printf("digest=");
	for (int i = 0; i < 32; i++)
		printf("%02x", d[i]);
	printf("\nkernel_ns=%" PRIu64 "\nbytes=%zu\n", t1 - t0, n);
	free(msg);
	return 0;
}
