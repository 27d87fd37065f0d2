# Varnish 6.0.1 on Debian 9 (kernel 4.9, systemd 232): "Can't overtake 4898
# threads", "Create worker thread failed 11 Resource temporarily
# unavailable" with half the memory free and "Max processes" 245554
# (github.com/varnishcache/varnish-cache/issues/2822; varnish's own unit
# sets TasksMax=infinity, pkg-varnish-cache#118). The unit's pids.max is
# systemd's DefaultTasksMax=15 % of pid_max 32768: cgroup_pids_limit on
# varnish.service, saying it is the default, not RLIMIT_NPROC.
. "$(dirname "$0")/lib.sh"
replay stretch-varnish-tasksmax pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding='varnish.service' evidence='pids.current 4915 = pids.max 4915' evidence='DefaultTasksMax=15 %' \
	advice='TasksMax=' not_verdict=rlimit_nproc not_family=oom \
	rec.cgroups.pids.0.max=4915 rec.cgroups.pids.0.events_max=2316
