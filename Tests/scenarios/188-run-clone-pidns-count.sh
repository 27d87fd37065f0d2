# CLONE_NEWPID without CLONE_NEWUSER (a container runtime or `unshare
# --pid` run as root) where user.max_pid_namespaces is 0: clone says ENOSPC.
# The count is kept per user namespace like the user namespaces' own
# (kernel/pid_namespace.c create_pid_namespace(), inc_pid_namespaces();
# docs/kernel-facts.md §11.77, §11.79). Reproduced for real in a user
# namespace of our own (root there, so CLONE_NEWPID is allowed) whose
# limit we set to 0; the host's untouched. The report must name the PID
# namespace count with the 0 and the nesting level, not pid_max (main
# before field16 said `unexplained`).
. "$(dirname "$0")/lib.sh"
need_root
need unshare
build_ns_clone
cd "$WORK"

timeout 60 unshare --user --map-root-user --fork bash -c "
	echo 0 >/proc/sys/user/max_pid_namespaces || exit 90
	exec '$FORKEXPLAIN' run --log '$LOG' -- '$WORK/ns_clone' pid" >"$WORK/out" 2>&1 ||
	fail "the run failed (status $?): $(cat "$WORK/out")"
expect_output "$WORK/out" '^clone: No space left on device'
host_userns_unchanged
expect verdict=namespace_count family=denial call=clone errno=ENOSPC not_verdict=pid_max \
	binding=user.max_pid_namespaces rec.pid.max_pid_namespaces=0 \
	evidence='create CLONE_NEWPID' \
	evidence="user.max_pid_namespaces = 0 in the process's own user namespace" \
	evidence_re='PID namespace level [0-9]+ .*the count, not the depth' \
	advice='sysctl -w user.max_pid_namespaces=N'
echo "ok: clone(CLONE_NEWPID) under max_pid_namespaces 0 is the PID namespace count"
