# The report's spill files changed from outside while it runs
# (docs/design.md, "$TMPDIR"): each is unlinked when made, so only the
# report's own descriptors reach it (/proc/PID/fd), but a file truncated
# and written past reads back zeros, and one overwritten reads back other
# bytes; read as they were, the report went on and wrote wrong counts
# (status 0). Real: a log of 12,000 processes (past the 4,096 a table
# holds in memory) read through a FIFO held open once it is in; then
# every spill file of the running report overwritten in place, its size
# kept, with zeros and with other bytes. Each record or block read back
# is checked (SpillSeal): status 2, one line saying the file was changed
# from outside, nothing on standard output, no trap; with nothing
# changed, status 0 and the whole report. Then each process failing twice:
# a JSON report writes each first event as it becomes final, mid-log,
# tens of MB before the files fail; its output file is cut back to
# nothing (OutputStart).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/spill_lib.sh"

PROCESSES=12000
spill_log "$PROCESSES"
mkdir "$WORK/roomy"
nothing() { :; }
zero_spill() { change_spill zeros "$1"; }
scramble_spill() { change_spill bytes "$1"; }
# What is still to be read back once the log is in depends on the
# threads' timing (1 run in 12 read nothing changed, and rightly said
# status 0): the first processes fail once more after the change, and
# their entries, the oldest, are on disk, so each change is read.
head -n 200 "$LOG" >"$WORK/again.jsonl"

for format in text markdown json; do
	spill_run "whole-$format" "$format" spilled env TMPDIR="$WORK/roomy" "$FORKEXPLAIN"
	[ "$STATUS" = 0 ] && [ ! -s "$WORK/whole-$format.err" ] ||
		fail "whole $format: status $STATUS: $(head -c 2000 "$WORK/whole-$format.err")"
	grep -q '"failures" : '"$PROCESSES"'\|'"$PROCESSES"' failures' "$WORK/whole-$format.out" ||
		fail "whole $format: does not count $PROCESSES failures: $(head -c 2000 "$WORK/whole-$format.out")"
	for change in zero scramble; do
		name=$change-$format
		SPILL_AFTER=$WORK/again.jsonl spill_run "$name" "$format" "${change}_spill" env TMPDIR="$WORK/roomy" "$FORKEXPLAIN"
		[ "$STATUS" = 2 ] || fail "$name: status $STATUS, not 2: $(head -c 2000 "$WORK/$name.err")"
		[ ! -s "$WORK/$name.out" ] || fail "$name: wrote a partial report: $(head -c 500 "$WORK/$name.out")"
		[ "$(wc -l <"$WORK/$name.err")" = 1 ] || fail "$name: not one line on stderr: $(head -c 2000 "$WORK/$name.err")"
		grep -qE "^forkexplain: the report stopped: its [a-z ]+ in its temporary file in $WORK/roomy was changed from outside the report \(what it read back is not what it wrote\); run it again, and let nothing write to the report's open files$" \
			"$WORK/$name.err" || fail "$name: not the documented line: $(cat "$WORK/$name.err")"
	done
done
# Each process failing twice: the JSON report writes events before its log ends.
awk '{ print; print }' "$LOG" >"$WORK/twice.jsonl"
LOG=$WORK/twice.jsonl
# written_then_zero PID: the report has written to its output file (past
# what it held before) while its log is still open, then its spill files
# are zeroed. Written with `>` (NAME.out empty first) and appended to a
# file that holds a line (`>>`): cut back to nothing, and to the line.
has_written() { [ "$(wc -c <"$WORK/$name.out")" -gt "$before" ]; }
written_then_zero() { wait_for 60 has_written && zero_spill "$1"; }
for name in twice-json appended-json; do
	before=0
	if [ "$name" = appended-json ]; then
		echo "a line of the file before" >"$WORK/$name.out"
		before=$(wc -c <"$WORK/$name.out")
	fi
	SPILL_APPEND=$([ "$name" = appended-json ] && echo 1 || echo 0) \
		spill_run "$name" json written_then_zero env TMPDIR="$WORK/roomy" "$FORKEXPLAIN"
	[ "$STATUS" = 2 ] || fail "$name: status $STATUS, not 2: $(head -c 2000 "$WORK/$name.err")"
	[ "$(wc -c <"$WORK/$name.out")" = "$before" ] ||
		fail "$name: $(($(wc -c <"$WORK/$name.out") - before)) bytes of a report left in its output file"
	[ "$(wc -l <"$WORK/$name.err")" = 1 ] && grep -q "was changed from outside the report" "$WORK/$name.err" ||
		fail "$name: not the one line: $(head -c 2000 "$WORK/$name.err")"
done
[ "$(cat "$WORK/appended-json.out")" = "a line of the file before" ] || fail "appended: the file's own line is not as it was"
echo "ok: $PROCESSES processes; every spill file overwritten in place under the running report, with zeros or other bytes: status 2, the one line, nothing on stdout, in text, Markdown and JSON; untouched, the whole report; failing twice each, the JSON written mid-log taken back from its file, written or appended to"
