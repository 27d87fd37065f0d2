/* The JSON writer: escaping, and a full buffer that yields no line at all
 * rather than a torn one, never writing past its end. */
#include "cunit.h"
#include "jsonw.h"

#include <stdint.h>
#include <string.h>

static size_t sample(char *buf, size_t cap)
{
	struct fx_json w;

	fx_json_init(&w, buf, cap);
	fx_json_object_begin(&w, NULL);
	fx_json_str(&w, "s", "a\"b\\c\n\x01\xff\xc3\xa9");
	fx_json_i64(&w, "min", INT64_MIN);
	fx_json_u64(&w, "max", UINT64_MAX);
	fx_json_hex(&w, "hex", 0xdeadbeef);
	fx_json_array_begin(&w, "a");
	fx_json_bool(&w, NULL, 1);
	fx_json_bool(&w, NULL, 0);
	fx_json_strn(&w, NULL, "xyz", 2);
	fx_json_array_end(&w);
	fx_json_object_end(&w);
	return fx_json_finish(&w);
}

static const char want[] = "{\"s\":\"a\\\"b\\\\c\\u000a\\u0001\\u00ff\xc3\xa9\","
			   "\"min\":-9223372036854775808,\"max\":18446744073709551615,"
			   "\"hex\":\"0xdeadbeef\",\"a\":[true,false,\"xy\"]}\n";

/* A count padded to its full width, to be rewritten in place: digits,
 * then spaces up to 20 bytes, and where it starts. */
static void padded(void)
{
	char buf[128];
	struct fx_json w;
	size_t at, len;

	fx_json_init(&w, buf, sizeof(buf));
	fx_json_object_begin(&w, NULL);
	at = fx_json_u64_padded(&w, "n", 7);
	fx_json_u64(&w, "m", 1);
	fx_json_object_end(&w);
	len = fx_json_finish(&w);
	buf[len] = '\0';
	CHECK_STR(buf, "{\"n\":7                   ,\"m\":1}\n");
	CHECK(at == 5);
	fx_json_init(&w, buf, sizeof(buf));
	at = fx_json_u64_padded(&w, NULL, UINT64_MAX);
	CHECK(at == 0 && w.len == FX_JSON_U64_WIDTH && memcmp(buf, "18446744073709551615", 20) == 0);
}

static void escaping(void)
{
	char buf[512];
	size_t len = sample(buf, sizeof(buf));

	buf[len] = '\0';
	CHECK(len == strlen(want));
	CHECK_STR(buf, want);
}

/* Every capacity from 0 to one past the line's length: either the whole
 * line or nothing, and the guard bytes after the capacity untouched. */
static void overflow(void)
{
	size_t full = strlen(want), cap;
	int whole_only = 1, guard_kept = 1, fits_at_len = 0;

	for (cap = 0; cap <= full + 1; cap++) {
		char buf[600];
		size_t len, i;

		memset(buf, '#', sizeof(buf));
		len = sample(buf, cap);
		for (i = cap; i < sizeof(buf); i++)
			if (buf[i] != '#')
				guard_kept = 0;
		if (len != 0 && (len != full || memcmp(buf, want, full) != 0))
			whole_only = 0;
		if (cap == full && len == full)
			fits_at_len = 1;
		if (cap < full && len != 0)
			whole_only = 0;
	}
	CHECK(whole_only);
	CHECK(guard_kept);
	CHECK(fits_at_len);
}

static void too_deep(void)
{
	char buf[256];
	struct fx_json w;
	int i;

	fx_json_init(&w, buf, sizeof(buf));
	for (i = 0; i <= FX_JSON_MAX_DEPTH; i++)
		fx_json_array_begin(&w, NULL);
	for (i = 0; i <= FX_JSON_MAX_DEPTH; i++)
		fx_json_array_end(&w);
	CHECK(fx_json_finish(&w) == 0);
}

