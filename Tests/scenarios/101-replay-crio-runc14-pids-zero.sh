# CRI-O before 1.29 passes its default pids_limit 0 ("no limit" to it) and
# runc 1.4 writes it as pids.max 0: runc's own Go init, moved into the
# container's cgroup with 2 threads, cannot make a third, "failed to create
# new OS thread (have 2 already; errno=11)"
# (github.com/opencontainers/runc/issues/5332, ALT Linux 6.12; fixed by
# `pids_limit = -1` in crio.conf or CRI-O 1.29+, podPidsLimit did not help).
# cgroup_pids_limit at the container's own level, saying the 0 is a
# runtime's misreading and that the fix is -1, not a kubelet limit.
. "$(dirname "$0")/lib.sh"
replay runc-pids-zero clone EAGAIN
expect verdict=cgroup_pids_limit family=denial call=clone errno=EAGAIN confidence=high binding='CRI-O container' \
	evidence='pids.current 2 > pids.max 0' evidence='runc 1.4 and later write for a pids.limit of 0' \
	advice='pids_limit = -1' advice='CRI-O before 1.29' not_advice='podPidsLimit: ' not_verdict=rlimit_nproc \
	rec.cgroups.pids.0.max=0 rec.cgroups.pids.0.current=2
