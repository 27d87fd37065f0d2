# sccache on a 192-core build machine in a podman container: tokio's
# "failed to spawn thread: Os { code: 11, kind: WouldBlock ... }" and make's
# "fork: Resource temporarily unavailable" (github.com/mozilla/sccache/issues/1972:
# "very easy to hit inside podman containers. The default PID limit inside
# a podman container is 2048"). make -j192 with a compiler pair per job and
# sccache's server pools fill the 2048. cgroup_pids_limit with podman's
# --pids-limit / containers.conf, naming the server that holds most
# (first: docs/kernel-facts.md §11.184).
. "$(dirname "$0")/lib.sh"
replay sccache-podman pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding='podman container' evidence='pids.current 2048 = pids.max 2048' evidence='pids.events max 57' \
	advice='--pids-limit' advice='containers.conf' advice='One process holds most of what pids.max of / counts: sccache (pid 300) has 1465 threads, 72 % of the 2048' \
	not_verdict=rlimit_nproc rec.cgroups.pids.0.max=2048
