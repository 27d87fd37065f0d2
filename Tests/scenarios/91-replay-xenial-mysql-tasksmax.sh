# MySQL on Ubuntu 16.04 under systemd 229's DefaultTasksMax=512
# (github.com/systemd/systemd/issues/3211, launchpad.net/bugs/1578080):
# one thread per connection, mysqld at 512 tasks of mysql.service,
# pthread_create EAGAIN. cgroup_pids_limit on the unit, saying 512 is
# systemd's default for every unit and where to change it for all.
. "$(dirname "$0")/lib.sh"
replay xenial-mysql-tasksmax pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding='/system.slice/mysql.service' evidence='pids.current 512 = pids.max 512' \
	evidence="systemd 228–230's DefaultTasksMax=512" advice='systemctl set-property mysql.service TasksMax=' \
	advice='DefaultTasksMax=' advice='One process holds most of what pids.max of /system.slice/mysql.service counts: mysqld (pid 1390) has 511 threads' advice='lower `max_connections`' not_verdict=memory_exhausted \
	rec.cgroups.pids.0.max=512 rec.cgroups.pids.0.events_max=48
