/* The log's timestamps: UTC, milliseconds, written without gmtime_r. */
#include "clock.h"
#include "cunit.h"

#include <string.h>

void test_clock(void)
{
	char out[32];
	char small[11];

	fx_format_utc(out, sizeof(out), 0, 0);
	CHECK_STR(out, "1970-01-01T00:00:00.000Z");
	fx_format_utc(out, sizeof(out), 951782400, 123456789);
	CHECK_STR(out, "2000-02-29T00:00:00.123Z");
	fx_format_utc(out, sizeof(out), 1709164800 + 86399, 999999999);
	CHECK_STR(out, "2024-02-29T23:59:59.999Z");
	fx_format_utc(out, sizeof(out), 4102444799, 1000000);
	CHECK_STR(out, "2099-12-31T23:59:59.001Z");
	/* A short buffer gets a cut, terminated string. */
	memset(small, '#', sizeof(small));
	fx_format_utc(small, sizeof(small), 0, 0);
	CHECK_STR(small, "1970-01-01");
	fx_format_time(out, sizeof(out));
	CHECK(strlen(out) == 24 && out[4] == '-' && out[10] == 'T' && out[23] == 'Z');
	CHECK(fx_monotonic_ns() > 0);
}
