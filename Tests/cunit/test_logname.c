/* FORKEXPLAIN_LOG's template (docs/log-format.md, "Path"): %p %u %h %%
 * expanded into a fixed buffer, a name that does not fit refused whole,
 * a host name that cannot leave its directory. */
#include "cunit.h"
#include "logname.h"

#include <string.h>

static void expands(void)
{
	char out[128];

	CHECK(fx_log_name_expand(out, sizeof(out), "/var/log/fx/%h-%u-%p.jsonl", 4242, 1000, "web-7") > 0);
	CHECK_STR(out, "/var/log/fx/web-7-1000-4242.jsonl");
	fx_log_name_expand(out, sizeof(out), "/tmp/a%%p%x%", 1, 0, "h");
	CHECK_STR(out, "/tmp/a%p%x%");
	fx_log_name_expand(out, sizeof(out), "/tmp/plain.jsonl", 1, 0, "h");
	CHECK_STR(out, "/tmp/plain.jsonl");
	CHECK(fx_log_name_expand(out, sizeof(out), "", 1, 0, "h") == 0 && out[0] == '\0');
}

static void host_stays_in_its_directory(void)
{
	char out[128];

	fx_log_name_expand(out, sizeof(out), "/d/%h/x", 1, 0, "../etc");
	CHECK_STR(out, "/d/_._etc/x");
	fx_log_name_expand(out, sizeof(out), "/d/%h/x", 1, 0, "..");
	CHECK_STR(out, "/d/_./x");
	fx_log_name_expand(out, sizeof(out), "/d/%h", 1, 0, "a/b");
	CHECK_STR(out, "/d/a_b");
}

static void too_long_is_refused(void)
{
	char out[16];

	CHECK(fx_log_name_expand(out, sizeof(out), "/tmp/%p.jsonl", 12345678, 0, "") == -1);
	CHECK(out[0] == '\0');
	/* 15 bytes fit in 16, 16 do not. */
	CHECK(fx_log_name_expand(out, sizeof(out), "/tmp/x%u.jsonl", 0, 1, "") == 13);
	CHECK(fx_log_name_expand(out, sizeof(out), "/tmp/%u.jsonl", 0, 1234, "") == 15);
	CHECK(fx_log_name_expand(out, sizeof(out), "/tmp/%u.jsonl", 0, 12345, "") == -1);
	CHECK(fx_log_name_expand(out, sizeof(out), "/tmp/%h", 0, 0, "a-long-host-name") == -1);
}

static void varies_and_directories(void)
{
	char out[32];

	CHECK(fx_log_name_varies("/tmp/%p.jsonl"));
	CHECK(fx_log_name_varies("/tmp/%u.jsonl"));
	CHECK(!fx_log_name_varies("/tmp/%h.jsonl"));
	CHECK(!fx_log_name_varies("/tmp/%%p.jsonl"));
	CHECK(!fx_log_name_varies("/tmp/100%"));
	CHECK(fx_log_name_is_dir("/var/log/forkexplain/"));
	CHECK(!fx_log_name_is_dir("/var/log/forkexplain"));
	CHECK(!fx_log_name_is_dir(""));
	CHECK(fx_log_dir_file(out, sizeof(out), "/d/", 1000) == 0);
	CHECK_STR(out, "/d/forkexplain-1000.jsonl");
	CHECK(fx_log_dir_file(out, 20, "/d/", 1000) == -1);
}

void test_logname(void)
{
	expands();
	host_stays_in_its_directory();
	too_long_is_refused();
	varies_and_directories();
}
