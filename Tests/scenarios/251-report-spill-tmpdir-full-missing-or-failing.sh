# report's spill files where $TMPDIR has no room, is missing or read-only,
# and where a spill file fails under it (docs/design.md, "Held"; README,
# "Temporary files"). Real: a log of 12,000 processes (past the 4,096 a
# table holds in memory) read through a FIFO, the report in a private
# mount namespace (unshare -m) holding a 256 KiB tmpfs as TMPDIR, then
# one over /tmp with TMPDIR unset. The FIFO is held open once the log is
# in, so that the tmpfs is seen full while the report still runs; the
# report then goes on in memory, and must write the very report it writes
# with room, symbols and all (a full, missing or read-only $TMPDIR made
# the symbolizer's request file fail: every frame went out without its
# function, status 0), and say once on stderr what stayed in memory and
# why. A spill file truncated under the running report (root, through
# /proc/PID/fd) is a read that ends early: status 2, one line saying the
# file was cut short from outside, nothing on standard output, no trap
# (255: a file overwritten).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/spill_lib.sh"
need_root
need unshare
need nsenter

PROCESSES=12000
TINY_KIB=256
spill_log "$PROCESSES"
mkdir "$WORK/roomy" "$WORK/tiny" "$WORK/ro"

# own_namespace: $NS (the sleep unshare execs) is in a mount namespace
# of its own (not yet while unshare starts).
own_namespace() { [ "$(readlink "/proc/$NS/ns/mnt")" != "$(readlink /proc/self/ns/mnt)" ]; }
# A mount namespace of its own, held by a sleep; its mounts go with it.
unshare -m --propagation private sleep 600 &
NS=$!
on_exit "kill_tree $NS"
wait_for 10 own_namespace || fail "unshare -m made no namespace"
inside() { nsenter -t "$NS" -m "$@"; }
# The binary as the namespace reaches it; through this shell's root once
# a tmpfs covers /tmp there, where a checkout in /tmp (CI's clone) lives.
REPORT=$FORKEXPLAIN
inside mount -t tmpfs -o size=${TINY_KIB}k,mode=1777 forkexplain-251 "$WORK/tiny" || fail "cannot mount the tiny tmpfs"
inside mount -t tmpfs -o ro,size=64k forkexplain-251-ro "$WORK/ro" || fail "cannot mount the read-only tmpfs"

# run NAME FORMAT HOLD ENV...: the report of $LOG in FORMAT, inside the
# namespace with ENV (env(1)'s words), its log through the FIFO held open
# while HOLD runs (spill_run). Leaves $WORK/NAME.out, NAME.err and STATUS.
run() {
	local name=$1 format=$2 hold=$3
	shift 3
	spill_run "$name" "$format" "$hold" nsenter -t "$NS" -m env "$@" "$REPORT"
}
nothing() { :; }
# full DIR: the tmpfs at DIR, inside the namespace, within 16 KiB of full.
full() { inside df -k --output=avail "$1" | awk -v dir="$1" 'NR == 2 { exit !($1 <= 16) }'; }
tiny_full() { wait_for 60 full "$WORK/tiny"; }
tmp_full() { wait_for 60 full /tmp; }
cut_spill() { change_spill cut "$1"; }
# The first processes fail once more after the cut: their entries, the
# oldest, are on disk, so the cut is read whatever the threads' timing
# left to read (as in scenario 255).
head -n 200 "$LOG" >"$WORK/again.jsonl"
# clean NAME DIR: status 0, the report made with room, and on stderr the
# one warning that DIR could not take the spill, which stayed in memory.
clean() {
	[ "$STATUS" = 0 ] || fail "$1: status $STATUS, not 0: $(head -c 2000 "$WORK/$1.err")"
	[ "$(wc -l <"$WORK/$1.err")" = 1 ] &&
		grep -qE "^forkexplain: warning: $3 could not take the report's temporary files \(.+\): its [a-z ]+((, | and )its [a-z ]+)* stayed in memory; the report is complete \(set TMPDIR to a directory with room to spare the memory\)$" "$WORK/$1.err" ||
		fail "$1: not the one warning on stderr: $(head -c 2000 "$WORK/$1.err")"
	cmp -s "$WORK/$1.out" "$WORK/roomy-$2.out" || fail "$1: its report is not the one made with room ($(cmp "$WORK/$1.out" "$WORK/roomy-$2.out" 2>&1))"
}

