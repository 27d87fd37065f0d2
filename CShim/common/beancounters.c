/* /proc/user_beancounters as OpenVZ's kernel/bc/proc.c prints it inside a
 * container:
 *
 *   Version: 2.5
 *          uid  resource     held  maxheld  barrier  limit  failcnt
 *          101: kmemsize   473318   927071  2752512 2936012        0
 *               numproc         9       15       65      65        0
 *
 * The container id starts the first row only. */
#include "beancounters.h"
#include "fileio.h"
#include "num.h"
#include "paths.h"
#include "procread.h"

#include <errno.h>
#include <string.h>

/* numproc refuses copy_process (ub_task_charge, -ENOMEM); privvmpages the
 * private memory fork copies; kmemsize the task struct and kernel stack;
 * physpages is the RAM limit of VSwap containers. */
const char *const fx_ubc_resources[FX_UBC_ROWS] = { "numproc", "privvmpages", "kmemsize", "physpages" };

static void set(struct fx_val *v, int64_t x)
{
	v->v = x;
	v->have = 1;
	v->is_max = 0;
}

static void parse_row(struct fx_beancounters *b, const char *p)
{
	struct fx_ubc_row *row = NULL;
	struct fx_val *cols[5];
	int64_t ctid, x;
	size_t len;
	int i;

	while (*p == ' ' || *p == '\t')
		p++;
	/* "101:" before the first resource. */
	if (*p >= '0' && *p <= '9') {
		if (fx_parse_i64(&p, &ctid) < 0 || *p != ':')
			return;
		set(&b->ctid, ctid);
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
	}
	len = strcspn(p, " \t");
	for (i = 0; i < FX_UBC_ROWS; i++)
		if (strlen(fx_ubc_resources[i]) == len && strncmp(p, fx_ubc_resources[i], len) == 0)
			row = &b->rows[i];
	if (!row)
		return;
	p += len;
	cols[0] = &row->held;
	cols[1] = &row->maxheld;
	cols[2] = &row->barrier;
	cols[3] = &row->limit;
	cols[4] = &row->failcnt;
	for (i = 0; i < 5; i++) {
		if (fx_parse_i64(&p, &x) < 0)
			return;
		set(cols[i], x);
	}
}

void fx_beancounters_collect(struct fx_snapshot *s)
{
	char path[FX_PATH];
	char *line;

	if (fx_proc_path(path, sizeof(path), "/user_beancounters") < 0)
		return;
	if (fx_lines_open(&s->lines, path) < 0) {
		/* Every kernel but OpenVZ's lacks it: not worth a note. */
		if (errno != ENOENT)
			fx_note_failed(s, path, errno);
		return;
	}
	s->ubc.have = 1;
	while ((line = fx_lines_next(&s->lines)) != NULL)
		parse_row(&s->ubc, line);
	fx_lines_close(&s->lines);
}
