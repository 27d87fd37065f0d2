#!/usr/bin/env bash
# make bench: every figure of the performance goals (README, "Performance"),
# each a ratio against a baseline measured side by side in the same run
# (alternating rounds, median of each), never an absolute threshold.
#
# Needs: cc, awk, jq, strace, GNU time (/usr/bin/time), root (the failure
# storm runs in a pids cgroup it makes and removes). Not part of make test:
# scripts/install-deps.sh does not install jq, strace or time for it
# (Debian: apt-get install jq strace time).
# ROUNDS (default 9) rounds of the loops, SLOW_ROUNDS (default 3) of the
# storm and the reader; STORM (default 100000) failures, RECORDS (default
# 100000) records in the reader's log.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
BIN="$TOP/.build/release"
SHIM="$BIN/libforkexplain.so"
ROUNDS=${ROUNDS:-9}
SLOW_ROUNDS=${SLOW_ROUNDS:-3}
STORM=${STORM:-100000}
RECORDS=${RECORDS:-100000}
for tool in cc jq strace /usr/bin/time; do
	command -v "$tool" >/dev/null || { echo "bench: needs $tool (apt-get install jq strace time)" >&2; exit 2; }
done
[ "$(id -u)" = 0 ] || { echo "bench: needs root (the failure storm runs in a pids cgroup)" >&2; exit 2; }
WORK=$(mktemp -d /tmp/forkexplain-bench.XXXXXX)
CG=""
finish() {
	[ -n "$CG" ] && rmdir "$CG" 2>/dev/null
	rm -rf "$WORK"
}
trap finish EXIT
cc -std=c11 -O2 -o "$WORK/loop" "$TOP/bench/loop.c" -lpthread
cc -std=c11 -O2 -o "$WORK/fail_loop" "$TOP/bench/fail_loop.c"
cc -std=c11 -O1 -I"$TOP/CShim/common" -o "$WORK/caller" "$TOP/Tests/shim/caller.c" -lpthread -lutil
# What any preload costs (the dynamic loader's work, one more object's
# mappings): the baseline the shim is held to.
echo 'void forkexplain_bench_empty(void) {}' | cc -x c -shared -fPIC -O2 -o "$WORK/empty.so" -

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "x%.3f", a / b }'; }
now() { date +%s%N; }

# The loops' environment is the same size under every variant (same names,
# values of the same length, the libraries under names of the same length):
# its size moves the stack, and with it how many pages of the loop's active
# frames each fork makes copy-on-write (README, "Performance").
cp "$SHIM" "$WORK/s.so"
cp "$WORK/empty.so" "$WORK/e.so"
# variant NAME CMD...: runs CMD under preload variant NAME.
variant() {
	local name=$1 lib=LD_PRELOAD bt=1
	shift
	case $name in
	bare) lib=LD_PRELOAX && set -- "$WORK/e.so" "$@" ;;
	empty) set -- "$WORK/e.so" "$@" ;;
	shim) set -- "$WORK/s.so" "$@" ;;
	nobt) bt=0 && set -- "$WORK/s.so" "$@" ;;
	esac
	env "$lib=$1" FORKEXPLAIN_BACKTRACE=$bt FORKEXPLAIN_LOG="$WORK/never.jsonl" "${@:2}"
}

# loops KIND N: ns per call under each variant, rounds alternating.
loops() {
	local kind=$1 n=$2 r v
	for v in bare empty shim nobt; do : >"$WORK/$v"; done
	for ((r = 0; r < ROUNDS; r++)); do
		for v in bare empty shim nobt; do
			variant "$v" "$WORK/loop" "$kind" "$n" >>"$WORK/$v"
		done
	done
	local b e s x
	b=$(median <"$WORK/bare") e=$(median <"$WORK/empty") s=$(median <"$WORK/shim") x=$(median <"$WORK/nobt")
	printf '%-15s %9s %9s %9s %9s   %s %s %s %s\n' "$kind" "$b" "$e" "$s" "$x" \
		"$(ratio "$e" "$b")" "$(ratio "$s" "$e")" "$(ratio "$x" "$e")" "$(ratio "$s" "$b")"
}

echo "forkexplain bench: $(nproc) cores, Linux $(uname -r), $(ldd --version | head -n 1 | awk '{ print $NF }') glibc, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "Success path, ns per call, median of $ROUNDS alternating rounds"
echo "(nobt: the shim with FORKEXPLAIN_BACKTRACE=0; posix_spawn: parent side, the child not preloaded;"
echo " fork-exec and vfork-exec: the child loads the preload, i.e. exec start-up)"
printf '%-15s %9s %9s %9s %9s   %-6s %-6s %-6s %-6s\n' call bare empty shim nobt empty/bare shim/empty nobt/empty shim/bare
loops fork 3000
loops pthread_create 20000
loops posix_spawn 2000
loops fork-exec 1000
loops vfork-exec 1000
[ -f "$WORK/never.jsonl" ] && { echo "bench: a record was written on the success path" >&2; exit 1; }
printf 'mappings after the first fork and thread (each copied by every later fork):'
for v in bare empty shim; do printf ' %s %s' "$v" "$(variant "$v" "$WORK/loop" maps)"; done
echo

