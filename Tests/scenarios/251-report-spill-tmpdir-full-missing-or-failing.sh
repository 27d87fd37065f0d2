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
# function, status 0). A spill file truncated under the running report
# (root, through /proc/PID/fd) is a read that fails: status 2, one line
# naming the directory and TMPDIR, nothing on standard output, no trap.
. "$(dirname "$0")/lib.sh"
need_root
need unshare
need nsenter

PROCESSES=12000
TINY_KIB=256
# The loop outside /tmp: its frames are symbolized from it (by its path
# in the log) also where a tmpfs hides /tmp.
PROGRAM_DIR=$(mktemp -d /var/tmp/forkexplain-251.XXXXXX)
on_exit "rm -rf '$PROGRAM_DIR'"
cc -std=c11 -O2 -o "$PROGRAM_DIR/loop" "$TOP/bench/loop.c" -lpthread || fail "cannot build bench/loop.c"
FORKEXPLAIN_INTERVAL_MS=0 FORKEXPLAIN_INJECT=fork=EAGAIN FORKEXPLAIN_LOG="$WORK/sample.jsonl" \
	LD_PRELOAD="$SHIM" "$PROGRAM_DIR/loop" failing-fork 1 >/dev/null || fail "the failing fork loop failed"
# The sample's first record, a new pid for each line (as bench/reader.sh).
head -n 1 "$WORK/sample.jsonl" |
	sed -E 's/"pid":[0-9]+,"tid":[0-9]+/"pid":@P@,"tid":@P@/; s/"nspid":\[[0-9]+\]/"nspid":[@P@]/' |
	awk -v n="$PROCESSES" '{ k = split($0, part, "@P@"); for (i = 0; i < n; i++) { p = 100000 + i; line = part[1]; for (j = 2; j <= k; j++) line = line p part[j]; print line } }' >"$LOG"
[ "$(grep -c '"type":"failure"' "$LOG")" = "$PROCESSES" ] || fail "the log does not hold $PROCESSES failures"
mkfifo "$WORK/fifo"
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
# namespace with ENV (env(1)'s words), its log written into the FIFO,
# which is held open while HOLD (a command) is run, then closed. Leaves
# $WORK/NAME.out, NAME.err and STATUS.
run() {
	local name=$1 format=$2 hold=$3 pid
	shift 3
	# nsenter and env exec: $! is the report (a function would fork).
	nsenter -t "$NS" -m env "$@" "$REPORT" report --format "$format" - <"$WORK/fifo" >"$WORK/$name.out" 2>"$WORK/$name.err" &
	pid=$!
	exec 3>"$WORK/fifo"
	cat "$LOG" >&3 || fail "$name: the report stopped reading its log: $(cat "$WORK/$name.err")"
	$hold "$pid" || {
		exec 3>&-
		kill_tree "$pid"
		fail "$name: $hold did not hold"
	}
	exec 3>&-
	STATUS=0
	wait "$pid" || STATUS=$?
}
nothing() { :; }
# full DIR: the tmpfs at DIR, inside the namespace, within 16 KiB of full.
full() { inside df -k --output=avail "$1" | awk -v dir="$1" 'NR == 2 { exit !($1 <= 16) }'; }
tiny_full() { wait_for 60 full "$WORK/tiny"; }
tmp_full() { wait_for 60 full /tmp; }
# truncate_spill PID: the report's spill files made empty under it, once
# it has read its log and spilled (each is unlinked: reached only through
# /proc/PID/fd).
spilled() { ls -l "/proc/$1/fd" 2>/dev/null | grep -q 'forkexplain-spool\.'; }
fifo_drained() {
	"$PYTHON" -c 'import fcntl, struct, sys, termios; sys.exit(struct.unpack("i", fcntl.ioctl(3, termios.FIONREAD, b"\0" * 4))[0] != 0)' &&
		grep -q pipe_read "/proc/$1/wchan"
}
truncate_spill() {
	local pid=$1
	wait_for 60 spilled "$pid" || return 1
	# Every record read (no more to spill): the FIFO empty (FIONREAD on
	# its write end, fd 3) and the report waiting on it. A spill file
	# truncated before a later write would be extended with a hole.
	wait_for 60 fifo_drained "$pid" || return 1
	"$PYTHON" - "$pid" <<'PY'
import os, sys
fds = f"/proc/{sys.argv[1]}/fd"
done = 0
for name in os.listdir(fds):
    if "forkexplain-spool." in os.readlink(f"{fds}/{name}"):
        with open(f"{fds}/{name}", "r+b") as f:
            f.truncate(0)
        done += 1
sys.exit(0 if done else 1)
PY
}
# clean NAME: status 0, nothing on stderr, and the report made with room.
clean() {
	[ "$STATUS" = 0 ] || fail "$1: status $STATUS, not 0: $(head -c 2000 "$WORK/$1.err")"
	[ ! -s "$WORK/$1.err" ] || fail "$1: wrote to stderr: $(head -c 2000 "$WORK/$1.err")"
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
	clean "tiny-$format" "$format"

	run "missing-$format" "$format" nothing TMPDIR="$WORK/missing"
	clean "missing-$format" "$format"
	run "ro-$format" "$format" nothing TMPDIR="$WORK/ro"
	clean "ro-$format" "$format"

	# A spill read that fails: status 2, the one line, nothing partial.
	run "failing-$format" "$format" truncate_spill TMPDIR="$WORK/roomy"
	[ "$STATUS" = 2 ] || fail "failing $format: status $STATUS, not 2: $(head -c 2000 "$WORK/failing-$format.err")"
	[ ! -s "$WORK/failing-$format.out" ] || fail "failing $format: wrote a partial report: $(head -c 500 "$WORK/failing-$format.out")"
	[ "$(wc -l <"$WORK/failing-$format.err")" = 1 ] || fail "failing $format: not one line on stderr: $(head -c 2000 "$WORK/failing-$format.err")"
	grep -qE "^forkexplain: the report stopped: cannot read back its [a-z ]+ in its temporary file in $WORK/roomy: .*; set TMPDIR to a directory with room and run it again$" \
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
clean unset-text text
echo "ok: $PROCESSES processes; with TMPDIR a full ${TINY_KIB} KiB tmpfs, missing or read-only, and unset (/tmp full), text, Markdown and JSON write the report made with room, status 0; a spill file truncated under the report: status 2, the one line, nothing on stdout"
