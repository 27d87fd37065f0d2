/* What the failure path's record buffer relies on (CShim/preload/failure.c,
 * struct area): a record reads nothing of the snapshot from
 * FX_SNAPSHOT_RECORDED on, the collectors' scratch, so its line can be
 * formatted over that scratch once the snapshot is collected. */
#include "cunit.h"
#include "config.h"
#include "errname.h"
#include "record.h"
#include "snapshot.h"

#include <errno.h>
#include <string.h>

#define LINE_CAP (32 * 1024)

static struct fx_snapshot s, painted;
static char line[LINE_CAP], other[LINE_CAP];
/* The failure path's layout: the line starts where the scratch does. */
static union {
	struct fx_snapshot snapshot;
	struct {
		char recorded[FX_SNAPSHOT_RECORDED];
		char line[LINE_CAP];
	} r;
} area;

/* A full snapshot of this process, as a failure collects it, with a
 * backtrace's frames and module. */
static void collect(void)
{
	fx_config_load();
	fx_cfg.cmdline = 1;
	memset(&s, 0, sizeof(s));
	s.id.call = FX_CALL_FORK;
	s.id.err = EAGAIN;
	s.nframes = 2;
	s.frames[0].addr = 0x401000;
	s.frames[0].module = 0;
	s.frames[1].addr = 0x402000;
	s.frames[1].module = -1;
	s.nmodules = 1;
	strcpy(s.modules[0].path, "/usr/bin/prog");
	s.modules[0].build_id_len = 20;
	memset(s.modules[0].build_id, 0xab, 20);
	fx_snapshot_collect(&s, -1);
}

void test_recordbound(void)
{
	size_t len, len2;

	collect();
	CHECK(s.id.pid > 0 && s.id.comm[0] != '\0');
	len = fx_record_failure(&s, line, sizeof(line));
	CHECK(len > 0 && memchr(line, '\n', len) == line + len - 1);

	/* The scratch painted: the same line, byte for byte. */
	memcpy(&painted, &s, sizeof(s));
	memset((char *)&painted + FX_SNAPSHOT_RECORDED, 0x5a, sizeof(painted) - FX_SNAPSHOT_RECORDED);
	len2 = fx_record_failure(&painted, other, sizeof(other));
	CHECK(len2 == len && memcmp(line, other, len) == 0);

	/* Formatted over the scratch, as the failure path does: the same. */
	memcpy(&area.snapshot, &s, sizeof(s));
	len2 = fx_record_failure(&area.snapshot, area.r.line, sizeof(area.r.line));
	CHECK(len2 == len && memcmp(line, area.r.line, len) == 0);

	/* The scratch is the snapshot's end: nothing recorded follows it. */
	CHECK(FX_SNAPSHOT_RECORDED == offsetof(struct fx_snapshot, lines));
	CHECK(offsetof(struct fx_snapshot, maps_lines) < FX_SNAPSHOT_RECORDED);
	CHECK(offsetof(struct fx_snapshot, task_scratch) + sizeof(s.task_scratch) == sizeof(s));
}