static void unclosed(void)
{
	char buf[64];
	struct fx_json w;

	fx_json_init(&w, buf, sizeof(buf));
	fx_json_object_begin(&w, NULL);
	fx_json_i64(&w, "a", 1);
	CHECK(fx_json_finish(&w) == 0);
}

/* Only well-formed UTF-8 passes through; every other byte becomes \u00XX
 * of its Latin-1 reading, so the line is valid UTF-8 whatever the kernel
 * handed the writer (docs/log-format.md). */
static void utf8_one(const char *in, size_t n, const char *out)
{
	char buf[128];
	struct fx_json w;
	size_t len;

	fx_json_init(&w, buf, sizeof(buf));
	fx_json_strn(&w, NULL, in, n);
	len = fx_json_finish(&w);
	CHECK(len > 0);
	buf[len ? len - 1 : 0] = '\0';
	CHECK_STR(buf, out);
}

static void utf8(void)
{
	static const struct {
		const char *in;
		const char *out;
	} cases[] = {
		{ "\xc3\xa9", "\"\xc3\xa9\"" },			/* U+00E9 */
		{ "\xe0\xa0\x80", "\"\xe0\xa0\x80\"" },		/* U+0800 */
		{ "\xed\x9f\xbf", "\"\xed\x9f\xbf\"" },		/* U+D7FF */
		{ "\xee\x80\x80", "\"\xee\x80\x80\"" },		/* U+E000 */
		{ "\xf0\x90\x80\x80", "\"\xf0\x90\x80\x80\"" },	/* U+10000 */
		{ "\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\"" },	/* U+10FFFF */
		/* Surrogates. */
		{ "\xed\xa0\x80", "\"\\u00ed\\u00a0\\u0080\"" },
		{ "\xed\xbf\xbf", "\"\\u00ed\\u00bf\\u00bf\"" },
		/* Overlong forms. */
		{ "\xc0\xaf", "\"\\u00c0\\u00af\"" },
		{ "\xc1\xbf", "\"\\u00c1\\u00bf\"" },
		{ "\xe0\x80\xaf", "\"\\u00e0\\u0080\\u00af\"" },
		{ "\xe0\x9f\xbf", "\"\\u00e0\\u009f\\u00bf\"" },
		{ "\xf0\x80\x80\xaf", "\"\\u00f0\\u0080\\u0080\\u00af\"" },
		{ "\xf0\x8f\xbf\xbf", "\"\\u00f0\\u008f\\u00bf\\u00bf\"" },
		/* Past U+10FFFF. */
		{ "\xf4\x90\x80\x80", "\"\\u00f4\\u0090\\u0080\\u0080\"" },
		{ "\xf5\x80\x80\x80", "\"\\u00f5\\u0080\\u0080\\u0080\"" },
		{ "\xff", "\"\\u00ff\"" },
		/* Cut short by the end of the field, or by the next byte. */
		{ "a\xc3", "\"a\\u00c3\"" },
		{ "a\xe2\x82", "\"a\\u00e2\\u0082\"" },
		{ "a\xf0\x9f\x98", "\"a\\u00f0\\u009f\\u0098\"" },
		{ "\xe2\x82" "a", "\"\\u00e2\\u0082a\"" },
		{ "\x80", "\"\\u0080\"" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		utf8_one(cases[i].in, strlen(cases[i].in), cases[i].out);
}

/* A sequence that would straddle the end of the buffer: nothing of it is
 * written, and the line is refused whole. */
static void utf8_at_buffer_end(void)
{
	char buf[8];
	struct fx_json w;

	memset(buf, '#', sizeof(buf));
	fx_json_init(&w, buf, 6);
	fx_json_strn(&w, NULL, "ab\xe2\x82\xac", 5);
	CHECK(fx_json_finish(&w) == 0);
	CHECK(buf[6] == '#' && buf[7] == '#');
}

void test_jsonw(void)
{
	escaping();
	padded();
	overflow();
	too_deep();
	unclosed();
	utf8();
	utf8_at_buffer_end();
}
