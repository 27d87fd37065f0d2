# Docker on cgroup v1 (kernel 5.4), replayed from inside the container:
# `--pids-limit 200` on the container's own cgroup, which is also the root
# of its read-only cgroup mounts. That level is the container, not "the
# root"; the fix is `docker update --pids-limit` on the host, not another
# runtime's knob and not an echo into the read-only mount.
. "$(dirname "$0")/lib.sh"
replay docker-v1 fork EAGAIN
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding='/docker/' \
	binding_not='root cgroup' binding_not='the root' \
	advice='docker update --pids-limit' not_advice='echo' not_advice='podPidsLimit' \
	rec.cgroups.pids.0.max=200 rec.cgroups.pids.0.current=200 rec.cgroups.pids.0.events_max=31 \
	rec.cgroups.pids.0.dir=/sys/fs/cgroup/pids rec.cgroups.pids.1=absent
