# A container's own pids level seen from inside as / (docs/kernel-facts.md
# §11.195, §11.196), made for real: a cgroup and a mount namespace of its
# own, the v1 pids hierarchy mounted at its leaf (as runc does with
# cgroupns=private), the leaf's pids.max 8, and podman's mark of a
# --privileged container, /run/.containerenv with its name and image, on a
# tmpfs over /run inside that mount namespace only (never the host's
# /run). python forks in it until refused; `report` on the shim's record
# and `check` run inside the container must name the container by its
# .containerenv, give podman's knob for it by name, say the limit is set
# outside and cannot be raised from inside, offer no echo into the
# container's pids.max, and show the level's own pids.max, pids.current
# and pids.events as the container sees them.
. "$(dirname "$0")/lib.sh"
need_root
need unshare

find_pids_hierarchy
[ "$PIDS_VERSION" = 1 ] || fail "no cgroup v1 pids hierarchy on this machine; this scenario needs one"
leaf="$PIDS_MNT/forkexplain-286-$$"
mkdir "$leaf"
on_exit "rmdir '$leaf'"
on_exit "for p in \$(cat '$leaf/cgroup.procs'); do kill -KILL \$p; done; sleep 0.3"
echo 8 >"$leaf/pids.max"
host_mnt=$(readlink /proc/self/ns/mnt)
[ -n "$host_mnt" ] || fail "cannot read this shell's mount namespace"

# Forks until refused, says so, lets its children go (room for check),
# says so, and waits for $WORK/release.
cat >"$WORK/holder.py" <<'PY'
import os, sys, time
release = sys.argv[1]


def sleeper():
    pid = os.fork()
    if pid == 0:
        time.sleep(240)
        os._exit(0)
    return pid


children = []
try:
    for _ in range(20):
        children.append(sleeper())
except OSError as e:
    print("refused", e.errno, "after", len(children), flush=True)
for pid in children:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
print("room", flush=True)
for _ in range(4800):
    if os.path.exists(release):
        break
    time.sleep(0.05)
PY
cat >"$WORK/containerenv" <<'ENV'
engine="podman-5.2.2"
name="fx-web-286"
id="5e1c9d0b7a3f4e2d8c6b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d"
image="docker.io/library/python:3.12-slim"
imageid="0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c"
rootless=0
ENV

# The container: in the leaf, its own cgroup and mount namespaces; only
# once the mount namespace is its own does it mount anything.
timeout 240 bash -c "echo \$\$ > '$leaf/cgroup.procs'
	exec unshare -C -m bash -c 'set -e
		[ \"\$(readlink /proc/self/ns/mnt)\" != \"$host_mnt\" ] || { echo not in a mount namespace of its own; exit 3; }
		mount --make-rprivate /
		mount -t tmpfs -o mode=755 tmpfs /sys/fs/cgroup
		mkdir /sys/fs/cgroup/pids
		mount -t cgroup -o pids none /sys/fs/cgroup/pids
		mount -t tmpfs -o mode=755 tmpfs /run
		cp $WORK/containerenv /run/.containerenv
		LD_PRELOAD=$SHIM FORKEXPLAIN_BACKTRACE=0 FORKEXPLAIN_LOG=$LOG $PYTHON $WORK/holder.py $WORK/release >$WORK/out 2>&1 &
		for _ in \$(seq 1200); do grep -q ^room $WORK/out && break; sleep 0.1; done
		$FORKEXPLAIN check >$WORK/check.txt 2>&1 || true
		$FORKEXPLAIN check --format json >$WORK/check.json 2>&1 || true
		cat /sys/fs/cgroup/pids/pids.max /sys/fs/cgroup/pids/pids.events >$WORK/inside.txt
		touch $WORK/release
		wait'" >"$WORK/container.out" 2>&1 &
container=$!
on_exit "touch '$WORK/release'; kill_tree $container"
wait "$container" || fail "the container failed: $(cat "$WORK/container.out")"
[ ! -e /run/.containerenv ] || fail "/run/.containerenv appeared on the host"
expect_output "$WORK/out" '^refused 11 after [0-9]+$'
grep -qx 8 "$WORK/inside.txt" || fail "inside, /sys/fs/cgroup/pids/pids.max is not 8: $(cat "$WORK/inside.txt")"

# report: the shim's record of python's refused fork.
expect verdict=cgroup_pids_limit call=fork errno=EAGAIN rec.cgroups.pids.0.path=/ rec.cgroups.pids.0.max=8 \
	rec.cgroups.pids.0.current=8 rec.cgroups.pids.0.events_max=1 rec.cgroups.pids.0.dir=/sys/fs/cgroup/pids \
	rec.container.containerenv.name=fx-web-286 \
	advice='`podman update --pids-limit 72 fx-web-286`' not_advice='echo 72 >'
report_workload 'podman container "fx-web-286" (image docker.io/library/python:3.12-slim)'

# check, run inside: the same name, the limit set outside, podman's knob.
check_names 'the tightest pids level, /, is podman container "fx-web-286" (image docker.io/library/python:3.12-slim)'"'"'s pids limit (room for ' \
	"the container's own level by its .containerenv"
check_names "This is the container's own pids limit, set outside it by whoever started it: it cannot be raised from inside" \
	"the limit as set outside"
check_names '`podman update --pids-limit 72 fx-web-286`' "podman's knob by the container's name"
if grep -q 'echo 72 >' "$WORK/check.txt"; then fail "check offers an echo into the container's pids.max: $(cat "$WORK/check.txt")"; fi
"$PYTHON" - "$WORK/check.json" <<'PY' || fail "check's JSON does not show the container's own level: $(cat "$WORK/check.json")"
import json, sys
doc = json.load(open(sys.argv[1]))
text = json.dumps(doc)
assert '"max": 8' in text or '"max":8' in text, "no pids.max 8"
assert "fx-web-286" in text, "no container name"
PY
echo "ok: report and check inside name podman container \"fx-web-286\" at / (pids.max 8, its events 1) with podman's knob, set outside"
