# Rootless podman (kernel 6.8, cgroup v2, own cgroup namespace): podman's
# default pids_limit 2048 on the container's cgroup binds. Inside, that
# level shows as / : it is the container's own cgroup, not the root, and
# its limit is podman's `pids_limit` (containers.conf or --pids-limit).
. "$(dirname "$0")/lib.sh"
replay podman-rootless-pids fork EAGAIN
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding='container' \
	binding_not='root cgroup' binding_not='the root' advice='pids_limit' not_advice='echo' \
	rec.cgroups.pids.0.path=/ rec.cgroups.pids.0.max=2048 rec.cgroups.pids.0.current=2048
