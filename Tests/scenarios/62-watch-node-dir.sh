# `forkexplain watch --log DIR/` makes DIR the node's log directory
# (docs/log-format.md, "Per-node directory"): %h expanded, the directory
# made sticky and open to every uid, watch.jsonl in it; a shim of another
# uid writes its own file beside it and `report DIR` reads both, without a
# warning. A directory another user owns is refused.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/watch_lib.sh"
need_root
need setpriv

host=$(uname -n)
node="$WORK/node-$host"
WATCHLOG="$node/watch.jsonl"
env FORKEXPLAIN_WATCH_MECHANISM=counters "$FORKEXPLAIN" watch --log "$WORK/node-%h/" --quiet >"$WORK/watch.out" 2>"$WORK/watch.err" &
WATCH_PID=$!
on_exit stop_watch
for ((i = 0; i < 600; i++)); do
	grep -qE '^forkexplain watch: (kretprobe|tracepoints|counters) mode' "$WORK/watch.err" && break
	kill -0 "$WATCH_PID" 2>/dev/null || fail "watch exited before it ran: $(cat "$WORK/watch.err")"
	sleep 0.1
done
grep -qE '^forkexplain watch: counters mode' "$WORK/watch.err" ||
	fail "watch did not start in the counters mode it was asked for: $(cat "$WORK/watch.err")"
grep -q "log $WATCHLOG" "$WORK/watch.err" || fail "watch does not log to $WATCHLOG: $(cat "$WORK/watch.err")"
[ "$(stat -c '%a %u' "$node")" = "1777 0" ] || fail "the node directory is not root's and 1777: $(stat -c '%a %u' "$node")"
[ -f "$WATCHLOG" ] || fail "no $WATCHLOG"

spare_uid 61650 61699
uid=$SPARE_UID
timeout 60 setpriv --reuid "$uid" --regid "$uid" --clear-groups --inh-caps=-all env FORKEXPLAIN_INJECT=fork=ENOMEM \
	FORKEXPLAIN_LOG="$WORK/node-%h/" LD_PRELOAD="$SHIM" bash -c '/bin/true; :' >/dev/null 2>"$WORK/err" || true
[ "$(stat -c %u "$node/forkexplain-$uid.jsonl" 2>/dev/null)" = "$uid" ] ||
	fail "the shim of uid $uid did not write its own file beside watch's: $(ls -la "$node"; cat "$WORK/err")"
stop_watch
"$FORKEXPLAIN" report --format json "$node" >"$WORK/report.json" 2>"$WORK/rerr" || fail "report $node: $(cat "$WORK/rerr")"
[ ! -s "$WORK/rerr" ] || fail "report warned on a node directory of root's and uid $uid's own files: $(cat "$WORK/rerr")"
"$PYTHON" -c 'import json,sys
r = json.load(open(sys.argv[1]))
assert len(r["files"]) == 2, r["files"]
assert any(e["pid"] and e["call"] == "fork" for e in r["events"]), r["events"]' "$WORK/report.json" ||
	fail "report did not read both files of the node directory"

# A directory another user owns could be emptied and refilled by them.
mkdir "$WORK/theirs"
chown "$uid" "$WORK/theirs"
status=0
FORKEXPLAIN_WATCH_MECHANISM=counters timeout 60 "$FORKEXPLAIN" watch --log "$WORK/theirs/" >/dev/null 2>"$WORK/err2" || status=$?
[ "$status" != 0 ] && [ "$status" != 124 ] && grep -q "is not a safe log directory" "$WORK/err2" ||
	fail "watch took a directory uid $uid owns (exit $status): $(cat "$WORK/err2")"
echo "ok: watch --log DIR/ makes the node's log directory (1777, %h expanded); another uid's shim writes beside it; report DIR reads both"
