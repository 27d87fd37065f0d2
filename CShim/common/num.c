#include "num.h"

#include <string.h>

const char fx_hex_digits[17] = "0123456789abcdef";

size_t fx_utoa(char *out, uint64_t v)
{
	char tmp[20];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
	return n;
}

void fx_num_padded(char out[20], uint64_t v)
{
	char num[21];
	size_t n = fx_utoa(num, v);

	memset(out, ' ', 20);
	memcpy(out, num, n);
}

int fx_parse_i64(const char **s, int64_t *out)
{
	const char *p = *s;
	int neg = 0;
	int64_t v = 0;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '-') {
		neg = 1;
		p++;
	}
	if (*p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9') {
		int d = *p - '0';
		if (v > (INT64_MAX - d) / 10)
			v = INT64_MAX;
		else
			v = v * 10 + d;
		p++;
	}
	*out = neg ? -v : v;
	*s = p;
	return 0;
}

int fx_parse_hex(const char **s, uint64_t *out)
{
	const char *p = *s;
	uint64_t v = 0;
	int any = 0;

	for (;; p++) {
		int d = (*p >= '0' && *p <= '9') ? *p - '0' :
			(*p >= 'a' && *p <= 'f') ? *p - 'a' + 10 : -1;
		if (d < 0)
			break;
		v = v << 4 | (uint64_t)d;
		any = 1;
	}
	*s = p;
	*out = v;
	return any ? 0 : -1;
}
