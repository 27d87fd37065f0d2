# Debian 10 (kernel 4.19, systemd 241, hybrid cgroups: v1 pids, an empty
# v2 at /sys/fs/cgroup/unified): since systemd 239 user-.slice carries
# TasksMax=33% of threads-max, "Tasks: 17 (limit: 10267)" on the machine of
# sobrelinux.info/questions/770484/why-cant-i-crash-my-system-with-a-fork-bomb.
# A fork bomb stops at 10267 on user-22001.slice, one level above the
# session scope that counted the refusals (v1: in the forking cgroup).
. "$(dirname "$0")/lib.sh"
replay buster-user-slice fork EAGAIN
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding='/user.slice/user-22001.slice' \
	binding_not='session-4.scope' evidence='a PARENT of the process' \
	advice='systemctl set-property user-22001.slice TasksMax=' rec.cgroups.pids.0.events_max=911 \
	evidence="systemd's default 33 %" advice='a drop-in for `user-.slice`' rec.cgroups.pids.1.max=10267
