/* The raw facts that tell a container from the host: namespace inodes,
 * uid_map, the runtimes' marker files and the roots of the files they
 * bind-mount (docs/log-format.md, "container"). */
#ifndef FX_CONTAINER_H
#define FX_CONTAINER_H

#include "model.h"
#include "mountinfo.h"

/* The mount points whose mountinfo root carries a runtime's ids, in the
 * order of fx_container.bind_roots. */
extern const char *const fx_bind_points[FX_BIND_ROOTS];
/* The /proc files LXCFS may stand in for, in the order of the bits of
 * fx_container.lxcfs. */
extern const char *const fx_lxcfs_files[FX_LXCFS_FILES];
/* Its bits for the two files a verdict reads. */
#define FX_LXCFS_LOADAVG 1u
#define FX_LXCFS_MEMINFO 2u
/* The marker files, in the order of fx_container.markers' bits. */
extern const char *const fx_container_markers[FX_MARKERS];

/* With mounts 0 the caller reads mountinfo itself, handing each line to
 * fx_container_mount (the cgroup collector's pass: the file is one of the
 * dearest a record reads). */
void fx_container_collect(struct fx_snapshot *s, int mounts);
/* One line of the process's mountinfo: the bind-mount roots and LXCFS.
 * The caller sets have_mountinfo once the file is open. */
void fx_container_mount(struct fx_snapshot *s, const struct fx_mount *m);
/* Whether uid_map (if read) is the identity over every uid: the initial
 * user namespace. */
int fx_container_initial_user_ns(const struct fx_container *c);

#endif
