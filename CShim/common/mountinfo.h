/* One line of /proc/PID/mountinfo, split in place (fs/proc_namespace.c
 * show_mountinfo: "id parent dev root point options [optional...] - fstype
 * source super-options"). */
#ifndef FX_MOUNTINFO_H
#define FX_MOUNTINFO_H

struct fx_mount {
	char *root;	/* field 4: the path inside the filesystem mounted here */
	char *point;	/* field 5 */
	char *fstype;
	char *source;
	char *super_opts;
};

/* Returns 0, or -1 for a line that is not a mountinfo line. */
int fx_mountinfo_split(char *line, struct fx_mount *m);

#endif
