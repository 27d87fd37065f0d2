#!/usr/bin/env bash
# make bench, the failure path (README, "Performance": under 2 ms a record):
# one full snapshot per failing fork (FORKEXPLAIN_INTERVAL_MS=0, an injected
# EAGAIN), timed in the loop around the call (bench/loop.c), ROUNDS rounds
# with the variants taking turns; without the backtrace, and with the /proc
# scan cut short (FORKEXPLAIN_SCAN_MS=0 stops it after its first 32
# processes), to show where the time goes. Then the system calls a record
# makes (strace -f -c over RECORDS_SC records), which load does not move.
# Alone: `make bench-failure`. BASELINE=LIB runs another build of the
# library (main's, say) in the same rounds, row for row, for a before and
# after that shares the machine's load. SAMPLE_OUT=FILE keeps the full
# snapshot's records (bench/run.sh hands them to bench/reader.sh).
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
SHIM=${SHIM:-"$TOP/.build/release/libforkexplain.so"}
BASELINE=${BASELINE:-}
ROUNDS=${ROUNDS:-15}
RECORDS_SC=${RECORDS_SC:-50}
[ -f "$SHIM" ] || { echo "bench: build first (make build)" >&2; exit 2; }
[ -z "$BASELINE" ] || [ -f "$BASELINE" ] || { echo "bench: no library at BASELINE=$BASELINE" >&2; exit 2; }
WORK=$(mktemp -d /tmp/forkexplain-bench-failure.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cc -std=c11 -O2 -o "$WORK/loop" "$TOP/bench/loop.c" -lpthread
. "$TOP/bench/stats.sh"
us() { awk -v v="$1" 'BEGIN { printf "%.0f", v / 1000 }'; }
. "$TOP/bench/libs.sh"
# run LIB VARIANT N [OUT]: N failures recorded, the loop's figures to OUT.
run() {
	local env=()
	case $2 in
	nobt) env=(FORKEXPLAIN_BACKTRACE=0) ;;
	noscan) env=(FORKEXPLAIN_SCAN_MS=0) ;;
	esac
	rm -f "$WORK/f.jsonl"
	env "${env[@]}" FORKEXPLAIN_INTERVAL_MS=0 FORKEXPLAIN_INJECT=fork=EAGAIN FORKEXPLAIN_LOG="$WORK/f.jsonl" \
		LD_PRELOAD="$(lib "$1")" "$WORK/loop" failing-fork "$3" >>"${4:-/dev/null}"
	[ "$(wc -l <"$WORK/f.jsonl")" = "$3" ] || { echo "bench: $1 $2: not one record per failure" >&2; exit 1; }
}
for l in $libs; do for v in full nobt noscan; do : >"$WORK/fail-$l-$v"; done; done
for ((r = 0; r < ROUNDS; r++)); do
	for v in full nobt noscan; do
		for l in $libs; do
			run "$l" "$v" 200 "$WORK/fail-$l-$v"
			[ "$l.$v" = new.full ] && cp "$WORK/f.jsonl" "$WORK/full.jsonl"
		done
	done
done
[ -n "${SAMPLE_OUT:-}" ] && cp "$WORK/full.jsonl" "$SAMPLE_OUT"
echo
echo "Failure path, us per recorded snapshot (FORKEXPLAIN_INTERVAL_MS=0), median of $ROUNDS rounds, wall / cpu;"
echo "$(($(wc -c <"$WORK/full.jsonl") / 200)) bytes a record, $(find /proc -maxdepth 1 -name '[0-9]*' 2>/dev/null | wc -l) processes on the machine, load $(cut -d' ' -f1-3 /proc/loadavg):"
for v in full nobt noscan; do
	for l in $libs; do
		printf '  %-38s %-4s %6s / %6s\n' "$(case $v in full) echo 'full snapshot' ;; nobt) echo 'without the backtrace' ;; noscan) echo 'the /proc scan cut after 32 processes' ;; esac)" \
			"$([ -n "$BASELINE" ] && echo "$l")" "$(us "$(median 1 <"$WORK/fail-$l-$v")")" "$(us "$(median 2 <"$WORK/fail-$l-$v")")"
	done
done
# strace runs the loop with the shim's settings passed by -E, so that its
# own fork is not the one that fails.
if command -v strace >/dev/null; then
	echo "System calls a record (strace -f -c, $RECORDS_SC records of the full snapshot; the /proc scan makes some of them for each process):"
	for l in $libs; do
		strace -f -c -o "$WORK/sc" -E FORKEXPLAIN_INTERVAL_MS=0 -E FORKEXPLAIN_INJECT=fork=EAGAIN \
			-E FORKEXPLAIN_LOG="$WORK/f.jsonl" -E LD_PRELOAD="$(lib "$l")" "$WORK/loop" failing-fork "$RECORDS_SC" >/dev/null
		printf '  %-4s %s\n' "$l" "$(awk -v n="$RECORDS_SC" '$NF == "total" { printf "%.0f", $4 / n }' "$WORK/sc") ($(find /proc -maxdepth 1 -name '[0-9]*' 2>/dev/null | wc -l) processes)"
		rm -f "$WORK/f.jsonl"
	done
fi
