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

void test_jsonw(void)
{
	escaping();
	overflow();
	too_deep();
	unclosed();
}
