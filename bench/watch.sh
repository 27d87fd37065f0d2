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
. "$(dirname "$0")/pids_cgroup.sh"
FX=${FORKEXPLAIN:-$BIN/forkexplain}
FORKS=${FORKS:-3000}
CALLS=${CALLS:-1000000}
# LOOPS: a directory of loop, fail_loop and syscall_loop built beforehand
# (Tests/vm/run.sh runs this script in a machine without a compiler).
if [ -n "${LOOPS:-}" ]; then
	cp "$LOOPS/loop" "$LOOPS/fail_loop" "$LOOPS/syscall_loop" "$WORK/"
else
	cc -std=c11 -O2 -o "$WORK/loop" "$TOP/bench/loop.c" -lpthread
	cc -std=c11 -O2 -o "$WORK/fail_loop" "$TOP/bench/fail_loop.c"
	cc -std=c11 -O2 -o "$WORK/syscall_loop" "$TOP/bench/syscall_loop.c"
fi
. "$TOP/bench/stats.sh"

# start_watch ONCE_PER_MS MECHANISM: 1 (and why in watch.err) when the
# mechanism cannot run here.
start_watch() {
	FORKEXPLAIN_WATCH_MECHANISM=$2 "$FX" watch --log "$WORK/watch.jsonl" --quiet --once-per-ms "$1" \
		--max-per-second 0 2>"$WORK/watch.err" &
	WATCH=$!
	until grep -qE 'forkexplain watch: (kretprobe|tracepoints|counters) mode' "$WORK/watch.err"; do
		if ! kill -0 "$WATCH" 2>/dev/null; then
			wait "$WATCH" || true
			WATCH=""
			return 1
		fi
		sleep 0.05
	done
}
stop_watch() {
	kill -TERM "$WATCH"
	wait "$WATCH" || true
	WATCH=""
}

# Which mechanisms run on this kernel (docs/watch.md, "The mechanisms").
MECHS=()
declare -A WHY
for m in tracepoints kretprobe; do
	if start_watch 100 "$m"; then
		stop_watch
		MECHS+=("$m")
	else
		WHY[$m]=$(sed -n 's/^forkexplain: watch cannot run the forced [a-z]* mechanism: //p' "$WORK/watch.err" | head -n 1)
	fi
done

# Alternating rounds: every variant sees the same background load.
for v in off "${MECHS[@]}"; do : >"$WORK/fork.$v" && : >"$WORK/getppid.$v"; done
for ((r = 0; r < ROUNDS; r++)); do
	for v in off "${MECHS[@]}"; do
		[ "$v" = off ] || start_watch 100 "$v"
		"$WORK/loop" fork "$FORKS" >>"$WORK/fork.$v"
		"$WORK/syscall_loop" "$CALLS" >>"$WORK/getppid.$v"
		[ "$v" = off ] || stop_watch
	done
done
cell() {
	local b w
	if [ ! -s "$WORK/$1.$2" ]; then
		printf '%26s' "unavailable"
		return
	fi
	b=$(median <"$WORK/$1.off")
	w=$(median <"$WORK/$1.$2")
	printf '%14s ns x%s' "$w" "$(awk -v b="$b" -v s="$w" 'BEGIN { printf "%.3f", s / b }')"
}
row() {
	printf '%-10s %13s ns %s %s\n' "$2" "$(median <"$WORK/$1.off")" "$(cell "$1" tracepoints)" "$(cell "$1" kretprobe)"
}
echo
echo "watch, median of $ROUNDS alternating rounds ($FORKS forks, $CALLS getppid calls a round):"
printf '%-10s %16s %26s %26s\n' call "watch off" "tracepoints (ratio)" "kretprobe (ratio)"
row fork "fork+wait"
# Not a clone: the price every other system call pays while a syscall
# tracepoint is enabled, and does not with the kretprobe (docs/watch.md,
# "Cost").
row getppid getppid
for m in tracepoints kretprobe; do
	[ -n "${WHY[$m]:-}" ] && echo "$m: unavailable on this kernel: ${WHY[$m]}"
done

# One recorded failure: every fork of fail_loop fails in a full pids cgroup;
# watch snapshots each (--once-per-ms 0 --max-per-second 0). The watcher's
# CPU time per record.
full_pids_cgroup
N=200
: >"$WORK/watch.jsonl"
start_watch 0 auto
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
echo "one recorded failure: $(awk -v t=$((t1 - t0)) -v hz="$hz" -v n="$records" 'BEGIN { printf "%.0f", t / hz * 1e6 / n }') us of the watcher's CPU per snapshot ($records of $failed failures snapshotted, $(( $(grep -m 1 "\"process\":{\"pid\":$LOOP," "$WORK/watch.jsonl" | wc -c) )) bytes each); watch reads after the fact: the failing call itself is not slowed; $(head -n 1 "$WORK/watch.err" | sed 's/^forkexplain watch: \([a-z]*\) mode.*/\1 mode/')"
