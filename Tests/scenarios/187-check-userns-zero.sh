# A preflight before RootlessKit, containerd's pod user namespaces, bwrap
# or podman: where user.max_user_namespaces is 0 every one of them fails
# with ENOSPC, and `check` must say so before they start, CRITICAL, with
# the namespace and the file it read (docs/kernel-facts.md §11.78). Only
# the 0 is a finding: the count held is not exposed by the kernel, so a
# limit above 0 gives no row. Reproduced for real in a user namespace of
# our own (the host's limit untouched). Main before field16 said OK.
. "$(dirname "$0")/lib.sh"
need_root
need unshare
cd "$WORK"

status=0
timeout 60 unshare --user --map-root-user --fork bash -c "
	echo 0 >/proc/sys/user/max_user_namespaces || exit 90
	readlink /proc/self/ns/user >'$WORK/userns'
	exec '$FORKEXPLAIN' check" >"$WORK/check0" 2>&1 || status=$?
[ "$status" = 2 ] || fail "check under a limit of 0 exited $status, not 2 (critical): $(cat "$WORK/check0")"
ns=$(sed 's/^user:\[\([0-9]*\)\]$/\1/' "$WORK/userns")
grep -q "^  CRIT user.max_user_namespaces user:\[$ns\]: 0, no user namespace may be created" "$WORK/check0" ||
	fail "check names no user namespace limit of 0: $(cat "$WORK/check0")"

timeout 60 unshare --user --map-root-user --fork bash -c "
	echo 10 >/proc/sys/user/max_user_namespaces || exit 90
	exec '$FORKEXPLAIN' check --format json" >"$WORK/check10" 2>&1 || true
"$PYTHON" - "$WORK/check10" <<'PY' || fail "check under a limit of 10 is wrong: $(head -c 600 "$WORK/check10")"
import json, sys
doc = json.load(open(sys.argv[1]))
limits = doc.get("limits") or doc.get("usages") or []
assert limits, "no limits in the json"
assert not any(l.get("limit") == "user_namespaces" for l in limits), "a row for a limit of 10"
PY
host_userns_unchanged
echo "ok: check is CRITICAL at max_user_namespaces 0 in user:[$ns], and gives no row at 10"
