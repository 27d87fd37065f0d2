# forkexplain check --need-threads as an ExecStartPre= preflight, against a
# pids cgroup made here (pids.max 10, 4 tasks in it): room for 6 more.
# Needing 7 is CRITICAL (2) and names the cgroup's limit; needing 6 is OK
# (0). Then the answer is put to the test: a process that joins the cgroup
# (the 5th task) starts threads until one is refused, and exactly the room
# check reported (less the joiner itself) were made. Run from inside the
# cgroup as ExecStartPre= runs, it counts its own context. RLIMIT_NPROC of
# a spare uid binds the same way.
. "$(dirname "$0")/lib.sh"
need_root
pids_cgroup "forkexplain-preflight-$$" 10 4
cg=$CG
holder=$HOLDER
name="/forkexplain-preflight-$$"

status=0
"$FORKEXPLAIN" check --pid "$holder" --need-threads 7 >"$WORK/short.txt" || status=$?
[ "$status" = 2 ] || fail "room for 6 and 7 needed gave status $status, expected 2: $(cat "$WORK/short.txt")"
head -n 1 "$WORK/short.txt" | grep -q "^FORKEXPLAIN CRITICAL - room for 6 more threads, 7 needed: pids.max $name (4 of 10 used) | " ||
	fail "the plugin line does not name the cgroup's limit: $(head -n 1 "$WORK/short.txt")"

status=0
"$FORKEXPLAIN" check --pid "$holder" --need-threads 6 >"$WORK/enough.txt" || status=$?
[ "$status" = 0 ] || fail "room for 6 and 6 needed gave status $status, expected 0: $(cat "$WORK/enough.txt")"
head -n 1 "$WORK/enough.txt" | grep -q "^FORKEXPLAIN OK - room for 6 more threads, 6 needed; tightest: pids.max $name" ||
	fail "the OK line does not name the tightest limit: $(head -n 1 "$WORK/enough.txt")"

status=0
"$FORKEXPLAIN" check --pid "$holder" --need-processes 7 --format json >"$WORK/short.json" || status=$?
[ "$status" = 2 ] || fail "--need-processes 7 gave status $status, expected 2"
"$PYTHON" - "$WORK/short.json" "$name" <<'PY' || fail "the JSON does not name the binding limit: $(cat "$WORK/short.json")"
import json, sys
report = json.load(open(sys.argv[1]))
p = report["preflight"]
assert report["status"] == "critical" and p["kind"] == "processes" and p["needed"] == 7 and p["room"] == 6, p
assert p["binding"]["limit"] == "cgroup_pids" and p["binding"]["scope"] == sys.argv[2], p["binding"]
PY

# The room is real: a joiner (the 5th task) makes threads until refused.
made=$("$PYTHON" - "$cg/cgroup.procs" <<'PY'
import os, sys, threading
open(sys.argv[1], "w").write(str(os.getpid()))
stop = threading.Event()
threads = []
while len(threads) < 50:
    t = threading.Thread(target=stop.wait)
    try:
        t.start()
    except RuntimeError:
        break
    threads.append(t)
stop.set()
for t in threads:
    t.join()
print(len(threads))
PY
) || fail "the thread maker failed"
[ "$made" = 5 ] || fail "with room for 6 reported, a joiner made $made threads, expected 5 (6 less itself)"

# As ExecStartPre= runs it: from inside the cgroup, its own context.
status=0
bash -c "echo \$\$ > '$cg/cgroup.procs'; exec '$FORKEXPLAIN' check --need-processes 50" >"$WORK/own.txt" || status=$?
[ "$status" = 2 ] && head -n 1 "$WORK/own.txt" | grep -q "^FORKEXPLAIN CRITICAL - room for [0-9]* more processes, 50 needed: pids.max $name " ||
	fail "from inside the cgroup: status $status, $(head -n 1 "$WORK/own.txt")"
status=0
bash -c "echo \$\$ > '$cg/cgroup.procs'; exec '$FORKEXPLAIN' check --need-processes 1" >"$WORK/own.txt" || status=$?
[ "$status" = 0 ] || fail "from inside the cgroup, 1 needed: status $status, $(head -n 1 "$WORK/own.txt")"

# RLIMIT_NPROC counts a uid's threads as its processes: a spare uid with
# a soft limit of 10 has room for fewer than 20, and the line names it.
spare_uid 47000 47999
on_exit "kill_uid $SPARE_UID"
status=0
prlimit --nproc=10:10 setpriv --reuid="$SPARE_UID" --regid="$SPARE_UID" --clear-groups \
	"$FORKEXPLAIN" check --need-threads 20 >"$WORK/nproc.txt" || status=$?
[ "$status" = 2 ] && head -n 1 "$WORK/nproc.txt" | grep -q "^FORKEXPLAIN CRITICAL - room for [0-9] more threads, 20 needed: RLIMIT_NPROC uid $SPARE_UID ([0-9]* of 10 used)" ||
	fail "RLIMIT_NPROC 10: status $status, $(head -n 1 "$WORK/nproc.txt")"
status=0
prlimit --nproc=10:10 setpriv --reuid="$SPARE_UID" --regid="$SPARE_UID" --clear-groups \
	"$FORKEXPLAIN" check --need-threads 2 >"$WORK/nproc.txt" || status=$?
[ "$status" = 0 ] || fail "RLIMIT_NPROC 10, 2 needed: status $status, $(head -n 1 "$WORK/nproc.txt")"

status=0
"$FORKEXPLAIN" check --need-threads 0 >"$WORK/out" 2>&1 || status=$?
[ "$status" = 3 ] || fail "--need-threads 0 gave status $status, expected 3 (UNKNOWN: bad usage)"
echo "ok: preflight: room 6 of pids.max 10 → need 7 exit 2 naming it, need 6 exit 0; 5 threads then refused, as reported"
