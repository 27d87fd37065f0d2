# An LXC container (kernel 5.15, v2, lxc.cgroup2.pids.max = 1000): the
# limit is on the container's payload cgroup, the root of its cgroup
# namespace, so it shows as / inside. That is the container's own cgroup,
# set in its LXC config, not "the root"; it is not writable from inside.
# The guest's /run/systemd/container says lxc: one fix, LXC's, for web1.
. "$(dirname "$0")/lib.sh"
replay lxc-v2 fork EAGAIN
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding='container' \
	binding_not='root cgroup' binding_not='the root' advice='lxc.cgroup2.pids.max' not_advice='echo' \
	advice='lxc-cgroup -n web1 pids.max' not_advice='machine' not_advice='docker' not_advice='not named' \
	rec.container.manager=lxc \
	rec.cgroups.pids.0.max=150 rec.cgroups.pids.0.current=131 rec.cgroups.pids.2.path=/ \
	rec.cgroups.pids.2.max=1000 rec.cgroups.pids.2.current=1000
