#!/usr/bin/env bash
# make bench, the reader: forkexplain report --format json against jq -c .
# on the same log of RECORDS records (SAMPLE's records, repeated), wall time
# and peak RSS; and the report's peak RSS in each format on a tenth of it,
# on it and on three times it (it holds incidents, not records: flat in the
# size of the log); and on a log of as many processes that each failed once.
# Alone: `make bench-reader` (SAMPLE defaults to 200 records the shim writes
# here for injected fork failures). SLOW_ROUNDS (default 3) rounds.
# BASELINE=BINARY runs another build's forkexplain beside it in the same
# rounds (the jq rounds and PROCESS_RUNS, default 1, runs on the log of
# many processes, alternating), for a before and after under one load.
# Each report's peak RSS is given three ways: the tree's (/usr/bin/time's
# %M, the largest peak of the report and the llvm-symbolizer it runs), the
# report's own and the symbolizer's (bench/peakrss.c, preloaded: each
# process's own high-water mark, VmHWM, at exit).
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
BIN="$TOP/.build/release"
SLOW_ROUNDS=${SLOW_ROUNDS:-3}
BASELINE=${BASELINE:-}
PROCESS_RUNS=${PROCESS_RUNS:-1}
[ -z "$BASELINE" ] || [ -x "$BASELINE" ] || { echo "bench: no binary at BASELINE=$BASELINE" >&2; exit 2; }
RECORDS=${RECORDS:-100000}
for tool in cc jq /usr/bin/time; do
	command -v "$tool" >/dev/null || { echo "bench: needs $tool (apt-get install jq time)" >&2; exit 2; }
