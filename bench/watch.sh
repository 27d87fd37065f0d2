#!/usr/bin/env bash
# make bench, forkexplain watch: what a running watcher costs every other
# program's forks (it must not be measurable: the kernel filters out
# successful calls before they reach it), and what one recorded failure
# costs the watcher. Root only; cleans up its cgroup and its watcher.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
BIN="$TOP/.build/release"
ROUNDS=${ROUNDS:-7}
if [ "$(id -u)" != 0 ]; then
	echo "watch: not measured (needs root)"
	exit 0
fi
WORK=$(mktemp -d /tmp/forkexplain-bench-watch.XXXXXX)
WATCH=""
CG=""
LOOP=""
finish() {
	[ -n "$LOOP" ] && kill -KILL "$LOOP" 2>/dev/null && wait "$LOOP" 2>/dev/null
	[ -n "$WATCH" ] && kill -TERM "$WATCH" 2>/dev/null && wait "$WATCH" 2>/dev/null
	[ -n "$CG" ] && rmdir "$CG" 2>/dev/null
	rm -rf "$WORK"
}
trap finish EXIT
cc -std=c11 -O2 -o "$WORK/loop" "$TOP/bench/loop.c" -lpthread
cc -std=c11 -O2 -o "$WORK/fail_loop" "$TOP/bench/fail_loop.c"
cc -std=c11 -O2 -o "$WORK/syscall_loop" "$TOP/bench/syscall_loop.c"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

start_watch() {
	"$BIN/forkexplain" watch --log "$WORK/watch.jsonl" --quiet --once-per-ms "$1" --max-per-second 0 2>"$WORK/watch.err" &
	WATCH=$!
	until grep -qE 'forkexplain watch: (tracing|counters) mode' "$WORK/watch.err"; do
		kill -0 "$WATCH" 2>/dev/null || { cat "$WORK/watch.err" >&2; exit 1; }
		sleep 0.05
	done
}
stop_watch() {
	kill -TERM "$WATCH"
	wait "$WATCH" || true
	WATCH=""
}

: >"$WORK/base" && : >"$WORK/with" && : >"$WORK/sbase" && : >"$WORK/swith"
for ((r = 0; r < ROUNDS; r++)); do
	"$WORK/loop" fork 3000 >>"$WORK/base"
	"$WORK/syscall_loop" 1000000 >>"$WORK/sbase"
	start_watch 100
	"$WORK/loop" fork 3000 >>"$WORK/with"
	"$WORK/syscall_loop" 1000000 >>"$WORK/swith"
	stop_watch
done
row() {
	local b w
	b=$(median <"$2")
	w=$(median <"$3")
	printf '%-16s %10s ns %10s ns   x%s\n' "$1" "$b" "$w" "$(awk -v b="$b" -v s="$w" 'BEGIN { printf "%.3f", s / b }')"
}
echo
echo "watch ($(head -n 1 "$WORK/watch.err" | cut -d: -f2 | cut -d'(' -f1 | xargs)), median of $ROUNDS alternating rounds:"
printf '%-16s %13s %13s   %s\n' call "without watch" "with watch" ratio
row "fork+wait" "$WORK/base" "$WORK/with"
# Not a clone: the price every other system call pays while a syscall
# tracepoint is enabled (docs/watch.md, "Cost").
row "getppid" "$WORK/sbase" "$WORK/swith"

# One recorded failure: every fork of fail_loop fails in a full pids cgroup;
# watch snapshots each (--once-per-ms 0 --max-per-second 0). The watcher's
# CPU time per record.
mnt=$(awk '$9 == "cgroup" && $NF ~ /(^|,)pids(,|$)/ { print $5; exit }' /proc/self/mountinfo)
[ -n "$mnt" ] || mnt=$(awk '$9 == "cgroup2" { print $5; exit }' /proc/self/mountinfo)
CG="$mnt/forkexplain-bench-$$"
mkdir "$CG"
echo 1 >"$CG/pids.max"
N=200
: >"$WORK/watch.jsonl"
start_watch 0
ticks() { awk '{ print $14 + $15 }' "/proc/$WATCH/stat"; }
t0=$(ticks)
bash -c "echo \$\$ > '$CG/cgroup.procs'; exec '$WORK/fail_loop' $N 60" >"$WORK/failed" &
LOOP=$!
# Only fail_loop's records: watch sees every failure on the host.
mine() { grep -c "\"type\":\"failure\".*\"process\":{\"pid\":$LOOP," "$WORK/watch.jsonl" || true; }
until [ -s "$WORK/failed" ]; do sleep 0.05; done
failed=$(cat "$WORK/failed")
for ((i = 0; i < 1200; i++)); do
	[ "$(mine)" -ge "$failed" ] && break
	sleep 0.05
done
t1=$(ticks)
stop_watch
kill -KILL "$LOOP" 2>/dev/null; wait "$LOOP" 2>/dev/null || true
records=$(mine)
hz=$(getconf CLK_TCK)
echo "one recorded failure: $(awk -v t=$((t1 - t0)) -v hz="$hz" -v n="$records" 'BEGIN { printf "%.0f", t / hz * 1e6 / n }') us of the watcher's CPU per snapshot ($records of $failed failures snapshotted, $(( $(grep "\"process\":{\"pid\":$LOOP," "$WORK/watch.jsonl" | head -n 1 | wc -c) )) bytes each); watch reads after the fact: the failing call itself is not slowed"
