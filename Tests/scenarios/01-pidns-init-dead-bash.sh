# The founding ENOMEM: bash in a PID namespace whose init has exited.
# `unshare -p` without --fork leaves bash outside the new namespace; its
# first child becomes the namespace's PID 1 and exits, and every later fork
# into the namespace fails with ENOMEM (kernel/pid.c alloc_pid). Then the
# command is run the way forkexplain advises (unshare with --fork, so that
# bash is the namespace's live init) and its forks succeed.
. "$(dirname "$0")/lib.sh"
need_root
need unshare

status=0
FORKEXPLAIN_LOG="$LOG" LD_PRELOAD="$SHIM" timeout 30 \
	unshare --pid -- bash -c '/bin/true; /bin/true; exit 0' >"$WORK/out" 2>&1 || status=$?
expect_output "$WORK/out" 'fork: Cannot allocate memory'
[ "$status" -ne 0 ] || fail "bash exited 0: the second fork did not fail"

expect verdict=pidns_init_dead family=denial call=fork errno=ENOMEM not_family=oom misleading='does not mean memory'

# The advised unshare, its "..." being the command: bash becomes PID 1 of
# the new namespace and stays alive while it forks.
fix=$(advised pidns_init_dead 'unshare( --[a-z]+)* --fork( --[a-z]+)* \.\.\.')
: >"$LOG"
status=0
FORKEXPLAIN_LOG="$LOG" LD_PRELOAD="$SHIM" timeout 30 \
	${fix% ...} -- bash -c '/bin/true; /bin/true; echo forked twice' >"$WORK/fixed.out" 2>&1 || status=$?
[ "$status" -eq 0 ] || fail "'${fix% ...}' bash exited $status: $(cat "$WORK/fixed.out")"
expect_output "$WORK/fixed.out" '^forked twice$'
[ ! -s "$LOG" ] || fail "the shim recorded failures after the fix: $(head -c 400 "$LOG")"
echo "ok: run as advised ('${fix% ...} -- bash ...'), bash forked without a failure"
