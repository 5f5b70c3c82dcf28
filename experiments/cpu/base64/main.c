/*
 * base64: RFC 4648 Base64 (standard alphabet, '=' padding) encode and decode.
 *
 *   base64 SIZE        encode SIZE bytes of the seeded byte stream, decode the text back
 *   base64 --selftest  RFC 4648 section 10 test vectors, both directions
 *
 * Timed: the encoding and the decoding (decoding is part of the work and
 * checks every character). The round-trip comparison is not timed; a
 * mismatch exits 1. digest = FNV-1a 64 of the encoded text (ASCII, no
 * line breaks, no terminating NUL).
 */
#include "edgewasm.h"

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* encode writes 4 * ceil(n / 3) characters to out and returns that count. */
static size_t encode(const uint8_t *in, size_t n, char *out)
{
	char *o = out;
	size_t i = 0;
	for (; i + 3 <= n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
		*o++ = alphabet[v >> 18];
		*o++ = alphabet[(v >> 12) & 63];
		*o++ = alphabet[(v >> 6) & 63];
		*o++ = alphabet[v & 63];
	}
	if (i < n) {
		uint32_t v = (uint32_t)in[i] << 16 | (i + 1 < n ? (uint32_t)in[i + 1] << 8 : 0);
		*o++ = alphabet[v >> 18];
		*o++ = alphabet[(v >> 12) & 63];
		*o++ = i + 1 < n ? alphabet[(v >> 6) & 63] : '=';
		*o++ = '=';
	}
	return (size_t)(o - out);
}

static int8_t value[256]; /* character -> 6-bit value, -1 if not in the alphabet */

static void init_value(void)
{
	memset(value, -1, sizeof value);
	for (int i = 0; i < 64; i++)
		value[(uint8_t)alphabet[i]] = (int8_t)i;
}

/*
 * decode decodes n characters (a multiple of 4, padded) into out and returns
 * the byte count, or -1 if the text is not canonical padded Base64.
 */
static long long decode(const char *in, size_t n, uint8_t *out)
{
	uint8_t *o = out;
	if (n % 4 != 0)
		return -1;
	for (size_t i = 0; i < n; i += 4) {
		int pad = 0;
		if (i + 4 == n)
			pad = (in[i + 3] == '=') + (in[i + 2] == '=' && in[i + 3] == '=');
		int32_t a = value[(uint8_t)in[i]], b = value[(uint8_t)in[i + 1]];
		int32_t c = pad >= 2 ? 0 : value[(uint8_t)in[i + 2]];
		int32_t d = pad >= 1 ? 0 : value[(uint8_t)in[i + 3]];
		if ((a | b | c | d) < 0)
			return -1;
		uint32_t v = (uint32_t)a << 18 | (uint32_t)b << 12 | (uint32_t)c << 6 | (uint32_t)d;
		if ((pad == 1 && (v & 0xff)) || (pad == 2 && (v & 0xffff)))
			return -1; /* non-zero padding bits */
		*o++ = (uint8_t)(v >> 16);
		if (pad < 2)
			*o++ = (uint8_t)(v >> 8);
		if (pad < 1)
			*o++ = (uint8_t)v;
	}
	return (long long)(o - out);
}

static int selftest(void)
{
	static const char *vec[][2] = {
	    {"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},         {"foo", "Zm9v"},
	    {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
	};
	char text[16];
	uint8_t raw[16];
	int bad = ew_selftest_common();
	for (size_t i = 0; i < sizeof vec / sizeof vec[0]; i++) {
		size_t n = strlen(vec[i][0]), m = encode((const uint8_t *)vec[i][0], n, text);
		text[m] = '\0';
		if (strcmp(text, vec[i][1]) != 0) {
			fprintf(stderr, "selftest encode \"%s\": got \"%s\", want \"%s\"\n", vec[i][0],
				text, vec[i][1]);
			bad++;
		}
		long long got = decode(vec[i][1], strlen(vec[i][1]), raw);
		if (got != (long long)n || memcmp(raw, vec[i][0], n) != 0) {
			fprintf(stderr, "selftest decode \"%s\": wrong result\n", vec[i][1]);
			bad++;
		}
	}
	static const char *invalid[] = {"Zg=", "Zh==", "Z===", "Zm9v!A==", "Zg==Zg=="};
	for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
		if (decode(invalid[i], strlen(invalid[i]), raw) != -1) {
			fprintf(stderr, "selftest decode \"%s\": accepted invalid input\n", invalid[i]);
			bad++;
		}
	}
	return ew_selftest_done("base64", bad);
}

int main(int argc, char **argv)
{
	uint64_t size;
	init_value();
	if (ew_args(argc, argv, "base64", "bytes to encode", UINT64_C(1) << 29, &size) == EW_SELFTEST)
		return selftest();

	size_t n = (size_t)size, m = (n + 2) / 3 * 4;
	uint8_t *raw = ew_xmalloc(n, "input");
	uint8_t *back = ew_xmalloc(n, "decoded");
	char *text = ew_xmalloc(m, "encoded");
	ew_rng rng;
	ew_rng_init(&rng, EW_SEED);
	ew_bytes(&rng, raw, n);

	uint64_t t0 = ew_now_ns();
	size_t got = encode(raw, n, text);
	long long dec = decode(text, got, back);
	uint64_t t1 = ew_now_ns();

	if (got != m || dec != (long long)n || memcmp(raw, back, n) != 0)
		ew_die(EW_EXIT_FAIL, "base64: round trip failed (encoded %zu, decoded %lld of %zu bytes)",
		       got, dec, n);
	ew_report(ew_fnv(EW_FNV_OFFSET, text, m), t1 - t0);
	printf("bytes=%zu\nencoded_bytes=%zu\n", n, m);
	free(raw);
	free(back);
	free(text);
	return 0;
}
