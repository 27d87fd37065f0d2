#include "procread.h"
#include "fileio.h"
#include "paths.h"
#include "str.h"

#include <errno.h>
#include <string.h>

void fx_note_failed(struct fx_snapshot *s, const char *path, int err)
{
	int i;

	if (s->id.notes_off)
		return;
	/* mountinfo is read by two collectors: list it once. */
	for (i = 0; i < s->id.nunreadable; i++)
		if (strncmp(s->unreadable[i], path, sizeof(s->unreadable[0]) - 1) == 0)
			return;
	if (s->id.nunreadable >= FX_UNREADABLE)
		return;
	s->unreadable_absent[s->id.nunreadable] = err == ENOENT;
	fx_strlcpy(s->unreadable[s->id.nunreadable++], path, sizeof(s->unreadable[0]));
}

void fx_note_unreadable(struct fx_snapshot *s, const char *path)
{
	fx_note_failed(s, path, EIO);
}

ssize_t fx_proc_read(struct fx_snapshot *s, const char *suffix, char *buf, size_t cap)
{
	char path[FX_PATH];
	ssize_t n;

	if (fx_proc_path(path, sizeof(path), suffix) < 0) {
		fx_note_unreadable(s, suffix);
		return -1;
	}
	n = fx_read_value(path, buf, cap);
	if (n < 0)
		fx_note_failed(s, path, errno);
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
		fx_note_failed(s, path, errno);
		return -1;
	}
	return 0;
}

void fx_proc_ns_inode(struct fx_snapshot *s, const char *suffix, struct fx_val *v)
{
	char path[FX_PATH];
	uint64_t ino;

	if (fx_proc_path(path, sizeof(path), suffix) < 0) {
		fx_note_unreadable(s, suffix);
		return;
	}
	if (fx_read_ns_inode(path, &ino) < 0) {
		fx_note_failed(s, path, errno);
		return;
	}
	v->v = (int64_t)ino;
	v->have = 1;
	v->is_max = 0;
}
