# Unprivileged LXC containers made in bulk (Ubuntu 20.04, kernel 5.4, LXC
# 4.0.12): all map root to host uid 100000 with lxc.prlimit.nproc =
# 128:256, and the 14th cannot run its mount hook, "Resource temporarily
# unavailable / Failed to popen() exec /usr/share/lxcfs/lxc.mount.hook";
# "UID 100000 process count: 128 / Max processes: 128 / 256"
# (github.com/MengMengCode/CLICD/issues/28). LXC's lxc_popen() forks. The
# starting container shows 2 tasks: rlimit_nproc of host uid 100000 all
# the same, root in a user namespace not exempt, with 5.4's rule (one count
# per host uid, this process's own limit), lxc.prlimit.nproc and separate
# idmaps as the fix.
. "$(dirname "$0")/lib.sh"
replay lxc-unpriv-shared-uid fork EAGAIN
expect verdict=rlimit_nproc family=denial call=fork errno=EAGAIN binding='host uid 100000' \
	evidence='root inside a user namespace is not' evidence='other containers mapped to it included' \
	not_evidence='since 5.14' advice='lxc.prlimit.nproc' advice='lxc.idmap' not_verdict=unexplained \
	rec.limits.nproc.soft=128 rec.limits.uid_tasks=2 rec.container.uid_map.0.1=100000
