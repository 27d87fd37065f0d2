/* The entry point `forkexplain check` calls through its SwiftPM C target.
 * The preloaded library carries it too but never calls it (the version
 * script keeps it hidden); outside the failure path, so malloc is fine. */
#include "include/forkexplain_check.h"
#include "config.h"
#include "num.h"
#include "record.h"
#include "snapshot.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

size_t fx_check_snapshot(int pid, char *buf, size_t cap)
{
	struct fx_snapshot *s = calloc(1, sizeof(*s));
	size_t len;

	if (!s)
		return 0;
	fx_config_load();
	if (pid > 0 && pid != (int)getpid()) {
		fx_cfg.self_dir[0] = '/';
		fx_utoa(fx_cfg.self_dir + 1, (uint64_t)pid);
		s->other = 1;
		s->pid = pid;
		s->tid = pid;
	}
	fx_snapshot_collect(s, -1);
	len = fx_record_snapshot(s, buf, cap);
	free(s);
	return len;
}
