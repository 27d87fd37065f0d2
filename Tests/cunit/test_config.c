/* The settings the shim reads at load: a FORKEXPLAIN_LOG it cannot hold
 * is refused (no log, and why), never replaced by the default path; the
 * test hooks parse as documented (docs/log-format.md, "Test hooks"). */
#include "cunit.h"
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void log_too_long(void)
{
	char path[600];

	memset(path, 'a', sizeof(path) - 1);
	path[0] = '/';
	path[sizeof(path) - 1] = '\0';
	setenv("FORKEXPLAIN_LOG", path, 1);
	fx_config_load();
	CHECK(fx_cfg.log_path[0] == '\0');
	CHECK(fx_cfg.log_refused != NULL);

	path[sizeof(fx_cfg.log_path) - 1] = '\0'; /* 511 bytes: fits */
	setenv("FORKEXPLAIN_LOG", path, 1);
	fx_config_load();
	CHECK(strcmp(fx_cfg.log_path, path) == 0);
	CHECK(fx_cfg.log_refused == NULL);

	/* 511 bytes, of which "%p": too long once a pid of three digits or
	 * more (any but the first 99 on a host) is put in. */
	path[511] = '\0';
	memcpy(path + 509, "%p", 2);
	CHECK(getpid() >= 100);
	setenv("FORKEXPLAIN_LOG", path, 1);
	fx_config_load();
	CHECK(fx_cfg.log_path[0] == '\0');
	CHECK(fx_cfg.log_refused != NULL && strstr(fx_cfg.log_refused, "expanded") != NULL);
	unsetenv("FORKEXPLAIN_LOG");
}

static void hooks(void)
{
	int64_t lease;

	unsetenv("FORKEXPLAIN_TEST_LEASE_MS");
	unsetenv("FORKEXPLAIN_TEST_STALL");
	setenv("FORKEXPLAIN_SCAN_MS", "250", 1);
	fx_config_load();
	lease = fx_cfg.lease_ns;
	CHECK(lease == 11 * 1000000000LL);
	CHECK(fx_cfg.stall_call == -1);

	setenv("FORKEXPLAIN_TEST_LEASE_MS", "1000", 1);
	setenv("FORKEXPLAIN_TEST_STALL", "posix_spawn=600000", 1);
	fx_config_load();
	CHECK(fx_cfg.lease_ns == 1000000000LL);
	CHECK(fx_cfg.stall_call == FX_CALL_POSIX_SPAWN && fx_cfg.stall_ms == 600000);
	CHECK(fx_cfg.stall_at_write == 0);

	setenv("FORKEXPLAIN_TEST_STALL", "posix_spawn=600000:write", 1);
	fx_config_load();
	CHECK(fx_cfg.stall_call == FX_CALL_POSIX_SPAWN && fx_cfg.stall_ms == 600000 && fx_cfg.stall_at_write == 1);
	setenv("FORKEXPLAIN_TEST_STALL", "posix_spawn=600000:tally", 1);
	fx_config_load();
	CHECK(fx_cfg.stall_call == FX_CALL_POSIX_SPAWN && fx_cfg.stall_at_write == FX_STALL_TALLY);
	setenv("FORKEXPLAIN_TEST_STALL", "posix_spawn=600000:read", 1);
	fx_config_load();
	CHECK(fx_cfg.stall_call == -1 && fx_cfg.stall_at_write == 0);

	setenv("FORKEXPLAIN_TEST_LEASE_MS", "0", 1);
	setenv("FORKEXPLAIN_TEST_STALL", "nosuchcall=5", 1);
	fx_config_load();
	CHECK(fx_cfg.lease_ns == lease);
	CHECK(fx_cfg.stall_call == -1);
	unsetenv("FORKEXPLAIN_TEST_LEASE_MS");
	unsetenv("FORKEXPLAIN_TEST_STALL");
	unsetenv("FORKEXPLAIN_SCAN_MS");
}

/* FORKEXPLAIN_FILL: only "start" fills at the first task creation; unset
 * (the default) or anything else defers the filling (failure.c). */
static void fill(void)
{
	unsetenv("FORKEXPLAIN_FILL");
	fx_config_load();
	CHECK(fx_cfg.fill_late == 1);
	setenv("FORKEXPLAIN_FILL", "later", 1);
	fx_config_load();
	CHECK(fx_cfg.fill_late == 1);
	setenv("FORKEXPLAIN_FILL", "failure", 1);
	fx_config_load();
	CHECK(fx_cfg.fill_late == 1);
	setenv("FORKEXPLAIN_FILL", "start", 1);
	fx_config_load();
	CHECK(fx_cfg.fill_late == 0);
	unsetenv("FORKEXPLAIN_FILL");
}

void test_config(void)
{
	log_too_long();
	hooks();
	fill();
	fx_config_load();
}
