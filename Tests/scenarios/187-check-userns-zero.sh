# Before RootlessKit, containerd's pod user namespaces, bwrap or podman:
# where user.max_user_namespaces is 0 every one of them fails with ENOSPC,
# and `check` must say so, with the namespace and the file it read, as a
# setting that turns creation off (OFF, JSON `turned_off`), never as a
# limit's row: a host that turns user namespaces off on purpose (RHEL 7's
# default, hardening guides) must not make a monitoring check CRITICAL
# (docs/kernel-facts.md §11.78). Only the 0 is a finding: the count held is
# not exposed by the kernel, so a limit above 0 gives nothing. Reproduced
# for real in a user namespace of our own (the host's limit untouched).
# Main before field16 said nothing of it.
. "$(dirname "$0")/lib.sh"
need_root
need unshare
cd "$WORK"

for format in text json; do
	timeout 60 unshare --user --map-root-user --fork bash -c "
		echo 0 >/proc/sys/user/max_user_namespaces || exit 90
		readlink /proc/self/ns/user >'$WORK/userns.$format'
		exec '$FORKEXPLAIN' check --format $format" >"$WORK/check0.$format" 2>"$WORK/check0.$format.err" || true
done
ns=$(sed 's/^user:\[\([0-9]*\)\]$/\1/' "$WORK/userns.text")
grep -q "^  OFF  user.max_user_namespaces user:\[$ns\]: 0, no user namespace may be created" "$WORK/check0.text" ||
	fail "check names no user namespace limit of 0: $(cat "$WORK/check0.text" "$WORK/check0.text.err")"
! grep -q "CRIT user.max_user_namespaces" "$WORK/check0.text" ||
	fail "a user namespace limit of 0 made a CRIT row: $(cat "$WORK/check0.text")"
# The status is the limits' alone: the same check's JSON, without the OFF
# row, must agree with the text's status line.
"$PYTHON" - "$WORK/check0.json" "$WORK/check0.text" <<'PY' || fail "check's status at 0 is not its limits' own: $(head -c 900 "$WORK/check0.json")"
import json, sys
doc = json.load(open(sys.argv[1]))
off = doc.get("turned_off") or []
assert any(l.get("limit") == "user_namespaces" and l.get("max") == 0 for l in off), "no turned_off user_namespaces"
assert not any(l.get("limit") == "user_namespaces" for l in doc["limits"]), "user_namespaces among the limits"
shares = [l["share"] for l in doc["limits"]]
want = "critical" if shares and max(shares) >= 0.95 else "warning" if shares and max(shares) >= 0.8 else "ok"
if doc.get("uncounted"):
    want = "critical" if want == "critical" else "unknown"
assert doc["status"] == want, (doc["status"], want)
text = open(sys.argv[2]).read()
assert ("status: %s " % want) in text, "text status differs"
PY

timeout 60 unshare --user --map-root-user --fork bash -c "
	echo 10 >/proc/sys/user/max_user_namespaces || exit 90
	exec '$FORKEXPLAIN' check --format json" >"$WORK/check10" 2>&1 || true
"$PYTHON" - "$WORK/check10" <<'PY' || fail "check under a limit of 10 is wrong: $(head -c 600 "$WORK/check10")"
import json, sys
doc = json.load(open(sys.argv[1]))
limits = doc.get("limits") or doc.get("usages") or []
assert limits, "no limits in the json"
assert not any(l.get("limit") == "user_namespaces" for l in limits), "a row for a limit of 10"
assert not doc.get("turned_off"), "turned off at a limit of 10"
PY
host_userns_unchanged
echo "ok: check shows max_user_namespaces 0 in user:[$ns] as OFF outside its status, and nothing at 10"