# The failure path: one full snapshot each (no rate limit), against a
# successful fork.
t0=$(now)
FORKEXPLAIN_INTERVAL_MS=0 FORKEXPLAIN_INJECT=fork=EAGAIN FORKEXPLAIN_LOG="$WORK/f.jsonl" LD_PRELOAD="$SHIM" "$WORK/caller" fork 200 >/dev/null
t1=$(now)
"$WORK/loop" fork 200 >/dev/null
t2=$(now)
echo
echo "Failure path: $(((t1 - t0) / 200 / 1000)) us per recorded snapshot (FORKEXPLAIN_INTERVAL_MS=0) vs $(((t2 - t1) / 200 / 1000)) us per successful fork+wait; $(($(wc -c <"$WORK/f.jsonl") / 200)) bytes a record"

# The storm: STORM forks that all fail for real (a pids cgroup with
# pids.max 1 holding only the loop), bare, under the shim with its default
# settings, and under strace -f -Z (the other way to see failing calls).
# bash moves itself into the cgroup before exec: strace stays outside it.
mnt=$(awk '$9 == "cgroup" && $NF ~ /(^|,)pids(,|$)/ { print $5; exit }' /proc/self/mountinfo)
[ -n "$mnt" ] || mnt=$(awk '$9 == "cgroup2" { print $5; exit }' /proc/self/mountinfo)
CG="$mnt/forkexplain-bench-$$"
mkdir "$CG"
echo 1 >"$CG/pids.max"
confined() { bash -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$CG" "$@"; }
for v in bare shim strace; do : >"$WORK/storm-$v"; done
for ((r = 0; r < SLOW_ROUNDS; r++)); do
	rm -f "$WORK/storm.jsonl"
	t0=$(now)
	failed=$(confined "$WORK/fail_loop" "$STORM")
	t1=$(now)
	[ "$failed" = "$STORM" ] || { echo "bench: $failed of $STORM forks failed in the bare storm" >&2; exit 1; }
	failed=$(FORKEXPLAIN_LOG="$WORK/storm.jsonl" LD_PRELOAD="$SHIM" confined "$WORK/fail_loop" "$STORM")
	t2=$(now)
	[ "$failed" = "$STORM" ] || { echo "bench: $failed of $STORM forks failed under the shim" >&2; exit 1; }
	strace -f -Z -e trace=process -o "$WORK/strace.out" bash -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$CG" "$WORK/fail_loop" "$STORM" >/dev/null
	t3=$(now)
	echo $(((t1 - t0) / 1000000)) >>"$WORK/storm-bare"
	echo $(((t2 - t1) / 1000000)) >>"$WORK/storm-shim"
	echo $(((t3 - t2) / 1000000)) >>"$WORK/storm-strace"
done
rmdir "$CG" && CG=""
b=$(median <"$WORK/storm-bare") s=$(median <"$WORK/storm-shim") t=$(median <"$WORK/storm-strace")
echo
echo "Storm of $STORM failing forks, median of $SLOW_ROUNDS rounds: bare ${b} ms, shim ${s} ms ($(ratio "$s" "$b"), log $(wc -c <"$WORK/storm.jsonl") bytes in $(wc -l <"$WORK/storm.jsonl") lines), strace -f -Z -e trace=process ${t} ms ($(ratio "$t" "$b"))"

# The reader: forkexplain report --format json against jq -c . on the same
# log of RECORDS records (the failure path's records, repeated), wall time
# and peak RSS; and the report's peak RSS on a tenth of it (it should hold
# incidents, not records: flat in the size of the log).
awk -v n="$RECORDS" '{ l[NR] = $0 } END { for (i = 0; i < n; i++) print l[i % NR + 1] }' "$WORK/f.jsonl" >"$WORK/big.jsonl"
head -n $((RECORDS / 10)) "$WORK/big.jsonl" >"$WORK/small.jsonl"
# timed FILE-PREFIX CMD...: appends wall ms and peak RSS KiB.
timed() {
	local out=$1 s e
	shift
	s=$(now)
	/usr/bin/time -f %M -o "$WORK/rss" "$@" >/dev/null
	e=$(now)
	echo $(((e - s) / 1000000)) >>"$out.ms"
	tail -n 1 "$WORK/rss" >>"$out.kb"
}
for f in report jq small; do : >"$WORK/$f.ms" && : >"$WORK/$f.kb"; done
for ((r = 0; r < SLOW_ROUNDS; r++)); do
	timed "$WORK/jq" jq -c . "$WORK/big.jsonl"
	timed "$WORK/report" "$BIN/forkexplain" report --format json "$WORK/big.jsonl"
	timed "$WORK/small" "$BIN/forkexplain" report --format json "$WORK/small.jsonl"
done
f=$(median <"$WORK/report.ms") j=$(median <"$WORK/jq.ms")
echo
echo "Reader, $RECORDS records ($(($(wc -c <"$WORK/big.jsonl") / 1048576)) MiB), median of $SLOW_ROUNDS rounds:"
echo "  forkexplain report --format json: ${f} ms, peak RSS $(median <"$WORK/report.kb") KiB ($(median <"$WORK/small.kb") KiB on $((RECORDS / 10)) records)"
echo "  jq -c .:                          ${j} ms, peak RSS $(median <"$WORK/jq.kb") KiB"
echo "  report is $(awk -v a="$f" -v b="$j" 'BEGIN { printf "%.2f", b / a }')x jq's speed"
bash "$TOP/bench/watch.sh"
