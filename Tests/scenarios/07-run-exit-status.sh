# forkexplain run: the command's exit status comes back unchanged, the shim
# reaches grandchildren, and the short report covers only this run.
. "$(dirname "$0")/lib.sh"
need unshare
# unshare --pid without --user: CAP_SYS_ADMIN.
need_root

# An old record in the same log must not be reported again.
FORKEXPLAIN_INJECT=fork=ENOMEM FORKEXPLAIN_LOG="$LOG" LD_PRELOAD="$SHIM" bash -c '/bin/true; :' >/dev/null 2>&1 || true
[ -s "$LOG" ] || fail "the first record was not written"

status=0
"$FORKEXPLAIN" run --log "$LOG" -- bash -c 'exit 7' >"$WORK/quiet" 2>&1 || status=$?
[ "$status" = 7 ] || fail "run returned $status for a command that exited 7"
grep -q 'no process or thread creation failed' "$WORK/quiet" || fail "run reported old records: $(cat "$WORK/quiet")"

# A grandchild (bash → unshare → bash) fails in a dead PID namespace: the
# preload and the log reach it.
status=0
timeout 30 "$FORKEXPLAIN" run --log "$LOG" -- bash -c 'unshare --pid -- bash -c "/bin/true; /bin/true; :"; exit 5' \
	>"$WORK/run" 2>&1 || status=$?
[ "$status" = 5 ] || fail "run returned $status, expected 5"
expect_output "$WORK/run" '^pidns_init_dead '
expect_output "$WORK/run" 'forkexplain report --since '
[ "$(grep -c '^pidns_init_dead\|^unexplained' "$WORK/run")" = 1 ] || fail "run's report has more than this run's incident"

status=0
"$FORKEXPLAIN" run -- /nonexistent/command >"$WORK/nf" 2>&1 || status=$?
[ "$status" = 127 ] || fail "a missing command gave $status, expected 127"
echo "ok: run passes exit statuses through (7, 5, 127) and reports only its own failures"
