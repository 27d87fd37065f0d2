# `check --pid` of a process whose root is its own, as a container's is
# (docs/kernel-facts.md §11.198), made for real: a pids cgroup of its own
# (pids.max 16), a mount namespace of its own and in it only a tmpfs as
# its root, holding /var/run -> /run (an absolute symlink, as on Debian,
# Ubuntu and RHEL) and kubelet's service account mount under /run; python
# chroots there and waits. Through /proc/PID/root the kernel follows
# /var/run from the reader's root, whose /run has no such mount (checked):
# `check --pid` must read the target's files inside its root, find the
# mount at /var/run/secrets/kubernetes.io/serviceaccount and say the
# process is in a Kubernetes pod.
. "$(dirname "$0")/lib.sh"
need_root
need unshare

SA=secrets/kubernetes.io/serviceaccount
[ ! -e "/run/$SA" ] || fail "the host's /run has kubelet's service account mount: this scenario needs a /run without it"
find_pids_hierarchy
CG="$PIDS_MNT/forkexplain-289-$$"
mkdir "$CG"
on_exit "rmdir '$CG'"
on_exit "empty_cgroup '$CG'"
echo 16 >"$CG/pids.max"

ROOT="$WORK/root"
mkdir "$ROOT"
cat >"$WORK/target.sh" <<SH
set -e
# Nothing is mounted before this namespace is known to be another.
[ "\$(readlink /proc/self/ns/mnt)" != "$(readlink /proc/self/ns/mnt)" ] || { echo not in a mount namespace of its own; exit 3; }
mount --make-rprivate /
mount -t tmpfs -o mode=755 tmpfs '$ROOT'
mkdir -p '$ROOT/run/$SA' '$ROOT/var'
echo default >'$ROOT/run/$SA/namespace'
ln -s /run '$ROOT/var/run'
exec $PYTHON -c 'import os, time
os.chroot("$ROOT")
os.chdir("/")
open("/run/ready", "w").close()
time.sleep(200)'
SH
bash -c "echo \$\$ > '$CG/cgroup.procs'; exec unshare -m bash '$WORK/target.sh'" >"$WORK/target.out" 2>&1 &
target=$!
on_exit "{ kill -KILL $target; wait $target; } 2>/dev/null || true"
ready() { [ -e "/proc/$target/root/run/ready" ]; }
wait_for 60 ready || fail "the target did not chroot into its root: $(cat "$WORK/target.out")"
[ "$(readlink "/proc/$target/ns/mnt")" != "$(readlink /proc/self/ns/mnt)" ] || fail "the target shares this mount namespace"
[ -d "/proc/$target/root/run/$SA" ] || fail "the target's root has no $SA under /run"
# What the reader's own lookup gives: /var/run followed from this root.
[ ! -e "/proc/$target/root/var/run/$SA" ] ||
	fail "/proc/PID/root/var/run reached the target's /run: the kernel here resolves it inside the root, nothing to prove"

"$FORKEXPLAIN" check --pid "$target" >"$WORK/check.txt" 2>&1 || true
"$FORKEXPLAIN" check --format json --pid "$target" >"$WORK/check.json" 2>&1 || true
[ ! -e "/run/$SA" ] || fail "the service account mount appeared on the host's /run"
grep -qF "forkexplain-289-$$" "$WORK/check.txt" || fail "check does not read the target's pids cgroup: $(cat "$WORK/check.txt")"
check_names "this process is in a Kubernetes pod: kubelet's pid.available" "the pod by the service account mount in its /var/run"
echo "ok: check --pid of a process chrooted into a tmpfs of its own mount namespace finds kubelet's service account mount through its /var/run -> /run, which the host's /run does not have, and names a Kubernetes pod"
