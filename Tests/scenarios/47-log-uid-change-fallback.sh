# A daemon that starts as root and drops to another uid (docs/log-format.md,
# "A process that changed uid"): with a per-node directory it writes the
# file of its new uid there; with a fixed log, which root created and the
# new uid may not open, it is refused and its record goes to the default
# log of its new uid, /tmp/forkexplain-<uid>.jsonl, said once on stderr.
. "$(dirname "$0")/lib.sh"
need_root

spare_uid 61600 61649
uid=$SPARE_UID
fallback=/tmp/forkexplain-$uid.jsonl
[ ! -e "$fallback" ] || fail "$fallback exists already: remove it"
on_exit "rm -f '$fallback'"

# One failed fork as root, then setuid(uid) as a daemon does, then another.
cat >"$WORK/daemon.py" <<PY
import os
def fail_once():
    try:
        os.fork()
    except OSError:
        pass
    else:
        raise SystemExit("fork did not fail: the shim's test hook is not active")
fail_once()
os.setgroups([])
os.setgid($uid)
os.setuid($uid)
fail_once()
PY

daemon() {
	timeout 60 env FORKEXPLAIN_INJECT=fork=ENOMEM FORKEXPLAIN_INTERVAL_MS=0 FORKEXPLAIN_LOG="$1" \
		LD_PRELOAD="$SHIM" "$PYTHON" "$WORK/daemon.py" >"$WORK/out" 2>"$WORK/err" || fail "the daemon failed: $(cat "$WORK/err")"
}

# euid LOG: the euids of the failure records in LOG, one line each.
euids() {
	"$PYTHON" -c 'import json,sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r.get("type") == "failure": print(r["process"]["euid"])' "$1"
}

# A per-node directory: each uid writes its own file there, no fallback.
mkdir -m 1777 "$WORK/node"
chmod 1777 "$WORK/node"
daemon "$WORK/node/"
[ "$(euids "$WORK/node/forkexplain-0.jsonl")" = 0 ] || fail "root's record is not in forkexplain-0.jsonl"
[ "$(euids "$WORK/node/forkexplain-$uid.jsonl")" = "$uid" ] ||
	fail "the dropped process's record is not in forkexplain-$uid.jsonl: $(ls -la "$WORK/node"; cat "$WORK/err")"
[ "$(stat -c %u "$WORK/node/forkexplain-$uid.jsonl")" = "$uid" ] || fail "forkexplain-$uid.jsonl is not owned by $uid"
[ ! -s "$WORK/err" ] || fail "the shim said something with a directory that served both uids: $(cat "$WORK/err")"
[ ! -e "$fallback" ] || fail "a fallback was used although the directory served the new uid"

# A fixed log: root's, which the new uid may not open.
daemon "$WORK/daemon.jsonl"
[ "$(euids "$WORK/daemon.jsonl")" = 0 ] || fail "the fixed log does not hold root's record alone"
grep -q "forkexplain: not writing to $WORK/daemon.jsonl: " "$WORK/err" ||
	fail "the refusal of the fixed log was not said: $(cat "$WORK/err")"
grep -q "forkexplain: writing to $fallback instead: the process changed its uid from 0 to $uid" "$WORK/err" ||
	fail "the fallback was not said: $(cat "$WORK/err")"
[ "$(grep -c forkexplain: "$WORK/err")" = 2 ] || fail "more than the two lines on stderr: $(cat "$WORK/err")"
[ "$(euids "$fallback")" = "$uid" ] && [ "$(stat -c '%u %a' "$fallback")" = "$uid 600" ] ||
	fail "the fallback log does not hold the dropped process's record as its own"
"$FORKEXPLAIN" report --format json "$fallback" >"$WORK/report.json" 2>"$WORK/rerr" || fail "report on the fallback log failed"
grep -q '"events"' "$WORK/report.json" || fail "no report of the fallback log"
echo "ok: after setuid the node directory gives the new uid its own file; a fixed log falls back to /tmp/forkexplain-$uid.jsonl, said once"
