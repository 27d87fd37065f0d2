# A systemd-nspawn container registered with machined (kernel 6.1, v2):
# TasksMax=16384 on machine-build01.scope, above the container's cgroup
# namespace (rooted at its payload cgroup). Every visible level says max;
# the forking service's own pids.events max rose. The fix is TasksMax= on
# the machine's scope, from the host (systemctl set-property / machinectl).
# The guest's /run/systemd/container says systemd-nspawn: one fix, for
# machined, not a list of runtimes it might be.
. "$(dirname "$0")/lib.sh"
replay nspawn-machine fork EAGAIN
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding='above' \
	advice='systemctl set-property machine-build01.scope TasksMax=' not_advice='echo' \
	not_advice='lxc' not_advice='docker' not_advice='not named' rec.container.manager=systemd-nspawn \
	rec.cgroups.pids.0.path=/system.slice/jenkins-agent.service rec.cgroups.pids.0.events_max=57 \
	rec.cgroups.pids.2.path=/ rec.cgroups.pids.2.max=max rec.cgroups.pids.3=absent
