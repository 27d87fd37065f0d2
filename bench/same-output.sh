#!/usr/bin/env bash
# Holds a changed reader to the output of another build: runs both
# binaries' `report` in text, markdown and json on each log named (default:
# the test fixtures) and diffs. Usage: bench/same-output.sh OTHER-BINARY [LOG...]
set -uo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
OTHER=${1:?usage: bench/same-output.sh OTHER-BINARY [LOG...]}
shift
MINE="$TOP/.build/release/forkexplain"
if [ $# -eq 0 ]; then set -- "$TOP"/Tests/ForkExplainCoreTests/Fixtures/*.jsonl; fi
WORK=$(mktemp -d /tmp/forkexplain-same.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
status=0
for log in "$@"; do
	for format in text markdown json; do
		"$OTHER" report --color never --format "$format" "$log" >"$WORK/other" 2>&1
		a=$?
		"$MINE" report --color never --format "$format" "$log" >"$WORK/mine" 2>&1
		b=$?
		if [ "$a" != "$b" ] || ! cmp -s "$WORK/other" "$WORK/mine"; then
			echo "DIFFERS: $format $log (exit $a vs $b)"
			diff "$WORK/other" "$WORK/mine" | head -5
			status=1
		fi
	done
done
[ $status = 0 ] && echo "same output: $# logs x text, markdown, json"
exit $status