for format in text markdown json; do
	run "roomy-$format" "$format" nothing TMPDIR="$WORK/roomy"
	[ "$STATUS" = 0 ] && [ ! -s "$WORK/roomy-$format.err" ] ||
		fail "roomy $format: status $STATUS: $(head -c 2000 "$WORK/roomy-$format.err")"
	grep -q 'once' "$WORK/roomy-$format.out" || fail "roomy $format: the frames have no function (no 'once', loop.c's)"
	grep -q '"failures" : '"$PROCESSES"'\|'"$PROCESSES"' failures' "$WORK/roomy-$format.out" ||
		fail "roomy $format: does not count $PROCESSES failures: $(head -c 2000 "$WORK/roomy-$format.out")"

	# Full: the tiny tmpfs fills while the report runs, which goes on in memory.
	[ "$(inside df -k --output=used "$WORK/tiny" | tail -n 1 | tr -d ' ')" = 0 ] || fail "the tiny tmpfs is not empty"
	run "tiny-$format" "$format" tiny_full TMPDIR="$WORK/tiny"
	clean "tiny-$format" "$format" "$WORK/tiny"

	run "missing-$format" "$format" nothing TMPDIR="$WORK/missing"
	clean "missing-$format" "$format" "$WORK/missing"
	run "ro-$format" "$format" nothing TMPDIR="$WORK/ro"
	clean "ro-$format" "$format" "$WORK/ro"

	# A spill read that fails: status 2, the one line, nothing partial.
	SPILL_AFTER=$WORK/again.jsonl run "failing-$format" "$format" cut_spill TMPDIR="$WORK/roomy"
	[ "$STATUS" = 2 ] || fail "failing $format: status $STATUS, not 2: $(head -c 2000 "$WORK/failing-$format.err")"
	[ ! -s "$WORK/failing-$format.out" ] || fail "failing $format: wrote a partial report: $(head -c 500 "$WORK/failing-$format.out")"
	[ "$(wc -l <"$WORK/failing-$format.err")" = 1 ] || fail "failing $format: not one line on stderr: $(head -c 2000 "$WORK/failing-$format.err")"
	grep -qE "^forkexplain: the report stopped: its [a-z ]+ in its temporary file in $WORK/roomy was cut short from outside the report \(a read ended before what it wrote\); run it again, and let nothing truncate the report's open files$" \
		"$WORK/failing-$format.err" || fail "failing $format: not the documented line: $(cat "$WORK/failing-$format.err")"
	! grep -qiE 'fatal error|illegal instruction|core dumped|backtrace' "$WORK/failing-$format.err" ||
		fail "failing $format: trapped: $(cat "$WORK/failing-$format.err")"
done

# TMPDIR unset: /tmp, here a tiny tmpfs over it in a namespace of its own
# (the log, the FIFO and the outputs are opened outside it).
kill_tree "$NS"
unshare -m --propagation private sleep 600 &
NS=$!
on_exit "kill_tree $NS"
wait_for 10 own_namespace || fail "unshare -m made no namespace"
inside mount -t tmpfs -o size=${TINY_KIB}k,mode=1777 forkexplain-251-tmp /tmp || fail "cannot mount a tmpfs over /tmp"
REPORT=/proc/$$/root$FORKEXPLAIN
run unset-text text tmp_full -u TMPDIR
clean unset-text text /tmp
echo "ok: $PROCESSES processes; with TMPDIR a full ${TINY_KIB} KiB tmpfs, missing or read-only, and unset (/tmp full), text, Markdown and JSON write the report made with room, status 0, and say once on stderr what stayed in memory; a spill file truncated under the report: status 2, the cut-short line, nothing on stdout"
