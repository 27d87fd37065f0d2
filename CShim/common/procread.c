#include "procread.h"
#include "fileio.h"
#include "paths.h"
#include "str.h"

void fx_note_unreadable(struct fx_snapshot *s, const char *path)
{
	if (s->nunreadable < FX_UNREADABLE)
		fx_strlcpy(s->unreadable[s->nunreadable++], path, sizeof(s->unreadable[0]));
}

ssize_t fx_proc_read(struct fx_snapshot *s, const char *suffix, char *buf, size_t cap)
{
	char path[FX_PATH];
	ssize_t n;

	if (fx_proc_path(path, sizeof(path), suffix) < 0) {
		fx_note_unreadable(s, suffix);
		return -1;
	}
	n = fx_read_file(path, buf, cap);
	if (n < 0)
		fx_note_unreadable(s, path);
	return n;
}

int fx_proc_lines(struct fx_snapshot *s, const char *suffix)
{
	char path[FX_PATH];

	if (fx_proc_path(path, sizeof(path), suffix) < 0) {
		fx_note_unreadable(s, suffix);
		return -1;
	}
	if (fx_lines_open(&s->lines, path) < 0) {
		fx_note_unreadable(s, path);
		return -1;
	}
	return 0;
}
