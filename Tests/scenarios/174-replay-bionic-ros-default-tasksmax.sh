# ROS nodes under one unit, ros.service: "error: can't start new thread",
# "Tasks: 63 (limit: 4444)" after a restart, DefaultTasksMax=4444 with
# threads-max 29632 and pid_max 32768
# (https://github.com/ros/ros_comm/issues/1998). 4444 is systemd's 15 % of
# threads-max, which on this small machine is below pid_max − 1: raising
# kernel.pid_max, which forkexplain used to offer, changes nothing here.
# Replayed as the user, as pthread_create, in the unit at 4444 of 4444:
# cgroup_pids_limit on ros.service, named as systemd's default, with
# DefaultTasksMax=, the unit's own TasksMax= and threads-max as the fixes.
. "$(dirname "$0")/lib.sh"
need_root
spare_uid 61550 61599
replay_as "$SPARE_UID" bionic-ros-default-tasksmax pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding='ros.service' evidence='pids.current 4444 = pids.max 4444' \
	evidence="systemd's DefaultTasksMax=15 % (systemd ≥ 231) of min(threads-max, pid_max − 1) = 29632" \
	advice='raise kernel.threads-max (29632, below pid_max − 1 = 32767), which the 15 % follows here' \
	not_advice='raise kernel.pid_max' not_verdict=rlimit_nproc not_family=oom \
	rec.cgroups.pids.0.max=4444 rec.pid.threads_max=29632 rec.kernel=4.15.0-118-generic
explain_reads "[ERROR] [1601558753.123]: bad callback: error: can't start new thread" Python cgroup_pids_limit
