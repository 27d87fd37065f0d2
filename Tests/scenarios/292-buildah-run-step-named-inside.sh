# A RUN step of a buildah build seen from inside (docs/kernel-facts.md
# §11.201), made for real: a cgroup and a mount namespace of its own, the
# v1 pids hierarchy mounted at its leaf (pids.max 8, the level the build's
# step runs under), and the /run/.containerenv buildah writes for every
# RUN (buildah run_common.go: a blank first line, then engine
# "buildah-VERSION", the working container's name, id, image, imageid and
# rootless), on a tmpfs over /run inside that mount namespace only. python
# forks there until refused. Before, the file's podman mark named it
# "podman container" with `podman update --pids-limit`, which no build
# reads; `report` and `check` inside must name the buildah RUN step and
# its working container, say buildah sets no pids limit on a step, and
# give the build's own cgroup as where to raise it.
. "$(dirname "$0")/lib.sh"
need_root
need unshare

# buildah's format, blank first line included.
printf '%s\n' '' 'engine="buildah-1.33.7"' 'name="alpine-working-container"' \
	'id="2f6c0b8e4d1a9c7e5b3f1d0a8c6e4b2f0d9c7a5e3b1f9d7c5a3e1b0f8d6c4a2e"' 'image="docker.io/library/alpine:3.20"' \
	'imageid="91ef0af61f39ece4d6710e465df5ed6ca12112358344fd51ae6a3b886634148b"' 'rootless=0' >"$WORK/containerenv"
own_root_fill 292 "" "cp $WORK/containerenv /run/.containerenv"
[ ! -e /run/.containerenv ] || fail "/run/.containerenv appeared on the host"

expect verdict=cgroup_pids_limit call=fork errno=EAGAIN rec.cgroups.pids.0.path=/ rec.cgroups.pids.0.max=8 \
	rec.container.containerenv.engine=buildah-1.33.7 rec.container.containerenv.name=alpine-working-container \
	advice='buildah sets no pids limit on a step' advice='`--cgroup-parent`' \
	not_advice='podman update' not_advice='echo 72 >'
report_workload 'a buildah RUN step, working container "alpine-working-container" (image docker.io/library/alpine:3.20)'

check_names 'the tightest pids level, /, is a buildah RUN step, working container "alpine-working-container" (image docker.io/library/alpine:3.20)'"'"'s pids limit (room for ' \
	"the RUN step by its .containerenv"
check_names "buildah sets no pids limit on a step" "that buildah sets none"
if grep -qF 'podman update' "$WORK/check.txt"; then fail "check still gives podman's knob: $(cat "$WORK/check.txt")"; fi
echo "ok: report and check inside name buildah's RUN step and its working container, with the build's cgroup as the fix, not podman's"
