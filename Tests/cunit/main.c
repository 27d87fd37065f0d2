/* The C unit tests of the shim's building blocks (CShim/common, and the
 * unwinder of CShim/preload), linked against the same sources the library
 * and `forkexplain check` build.
 * usage: cunit FIXTURE_DIR */
#include "cunit.h"
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *cu_fixtures;
static int passed, failed;
static char scratch[] = "/tmp/forkexplain-cunit.XXXXXX";

void cu_check(int ok, const char *what, const char *file, int line)
{
	if (ok) {
		passed++;
		return;
	}
	failed++;
	printf("FAIL %s:%d: %s\n", file, line, what);
}

void cu_check_str(const char *got, const char *want, const char *file, int line)
{
	int ok = got && strcmp(got, want) == 0;

	cu_check(ok, want, file, line);
	if (!ok)
		printf("     got  \"%s\"\n     want \"%s\"\n", got ? got : "(null)", want);
}

const char *cu_temp_file(const char *name, const char *text, unsigned long len)
{
	static char path[512];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", scratch, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, text, len) != (ssize_t)len) {
		perror(path);
		exit(2);
	}
	close(fd);
	return path;
}

void cu_use_machine(const char *kind, const char *name)
{
	fx_config_load();
	snprintf(fx_cfg.proc_root, sizeof(fx_cfg.proc_root), "%s/%s/%s/proc", cu_fixtures, kind, name);
	snprintf(fx_cfg.sys_root, sizeof(fx_cfg.sys_root), "%s/%s/%s/sys", cu_fixtures, kind, name);
}

const char *cu_scratch_dir(void)
{
	return scratch;
}

static void remove_scratch(void)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", scratch);
	if (system(cmd) != 0)
		fprintf(stderr, "cunit: could not remove %s\n", scratch);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: cunit FIXTURE_DIR\n");
		return 2;
	}
	cu_fixtures = argv[1];
	if (!mkdtemp(scratch)) {
		perror("mkdtemp");
		return 2;
	}
	test_jsonw();
	test_lines();
	test_readvalue();
	test_numbers();
	test_cgroup();
	test_clock();
	test_calls();
	test_unwind_dwarf();
	test_unwind_expr();
	test_unwind_walk();
	test_unwind_pac();
	test_unwind_sigframe();
	test_glibcera();
	test_ownstring();
	test_muslver();
	test_onstack();
	test_container();
	test_inroot();
	test_inroot_once();
	test_beancounters();
	test_lve();
	test_tallies();
	test_tallybound();
	test_heldtally();
	test_tallyline();
	test_recordbound();
	test_headroom();
	test_countline();
	test_ownpages();
	test_backoff();
	test_probe();
	test_pairing();
	test_nsentry();
	test_logname();
	test_logio();
	test_procscan();
	test_procscan_stat();
	test_procscan_uid_elsewhere();
	/* Last: it loads the settings from its own environment. */
	test_config();
	remove_scratch();
	printf("c-unit: %d passed, %d failed\n", passed, failed);
	return failed == 0 && passed > 0 ? 0 : 1;
}
