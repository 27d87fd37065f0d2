# Shared hosting on CloudLinux 7 (cPanel): the user's `npm install` in
# cPanel's Terminal dies with "fork: retry: Resource temporarily
# unavailable" while the server has 31 GB available, `ulimit -u` says 63437
# and pid_max has room: the user's LVE is at its NPROC, 100 of 100 (every
# process and thread of the user, cron's PHP and the site's lsphp workers
# too), fNPROC 57 (docs/kernel-facts.md §11.164; the limits are
# CloudLinux's "Typical Hosting Account", the usage filled in:
# Tests/scenarios/cloudlinux.py). NO LVE KERNEL HERE: /proc/lve is a
# fixture in kmod-lve's format, read by the real shim through
# FORKEXPLAIN_PROC_ROOT under a spare uid (the LVE id is the uid).
# The report must name the LVE's NPROC with its numbers and `lvectl`, with
# EAGAIN and with ENOMEM (CloudLinux 6/7 charge it as a beancounter);
# `check` as the user must be critical on it with the fix; at 12 of 100
# the LVE is not named.
. "$(dirname "$0")/lib.sh"
need_root
spare_uid 62620 62669
replay_as "$SPARE_UID" cloudlinux-lve-nproc fork EAGAIN
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN confidence=high \
	binding="CloudLinux LVE NPROC of LVE $SPARE_UID" evidence='NPROC 100 of lNPROC 100' evidence='fNPROC 57' \
	evidence='EP 4 of 20' advice="lvectl set $SPARE_UID --nproc=200 --save" advice='CloudLinux (LVE) Manager' \
	advice='EP + 15' misleading='`ulimit -u`' not_verdict=rlimit_nproc not_family=oom not_verdict=unexplained \
	rec.lve.id="$SPARE_UID" rec.lve.nproc=100 rec.lve.nproc_limit=100 rec.lve.nproc_faults=57 rec.lve.version=8 \
	rec.kernel=3.10.0-962.3.2.lve1.5.81.el7.x86_64
# ENOMEM, the numproc beancounter's errno on CloudLinux 6/7: the same limit.
rm -rf "$WORK/machine" "$WORK/as-$SPARE_UID"
replay_as "$SPARE_UID" cloudlinux-lve-nproc fork ENOMEM
expect verdict=cgroup_pids_limit call=fork errno=ENOMEM confidence=high binding="CloudLinux LVE NPROC of LVE $SPARE_UID" \
	misleading='does not mean the server is out of memory' not_family=oom
# check as the user: critical on the LVE's NPROC, its fix beside it.
status=0
setpriv --reuid="$SPARE_UID" --regid="$SPARE_UID" --clear-groups env FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" \
	FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" "$FORKEXPLAIN" check >"$WORK/check.txt" || status=$?
[ "$status" = 2 ] || fail "check exited $status, expected 2 (critical): $(cat "$WORK/check.txt")"
head -n 1 "$WORK/check.txt" | grep -q "^FORKEXPLAIN CRITICAL - fullest: CloudLinux LVE NPROC of LVE $SPARE_UID: 100 of 100 " ||
	fail "check does not name the LVE's NPROC: $(head -n 1 "$WORK/check.txt")"
grep -q "lve_nproc_lve=100;79;94;0;100" "$WORK/check.txt" || fail "no perfdata for the LVE's NPROC: $(head -n 1 "$WORK/check.txt")"
grep -q "CloudLinux LVE $SPARE_UID (the uid's own, set by the hosting panel): NPROC 100 of 100 (fNPROC 57), EP 4 of 20" \
	"$WORK/check.txt" || fail "check does not show the LVE: $(cat "$WORK/check.txt")"
grep -q "lvectl set $SPARE_UID --nproc=200 --save" "$WORK/check.txt" || fail "check gives no fix: $(cat "$WORK/check.txt")"
setpriv --reuid="$SPARE_UID" --regid="$SPARE_UID" --clear-groups env FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" \
	FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" "$FORKEXPLAIN" check --format json >"$WORK/check.json" || true
"$PYTHON" - "$WORK/check.json" "$SPARE_UID" <<'PY' || fail "check's JSON lacks the LVE: $(cat "$WORK/check.json")"
import json, sys
out = json.load(open(sys.argv[1]))
first = out["limits"][0]
assert first["limit"] == "lve_nproc" and first["used"] == 100 and first["max"] == 100, first
assert "lvectl set %s --nproc=200 --save" % sys.argv[2] in out["lve"]["fixes"][0], out.get("lve")
PY
# At 12 of 100 the LVE did not refuse: not its verdict, check not critical on it.
rm -rf "$WORK/machine" "$WORK/as-$SPARE_UID"
replay_as "$SPARE_UID" cloudlinux-lve-nproc-room fork EAGAIN
expect call=fork errno=EAGAIN binding_not='CloudLinux LVE' rec.lve.nproc=12
setpriv --reuid="$SPARE_UID" --regid="$SPARE_UID" --clear-groups env FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" \
	FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" "$FORKEXPLAIN" check >"$WORK/check.txt" || true
grep -q "ok   CloudLinux LVE NPROC of LVE $SPARE_UID: 12 of 100" "$WORK/check.txt" ||
	fail "check misrates the LVE at 12 of 100: $(cat "$WORK/check.txt")"
echo "ok: the LVE's NPROC (100 of 100) named with lvectl for EAGAIN and ENOMEM, check critical with the fix; not at 12 of 100"
