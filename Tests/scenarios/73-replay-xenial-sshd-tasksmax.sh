# A headless Ubuntu 16.04 build farm (systemd 229, DefaultTasksMax=512):
# everything runs under sshd.service, which hits 512 ("No more processes";
# github.com/systemd/systemd/issues/3211, drewthaler). ulimit, sysctl and
# /proc all showed room; the binding limit is the service's TasksMax.
. "$(dirname "$0")/lib.sh"
replay xenial-sshd-tasksmax fork EAGAIN
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding='/system.slice/ssh.service' \
	evidence='pids.current 512 = pids.max 512' advice='systemctl set-property ssh.service TasksMax=' \
	rec.cgroups.pids.0.max=512 rec.cgroups.pids.0.current=512
