/*
 * xor: repeating-key XOR cipher, several passes with keys of coprime lengths.
 *
 *   xor SIZE        SIZE = number of bytes
 *   xor --selftest  a hand-computed example, and that applying the passes
 *                   twice restores the data
 *
 * The data is the first SIZE bytes of the seeded byte stream; the keys are the
 * next 16, 23 and 37 bytes of the same stream (key of pass p follows the data
 * and the keys of passes before it). Pass p sets data[i] ^= key_p[i mod len_p].
 * Timed: the passes. digest = FNV-1a 64 of the data after all passes.
 */
#include "edgewasm.h"

#define PASSES 3
static const size_t key_len[PASSES] = {16, 23, 37};

static void xor_pass(uint8_t *data, size_t n, const uint8_t *key, size_t klen)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		data[i] ^= key[k];
		if (++k == klen)
			k = 0;
	}
}

static void encrypt(uint8_t *data, size_t n, uint8_t *const keys[PASSES])
{
	for (int p = 0; p < PASSES; p++)
		xor_pass(data, n, keys[p], key_len[p]);
}

static int selftest(void)
{
	uint8_t data[100], orig[100], k0[16], k1[23], k2[37];
	uint8_t *const keys[PASSES] = {k0, k1, k2};
	int bad = ew_selftest_common();

	uint8_t msg[5] = {'h', 'e', 'l', 'l', 'o'}; /* "hello" ^ "ab" repeated */
	xor_pass(msg, 5, (const uint8_t *)"ab", 2);
	bad += ew_check_hex("hello^ab", msg, 5, "09070d0e0e");

	ew_rng rng;
	ew_rng_init(&rng, EW_SEED);
	ew_bytes(&rng, orig, sizeof orig);
	for (int p = 0; p < PASSES; p++)
		ew_bytes(&rng, keys[p], key_len[p]);
	memcpy(data, orig, sizeof data);
	encrypt(data, sizeof data, keys);
	if (memcmp(data, orig, sizeof data) == 0) {
		fprintf(stderr, "selftest: encryption left the data unchanged\n");
		bad++;
	}
	encrypt(data, sizeof data, keys);
	if (memcmp(data, orig, sizeof data) != 0) {
		fprintf(stderr, "selftest: decrypting does not restore the data\n");
		bad++;
	}
	return ew_selftest_done("xor", bad);
}

int main(int argc, char **argv)
{
	uint64_t size;
	if (ew_args(argc, argv, "xor", "bytes to encrypt", UINT64_C(1) << 30, &size) == EW_SELFTEST)
		return selftest();

	size_t n = (size_t)size;
	uint8_t *data = ew_xmalloc(n, "data");
	uint8_t k0[16], k1[23], k2[37];
	uint8_t *const keys[PASSES] = {k0, k1, k2};
	ew_rng rng;
	ew_rng_init(&rng, EW_SEED);
	ew_bytes(&rng, data, n);
	for (int p = 0; p < PASSES; p++)
		ew_bytes(&rng, keys[p], key_len[p]);

	uint64_t t0 = ew_now_ns();
	encrypt(data, n, keys);
	uint64_t t1 = ew_now_ns();

	ew_report(ew_fnv(EW_FNV_OFFSET, data, n), t1 - t0);
	printf("bytes=%zu\n", n);
	free(data);
	return 0;
}
