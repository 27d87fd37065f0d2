#!/usr/bin/env bash
# The failure path without room, in a fork's child whose tree has its
# tally area (Tests/shim/held.c): CPU µs a failure, the log writable (a tally
# of one written a failure) and not (the failure held in the tree's tally
# area; before branch memcgtally said on stderr and lost), median of
# ROUNDS rounds of N failures, the variants taking turns. BASELINE=LIB
# runs another build of the library in the same rounds. Then the held
# lines' counts: every failure of the unwritable runs is in the log.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
SHIM=${SHIM:-"$TOP/.build/release/libforkexplain.so"}
BASELINE=${BASELINE:-}
ROUNDS=${ROUNDS:-15}
N=${N:-2000}
WORK=$(mktemp -d /tmp/forkexplain-bench-held.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cc -std=c11 -O2 -o "$WORK/held" "$TOP/Tests/shim/held.c" -lpthread
. "$TOP/bench/stats.sh"
. "$TOP/bench/libs.sh"
# Every level of this process's memory cgroups 100 MiB with 1 MiB used;
# the child fills the leaf the check reads.
sys="$WORK/sys"
. "$TOP/Tests/lib/memcgtree.sh"
memcg_tree "$sys" $((100 << 20)) $((1 << 20))
usage=$MEMCG_LEAF
mkdir -p "$WORK/logs"
run() { # run LIB MODE OUT
	memcg_tree "$sys" $((100 << 20)) $((1 << 20))
	rm -f "$WORK/logs/log.jsonl"
	FORKEXPLAIN_SYS_ROOT="$sys" FORKEXPLAIN_INJECT=pthread_create=EAGAIN FORKEXPLAIN_LOG="$WORK/logs/log.jsonl" \
		LD_PRELOAD="$(lib "$1")" "$WORK/held" "$usage" $((100 << 20)) "$WORK/logs" "$2" "$N" >>"$3" 2>/dev/null
}
for ((r = 0; r < ROUNDS; r++)); do
	for m in writable unwritable; do
		for l in $libs; do run "$l" "$m" "$WORK/$l-$m"; done
	done
done
echo "Failure without room in a fork's child, CPU us a failure, median of $ROUNDS rounds of $N, load $(cut -d' ' -f1-3 /proc/loadavg):"
for m in writable unwritable; do
	for l in $libs; do
		printf '  log %-10s %-4s %6s\n' "$m" "$([ -n "$BASELINE" ] && echo "$l")" "$(median 1 <"$WORK/$l-$m")"
	done
done
for l in $libs; do
	run "$l" unwritable /dev/null
	printf '  %-4s unwritable: failures in the log %s of %s\n' "$l" \
		"$(/usr/bin/python3 -c 'import json,sys; print(sum(json.loads(l)["call"]["suppressed"] for l in open(sys.argv[1]) if json.loads(l)["type"] == "tally"))' "$WORK/logs/log.jsonl")" "$N"
done
