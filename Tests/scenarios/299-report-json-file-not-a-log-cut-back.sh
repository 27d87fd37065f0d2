# A JSON report to a regular file that stops because a later log turns
# out not to be a forkexplain log (docs/design.md, "Errors"): the events
# of the logs before it, final as they are read (each process failing
# twice), are already written, past the writer's 64 KiB, when the other
# file is read. Real: 3,000 processes each failing twice, then a text
# file of other lines. Before: the file kept the head of the object and
# its events, never closed (no JSON parser takes it). Now it is cut back
# to where the report began (OutputStart, as for a spill failure,
# scenario 255), written (`>`) or appended to (`>>`), with status 2 and
# the one line; to a pipe the events stay and the line is today's.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/spill_lib.sh"

PROCESSES=3000
spill_log "$PROCESSES"
awk '{ print; print }' "$LOG" >"$WORK/twice.jsonl"
printf 'a line of another program\nanother\n' >"$WORK/other.txt"
line="forkexplain: $WORK/other.txt is not a forkexplain log (no line has a schema and type field)"

report() { "$FORKEXPLAIN" report --format json "$WORK/twice.jsonl" "$WORK/other.txt"; }

# To a pipe, as before: the events written mid-log come through, unclosed.
status=0
set +o pipefail
report 2>"$WORK/piped.err" | cat >"$WORK/piped.out"
status=${PIPESTATUS[0]}
set -o pipefail
[ "$status" = 2 ] || fail "to a pipe: status $status, not 2: $(head -c 2000 "$WORK/piped.err")"
[ "$(cat "$WORK/piped.err")" = "$line" ] || fail "to a pipe: not today's line: $(head -c 2000 "$WORK/piped.err")"
piped=$(wc -c <"$WORK/piped.out")
[ "$piped" -gt 65536 ] ||
	fail "to a pipe: only $piped bytes came through before the other file was read; the case does not arise"

for how in written appended; do
	before=0
	: >"$WORK/$how.json"
	if [ "$how" = appended ]; then
		echo "a line of the file before" >"$WORK/$how.json"
		before=$(wc -c <"$WORK/$how.json")
	fi
	status=0
	report >>"$WORK/$how.json" 2>"$WORK/$how.err" || status=$?
	[ "$status" = 2 ] || fail "$how: status $status, not 2: $(head -c 2000 "$WORK/$how.err")"
	[ "$(cat "$WORK/$how.err")" = "$line" ] || fail "$how: not the one line: $(head -c 2000 "$WORK/$how.err")"
	left=$(($(wc -c <"$WORK/$how.json") - before))
	[ "$left" = 0 ] || fail "$how: $left bytes of a report cut short left in its output file"
done
[ "$(cat "$WORK/appended.json")" = "a line of the file before" ] || fail "appended: the file's own line is not as it was"
echo "ok: $PROCESSES processes failing twice, then a file that is not a log: to a pipe $piped bytes of events came through, status 2 and today's line; to a file, written or appended to, cut back to where the report began, status 2 and the same line"
