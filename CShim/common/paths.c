#include "paths.h"
#include "config.h"
#include "str.h"

#include <string.h>

int fx_proc_path(char *out, size_t cap, const char *suffix)
{
	char tmp[FX_PATH];

	/* forkexplain check looks at another process: /self becomes /PID. */
	if (strncmp(suffix, "/self/", 6) == 0 && strcmp(fx_cfg.self_dir, "/self") != 0) {
		if (fx_join(tmp, sizeof(tmp), fx_cfg.self_dir, suffix + 5) < 0)
			return -1;
		suffix = tmp;
	}
	return fx_join(out, cap, fx_cfg.proc_root, suffix);
}

int fx_sys_path(char *out, size_t cap, const char *abs_path)
{
	if (strncmp(abs_path, "/sys/", 5) == 0)
		return fx_join(out, cap, fx_cfg.sys_root, abs_path + 4);
	return fx_join(out, cap, "", abs_path);
}
