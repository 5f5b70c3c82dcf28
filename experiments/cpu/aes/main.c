/*
 * aes: AES-128 in CTR mode (FIPS-197, NIST SP 800-38A) over SIZE bytes.
 *
 *   aes SIZE        encrypt SIZE bytes of the seeded byte stream in place
 *   aes --selftest  FIPS-197 C.1 and SP 800-38A F.5.1 known answers
 *
 * Key 2b7e151628aed2a6abf7158809cf4f3c and initial counter block
 * f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff (the SP 800-38A example values); the
 * counter block is incremented as one 128-bit big-endian integer. The cipher
 * is the plain byte-oriented one (S-box lookups, xtime), as small C
 * implementations of the thesis era were; no T-tables, no AES instructions.
 * digest = FNV-1a 64 of the ciphertext. Timed: the encryption only.
 */
#include "edgewasm.h"

static uint8_t sbox[256];

/* init_sbox computes the S-box: multiplicative inverse in GF(2^8), then the affine map. */
static void init_sbox(void)
{
	uint8_t exp[256], log[256];
	uint8_t x = 1;
	for (int i = 0; i < 255; i++) { /* powers of the generator 3 */
		exp[i] = x;
		log[x] = (uint8_t)i;
		x ^= (uint8_t)((x << 1) ^ ((x & 0x80) ? 0x1b : 0));
	}
	for (int i = 0; i < 256; i++) {
		uint8_t inv = i == 0 ? 0 : exp[(255 - log[i]) % 255];
		uint8_t s = inv;
		for (int k = 1; k <= 4; k++)
			s ^= (uint8_t)((inv << k) | (inv >> (8 - k)));
		sbox[i] = s ^ 0x63;
	}
}

static uint8_t xtime(uint8_t a)
{
	return (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1b : 0));
}

/* expand_key fills the 11 round keys (176 bytes) of AES-128. */
static void expand_key(const uint8_t key[16], uint8_t rk[176])
{
	uint8_t rcon = 1;
	memcpy(rk, key, 16);
	for (int i = 16; i < 176; i += 4) {
		uint8_t t[4] = {rk[i - 4], rk[i - 3], rk[i - 2], rk[i - 1]};
		if (i % 16 == 0) { /* RotWord, SubWord, Rcon */
			uint8_t t0 = t[0];
			t[0] = sbox[t[1]] ^ rcon;
			t[1] = sbox[t[2]];
			t[2] = sbox[t[3]];
			t[3] = sbox[t0];
			rcon = xtime(rcon);
		}
		for (int j = 0; j < 4; j++)
			rk[i + j] = rk[i - 16 + j] ^ t[j];
	}
}

/* encrypt_block: state byte r + 4c is row r, column c, as in FIPS-197. */
static void encrypt_block(const uint8_t rk[176], const uint8_t in[16], uint8_t out[16])
{
	uint8_t s[16], t[16];
	for (int i = 0; i < 16; i++)
		s[i] = in[i] ^ rk[i];
	for (int round = 1; round <= 10; round++) {
		for (int c = 0; c < 4; c++) /* SubBytes and ShiftRows */
			for (int r = 0; r < 4; r++)
				t[r + 4 * c] = sbox[s[r + 4 * ((c + r) % 4)]];
		if (round < 10) {
			for (int c = 0; c < 4; c++) { /* MixColumns */
				uint8_t *a = t + 4 * c;
				uint8_t a0 = a[0], all = a[0] ^ a[1] ^ a[2] ^ a[3];
				a[0] ^= all ^ xtime(a[0] ^ a[1]);
				a[1] ^= all ^ xtime(a[1] ^ a[2]);
				a[2] ^= all ^ xtime(a[2] ^ a[3]);
				a[3] ^= all ^ xtime(a[3] ^ a0);
			}
		}
		for (int i = 0; i < 16; i++)
			s[i] = t[i] ^ rk[16 * round + i];
	}
	memcpy(out, s, 16);
}

/* ctr_xor encrypts (or decrypts) n bytes in place; ctr is advanced. */
static void ctr_xor(const uint8_t rk[176], uint8_t ctr[16], uint8_t *buf, size_t n)
{
	uint8_t ks[16];
	for (size_t off = 0; off < n; off += 16) {
		encrypt_block(rk, ctr, ks);
		size_t m = n - off < 16 ? n - off : 16;
		for (size_t i = 0; i < m; i++)
			buf[off + i] ^= ks[i];
		for (int i = 15; i >= 0 && ++ctr[i] == 0; i--)
			;
	}
}

static uint8_t nibble(char c)
{
	return (uint8_t)(c <= '9' ? c - '0' : c - 'a' + 10);
}

/* unhex decodes a lowercase hex string literal. */
static void unhex(const char *h, uint8_t *out)
{
	for (size_t i = 0; h[2 * i]; i++)
		out[i] = (uint8_t)(nibble(h[2 * i]) << 4 | nibble(h[2 * i + 1]));
}

static const char *key_hex = "2b7e151628aed2a6abf7158809cf4f3c";
static const char *ctr_hex = "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";

static int selftest(void)
{
	uint8_t key[16], rk[176], ctr[16], buf[64];
	int bad = ew_selftest_common();

	unhex("000102030405060708090a0b0c0d0e0f", key); /* FIPS-197 Appendix C.1 */
	expand_key(key, rk);
	unhex("00112233445566778899aabbccddeeff", buf);
	encrypt_block(rk, buf, buf);
	bad += ew_check_hex("FIPS-197 C.1", buf, 16, "69c4e0d86a7b0430d8cdb78070b4c55a");

	unhex(key_hex, key); /* SP 800-38A F.5.1 CTR-AES128.Encrypt */
	expand_key(key, rk);
	unhex(ctr_hex, ctr);
	unhex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
	      "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710",
	      buf);
	ctr_xor(rk, ctr, buf, 64);
	bad += ew_check_hex("SP 800-38A F.5.1", buf, 64,
			    "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"
			    "5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee");
	return ew_selftest_done("aes", bad);
}

int main(int argc, char **argv)
{
	uint64_t size;
	init_sbox();
	if (ew_args(argc, argv, "aes", "bytes to encrypt", UINT64_C(1) << 30, &size) == EW_SELFTEST)
		return selftest();

	size_t n = (size_t)size;
	uint8_t key[16], rk[176], ctr[16];
	uint8_t *buf = ew_xmalloc(n, "data");
	ew_rng rng;
	ew_rng_init(&rng, EW_SEED);
	ew_bytes(&rng, buf, n);
	unhex(key_hex, key);
	unhex(ctr_hex, ctr);

	uint64_t t0 = ew_now_ns();
	expand_key(key, rk);
	ctr_xor(rk, ctr, buf, n);
	uint64_t t1 = ew_now_ns();

	ew_report(ew_fnv(EW_FNV_OFFSET, buf, n), t1 - t0);
	printf("bytes=%zu\n", n);
	free(buf);
	return 0;
}
