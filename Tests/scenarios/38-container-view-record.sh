# A container's view of its cgroups, made for real on this kernel: a
# process in a cgroup namespace and a mount namespace of its own, whose
# leaf cgroup is the namespace's root, with the v1 pids hierarchy mounted
# again over the inherited mounts (as runc does for cgroupns=private). The
# limit sits on the parent, which it cannot see; its fork really fails.
# Then the docker-on-v1 view without a cgroup namespace: the leaf
# bind-mounted over the hierarchy, so the mount's root is the leaf's path.
# Only the record is asserted here: the shim must write the namespace, the
# mount it read through and the one level it can see.
. "$(dirname "$0")/lib.sh"
need_root
need unshare

mnt=$(awk '$9 == "cgroup" && $NF ~ /(^|,)pids(,|$)/ { print $5; exit }' /proc/self/mountinfo)
[ -n "$mnt" ] || fail "no cgroup v1 pids hierarchy on this machine; this scenario needs one"
[ "$(awk -F: '$2 == "pids" { print $3 }' /proc/self/cgroup)" = / ] ||
	fail "run from the root of the pids hierarchy (this shell is in $(grep :pids: /proc/self/cgroup))"
name="forkexplain-38-$$"
parent="$mnt/$name"
mkdir "$parent"
on_exit "rmdir '$parent'"
mkdir "$parent/leaf"
on_exit "rmdir '$parent/leaf'"
on_exit "empty_cgroup '$parent/leaf'"
# The container: bash, python and the children it forks. Five tasks is
# room for two or three children, then fork fails with EAGAIN.
echo 5 >"$parent/pids.max"

# Forks children that sleep until fork fails, then kills and reaps them.
cat >"$WORK/forker.py" <<'PY'
import os, signal, sys, time
kids = []
try:
    for _ in range(20):
        pid = os.fork()
        if pid == 0:
            time.sleep(30)
            os._exit(0)
        kids.append(pid)
    print("fork never failed")
except OSError as e:
    print("fork failed errno", e.errno)
for pid in kids:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
PY

# inside KIND: runs the forker as the container's process, after recording
# its cgroup namespace. KIND is cgroupns (unshare -C, then a fresh mount of
# the hierarchy: its root is the namespace's, the leaf) or bind (no cgroup
# namespace; the leaf's directory bind-mounted where the hierarchy was).
inside() {
	local kind=$1 log=$2 flags=-m
	[ "$kind" = cgroupns ] && flags="-C -m"
	FORKEXPLAIN_LOG="$log" timeout 60 bash -c "
		echo \$\$ > '$parent/leaf/cgroup.procs'
		exec unshare $flags bash -c '
			set -e
			mount --make-rprivate /
			if [ $kind = cgroupns ]; then
				mount -t tmpfs -o mode=755 tmpfs /sys/fs/cgroup
				mkdir /sys/fs/cgroup/pids
				mount -t cgroup -o pids none /sys/fs/cgroup/pids
			else
				mount --bind $parent/leaf $mnt
			fi
			readlink /proc/self/ns/cgroup > $WORK/$kind.ns
			LD_PRELOAD=$SHIM FORKEXPLAIN_BACKTRACE=0 exec $PYTHON $WORK/forker.py
		'" >"$WORK/$kind.out" 2>&1 || fail "the $kind container did not run: $(cat "$WORK/$kind.out")"
	expect_output "$WORK/$kind.out" 'fork failed errno 11'
}

# check_record LOG KIND NS_WANT: the first failure record, field by field.
check_record() {
	"$PYTHON" - "$@" <<'PY'
import json, sys
log, kind, ns_link, mnt, leaf = sys.argv[1:]
recs = [json.loads(l) for l in open(log) if l.strip()]
fails = [r for r in recs if r.get("type") == "failure"]
if not fails:
    sys.exit(f"FAIL ({kind}): no failure record in {log}")
r = fails[0]
ns = int(open(ns_link).read().strip().split("[")[1].rstrip("]"))
c, cg = r.get("container", {}), r.get("cgroups", {})
pids, pm = cg.get("pids", []), cg.get("pids_mount", {})
want_path = "/" if kind == "cgroupns" else leaf
checks = [
    ("call", (r["call"]["name"], r["call"]["errno"]), ("fork", 11)),
    ("container.cgroup_ns", c.get("cgroup_ns"), ns),
    ("pids_mount.version", pm.get("version"), 1),
    ("pids_mount.mount", pm.get("mount"), mnt),
    ("pids_mount.root", pm.get("root"), want_path),
    ("pids levels", [l.get("path") for l in pids], [want_path]),
    ("pids[0].dir", pids[0].get("dir") if pids else None, mnt),
    ("pids[0].max", pids[0].get("max") if pids else None, "max"),
    ("pids[0].current in 1..5", 1 <= (pids[0].get("current") or 0) <= 5 if pids else False, True),
]
if kind == "cgroupns":
    checks.append(("cgroup_ns is not the initial one", ns != 4026531835, True))
else:
    checks.append(("cgroup_ns is the initial one", ns, 4026531835))
bad = [f"  {k}: {got!r} (expected {want!r})" for k, got, want in checks if got != want]
if bad:
    sys.exit(f"FAIL ({kind}): the record does not show the container's view:\n" + "\n".join(bad))
print(f"ok ({kind}): cgroup_ns {ns}, pids mount {pm['mount']} root {pm['root']}, one level {want_path}")
PY
}

inside cgroupns "$WORK/cgroupns.jsonl"
check_record "$WORK/cgroupns.jsonl" cgroupns "$WORK/cgroupns.ns" /sys/fs/cgroup/pids "/$name/leaf" || exit 1
inside bind "$WORK/bind.jsonl"
check_record "$WORK/bind.jsonl" bind "$WORK/bind.ns" "$mnt" "/$name/leaf" || exit 1
echo "ok: the record shows the container's own cgroup, from a namespace and from a bind-mounted leaf"