done
WORK=$(mktemp -d /tmp/forkexplain-bench-reader.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
if [ -z "${SAMPLE:-}" ]; then
	cc -std=c11 -O2 -o "$WORK/loop" "$TOP/bench/loop.c" -lpthread
	FORKEXPLAIN_INTERVAL_MS=0 FORKEXPLAIN_INJECT=fork=EAGAIN FORKEXPLAIN_LOG="$WORK/sample.jsonl" \
		LD_PRELOAD="$BIN/libforkexplain.so" "$WORK/loop" failing-fork 200 >/dev/null
	SAMPLE=$WORK/sample.jsonl
fi
cc -std=c11 -O2 -fPIC -shared -Wall -Wextra -Werror -o "$WORK/peakrss.so" "$TOP/bench/peakrss.c"
# "${PEAKS[@]}" CMD...: CMD with each process's own peak RSS appended to
# $WORK/peaks ("COMM KIB" a process; emptied before each run).
PEAKS=(env PEAKRSS_LOG="$WORK/peaks" LD_PRELOAD="$WORK/peakrss.so")
# own / symbolizer: the KiB of the last run's report itself and of
# its llvm-symbolizer (0 when it ran none).
own() { awk '$1 != "llvm-symbolizer" { k = $2 } END { print k + 0 }' "$WORK/peaks"; }
symbolizer() { awk '$1 == "llvm-symbolizer" { k = $2 } END { print k + 0 }' "$WORK/peaks"; }
. "$TOP/bench/stats.sh"
now() { date +%s%N; }
awk -v n="$RECORDS" '{ l[NR] = $0 } END { for (i = 0; i < n; i++) print l[i % NR + 1] }' "$SAMPLE" >"$WORK/big.jsonl"
head -n $((RECORDS / 10)) "$WORK/big.jsonl" >"$WORK/small.jsonl"
# timed FILE-PREFIX CMD...: appends wall ms, peak RSS KiB (the tree's),
# CPU ms, and the peaks of the process itself and of its symbolizer.
timed() {
	local out=$1 s e
	shift
	: >"$WORK/peaks"
	s=$(now)
	/usr/bin/time -f '%M %U %S' -o "$WORK/rss" "$@" >/dev/null
	e=$(now)
	echo $(((e - s) / 1000000)) >>"$out.ms"
	tail -n 1 "$WORK/rss" | awk '{ print $1 }' >>"$out.kb"
	tail -n 1 "$WORK/rss" | awk '{ printf "%.0f\n", ($2 + $3) * 1000 }' >>"$out.cpu"
	own >>"$out.own"
	symbolizer >>"$out.sym"
}
for f in report jq baseline; do
	: >"$WORK/$f.ms" && : >"$WORK/$f.kb" && : >"$WORK/$f.cpu" && : >"$WORK/$f.own" && : >"$WORK/$f.sym"
done
for ((r = 0; r < SLOW_ROUNDS; r++)); do
	timed "$WORK/jq" jq -c . "$WORK/big.jsonl"
	timed "$WORK/report" "${PEAKS[@]}" "$BIN/forkexplain" report --format json "$WORK/big.jsonl"
	[ -z "$BASELINE" ] || timed "$WORK/baseline" "${PEAKS[@]}" "$BASELINE" report --format json "$WORK/big.jsonl"
done
f=$(median <"$WORK/report.ms") j=$(median <"$WORK/jq.ms")
echo
echo "Reader, $RECORDS records ($(($(wc -c <"$WORK/big.jsonl") / 1048576)) MiB), median of $SLOW_ROUNDS rounds (CPU: user+system, all threads):"
echo "  forkexplain report --format json: ${f} ms, CPU $(median <"$WORK/report.cpu") ms, peak RSS $(median <"$WORK/report.kb") KiB" \
	"(itself $(median <"$WORK/report.own") KiB, llvm-symbolizer $(median <"$WORK/report.sym") KiB)"
echo "  jq -c .:                          ${j} ms, CPU $(median <"$WORK/jq.cpu") ms, peak RSS $(median <"$WORK/jq.kb") KiB"
echo "  report is $(awk -v a="$f" -v b="$j" 'BEGIN { printf "%.2f", b / a }')x jq's speed"
if [ -n "$BASELINE" ]; then
	echo "  BASELINE report --format json:    $(median <"$WORK/baseline.ms") ms, CPU $(median <"$WORK/baseline.cpu") ms, peak RSS $(median <"$WORK/baseline.kb") KiB" \
		"(itself $(median <"$WORK/baseline.own") KiB, llvm-symbolizer $(median <"$WORK/baseline.sym") KiB)"
fi
# Peak RSS by size, once each: what is held does not wait on the machine.
awk -v n="$((RECORDS * 3))" '{ l[NR] = $0 } END { for (i = 0; i < n; i++) print l[i % NR + 1] }' "$SAMPLE" >"$WORK/huge.jsonl"
echo "  report's peak RSS by records (flat in the size of the log), the tree's / the report's own:"
for format in text markdown json; do
	line=""
	for log in small big huge; do
		: >"$WORK/peaks"
		/usr/bin/time -f '%M' -o "$WORK/rss" "${PEAKS[@]}" "$BIN/forkexplain" report --format "$format" "$WORK/$log.jsonl" >/dev/null
		line+="$(tail -n 1 "$WORK/rss") / $(own) KiB at $(wc -l <"$WORK/$log.jsonl"), "
	done
	printf '    --format %-10s %s\n' "$format:" "${line%, }"
done
echo "  (the tree's is the larger of the report's own and its llvm-symbolizer's, here $(symbolizer) KiB)"
# Many processes each failing once: the report holds an event for each
# until the end (a later tally could still add to it), so what it holds
# grows with the processes, and with what it holds of each event. The
# sample's first record, its pid made a new one for each line.
PROCESSES=${PROCESSES:-$RECORDS}
head -n 1 "$SAMPLE" |
	sed -E 's/"pid":[0-9]+,"tid":[0-9]+/"pid":@P@,"tid":@P@/; s/"nspid":\[[0-9]+\]/"nspid":[@P@]/' |
	awk -v n="$PROCESSES" '{ k = split($0, part, "@P@"); for (i = 0; i < n; i++) { p = 100000 + i; line = part[1]; for (j = 2; j <= k; j++) line = line p part[j]; print line } }' >"$WORK/processes.jsonl"
echo "  report's peak RSS on $PROCESSES processes failing once each ($(($(wc -c <"$WORK/processes.jsonl") / 1048576)) MiB), the tree's / the report's own:"
for format in text markdown json; do
	: >"$WORK/mine.runs" && : >"$WORK/baseline.runs"
	for ((r = 0; r < PROCESS_RUNS; r++)); do
		for who in mine ${BASELINE:+baseline}; do
			bin=$BIN/forkexplain
			[ "$who" = mine ] || bin=$BASELINE
			: >"$WORK/peaks"
			/usr/bin/time -f '%M %U %S' -o "$WORK/rss" "${PEAKS[@]}" "$bin" report --format "$format" "$WORK/processes.jsonl" >/dev/null
			tail -n 1 "$WORK/rss" | awk -v own="$(own)" '{ printf "%s / %s KiB CPU %.2f s, ", $1, own, $2 + $3 }' >>"$WORK/$who.runs"
		done
	done
	for who in mine ${BASELINE:+baseline}; do
		printf '    --format %-10s %-9s %s\n' "$format:" "$who" "$(sed 's/, $//' "$WORK/$who.runs")"
	done
done
