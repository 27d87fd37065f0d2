# Arch Linux, January 2016 (kernel 4.3, systemd 228, cgroup v1): logind's
# UserTasksMax=4096 on user-UID.slice; Freenet's JVM gets "unable to create
# new native thread" and the user's bash "fork: retry: No child processes"
# (github.com/systemd/systemd/issues/2388). Kernel 4.3 has no pids.events:
# the slice is full at the snapshot. cgroup_pids_limit at the user's slice,
# a parent of the session scope, with logind.conf's UserTasksMax (systemd
# before 239) as the fix.
. "$(dirname "$0")/lib.sh"
need_root
spare_uid 61000 61999
replay_as "$SPARE_UID" arch-user-slice pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding="/user.slice/user-$SPARE_UID.slice" evidence='pids.current 4096 = pids.max 4096' \
	evidence='a PARENT of the process' advice='UserTasksMax=' advice='logind.conf' not_verdict=rlimit_nproc \
	rec.cgroups.pids.1.max=4096 rec.kernel=4.3.3-2-ARCH
"$FORKEXPLAIN" explain "bash: fork: retry: No child processes" | grep -q 'EAGAIN while creating a process, printed by bash' ||
	fail "explain does not read bash's retry line as EAGAIN"
