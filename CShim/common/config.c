#include "config.h"
#include "errname.h"
#include "logname.h"
#include "lve.h"
#include "num.h"
#include "str.h"
#include "sys.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

struct fx_config fx_cfg;

/* The FORKEXPLAIN_ variables, found in one pass over the environment:
 * getenv() would walk all of it once for each name asked for, at the start
 * of every program (README, "Performance"). */
#define ENV_MAX 32
static const char *env_found[ENV_MAX];
static int env_count;

static void env_scan(void)
{
	char **e;

	env_count = 0;
	for (e = environ; e && *e && env_count < ENV_MAX; e++)
		if ((*e)[0] == 'F' && strncmp(*e, "FORKEXPLAIN_", 12) == 0)
			env_found[env_count++] = *e;
}

/* env(name) for a FORKEXPLAIN_ name, from what env_scan() found. */
static const char *env(const char *name)
{
	size_t len = strlen(name);
	int i;

	for (i = 0; i < env_count; i++)
		if (strncmp(env_found[i], name, len) == 0 && env_found[i][len] == '=')
			return env_found[i] + len + 1;
	return NULL;
}

static void errno_set(int err)
{
	if (err > 0 && err < 64 * FX_ERRNO_WORDS)
		fx_cfg.errnos[err / 64] |= (uint64_t)1 << (err % 64);
}

int fx_errno_recorded(int err)
{
	if (err <= 0 || err >= 64 * FX_ERRNO_WORDS)
		return 0;
	return (fx_cfg.errnos[err / 64] >> (err % 64)) & 1;
}

static int64_t env_i64(const char *name, int64_t fallback, int64_t lo, int64_t hi)
{
	const char *s = env(name);
	int64_t v;

	if (!s || fx_parse_i64(&s, &v) < 0 || *s != '\0' || v < lo || v > hi)
		return fallback;
	return v;
}

static int env_flag(const char *name)
{
	const char *s = env(name);

	return s && s[0] == '1' && s[1] == '\0';
}

