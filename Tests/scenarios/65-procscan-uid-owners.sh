# limits.uid_tasks and the PID holders as the /proc scan reads them on this
# kernel: the uid from /proc/PID's owner (the effective uid), and status,
# with the real uid RLIMIT_NPROC counts, only where the owner of
# /proc/PID/stat says the two may differ (docs/kernel-facts.md §6.24).
# Processes of a spare uid: one plain, one not dumpable, one with 40
# zombies, and one whose effective uid alone is the spare uid (real uid
# root), which the count must leave out.
. "$(dirname "$0")/lib.sh"
need_root
need setpriv
[ -x "$PYTHON" ] || fail "$PYTHON is missing"

spare_uid 61300 61399
uid=$SPARE_UID
on_exit "kill_uid $uid"
cat >"$WORK/holder.py" <<'PY'
import ctypes, os, sys, time
uid, mode = int(sys.argv[1]), sys.argv[2]
if mode == "euid-only":
    os.setresgid(0, uid, 0)
    os.setresuid(0, uid, 0)
else:
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
if mode == "undumpable":
    ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE
if mode == "zombies":
    for _ in range(40):
        if os.fork() == 0:
            os._exit(0)
print("ready", os.getpid(), flush=True)
time.sleep(120)
PY
for mode in plain undumpable zombies euid-only; do
	timeout 120 "$PYTHON" "$WORK/holder.py" "$uid" "$mode" >"$WORK/$mode.out" 2>&1 &
	on_exit "kill_tree $!"
done
for mode in plain undumpable zombies euid-only; do
	wait_for 60 grep -q ready "$WORK/$mode.out" || fail "the $mode holder did not start: $(cat "$WORK/$mode.out")"
done
zparent=$(awk '{ print $2 }' "$WORK/zombies.out")
# What status says, the kernel's own account of the real uids.
want=0
for p in /proc/[0-9]*; do
	read -r ruid threads < <(awk '/^Uid:/ { u = $2 } /^Threads:/ { t = $2 } END { print u, t }' "$p/status" 2>/dev/null) || continue
	[ "${ruid:-}" = "$uid" ] && want=$((want + threads))
done
# The failing program itself is one more task of the uid.
want=$((want + 1))
[ "$want" = 44 ] || fail "status shows $((want - 1)) tasks of uid $uid, expected 43 (plain, undumpable, zombies' parent and its 40 zombies)"

touch "$LOG"
chown "$uid" "$LOG"
timeout 60 setpriv --reuid "$uid" --regid "$uid" --clear-groups env FORKEXPLAIN_LOG="$LOG" \
	FORKEXPLAIN_INJECT=fork=EAGAIN FORKEXPLAIN_INTERVAL_MS=0 LD_PRELOAD="$SHIM" \
	"$PYTHON" -c 'import os; os.fork()' >"$WORK/fail.out" 2>&1 || true
[ "$(wc -l <"$LOG")" = 1 ] || fail "expected one record, got: $(head -c 400 "$LOG")"
"$PYTHON" - "$LOG" "$uid" "$want" "$zparent" <<'PY' || fail "the record's scan is wrong (above)"
import json, sys
rec = json.loads(open(sys.argv[1]).readline())
uid, want, zparent = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
top, got = rec["top"], rec["limits"].get("uid_tasks")
bad = []
if not top["complete"]:
    bad.append("the scan did not complete")
if got != want:
    bad.append(f"limits.uid_tasks {got}, status says {want}")
if top["zombies"] < 40:
    bad.append(f"top.zombies {top['zombies']}, at least the 40 made here")
holders = top["holders"]
mine = [h for h in holders if h["pid"] == zparent]
if mine:
    h = mine[0]
    if (h["uid"], h["zombies"], h["threads"], h["comm"]) != (uid, 40, 1, "python3"):
        bad.append(f"the zombies' parent reads {h}")
elif len(holders) < 8 or min(h["threads"] + h["zombies"] for h in holders) < 41:
    bad.append(f"the zombies' parent ({zparent}, 41 PIDs) is not among the holders: {holders}")
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY
echo "ok: uid_tasks $want for uid $uid (plain, not dumpable, 40 zombies; the euid-only process left out), the zombies' parent credited with them"
