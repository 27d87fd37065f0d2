/* The pids and memory cgroups of the process, every level up to the root
 * its mounts show. */
#ifndef FX_CGROUP_H
#define FX_CGROUP_H

#include <stddef.h>

#include "model.h"

/* With container_mounts, its pass over mountinfo also hands each line to
 * fx_container_mount: the process's mountinfo is the reader's own. */
void fx_cgroup_collect(struct fx_snapshot *s, int container_mounts);
/* Whether a cgroup mount whose root (mountinfo's field 4) is root shows
 * the cgroup path ("/a/b", as /proc/self/cgroup gives it). */
int fx_cgroup_shows_path(const char *root, const char *path);
/* A level's path ("/a/b") and the directory it was read from. */
int fx_cgroup_level_path(const struct fx_cg_hierarchy *h, const struct fx_cg_level *l, char *out, size_t cap);
int fx_cgroup_level_dir(const struct fx_cg_hierarchy *h, const struct fx_cg_level *l, char *out, size_t cap);

#endif