/* "ENOMEM,EAGAIN,28" or "all"; anything unparsable keeps the default. */
static void load_errnos(const char *spec)
{
	uint64_t parsed[FX_ERRNO_WORDS] = { 0 };
	const char *p = spec;
	int any = 0;

	if (strcmp(spec, "all") == 0) {
		memset(fx_cfg.errnos, 0xff, sizeof(fx_cfg.errnos));
		return;
	}
	while (*p) {
		const char *end = strchr(p, ',');
		int len = end ? (int)(end - p) : (int)strlen(p);
		int err = fx_errno_from_name(p, len);
		if (err > 0) {
			parsed[err / 64] |= (uint64_t)1 << (err % 64);
			any = 1;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	if (any)
		memcpy(fx_cfg.errnos, parsed, sizeof(parsed));
}

/* "fork=ENOMEM,pthread_create=EAGAIN": a test hook that fails the call
 * without making it. */
static void load_inject(const char *spec)
{
	const char *p = spec;

	while (*p) {
		const char *end = strchr(p, ',');
		int len = end ? (int)(end - p) : (int)strlen(p);
		const char *eq = memchr(p, '=', (size_t)len);
		if (eq) {
			int call = fx_call_from_name(p, (int)(eq - p));
			int err = fx_errno_from_name(eq + 1, (int)(p + len - eq - 1));
			if (call >= 0 && err > 0)
				fx_cfg.inject[call] = err;
		}
		p += len;
		if (*p == ',')
			p++;
	}
}

/* How long a writer may hold the shared snapshot buffer before another
 * takes it over: far above the failure path's worst case, which the /proc
 * scan's budget dominates. */
static void lease_default(void)
{
	fx_cfg.lease_ns = 10 * 1000000000LL + 4 * fx_cfg.scan_budget_ns;
}

/* "posix_spawn=600000": a failure of that call sleeps 600000 ms while it
 * holds the shared buffer, so a test can kill a writer mid-record;
 * "posix_spawn=600000:write" sleeps between the writer's last check of
 * its lease and its write, so a test can outlast the lease there;
 * "posix_spawn=600000:tally" only at the write of a tally line. */
static void load_stall(const char *spec)
{
	const char *eq = strchr(spec, '=');
	const char *num;
	int64_t ms;
	int call;

	if (!eq)
		return;
	call = fx_call_from_name(spec, (int)(eq - spec));
	num = eq + 1;
	if (call < 0 || fx_parse_i64(&num, &ms) < 0 || ms < 0)
		return;
	if (strcmp(num, ":write") == 0)
		fx_cfg.stall_at_write = FX_STALL_WRITE;
	else if (strcmp(num, ":tally") == 0)
		fx_cfg.stall_at_write = FX_STALL_TALLY;
	else if (*num != '\0')
		return;
	fx_cfg.stall_call = call;
	fx_cfg.stall_ms = ms;
}

/* The log's template expanded for this process now; a name that does not
 * fit is refused, never shortened or replaced by the default. */
static void expand_log_path(void)
{
	fx_cfg.log_varies = fx_log_name_varies(fx_cfg.log_template);
	if (fx_log_name_expand(fx_cfg.log_path, sizeof(fx_cfg.log_path), fx_cfg.log_template, (int)fx_getpid(),
			       fx_cfg.load_euid, fx_cfg.host) < 0)
		fx_cfg.log_refused = "FORKEXPLAIN_LOG is longer than 511 bytes once expanded";
}

void fx_config_load(void)
{
	const char *s;

	memset(&fx_cfg, 0, sizeof(fx_cfg));
	fx_lve_forget();
	errno_set(ENOMEM);
	errno_set(EAGAIN);
	errno_set(ENOSPC);
	errno_set(EPERM);
	fx_cfg.interval_ns = 100 * 1000000LL;
	fx_cfg.scan_budget_ns = 250 * 1000000LL;
	fx_cfg.backtrace = 1;
	/* `failure`, the default, set-user-ID programs included. */
	fx_cfg.fill_late = 1;
	fx_cfg.stall_call = -1;
	fx_strlcpy(fx_cfg.proc_root, "/proc", sizeof(fx_cfg.proc_root));
	fx_strlcpy(fx_cfg.sys_root, "/sys", sizeof(fx_cfg.sys_root));
	fx_strlcpy(fx_cfg.self_dir, "/self", sizeof(fx_cfg.self_dir));
	fx_strlcpy(fx_cfg.log_template, FX_LOG_DEFAULT, sizeof(fx_cfg.log_template));
	fx_cfg.load_euid = (unsigned)fx_geteuid();
	fx_log_host(fx_cfg.host);
	lease_default();

	/* setuid/setgid programs: the environment belongs to someone else, so
	 * nothing in it may redirect files or change what we do. */
	if (getauxval(AT_SECURE)) {
		expand_log_path();
		return;
	}
	env_scan();

	s = env("FORKEXPLAIN_LOG");
	if (s && strcmp(s, "-") == 0)
		fx_cfg.log_to_stderr = 1;
	else if (s && s[0] && strlen(s) < sizeof(fx_cfg.log_template)) {
		fx_strlcpy(fx_cfg.log_template, s, sizeof(fx_cfg.log_template));
		fx_cfg.log_explicit = 1;
	} else if (s && s[0]) {
		/* The default path would hide the records where nobody looks
		 * for them: no log at all, and the writer says why. */
		fx_cfg.log_template[0] = '\0';
		fx_cfg.log_refused = "FORKEXPLAIN_LOG is longer than 511 bytes";
	}
	expand_log_path();
	s = env("FORKEXPLAIN_ERRNOS");
	if (s)
		load_errnos(s);
	fx_cfg.interval_ns = env_i64("FORKEXPLAIN_INTERVAL_MS", 100, 0, 86400000) * 1000000LL;
	fx_cfg.scan_budget_ns = env_i64("FORKEXPLAIN_SCAN_MS", 250, 0, 60000) * 1000000LL;
	lease_default();
	fx_cfg.notify_stderr = env_flag("FORKEXPLAIN_STDERR");
	fx_cfg.cmdline = env_flag("FORKEXPLAIN_CMDLINE");
	s = env("FORKEXPLAIN_BACKTRACE");
	if (s && strcmp(s, "0") == 0)
		fx_cfg.backtrace = 0;
	s = env("FORKEXPLAIN_FILL");
	/* Anything but `start` keeps the default (docs/performance.md). */
	if (s && strcmp(s, "start") == 0)
		fx_cfg.fill_late = 0;
	s = env("FORKEXPLAIN_PROC_ROOT");
	if (s && s[0] && strlen(s) < sizeof(fx_cfg.proc_root))
		fx_strlcpy(fx_cfg.proc_root, s, sizeof(fx_cfg.proc_root));
	s = env("FORKEXPLAIN_SYS_ROOT");
	if (s && s[0] && strlen(s) < sizeof(fx_cfg.sys_root))
		fx_strlcpy(fx_cfg.sys_root, s, sizeof(fx_cfg.sys_root));
	s = env("FORKEXPLAIN_INJECT");
	if (s)
		load_inject(s);
	s = env("FORKEXPLAIN_TEST_STALL");
	if (s)
		load_stall(s);
	fx_cfg.lease_ns = env_i64("FORKEXPLAIN_TEST_LEASE_MS", fx_cfg.lease_ns / 1000000, 1, FX_LEASE_MAX_MS) * 1000000LL;
}
