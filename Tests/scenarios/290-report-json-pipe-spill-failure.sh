# A JSON report to a pipe whose spill files fail mid-way (docs/design.md,
# "`$TMPDIR`"): what a consumer reading the pipe sees. Real: a log of
# 12,000 processes each failing twice (its tables past the 4,096 entries
# a table holds in memory, so on disk in $TMPDIR), read through a FIFO,
# the report's standard output a FIFO read by `cat` (a pipe: nothing can
# be taken back, unlike a regular file, scenario 255); once events have
# come through the pipe, every spill file of the running report is
# overwritten with zeros. The consumer must get: status 2, one line on
# standard error saying what failed, what to do, and that what came
# through the pipe is a report cut short; and on the pipe the head of the
# JSON object, its events so far, never closed: no JSON parser takes it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/spill_lib.sh"

PROCESSES=12000
spill_log "$PROCESSES"
mkdir "$WORK/roomy"
awk '{ print; print }' "$LOG" >"$WORK/twice.jsonl"
LOG=$WORK/twice.jsonl

name=piped-json
mkfifo "$WORK/$name.out"
cat "$WORK/$name.out" >"$WORK/$name.piped" &
reader=$!
on_exit "kill $reader 2>/dev/null || true"
piped() { [ -s "$WORK/$name.piped" ]; }
piped_then_zero() { wait_for 60 piped && change_spill zeros "$1"; }
# SPILL_APPEND: the FIFO is opened as it is, never emptied with `>` first.
SPILL_APPEND=1 spill_run "$name" json piped_then_zero env TMPDIR="$WORK/roomy" "$FORKEXPLAIN"
wait "$reader" || fail "cat on the pipe failed"

[ "$STATUS" = 2 ] || fail "status $STATUS, not 2: $(head -c 2000 "$WORK/$name.err")"
[ "$(wc -l <"$WORK/$name.err")" = 1 ] || fail "not one line on stderr: $(head -c 2000 "$WORK/$name.err")"
grep -qE "^forkexplain: the report stopped: its [a-z ]+ in its temporary file in $WORK/roomy was changed from outside the report \(what it read back is not what it wrote\); run it again, and let nothing write to the report's open files; anything it wrote to standard output is this JSON report cut short, never closed: not a report, discard it$" \
	"$WORK/$name.err" || fail "not the documented line: $(cat "$WORK/$name.err")"
bytes=$(wc -c <"$WORK/$name.piped")
[ "$(head -c 16 "$WORK/$name.piped")" = '{
  "events" : [' ] || fail "the pipe did not get the head of the report: $(head -c 200 "$WORK/$name.piped")"
"$PYTHON" -c 'import json, sys; json.load(open(sys.argv[1]))' "$WORK/$name.piped" 2>/dev/null &&
	fail "the $bytes bytes on the pipe parse as a whole JSON document"
! grep -q '"summary"' "$WORK/$name.piped" || fail "the pipe got the report's summary: it looks finished"
echo "ok: a JSON report to a pipe stopped mid-way by its spill files overwritten: status 2, the one line saying what failed, what to do and that the $bytes bytes on the pipe are a report cut short, which no JSON parser takes and which has no summary"
