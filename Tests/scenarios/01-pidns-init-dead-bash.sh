# The founding ENOMEM: bash in a PID namespace whose init has exited.
# `unshare -p` without --fork leaves bash outside the new namespace; its
# first child becomes the namespace's PID 1 and exits, and every later fork
# into the namespace fails with ENOMEM (kernel/pid.c alloc_pid).
. "$(dirname "$0")/lib.sh"
need_root
need unshare

status=0
FORKEXPLAIN_LOG="$LOG" LD_PRELOAD="$SHIM" timeout 30 \
	unshare --pid -- bash -c '/bin/true; /bin/true; exit 0' >"$WORK/out" 2>&1 || status=$?
expect_output "$WORK/out" 'fork: Cannot allocate memory'
[ "$status" -ne 0 ] || fail "bash exited 0: the second fork did not fail"

expect verdict=pidns_init_dead family=denial call=fork errno=ENOMEM not_family=oom misleading='does not mean memory'
