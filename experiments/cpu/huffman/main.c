/*
 * huffman: static Huffman coding of bytes (build code, compress, decompress).
 *
 *   huffman SIZE        SIZE = number of input bytes
 *   huffman --selftest  a hand-worked example ("abracadabra") and round trips
 *
 * Input byte i: w = ew_next64(), byte = (w & w>>8 & w>>16) & 0xff, so each bit
 * is 1 with probability 1/8 (about 4.35 bits of entropy per byte).
 * Code: count byte frequencies; repeatedly merge the two lightest live nodes
 * (ties: lower node index; leaves are 0..255 by byte value, merged nodes get
 * 256, 257, ...); a byte's code length is its leaf depth (a lone symbol gets
 * length 1); codes are canonical (shorter first, then by byte value, as in
 * DEFLATE); bits are packed most significant first, the last byte padded with 0.
 * Timed: counting, building the code, compressing and decompressing (decoding
 * is bit by bit over the canonical code, as in zlib's puff.c). The round-trip
 * comparison is not timed; a mismatch exits 1.
 * digest = FNV-1a 64 of the 256 code lengths (one byte each, by byte value)
 * followed by the compressed bytes.
 */
#include "edgewasm.h"

#define MAXLEN 56 /* longest code the 64-bit bit writer accepts */

typedef struct {
	uint8_t len[256];   /* code length per byte value, 0 if absent */
	uint64_t code[256]; /* canonical code, right-aligned */
	uint32_t count[MAXLEN + 1];
	uint8_t sorted[256]; /* present byte values by (length, value) */
} code_t;

/* build_code derives the canonical code from the byte frequencies; -1 if too deep. */
static int build_code(const uint64_t freq[256], code_t *c)
{
	uint64_t weight[511];
	uint16_t parent[511];
	uint8_t live[511] = {0};
	int nodes = 256, nlive = 0;
	for (int s = 0; s < 256; s++) {
		weight[s] = freq[s];
		live[s] = freq[s] > 0;
		nlive += live[s];
	}
	for (; nlive > 1; nlive--, nodes++) {
		int a = -1, b = -1; /* lightest, second lightest */
		for (int i = 0; i < nodes; i++) {
			if (!live[i])
				continue;
			if (a < 0 || weight[i] < weight[a]) {
				b = a;
				a = i;
			} else if (b < 0 || weight[i] < weight[b]) {
				b = i;
			}
		}
		weight[nodes] = weight[a] + weight[b];
		live[nodes] = 1;
		live[a] = live[b] = 0;
		parent[a] = parent[b] = (uint16_t)nodes;
	}
	int root = nodes - 1; /* a lone symbol was never merged: depth 0 */
	memset(c, 0, sizeof *c);
	for (int s = 0; s < 256; s++) {
		if (freq[s] == 0)
			continue;
		int depth = 0;
		for (int i = s; nodes > 256 && i != root; i = parent[i])
			depth++;
		if (depth > MAXLEN)
			return -1;
		c->len[s] = (uint8_t)(depth ? depth : 1);
		c->count[c->len[s]]++;
	}
	uint64_t next = 0;
	int k = 0;
	for (int l = 1; l <= MAXLEN; l++, next <<= 1)
		for (int s = 0; s < 256; s++)
			if (c->len[s] == l) {
				c->code[s] = next++;
				c->sorted[k++] = (uint8_t)s;
			}
	return 0;
}

/* compress returns the number of bytes written to out (sized by compressed_size). */
static size_t compress(const code_t *c, const uint8_t *in, size_t n, uint8_t *out)
{
	uint64_t acc = 0;
	unsigned bits = 0;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		acc = acc << c->len[in[i]] | c->code[in[i]];
		for (bits += c->len[in[i]]; bits >= 8; bits -= 8)
			out[o++] = (uint8_t)(acc >> (bits - 8));
	}
	if (bits > 0)
		out[o++] = (uint8_t)(acc << (8 - bits));
	return o;
}

static size_t compressed_size(const code_t *c, const uint64_t freq[256])
{
	uint64_t bits = 0;
	for (int s = 0; s < 256; s++)
		bits += freq[s] * c->len[s];
	return (size_t)((bits + 7) / 8);
}

