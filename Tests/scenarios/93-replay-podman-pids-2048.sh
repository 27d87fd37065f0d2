# A Jenkins job's `podman run` (RHEL 9, cgroup v2): containers.conf's
# default pids_limit 2048; virtctl's Go runtime "failed to create new OS
# thread (have 15 already; errno=11) ... may need to increase max user
# processes (ulimit -u)" (github.com/redhat-performance/benchmark-runner/pull/1250,
# fixed with --pids-limit=-1). The clone fails in the container's own
# cgroup, seen as / inside its cgroup namespace: cgroup_pids_limit with
# podman's knobs, never the ulimit -u Go suggests.
. "$(dirname "$0")/lib.sh"
replay podman-pids-2048 clone EAGAIN
expect verdict=cgroup_pids_limit family=denial call=clone errno=EAGAIN binding='podman container' \
	evidence='pids.current 2048 = pids.max 2048' evidence='pids.events max 23' advice='--pids-limit' \
	advice='containers.conf' not_verdict=rlimit_nproc rec.cgroups.pids.0.max=2048
