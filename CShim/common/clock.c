#include "clock.h"
#include "str.h"
#include "sys.h"

#include <time.h>

int64_t fx_monotonic_ns(void)
{
	struct timespec ts;

	fx_clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void fx_format_utc(char *out, size_t cap, int64_t sec, long nsec)
{
	int64_t days, secs, z, era, doe, yoe, y, doy, mp, d, m, ms;
	char tmp[32];
	int n = 0, i;
	int64_t parts[6];

	days = sec / 86400;
	secs = sec % 86400;
	ms = nsec / 1000000;
	/* Howard Hinnant's civil_from_days: no gmtime_r, which may take
	 * the timezone lock. */
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	if (m <= 2)
		y++;
	parts[0] = y;
	parts[1] = m;
	parts[2] = d;
	parts[3] = secs / 3600;
	parts[4] = secs / 60 % 60;
	parts[5] = secs % 60;
	for (i = 0; i < 6; i++) {
		int64_t v = parts[i];
		int width = i == 0 ? 4 : 2;
		int k;
		for (k = width - 1; k >= 0; k--) {
			tmp[n + k] = (char)('0' + v % 10);
			v /= 10;
		}
		n += width;
		tmp[n++] = "--T::."[i];
	}
	tmp[n++] = (char)('0' + ms / 100);
	tmp[n++] = (char)('0' + ms / 10 % 10);
	tmp[n++] = (char)('0' + ms % 10);
	tmp[n++] = 'Z';
	tmp[n] = '\0';
	fx_strlcpy(out, tmp, cap);
}

void fx_format_time(char *out, size_t cap)
{
	struct timespec ts;

	fx_clock_gettime(CLOCK_REALTIME, &ts);
	fx_format_utc(out, cap, (int64_t)ts.tv_sec, ts.tv_nsec);
}
