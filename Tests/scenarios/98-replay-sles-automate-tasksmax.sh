# Chef Automate on SLES 15 (kernel 4.12, cgroup v1 pids): "SLES ships a
# low DefaultMaxTasks"; dmesg "cgroup: fork rejected by pids controller in
# /system.slice/chef-automate.service" and the Rust load balancer's thread
# spawn gets EAGAIN (github.com/chef/automate/pull/2293). cgroup_pids_limit
# on the unit, saying that 512 is the system-wide default and where it is
# set, beside the unit's own TasksMax=.
. "$(dirname "$0")/lib.sh"
replay sles-automate-tasksmax pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding='/system.slice/chef-automate.service' evidence='pids.events max 3' \
	evidence='DefaultTasksMax=512 in /etc/systemd/system.conf' advice='chef-automate.service TasksMax=' \
	advice='DefaultTasksMax=' not_verdict=threads_max rec.cgroups.pids.0.max=512
