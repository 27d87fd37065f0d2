/* The LVE statistics as kmod-lve's lve_procfs.c prints them, a header
 * naming the columns, then one row per LVE (its id is the user's uid):
 *
 *   8:LVE  EP  lCPU  lIO  CPU  MEM  IO  lMEM  lEP  nCPU  fMEM  fEP
 *          lMEMPHY  lCPUW  lNPROC  MEMPHY  fMEMPHY  NPROC  fNPROC  lIOPS  IOPS
 *
 * The columns are found by name, not place: older modules print fewer
 * (version 4 has no NPROC). /proc/lve/per-lve/UID/stat has the header and
 * one row; /proc/lve/list every LVE, the defaults first. */
#include "lve.h"
#include "fileio.h"
#include "num.h"
#include "paths.h"
#include "procread.h"
#include "str.h"

#include <errno.h>
#include <stdatomic.h>
#include <stddef.h>
#include <string.h>

/* Set once /proc/lve is found missing (every kernel but CloudLinux's, whose
 * module makes it at boot): a later failure of the process skips its two
 * opens. Relaxed: a thread that has not seen it yet only opens them again;
 * no lock, no allocation on the failure path. */
static atomic_int lve_absent;

/* Columns of a header; more are read past. */
#define LVE_COLUMNS 32

struct column {
	const char *name;
	size_t offset;
};

/* The columns kept, and where each goes. */
static const struct column kept[] = {
	{ "EP", offsetof(struct fx_lve, ep) },
	{ "lEP", offsetof(struct fx_lve, ep_limit) },
	{ "fEP", offsetof(struct fx_lve, ep_faults) },
	{ "NPROC", offsetof(struct fx_lve, nproc) },
	{ "lNPROC", offsetof(struct fx_lve, nproc_limit) },
	{ "fNPROC", offsetof(struct fx_lve, nproc_faults) },
	{ "MEMPHY", offsetof(struct fx_lve, pmem) },
	{ "lMEMPHY", offsetof(struct fx_lve, pmem_limit) },
	{ "fMEMPHY", offsetof(struct fx_lve, pmem_faults) },
	{ "MEM", offsetof(struct fx_lve, vmem) },
	{ "lMEM", offsetof(struct fx_lve, vmem_limit) },
	{ "fMEM", offsetof(struct fx_lve, vmem_faults) },
};

static const char *skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* Fills where[i] with the kept column i of the header names, or -1. The
 * first column, "N:LVE", is the id. Returns the number of columns, 0 for
 * a line that is no header. */
static int parse_header(struct fx_lve *lve, const char *p, int where[LVE_COLUMNS])
{
	int64_t version;
	size_t len, k;
	int n = 0;

	p = skip_blanks(p);
	if (fx_parse_i64(&p, &version) < 0 || *p != ':')
		return 0;
	lve->version = (int)version;
	p++;
	while (*(p = skip_blanks(p)) != '\0' && n < LVE_COLUMNS) {
		len = strcspn(p, " \t");
		where[n] = -1;
		for (k = 0; k < sizeof(kept) / sizeof(kept[0]); k++)
			if (strlen(kept[k].name) == len && strncmp(p, kept[k].name, len) == 0)
				where[n] = (int)k;
		n++;
		p += len;
	}
	return n;
}

/* The row of LVE uid, if this line is it. */
static int parse_row(struct fx_lve *lve, const char *p, const int where[LVE_COLUMNS], int ncolumns, unsigned uid)
{
	int64_t x;
	int i;

	if (fx_parse_i64(&p, &x) < 0 || x != (int64_t)uid)
		return 0;
	lve->id.v = x;
	lve->id.have = 1;
	for (i = 1; i < ncolumns; i++) {
		if (fx_parse_i64(&p, &x) < 0)
			break;
		if (where[i] >= 0) {
			struct fx_val *v = (struct fx_val *)((char *)lve + kept[where[i]].offset);
			v->v = x;
			v->have = 1;
		}
	}
	return 1;
}

/* Reads path's header and the row of uid. Returns 0, or -1 with errno set
 * when the file cannot be opened. */
static int read_stats(struct fx_snapshot *s, const char *path)
{
	int where[LVE_COLUMNS];
	int ncolumns = 0;
	char *line;

	if (fx_lines_open(&s->lines, path) < 0)
		return -1;
	s->lve.have = 1;
	while ((line = fx_lines_next(&s->lines)) != NULL) {
		if (ncolumns == 0) {
			ncolumns = parse_header(&s->lve, line, where);
			continue;
		}
		if (parse_row(&s->lve, line, where, ncolumns, s->id.uid))
			break;
	}
	fx_lines_close(&s->lines);
	return 0;
}

void fx_lve_forget(void)
{
	atomic_store_explicit(&lve_absent, 0, memory_order_relaxed);
}

void fx_lve_collect(struct fx_snapshot *s)
{
	char suffix[64] = "/lve/per-lve/";
	char path[FX_PATH];

	if (atomic_load_explicit(&lve_absent, memory_order_relaxed))
		return;

	/* The uid's own file first: one row rather than every user's, each
	 * of which the module sums up as it prints. */
	fx_utoa(suffix + strlen(suffix), (uint64_t)s->id.uid);
	if (fx_join(suffix, sizeof(suffix), suffix, "/stat") == 0 && fx_proc_path(path, sizeof(path), suffix) == 0 &&
	    read_stats(s, path) == 0 && s->lve.id.have)
		return;
	if (fx_proc_path(path, sizeof(path), "/lve/list") < 0)
		return;
	if (read_stats(s, path) < 0) {
		/* Every kernel but CloudLinux's lacks it: not worth a note. */
		if (errno == ENOENT)
			atomic_store_explicit(&lve_absent, 1, memory_order_relaxed);
		else
			fx_note_failed(s, path, errno);
	}
}
