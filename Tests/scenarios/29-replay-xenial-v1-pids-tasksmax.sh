# Ubuntu 16.04 (kernel 4.4, systemd 229's DefaultTasksMax=512): Tomcat's
# service is at pids.max 512 on cgroup v1. Kernel 4.4 has no pids.events
# (4.8) and no pids.peak: absent files, not unreadable ones.
. "$(dirname "$0")/lib.sh"
replay xenial-tasksmax pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN \
	binding='/system.slice/tomcat8.service' advice='TasksMax=' evidence='512' \
	rec.cgroups.pids.0.max=512 rec.cgroups.pids.0.current=512 rec.cgroups.pids.0.events_max=absent \
	not_evidence=pids.events not_evidence=ns/pid_for_children
