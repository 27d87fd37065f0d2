# Elasticsearch 5.4 on a fresh CentOS 7 VM: "max number of threads [1861]
# for user [elasticsearch] is too low, increase to at least [2048]";
# limits.conf did nothing, LimitNPROC in the unit fixed it
# (github.com/voxpupuli/puppet-elasticsearch/issues/836, pull 837). Nothing
# failed to fork: the check refused to start. So `explain` reads the
# thread's line, and `check --need-threads 2048` (forkexplain's own
# preflight, as an ExecStartPre=) replays the check on the reconstructed
# VM: RLIMIT_NPROC of the service's uid, the kernel's boot value
# threads-max / 2 = 1861, since the unit set none.
. "$(dirname "$0")/lib.sh"
need_root
spare_uid 61000 61999
line="max number of threads [1861] for user [elasticsearch] is too low, increase to at least [2048]"
"$FORKEXPLAIN" explain "$line" >"$WORK/explain" || fail "explain failed on the thread's line"
grep -q 'a start-up check; nothing has failed yet, printed by Elasticsearch' "$WORK/explain" &&
	grep -q '\[rlimit_nproc\]' "$WORK/explain" ||
	fail "explain does not read the line as Elasticsearch's RLIMIT_NPROC check: $(head -3 "$WORK/explain")"
grep -q 'half of kernel.threads-max (3722 if so' "$WORK/explain" ||
	fail "explain does not say 1861 is the kernel's boot value: $(cat "$WORK/explain")"
grep -q 'LimitNPROC=2048' "$WORK/explain" && grep -q 'A systemd service ignores /etc/security/limits.conf' "$WORK/explain" ||
	fail "explain's fix is not the unit's LimitNPROC=: $(cat "$WORK/explain")"

FIXTURE_UID=$SPARE_UID "$PYTHON" "$TOP/Tests/scenarios/machines.py" el7-es-bootstrap-1861 "$WORK/machine" ||
	fail "no fixture machine el7-es-bootstrap-1861"
chmod -R a+rX "$WORK/machine"
status=0
setpriv --reuid="$SPARE_UID" --regid="$SPARE_UID" --clear-groups env FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" \
	FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" "$FORKEXPLAIN" check --need-threads 2048 >"$WORK/check.txt" || status=$?
[ "$status" = 2 ] || fail "check --need-threads 2048 exited $status, expected 2: $(cat "$WORK/check.txt")"
head -n 1 "$WORK/check.txt" |
	grep -q "^FORKEXPLAIN CRITICAL - room for 1830 more threads, 2048 needed: RLIMIT_NPROC uid $SPARE_UID (31 of 1861 used)" ||
	fail "check does not name the uid's RLIMIT_NPROC 1861: $(head -n 1 "$WORK/check.txt")"
setpriv --reuid="$SPARE_UID" --regid="$SPARE_UID" --clear-groups env FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" \
	FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" "$FORKEXPLAIN" check --need-threads 2048 --format json \
	>"$WORK/check.json" || true
"$PYTHON" - "$WORK/check.json" <<'PY' || fail "check's JSON does not bind RLIMIT_NPROC: $(cat "$WORK/check.json")"
import json, sys
report = json.load(open(sys.argv[1]))
p = report["preflight"]
assert report["status"] == "critical" and p["needed"] == 2048 and p["room"] == 1830, p
assert p["binding"]["limit"] == "rlimit_nproc", p["binding"]
print("ok: explain and check both name RLIMIT_NPROC 1861, the kernel's boot value, and the unit's LimitNPROC=")
PY
