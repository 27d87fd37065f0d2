#include "mountinfo.h"

#include <string.h>

int fx_mountinfo_split(char *line, struct fx_mount *m)
{
	char *f[5];
	char *p = line, *sep;
	int i;

	for (i = 0; i < 5; i++) {
		f[i] = p;
		p = strchr(p, ' ');
		if (!p)
			return -1;
		*p++ = '\0';
	}
	/* The optional fields end at a lone "-". */
	sep = strstr(p, "- ");
	while (sep && sep != p && sep[-1] != ' ')
		sep = strstr(sep + 1, "- ");
	if (!sep)
		return -1;
	p = sep + 2;
	m->fstype = p;
	p = strchr(p, ' ');
	if (!p)
		return -1;
	*p++ = '\0';
	m->source = p;
	p = strchr(p, ' ');
	if (!p)
		return -1;
	*p++ = '\0';
	m->super_opts = p;
	m->root = f[3];
	m->point = f[4];
	return 0;
}
