# Shared by the report's spill scenarios (251, 255): a log of many
# processes (past the 4,096 a table holds in memory, so its tables go to
# files in $TMPDIR), the report reading it through a FIFO held open while
# a test acts on the running report's spill files (unlinked: reached only
# through /proc/PID/fd), and those actions. Sourced after lib.sh.
need cc

# spill_log N: $LOG holds N failures of N processes (the shim's first
# record of bench/loop.c's injected fork failures, a new pid for each
# line, as bench/reader.sh makes it); the loop is built outside /tmp, in
# $PROGRAM_DIR (its frames are symbolized from there, also where a tmpfs
# hides /tmp). Leaves the FIFO $WORK/fifo.
spill_log() {
	local processes=$1
	PROGRAM_DIR=$(mktemp -d /var/tmp/forkexplain-spill.XXXXXX)
	on_exit "rm -rf '$PROGRAM_DIR'"
	cc -std=c11 -O2 -o "$PROGRAM_DIR/loop" "$TOP/bench/loop.c" -lpthread || fail "cannot build bench/loop.c"
	FORKEXPLAIN_INTERVAL_MS=0 FORKEXPLAIN_INJECT=fork=EAGAIN FORKEXPLAIN_LOG="$WORK/sample.jsonl" \
		LD_PRELOAD="$SHIM" "$PROGRAM_DIR/loop" failing-fork 1 >/dev/null || fail "the failing fork loop failed"
	head -n 1 "$WORK/sample.jsonl" |
		sed -E 's/"pid":[0-9]+,"tid":[0-9]+/"pid":@P@,"tid":@P@/; s/"nspid":\[[0-9]+\]/"nspid":[@P@]/' |
		awk -v n="$processes" '{ k = split($0, part, "@P@"); for (i = 0; i < n; i++) { p = 100000 + i; line = part[1]; for (j = 2; j <= k; j++) line = line p part[j]; print line } }' >"$LOG"
	[ "$(grep -c '"type":"failure"' "$LOG")" = "$processes" ] || fail "the log does not hold $processes failures"
	mkfifo "$WORK/fifo"
}

# spill_run NAME FORMAT HOLD PREFIX...: the report of $LOG in FORMAT, run
# by PREFIX (words that exec the report's binary last: `env`, `nsenter
# ... env TMPDIR=...`), its log written into the FIFO, which is held open
# while HOLD (a command, given the report's pid) runs, then closed.
# Leaves $WORK/NAME.out, NAME.err and STATUS. SPILL_APPEND=1: standard
# output appended to $WORK/NAME.out as it is (`>>`). SPILL_AFTER=FILE:
# FILE's lines written into the FIFO after HOLD, before it is closed.
spill_run() {
	local name=$1 format=$2 hold=$3 pid
	shift 3
	[ "${SPILL_APPEND:-0}" = 1 ] || : >"$WORK/$name.out"
	# The prefix execs: $! is the report (a function would fork).
	"$@" report --format "$format" - <"$WORK/fifo" >>"$WORK/$name.out" 2>"$WORK/$name.err" &
	pid=$!
	exec 3>"$WORK/fifo"
	cat "$LOG" >&3 || fail "$name: the report stopped reading its log: $(cat "$WORK/$name.err")"
	$hold "$pid" || {
		exec 3>&-
		kill_tree "$pid"
		fail "$name: $hold did not hold"
	}
	# The report may have stopped already: a write refused then is no failure.
	[ -z "${SPILL_AFTER:-}" ] || cat "$SPILL_AFTER" >&3 2>/dev/null || true
	exec 3>&-
	STATUS=0
	wait "$pid" || STATUS=$?
}

# spilled PID: the report has spill files open.
spilled() { ls -l "/proc/$1/fd" 2>/dev/null | grep -q 'forkexplain-spool\.'; }
# fifo_drained PID: every record read (no more to spill): the FIFO empty
# (FIONREAD on its write end, fd 3) and the report waiting on it. A spill
# file changed before a later write would be written over again.
fifo_drained() {
	"$PYTHON" -c 'import fcntl, struct, sys, termios; sys.exit(struct.unpack("i", fcntl.ioctl(3, termios.FIONREAD, b"\0" * 4))[0] != 0)' &&
		grep -q pipe_read "/proc/$1/wchan"
}

# change_spill HOW PID: once PID has spilled and read its whole log, each
# of its spill files truncated to nothing (HOW cut), or overwritten in
# place, its size kept, with zeros (zeros: what a file truncated and then
# written past reads back) or with other bytes (bytes).
change_spill() {
	local how=$1 pid=$2
	wait_for 60 spilled "$pid" || return 1
	wait_for 60 fifo_drained "$pid" || return 1
	"$PYTHON" - "$pid" "$how" <<'PY'
import os, random, sys
fds = f"/proc/{sys.argv[1]}/fd"
how = sys.argv[2]
done = 0
for name in os.listdir(fds):
    if "forkexplain-spool." not in os.readlink(f"{fds}/{name}"):
        continue
    with open(f"{fds}/{name}", "r+b") as f:
        size = os.fstat(f.fileno()).st_size
        if how == "cut":
            f.truncate(0)
        else:
            step = 1 << 20
            for at in range(0, size, step):
                count = min(step, size - at)
                f.seek(at)
                f.write(bytes(count) if how == "zeros" else random.Random(at).randbytes(count))
    done += 1
sys.exit(0 if done else 1)
PY
}
