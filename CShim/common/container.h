/* The raw facts that tell a container from the host: namespace inodes,
 * uid_map, the runtimes' marker files and the roots of the files they
 * bind-mount (docs/log-format.md, "container"). */
#ifndef FX_CONTAINER_H
#define FX_CONTAINER_H

#include "model.h"

/* The mount points whose mountinfo root carries a runtime's ids, in the
 * order of fx_container.bind_roots. */
extern const char *const fx_bind_points[FX_BIND_ROOTS];
/* The marker files, in the order of fx_container.markers' bits. */
extern const char *const fx_container_markers[FX_MARKERS];

void fx_container_collect(struct fx_snapshot *s);
/* Whether uid_map (if read) is the identity over every uid: the initial
 * user namespace. */
int fx_container_initial_user_ns(const struct fx_container *c);

#endif
