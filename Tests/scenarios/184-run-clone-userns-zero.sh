# A C launcher (bwrap, a runtime's shim: libc's clone() with CLONE_NEWUSER)
# where user.max_user_namespaces is 0, as RHEL 7 and Talos ship it: clone
# says ENOSPC, "No space left on device". Reproduced for real in a user
# namespace of our own whose limit we set to 0 (per user namespace, the
# host's untouched, docs/kernel-facts.md §11.68). Under `forkexplain run`
# the shim records the clone with its flags and the limit the process
# itself reads (§11.76); the report must name the user namespace count,
# high confidence, with the 0 and where it was read, never pid_max (main
# before field16 had no rule for it and said `unexplained`).
. "$(dirname "$0")/lib.sh"
need_root
need unshare
build_ns_clone
cd "$WORK"

timeout 60 unshare --user --map-root-user --fork bash -c "
	echo 0 >/proc/sys/user/max_user_namespaces || exit 90
	readlink /proc/self/ns/user >'$WORK/userns'
	exec '$FORKEXPLAIN' run --log '$LOG' -- '$WORK/ns_clone' user" >"$WORK/out" 2>&1 ||
	fail "the run failed (status $?): $(cat "$WORK/out")"
expect_output "$WORK/out" '^clone: No space left on device'
host_userns_unchanged
ns=$(sed 's/^user:\[\([0-9]*\)\]$/\1/' "$WORK/userns")
expect verdict=userns_count family=denial call=clone errno=ENOSPC confidence=high \
	binding=user.max_user_namespaces not_verdict=pid_max \
	rec.pid.max_user_namespaces=0 rec.pid.limits_user_ns="$ns" \
	evidence='CLONE_NEWUSER, CLONE_NEWNS' \
	evidence="user.max_user_namespaces = 0 in the process's own user namespace user:[$ns]" \
	misleading='not about disks' advice='lsns -t user' advice='sysctl -w user.max_user_namespaces='
echo "ok: clone(CLONE_NEWUSER) under a limit of 0 is the user namespace count, with the 0 read in user:[$ns]"
