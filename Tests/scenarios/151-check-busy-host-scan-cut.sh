# forkexplain check when the /proc scan runs out of time (a busy host;
# here forced with FORKEXPLAIN_SCAN_MS=0 while a uid of ours holds 41
# tasks): the collector leaves the uid's task count out rather than write
# a partial one, so RLIMIT_NPROC has no row, and check must say UNKNOWN
# (exit 3) naming it, not OK on what it did count. With check's own
# default budget (10 s, not the shim's 250 ms) the same scan completes:
# the whole count, and a status that is not UNKNOWN.
. "$(dirname "$0")/lib.sh"
need_root
need setpriv
need prlimit

# uid_holds UID N: whether UID runs N processes.
uid_holds() { [ "$(ps -o pid= -u "$1" | wc -l)" -ge "$2" ]; }

spare_uid 64300 64399
uid=$SPARE_UID
on_exit "kill_uid $uid"
setpriv --reuid="$uid" --regid="$uid" --clear-groups \
	prlimit --nproc=100 -- bash -c 'for i in $(seq 40); do sleep 300 & done; wait' &
holder=$!
wait_for 60 uid_holds "$uid" 41 || fail "uid $uid did not reach 41 tasks: $(ps -o pid= -u "$uid" | wc -l)"

status=0
env -u FORKEXPLAIN_SCAN_MS "$FORKEXPLAIN" check --pid "$holder" --format json >"$WORK/whole.json" || status=$?
"$PYTHON" - "$WORK/whole.json" "$status" <<'PY' || fail "check with its own scan budget: $(cat "$WORK/whole.json")"
import json, sys
report = json.load(open(sys.argv[1]))
rows = [l for l in report["limits"] if l["limit"] == "rlimit_nproc"]
assert rows and rows[0]["used"] == 41 and rows[0]["max"] == 100, rows
assert report["status"] != "unknown" and "uncounted" not in report, report
print("ok: a whole scan counts uid", rows[0]["scope"], "at 41 of 100, status", report["status"], "exit", sys.argv[2])
PY

status=0
FORKEXPLAIN_SCAN_MS=0 "$FORKEXPLAIN" check --pid "$holder" >"$WORK/cut.txt" || status=$?
[ "$status" = 3 ] || fail "a cut scan gave exit $status, expected 3 (UNKNOWN): $(cat "$WORK/cut.txt")"
head -1 "$WORK/cut.txt" | grep -q "^FORKEXPLAIN UNKNOWN - not counted: RLIMIT_NPROC uid $uid: the /proc scan ran out of time" ||
	fail "the plugin line does not say why: $(head -1 "$WORK/cut.txt")"
grep -q "^  ??   RLIMIT_NPROC uid $uid: not counted" "$WORK/cut.txt" ||
	fail "the uid's limit is not shown as not counted: $(cat "$WORK/cut.txt")"
grep -q "RLIMIT_NPROC uid $uid: [0-9]* of" "$WORK/cut.txt" &&
	fail "a cut scan still shows a count for the uid: $(cat "$WORK/cut.txt")"
echo "ok: a cut scan is UNKNOWN (exit 3), RLIMIT_NPROC uid $uid not counted"
