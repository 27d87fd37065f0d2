# Rootless podman (kernel 6.8, cgroup v2, a user namespace mapping container
# root to host uid 1000): RLIMIT_NPROC 4096 counts every task of host uid
# 1000, the user's other containers too (ucounts since 5.14: the cap of the
# ancestor namespace is the creator's RLIMIT_NPROC). The container sees 640
# of its own tasks, 2048 pids.max far away, root not exempt inside a user
# namespace. The fix isolates the count: TasksMax= (per cgroup) instead of
# a per-uid limit, or a uid of its own.
. "$(dirname "$0")/lib.sh"
replay podman-rootless-nproc pthread_create EAGAIN
expect verdict=rlimit_nproc family=denial call=pthread_create errno=EAGAIN binding='RLIMIT_NPROC' \
	advice='TasksMax=' not_advice='echo' \
	rec.limits.nproc.soft=4096 rec.limits.nproc_exempt=absent rec.limits.uid_tasks=640 \
	rec.cgroups.pids.0.path=/ rec.cgroups.pids.0.max=2048
