#!/usr/bin/env bash
# make bench: the shim's cost on the success path and the reader's speed,
# each as a ratio against a baseline measured side by side in the same run
# (alternating rounds, median of each), never as an absolute threshold.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
BIN="$TOP/.build/release"
SHIM="$BIN/libforkexplain.so"
WORK=$(mktemp -d /tmp/forkexplain-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
ROUNDS=${ROUNDS:-7}
cc -std=c11 -O2 -o "$WORK/loop" "$TOP/bench/loop.c" -lpthread

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# bench KIND N [VAR=VALUE...]: ns per call without and with the shim (its
# settings given), and their ratio.
bench() {
	local kind=$1 n=$2 r
	shift 2
	: >"$WORK/base" && : >"$WORK/shim"
	for ((r = 0; r < ROUNDS; r++)); do
		"$WORK/loop" "$kind" "$n" >>"$WORK/base"
		env "$@" FORKEXPLAIN_LOG="$WORK/never.jsonl" LD_PRELOAD="$SHIM" "$WORK/loop" "$kind" "$n" >>"$WORK/shim"
	done
	local b s
	b=$(median <"$WORK/base")
	s=$(median <"$WORK/shim")
	printf '%-16s %10s ns %10s ns   x%s  %s\n' "$kind" "$b" "$s" "$(awk -v b="$b" -v s="$s" 'BEGIN { printf "%.3f", s / b }')" "$*"
}

echo "Success path (no failure), median of $ROUNDS alternating rounds; $(nproc) cores, $(uname -r)"
printf '%-16s %13s %13s   %s\n' call "without shim" "with shim" ratio
bench pthread_create 20000
bench fork 3000
bench vfork-exec 2000
bench fork-exec 2000
bench posix_spawn 2000
# FORKEXPLAIN_BACKTRACE=0 only skips the walk on a failure: these rows should
# match the ones above (they cost more while libunwind was loaded; see README).
bench fork 3000 FORKEXPLAIN_BACKTRACE=0
bench fork-exec 2000 FORKEXPLAIN_BACKTRACE=0
[ -f "$WORK/never.jsonl" ] && { echo "bench: a record was written on the success path" >&2; exit 1; }

# The failure path: one full snapshot, against a successful fork.
cc -std=c11 -O1 -I"$TOP/CShim/common" -o "$WORK/caller" "$TOP/Tests/shim/caller.c" -lpthread -lutil
t0=$(date +%s%N)
FORKEXPLAIN_INTERVAL_MS=0 FORKEXPLAIN_INJECT=fork=EAGAIN FORKEXPLAIN_LOG="$WORK/f.jsonl" LD_PRELOAD="$SHIM" "$WORK/caller" fork 200 >/dev/null
t1=$(date +%s%N)
"$WORK/loop" fork 200 >/dev/null
t2=$(date +%s%N)
echo
echo "Failure path: $(( (t1 - t0) / 200 / 1000 )) us per recorded snapshot (FORKEXPLAIN_INTERVAL_MS=0) vs $(( (t2 - t1) / 200 / 1000 )) us per successful fork+wait; record size $(( $(wc -c <"$WORK/f.jsonl") / 200 )) bytes"

# The reader: forkexplain report on a large log against Python's json
# module parsing the same lines.
"${PYTHON_BIN:-python3}" - "$WORK/f.jsonl" "$WORK/big.jsonl" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
with open(sys.argv[2], "w") as out:
    for i in range(50000):
        out.write(lines[i % len(lines)] + "\n")
PY
: >"$WORK/rb" && : >"$WORK/rp"
for ((r = 0; r < 3; r++)); do
	s=$(date +%s%N); "${PYTHON_BIN:-python3}" -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$WORK/big.jsonl"; e=$(date +%s%N)
	echo $(( (e - s) / 1000000 )) >>"$WORK/rp"
	s=$(date +%s%N); "$BIN/forkexplain" report --format json "$WORK/big.jsonl" >/dev/null; e=$(date +%s%N)
	echo $(( (e - s) / 1000000 )) >>"$WORK/rb"
done
p=$(median <"$WORK/rp")
f=$(median <"$WORK/rb")
echo
echo "Reader: forkexplain report --format json, 50000 records ($(( $(wc -c <"$WORK/big.jsonl") / 1048576 )) MiB): ${f} ms; python3 json.loads of the same lines: ${p} ms; x$(awk -v a="$f" -v b="$p" 'BEGIN { printf "%.2f", a / b }')"
bash "$TOP/bench/watch.sh"
