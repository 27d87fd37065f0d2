#include "nsentry.h"
#include "tracefs.h"

#include <stdio.h>
#include <string.h>

/* CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC |
 * CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET (<linux/sched.h>). */
#define NS_FLAGS "0x7e020000"

int fx_nsentry_open(struct fx_perf *e, const char *tracefs, char *why, size_t whycap)
{
	struct fx_perf_source src;
	int size = 0;

	memset(&src, 0, sizeof(src));
	src.entry = 1;
	src.call = FX_SYS_CLONE;
	src.ret_offset = src.deref_offset = -1;
	src.id = fx_tracefs_id(tracefs, "syscalls/sys_enter_clone");
	if (src.id < 0 ||
	    fx_tracefs_field(tracefs, "syscalls/sys_enter_clone", "clone_flags", &src.arg_offset, &size) < 0 ||
	    size != 8) {
		snprintf(why, whycap, "no syscalls:sys_enter_clone with a u64 clone_flags in tracefs");
		return -1;
	}
	return fx_perf_open(e, &src, 1, "clone_flags & " NS_FLAGS, why, whycap);
}

void fx_nsentry_note(struct fx_nsentries *t, const struct fx_watch_event *ev)
{
	unsigned i;

	if (!ev->entry || !ev->have_arg)
		return;
	i = t->next++ % FX_NSENTRY_SLOTS;
	t->slot[i].tid = ev->tid;
	t->slot[i].flags = ev->arg;
	t->slot[i].mono_ns = ev->mono_ns;
}

int fx_nsentry_take(struct fx_nsentries *t, int tid, int64_t mono_ns, uint64_t *flags)
{
	int i, best = -1;

	for (i = 0; i < FX_NSENTRY_SLOTS; i++) {
		if (t->slot[i].tid != tid || t->slot[i].mono_ns > mono_ns ||
		    mono_ns - t->slot[i].mono_ns > FX_NSENTRY_MAX_AGE_NS)
			continue;
		if (best < 0 || t->slot[i].mono_ns > t->slot[best].mono_ns)
			best = i;
	}
	if (best < 0)
		return -1;
	*flags = t->slot[best].flags;
	t->slot[best].tid = 0;
	return 0;
}