/* decompress decodes n bytes from in (m bytes); -1 if the bits run out or are invalid. */
static int decompress(const code_t *c, const uint8_t *in, size_t m, uint8_t *out, size_t n)
{
	uint64_t pos = 0, end = (uint64_t)m * 8;
	for (size_t i = 0; i < n; i++) {
		int64_t code = 0, first = 0, index = 0;
		for (int l = 1;; l++) {
			if (l > MAXLEN || pos == end)
				return -1;
			code |= (in[pos >> 3] >> (7 - (pos & 7))) & 1;
			pos++;
			if (code - first < (int64_t)c->count[l]) {
				out[i] = c->sorted[index + code - first];
				break;
			}
			index += c->count[l];
			first = (first + c->count[l]) << 1;
			code <<= 1;
		}
	}
	return 0;
}

static void count(const uint8_t *in, size_t n, uint64_t freq[256])
{
	memset(freq, 0, 256 * sizeof *freq);
	for (size_t i = 0; i < n; i++)
		freq[in[i]]++;
}

/* round_trip runs the whole kernel; it returns the compressed size or exits 1. */
static size_t round_trip(const uint8_t *in, size_t n, code_t *c, uint8_t **packed, uint8_t *back)
{
	uint64_t freq[256];
	count(in, n, freq);
	if (build_code(freq, c) != 0)
		ew_die(EW_EXIT_FAIL, "huffman: a code is longer than %d bits", MAXLEN);
	size_t m = compressed_size(c, freq);
	*packed = ew_xmalloc(m, "compressed data");
	if (compress(c, in, n, *packed) != m || decompress(c, *packed, m, back, n) != 0)
		ew_die(EW_EXIT_FAIL, "huffman: compressed stream is inconsistent");
	return m;
}

static int selftest(void)
{
	static uint8_t in[5000], back[5000];
	code_t c;
	uint8_t *packed;
	int bad = ew_selftest_common();

	/* By hand: a=0, b=100, c=101, d=110, r=111 -> 23 bits 4e ac 9c. */
	size_t m = round_trip((const uint8_t *)"abracadabra", 11, &c, &packed, back);
	bad += ew_check_hex("abracadabra", packed, m, "4eac9c");
	if (memcmp(back, "abracadabra", 11) != 0) {
		fprintf(stderr, "selftest: abracadabra does not decompress to itself\n");
		bad++;
	}
	free(packed);

	ew_rng rng;
	ew_rng_init(&rng, EW_SEED);
	for (size_t n = 1; n <= sizeof in; n = n * 3 + 1) {
		for (int spread = 0; spread < 3; spread++) { /* one symbol, two, all 256 */
			for (size_t i = 0; i < n; i++)
				in[i] = spread == 0 ? 'x' : spread == 1 ? (uint8_t)(ew_next32(&rng) & 1)
									 : (uint8_t)ew_next32(&rng);
			round_trip(in, n, &c, &packed, back);
			if (memcmp(in, back, n) != 0) {
				fprintf(stderr, "selftest: round trip of %zu bytes (spread %d) differs\n", n,
					spread);
				bad++;
			}
			free(packed);
		}
	}
	return ew_selftest_done("huffman", bad);
}

int main(int argc, char **argv)
{
	uint64_t size;
	if (ew_args(argc, argv, "huffman", "bytes to compress", UINT64_C(1) << 30, &size) == EW_SELFTEST)
		return selftest();

	size_t n = (size_t)size;
	uint8_t *in = ew_xmalloc(n, "input");
	uint8_t *back = ew_xmalloc(n, "decompressed");
	uint8_t *packed;
	code_t c;
	ew_rng rng;
	ew_rng_init(&rng, EW_SEED);
	for (size_t i = 0; i < n; i++) {
		uint64_t w = ew_next64(&rng);
		in[i] = (uint8_t)(w & w >> 8 & w >> 16);
	}

	uint64_t t0 = ew_now_ns();
	size_t m = round_trip(in, n, &c, &packed, back);
	uint64_t t1 = ew_now_ns();

	if (memcmp(in, back, n) != 0)
		ew_die(EW_EXIT_FAIL, "huffman: decompressed data differs from the input");
	ew_report(ew_fnv(ew_fnv(EW_FNV_OFFSET, c.len, 256), packed, m), t1 - t0);
	printf("bytes=%zu\ncompressed_bytes=%zu\n", n, m);
	free(in);
	free(back);
	free(packed);
	return 0;
}
