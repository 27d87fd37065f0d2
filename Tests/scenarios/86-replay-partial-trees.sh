# Partial fixture trees (partial.py): what a stripped container, an old
# kernel or a hand-made reconstruction gives. Each must get a verdict from
# what is there, say what was not, and never read a missing file as room
# or as a full limit: no /proc/loadavg, no threads-max (with and without
# another limit full), no cgroup filesystem, cgroup v1 before the pids
# controller (4.2), and /proc/self as a symlink to /proc/PID.
. "$(dirname "$0")/lib.sh"

replay no-loadavg fork EAGAIN
expect verdict=cgroup_pids_limit binding='/system.slice' evidence='not found, though every kernel has them' \
	evidence_re='/proc/loadavg' rec.pid.host_tasks=absent

replay no-threads-max pthread_create EAGAIN
expect verdict=unexplained evidence_re='not found, though every kernel has them: .*/proc/sys/kernel/threads-max' \
	not_verdict=threads_max rec.pid.threads_max=absent

replay no-threads-max-slice fork EAGAIN
expect verdict=cgroup_pids_limit binding='/system.slice' evidence_re='threads-max' rec.pid.threads_max=absent

replay no-sys-cgroup fork EAGAIN
expect verdict=unexplained evidence='no pids cgroup level could be read' not_verdict=cgroup_pids_limit \
	rec.cgroups.pids.0=absent

replay v1-no-pids fork EAGAIN
expect verdict=unexplained evidence='predates the pids controller (4.3)' rec.cgroups.pids.0=absent \
	rec.cgroups.memory.0.version=1

replay self-link-v2-slice fork EAGAIN
expect verdict=cgroup_pids_limit binding='/system.slice' rec.cgroups.pids.1.max=512 rec.process.comm=bash

replay self-link-el7 fork ENOMEM
expect verdict=pid_max binding='pid_max' misleading='ENOMEM' rec.pid.host_tasks=32760 rec.process.comm=bash
