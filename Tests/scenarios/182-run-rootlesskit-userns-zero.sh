# Rootless Docker on a machine whose user.max_user_namespaces is 0: dockerd
# does not start, "error: failed to start the child: fork/exec
# /proc/self/exe: no space left on device"
# (https://github.com/konstruktoid/ansible-role-docker-rootless/pull/249,
# which sets 28633 as Docker's rootless guide says). RootlessKit's parent
# re-executes itself with Go's os/exec and CLONE_NEWUSER. Reproduced for
# real: a Go program that starts its child the same way, in a user
# namespace of our own whose max_user_namespaces we set to 0 (per user
# namespace: the host's is not touched). explain used to read the line as
# runc's and list pid_max first; it must name the namespace count and the
# sysctl, and that sysctl, applied where it binds, lets the child start.
. "$(dirname "$0")/lib.sh"
need_root
build_userns_child
cd "$WORK"

userns_child_with 'echo 0 >/proc/sys/user/max_user_namespaces'
[ "$PROGRAM_STATUS" = 1 ] || fail "the child started with max_user_namespaces 0 (status $PROGRAM_STATUS): $(cat "$WORK/out")"
expect_output "$WORK/out" "failed to start the child: fork/exec /proc/self/exe: no space left on device"
line=$(grep -m1 'failed to start the child' "$WORK/out")
explain_reads "$line" 'RootlessKit (rootless Docker' max_user_namespaces '28633' 'does not see unshare'
"$FORKEXPLAIN" explain "$line" >"$WORK/explain"
! grep -q 'printed by runc' "$WORK/explain" || fail "explain reads RootlessKit's line as runc's: $(head -2 "$WORK/explain")"
# The fix as the note gives it, run where the limit is.
fix=$(grep -oE 'sysctl -w user\.max_user_namespaces=[0-9]+' "$WORK/explain" | head -1)
[ -n "$fix" ] || fail "explain gives no sysctl to apply: $(cat "$WORK/explain")"
userns_child_with "$fix >/dev/null"
[ "$PROGRAM_STATUS" = 0 ] || fail "the child still failed after '$fix' (status $PROGRAM_STATUS): $(cat "$WORK/out")"
[ "$(cat /proc/sys/user/max_user_namespaces)" != 0 ] || fail "the host's max_user_namespaces changed"
echo "ok: max_user_namespaces 0 refuses RootlessKit's child with ENOSPC; '$fix' lets it start"
