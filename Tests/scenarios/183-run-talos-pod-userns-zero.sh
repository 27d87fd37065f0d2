# A Kubernetes pod with `hostUsers: false` on Talos Linux: "Failed to
# create pod sandbox: ... failed to create network namespace for sandbox
# ...: failed to start noop process for unshare: fork/exec /proc/self/exe:
# no space left on device" (https://github.com/siderolabs/talos/issues/8554,
# https://github.com/axeII/home-ops/issues/2230). Talos ships
# user.max_user_namespaces 0 and containerd makes a pod's user namespace
# with a no-op child of itself cloned with CLONE_NEWUSER. Rootless podman on
# Talos says the same in its words: "cannot clone: No space left on device"
# and "user namespaces are not enabled in /proc/sys/user/max_user_namespaces"
# (https://github.com/siderolabs/talos/issues/4385). Reproduced for real: the
# Go program starts its child as containerd does, in a user namespace of
# our own whose max_user_namespaces we set to 0 (the host's is untouched).
# explain read containerd's line as runc's with pid_max first; it must
# name containerd, the count and Talos's machine config, and the limit
# raised where it binds lets the child start.
. "$(dirname "$0")/lib.sh"
need_root
build_userns_child
cd "$WORK"

userns_child_with 'echo 0 >/proc/sys/user/max_user_namespaces' containerd
[ "$PROGRAM_STATUS" = 1 ] || fail "the child started with max_user_namespaces 0 (status $PROGRAM_STATUS): $(cat "$WORK/out")"
expect_output "$WORK/out" "failed to start noop process for unshare: fork/exec /proc/self/exe: no space left on device"
line=$(grep -m1 'noop process' "$WORK/out")
explain_reads "$line" 'containerd (a pod with its own user namespace)' max_user_namespaces \
	'Talos' 'machine.sysctls' 'does not see unshare'
explain_reads 'cannot clone: No space left on device
user namespaces are not enabled in /proc/sys/user/max_user_namespaces' 'podman (rootless)' max_user_namespaces \
	'sysctl -w user.max_user_namespaces=15000'
# The fix: the limit above the pods with their own user namespace (65535).
userns_child_with 'echo 65535 >/proc/sys/user/max_user_namespaces' containerd
[ "$PROGRAM_STATUS" = 0 ] || fail "the child still failed with max_user_namespaces 65535 (status $PROGRAM_STATUS): $(cat "$WORK/out")"
[ "$(cat /proc/sys/user/max_user_namespaces)" != 0 ] || fail "the host's max_user_namespaces changed"
echo "ok: max_user_namespaces 0 refuses containerd's pod namespace with ENOSPC; at 65535 it is made"
