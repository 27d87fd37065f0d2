# The limit that binds is an ancestor's, which the failing process cannot
# read: /proc/sys/user/max_user_namespaces shows only the reader's own
# namespace's value, and the count is charged at every level up the tree
# (kernel/ucount.c inc_ucount(), docs/kernel-facts.md §11.76, §11.77), as
# in a sandbox inside a container whose runtime lowered the limit.
# Reproduced for real: in a user namespace A of our own the limit is 1, a
# child namespace B (the one allowed) raises its own to 100, and a clone
# with CLONE_NEWUSER inside B is refused by A. The report must name the
# user namespace count and say that the 100 it read does not show the
# bind (main before field16 said `unexplained`).
. "$(dirname "$0")/lib.sh"
need_root
need unshare
build_ns_clone
cd "$WORK"

timeout 60 unshare --user --map-root-user --fork bash -c "
	echo 1 >/proc/sys/user/max_user_namespaces || exit 90
	exec unshare --user --map-root-user --fork bash -c \"
		echo 100 >/proc/sys/user/max_user_namespaces || exit 91
		exec '$FORKEXPLAIN' run --log '$LOG' -- '$WORK/ns_clone' user\"" >"$WORK/out" 2>&1 ||
	fail "the run failed (status $?): $(cat "$WORK/out")"
expect_output "$WORK/out" '^clone: No space left on device'
host_userns_unchanged
expect verdict=userns_count call=clone errno=ENOSPC confidence=medium not_verdict=pid_max \
	rec.pid.max_user_namespaces=100 \
	evidence="user.max_user_namespaces = 100 in the process's own user namespace" \
	evidence='an ancestor namespace' evidence='which this file cannot show' \
	advice='or in the ancestor namespace that set it'
echo "ok: an ancestor's limit of 1 refuses the clone; the report says the 100 it read does not show the bind"
