# The failing thread's name, for real: a thread named "fx-worker-7" (as a
# JVM names its threads) cannot start a thread under an address-space
# limit. The record carries the name; the report shows it; --filter thread=
# and host= select it, an unknown key is status 2.
. "$(dirname "$0")/lib.sh"
need cc

cc -std=c11 -O1 -o "$WORK/named_thread" "$PROGRAMS/named_thread.c" -lpthread || fail "cannot build named_thread"
FORKEXPLAIN_LOG="$LOG" timeout 30 \
	bash -c "ulimit -v 200000 && LD_PRELOAD='$SHIM' exec '$WORK/named_thread'" >"$WORK/out" 2>&1 || true
expect_output "$WORK/out" '^named thread: pthread_create rc=11 '
grep -q '"thread_comm":"fx-worker-7"' "$LOG" || fail "the record has no thread_comm fx-worker-7: $(cat "$LOG")"

expect verdict=rlimit_as call=pthread_create errno=EAGAIN
"$PYTHON" - "$WORK/report.json" <<'PY' || fail "the JSON report does not name the thread"
import json, sys
report = json.load(open(sys.argv[1]))
event = report["events"][0]
assert event["thread"] == "fx-worker-7", event
assert event["tid"] != event["pid"], event
assert report["incidents"][0]["threads"] == ["fx-worker-7"], report["incidents"][0]
assert report["summary"]["failures"] == 1 and report["summary"]["verdicts"][0]["verdict"] == "rlimit_as", report["summary"]
PY

host=$(uname -n)
"$FORKEXPLAIN" report --filter thread=fx-worker-7 --filter "host=$host" "$LOG" >"$WORK/selected" ||
	fail "report --filter exited $?"
grep -qE '^  Thread: "fx-worker-7" \(tid [0-9]+\) of named_thread \(pid [0-9]+\)$' "$WORK/selected" ||
	fail "no thread line: $(cat "$WORK/selected")"
head -n 1 "$WORK/selected" | grep -qx "1 failure in 1 incident: rlimit_as 1; host $host" ||
	fail "the first line is not the summary: $(head -n 1 "$WORK/selected")"
"$FORKEXPLAIN" report --filter thread=fx-worker-8 "$LOG" >"$WORK/none" || fail "report --filter exited $?"
grep -q '^no failures recorded' "$WORK/none" || fail "another thread's name selected: $(cat "$WORK/none")"
status=0
"$FORKEXPLAIN" report --filter image=x "$LOG" >/dev/null 2>"$WORK/err" || status=$?
[ "$status" = 2 ] && grep -q "unknown" "$WORK/err" || fail "an unknown --filter key gave $status: $(cat "$WORK/err")"
echo "ok: thread fx-worker-7's failure named in the record and the report, selected by --filter thread= and host="
