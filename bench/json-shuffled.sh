#!/usr/bin/env bash
# Holds `report --format json` to another build's, byte for byte, on logs
# whose records come in many orders: the order events become final in is
# what the JSON report writes them in, and what merges watch's twins, so a
# change to what is held until then (docs/performance.md, "Held events:
# JSON written later, its events small") must not move a byte in any
# order. Logs: each fixture as it is, then all the fixture logs together
# (each record on its own line), ROUNDS (default 150) shuffled orders of
# that, each also under --pid of one of its processes, and ROUNDS/10
# shuffles with the processes' times moved onto a few seconds (more watch
# twins and retries meet). Logs named after the binary are compared too.
# Usage: bench/json-shuffled.sh OTHER-BINARY [LOG...]
set -uo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
OTHER=${1:?usage: bench/json-shuffled.sh OTHER-BINARY [LOG...]}
shift
MINE="$TOP/.build/release/forkexplain"
ROUNDS=${ROUNDS:-150}
WORK=$(mktemp -d /tmp/forkexplain-json-shuffled.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
compared=0
differ=0
# same LOG [ARG...]: both binaries' JSON and exit status on LOG.
same() {
	local log=$1 a b
	shift
	"$OTHER" report --color never --format json "$@" "$log" >"$WORK/other" 2>"$WORK/other.err"
	a=$?
	"$MINE" report --color never --format json "$@" "$log" >"$WORK/mine" 2>"$WORK/mine.err"
	b=$?
	compared=$((compared + 1))
	if [ "$a" != "$b" ] || ! cmp -s "$WORK/other" "$WORK/mine"; then
		differ=$((differ + 1))
		cp "$log" "$WORK/../forkexplain-json-differs.$differ.jsonl" 2>/dev/null
		echo "DIFFERS: $log $* (exit $a vs $b; kept as /tmp/forkexplain-json-differs.$differ.jsonl)"
		diff "$WORK/other" "$WORK/mine" | head -8
	fi
}
fixtures=("$TOP"/Tests/ForkExplainCoreTests/Fixtures/*.jsonl)
for log in "${fixtures[@]}" "$@"; do same "$log"; done
# Record lines only (an envelope's lines are the envelope's, not records).
cat "${fixtures[@]}" | grep '^{.*"schema"' >"$WORK/all.jsonl"
same "$WORK/all.jsonl"
pids=($(grep -o '"pid":[0-9]*' "$WORK/all.jsonl" | sort -u | cut -d: -f2))
[ ${#pids[@]} -gt 0 ] || { echo "json-shuffled: no pids in the fixtures" >&2; exit 2; }
for ((r = 0; r < ROUNDS; r++)); do
	shuf --random-source=<(yes "round $r") "$WORK/all.jsonl" >"$WORK/shuffled.jsonl"
	same "$WORK/shuffled.jsonl"
	same "$WORK/shuffled.jsonl" --pid "${pids[r % ${#pids[@]}]}"
done
# Every record's time in one minute: twins and tallies of different
# fixtures meet within the merge window.
for ((r = 0; r < ROUNDS / 10; r++)); do
	shuf --random-source=<(yes "near $r") "$WORK/all.jsonl" |
		sed -E 's/"time":"[0-9T:.-]+/"time":"2026-11-28T10:00:0'$((r % 10))'.000000/' >"$WORK/near.jsonl"
	same "$WORK/near.jsonl"
done
# Many events: the fixtures copied COPIES times, each copy a host of 20
# (so copies share processes: a process's next failure makes its last
# final) and days apart, shuffled: past WaitingWrites.spoolFrom waiting
# texts, the spool is used.
COPIES=${COPIES:-1000}
awk -v n="$COPIES" '{ l[NR] = $0 } END {
	for (k = 0; k < n; k++) {
		g = int(k / 20); day = sprintf("2026-%02d-%02d", 1 + int(g / 28), 1 + g % 28)
		for (i = 1; i <= NR; i++) {
			line = l[i]; gsub(/"host":"/, "\"host\":\"c" (k % 20) "-", line)
			gsub(/"time":"2026-11-2[0-9]/, "\"time\":\"" day, line); print line
		}
	}
}' "$WORK/all.jsonl" >"$WORK/copies.jsonl"
for ((r = 0; r < ROUNDS / 30 + 1; r++)); do
	shuf --random-source=<(yes "copies $r") "$WORK/copies.jsonl" >"$WORK/shuffled.jsonl"
	same "$WORK/shuffled.jsonl"
done
# Many processes, more than EventBuilder's hold limit, 3 s apart (past its
# settle window, so held and counted events settle as the log goes), each
# failing once, some twice, with a tally; then the fixtures: the last
# fixture record of each host lands among them.
PROCESSES=${PROCESSES:-40000}
head -n 1 "$WORK/all.jsonl" >"$WORK/one.jsonl"
awk -v n="$PROCESSES" 'NR == 1 { for (i = 0; i < n; i++) {
	line = $0; p = 200000 + i % (n - n / 8)
	t = 1795000000 + 3 * i
	gsub(/"pid":[0-9]+,"tid":[0-9]+/, "\"pid\":" p ",\"tid\":" p, line)
	gsub(/"nspid":\[[0-9]+\]/, "\"nspid\":[" p "]", line)
	gsub(/"time":"[^"]*"/, "\"time\":\"" strftime("%Y-%m-%dT%H:%M:%S", t, 1) ".000Z\"", line)
	print line
	if (i % 7 == 0) { sub(/"type":"failure"/, "\"type\":\"tally\"", line); sub(/"suppressed":[0-9]+/, "\"suppressed\":3", line); print line }
} }' "$WORK/one.jsonl" >"$WORK/processes.jsonl"
cat "$WORK/processes.jsonl" "$WORK/all.jsonl" >"$WORK/many.jsonl"
same "$WORK/many.jsonl"
shuf --random-source=<(yes many) "$WORK/many.jsonl" >"$WORK/shuffled.jsonl"
same "$WORK/shuffled.jsonl"
echo "json-shuffled: $compared reports compared, $differ differ"
[ "$differ" = 0 ]
