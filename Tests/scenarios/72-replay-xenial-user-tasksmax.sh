# Ubuntu 16.04 (kernel 4.4, systemd 229): logind's UserTasksMax=4096 on
# user-1000.slice; a build's JVMs hold 4080 of it and the user's shell
# says "fork: retry: Resource temporarily unavailable"
# (newbe.dev/.../creating-threads-fails-with-resource-temporarily-unavailable-with-4-3-kernel).
# On systemd before 239 the fix is UserTasksMax= in logind.conf.
. "$(dirname "$0")/lib.sh"
replay xenial-user-tasksmax fork EAGAIN
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding='/user.slice/user-1000.slice' \
	evidence='pids.current 4096 = pids.max 4096' advice='UserTasksMax=' advice='logind.conf' \
	rec.cgroups.pids.0.max=4096 rec.cgroups.pids.0.events_max=absent
