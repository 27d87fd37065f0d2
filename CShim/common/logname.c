#include "logname.h"
#include "num.h"
#include "str.h"
#include "sys.h"

#include <string.h>
#include <sys/utsname.h>

/* Appends len bytes of s at *at; -1 when out would overflow. */
static int put(char *out, size_t cap, size_t *at, const char *s, size_t len)
{
	if (len >= cap - *at)
		return -1;
	memcpy(out + *at, s, len);
	*at += len;
	return 0;
}

static int put_host(char *out, size_t cap, size_t *at, const char *host)
{
	size_t start = *at, i;

	if (put(out, cap, at, host, strlen(host)) < 0)
		return -1;
	for (i = start; i < *at; i++) {
		if (out[i] == '/' || (i == start && out[i] == '.'))
			out[i] = '_';
	}
	return 0;
}

int fx_log_name_expand(char *out, size_t cap, const char *tmpl, int pid, unsigned uid, const char *host)
{
	size_t at = 0;
	char num[21];
	const char *p;
	int rc = 0;

	if (cap == 0)
		return -1;
	for (p = tmpl; *p && rc == 0; p++) {
		if (p[0] != '%' || p[1] == '\0') {
			rc = put(out, cap, &at, p, 1);
			continue;
		}
		switch (p[1]) {
		case 'p':
			rc = put(out, cap, &at, num, fx_utoa(num, (uint64_t)(unsigned)pid));
			break;
		case 'u':
			rc = put(out, cap, &at, num, fx_utoa(num, uid));
			break;
		case 'h':
			rc = put_host(out, cap, &at, host);
			break;
		case '%':
			rc = put(out, cap, &at, "%", 1);
			break;
		default:
			rc = put(out, cap, &at, p, 2);
			break;
		}
		p++;
	}
	out[rc == 0 ? at : 0] = '\0';
	return rc == 0 ? (int)at : -1;
}

int fx_log_name_varies(const char *tmpl)
{
	const char *p;

	for (p = tmpl; *p; p++) {
		if (p[0] == '%' && p[1] != '\0') {
			if (p[1] == 'p' || p[1] == 'u')
				return 1;
			p++;
		}
	}
	return 0;
}

int fx_log_name_is_dir(const char *name)
{
	size_t len = strlen(name);

	return len > 0 && name[len - 1] == '/';
}

void fx_log_host(char out[FX_HOST_NAME])
{
	struct utsname u;

	out[0] = '\0';
	if (fx_uname(&u) == 0)
		fx_strlcpy(out, u.nodename, FX_HOST_NAME);
}

int fx_log_dir_file(char *out, size_t cap, const char *dir, unsigned uid)
{
	char num[21];
	size_t at = 0;

	if (cap == 0 || put(out, cap, &at, dir, strlen(dir)) < 0 ||
	    put(out, cap, &at, FX_LOG_DIR_PREFIX, sizeof(FX_LOG_DIR_PREFIX) - 1) < 0 ||
	    put(out, cap, &at, num, fx_utoa(num, uid)) < 0 ||
	    put(out, cap, &at, FX_LOG_DIR_SUFFIX, sizeof(FX_LOG_DIR_SUFFIX) - 1) < 0) {
		if (cap)
			out[0] = '\0';
		return -1;
	}
	out[at] = '\0';
	return 0;
}
