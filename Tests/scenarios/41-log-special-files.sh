# A FIFO, a directory or a device at the log's path hangs neither `run`
# nor `report`: they say what was found. A log another user owns is read
# with a warning.
. "$(dirname "$0")/lib.sh"

mkfifo "$WORK/fifo"
status=0
timeout 60 "$FORKEXPLAIN" report "$WORK/fifo" >"$WORK/out" 2>"$WORK/err" || status=$?
[ "$status" = 2 ] || fail "report on a FIFO exited $status (124: it hung), expected 2"
[ "$(wc -l <"$WORK/err")" = 1 ] && grep -q "$WORK/fifo is a FIFO, not a log file" "$WORK/err" ||
	fail "report on a FIFO said: $(cat "$WORK/err")"

status=0
FORKEXPLAIN_LOG="$WORK/fifo" timeout 60 "$FORKEXPLAIN" run -- sh -c 'exit 4' >"$WORK/out" 2>"$WORK/err" || status=$?
[ "$status" = 4 ] || fail "run with a FIFO log exited $status (124: it hung), expected its command's 4"
grep -q "is a FIFO, not a log file" "$WORK/err" || fail "run with a FIFO log said: $(cat "$WORK/err")"

status=0
timeout 60 "$FORKEXPLAIN" report "$WORK" >"$WORK/out" 2>"$WORK/err" || status=$?
[ "$status" = 2 ] && grep -q "a directory without forkexplain logs" "$WORK/err" ||
	fail "report on a directory exited $status: $(cat "$WORK/err")"
status=0
timeout 60 "$FORKEXPLAIN" report /dev/zero >"$WORK/out" 2>"$WORK/err" || status=$?
[ "$status" = 2 ] && grep -q "is a character device, not a log file" "$WORK/err" ||
	fail "report on /dev/zero exited $status: $(cat "$WORK/err")"

# A real record in a log owned by another user: read, with one warning.
FORKEXPLAIN_INJECT=fork=ENOMEM FORKEXPLAIN_LOG="$LOG" LD_PRELOAD="$SHIM" bash -c '/bin/true; :' >/dev/null 2>&1 || true
[ -s "$LOG" ] || fail "the record was not written"
chown 65534 "$LOG"
status=0
"$FORKEXPLAIN" report "$LOG" >"$WORK/out" 2>"$WORK/err" || status=$?
[ "$status" = 0 ] || fail "report on another user's log exited $status: $(cat "$WORK/err")"
grep -q "is owned by uid 65534" "$WORK/err" || fail "no ownership warning: $(cat "$WORK/err")"
[ "$(wc -l <"$WORK/err")" = 1 ] || fail "more than one line on stderr: $(cat "$WORK/err")"
grep -q 'unexplained\|memory\|ENOMEM' "$WORK/out" || fail "the record was not reported: $(cat "$WORK/out")"
echo "ok: FIFO, directory and device logs are named, not read; a foreign log is read with a warning"
