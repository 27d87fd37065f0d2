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

cat >"$WORK/containerenv" <<'ENV'
engine="podman-5.2.2"
name="fx-web-286"
id="5e1c9d0b7a3f4e2d8c6b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d"
image="docker.io/library/python:3.12-slim"
imageid="0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c"
rootless=0
ENV
# The container, with podman's mark on its own /run.
own_root_fill 286 "" "cp $WORK/containerenv /run/.containerenv"
[ ! -e /run/.containerenv ] || fail "/run/.containerenv appeared on the host"

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
