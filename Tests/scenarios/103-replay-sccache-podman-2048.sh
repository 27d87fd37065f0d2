# sccache on a 192-core build machine in a podman container: tokio's
# "failed to spawn thread: Os { code: 11, kind: WouldBlock ... }" and make's
# "fork: Resource temporarily unavailable" (github.com/mozilla/sccache/issues/1972:
# "very easy to hit inside podman containers. The default PID limit inside
# a podman container is 2048"). make -j192 with a compiler pair per job and
# sccache's server pools fill the 2048. cgroup_pids_limit with podman's
# --pids-limit / containers.conf, naming the server that holds most.
. "$(dirname "$0")/lib.sh"
replay sccache-podman pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding='podman container' evidence='pids.current 2048 = pids.max 2048' evidence='pids.events max 57' \
	advice='--pids-limit' advice='containers.conf' advice='sccache (pid 300) holds 1465 threads' \
	not_verdict=rlimit_nproc rec.cgroups.pids.0.max=2048
