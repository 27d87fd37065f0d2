# A Kubernetes pod in the systemd cgroup driver's layout, made for real on
# this kernel's v1 pids hierarchy (docs/kernel-facts.md §11.157): kubelet's
# slices kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod<UID
# with `-` as `_`>.slice and, below the pod's slice, containerd's scopes
# cri-containerd-<ID>.scope (runc's systemd driver names them
# <prefix>-<ID>.scope). A v1 node with the systemd driver has exactly these
# directories in its pids hierarchy; a v2 node has them in its unified one
# (scenario 258 replays that).
# 1. The pod's slice at podPidsLimit 4: a sidecar's scope with 2 tasks, the
#    sandbox's with 1 (a process named pause), bash in the app's scope
#    refused at its first sleeper. `check --pid` (text and JSON) must name
#    the pod and list its scopes as containerd's containers, largest first,
#    the sandbox and this container marked; report names the pod's slice.
# 2. The pod unlimited, the app's own scope at 4 (a limit kubelet never
#    sets): report and check name the container's scope and say so.
. "$(dirname "$0")/lib.sh"
need_root

v1_pids_root
uid=9e4a7c12-5b3d-4f60-8a2e-7c1d0b9f3a64
# Container ids: 64 hex digits each, as containerd makes them.
cid() { printf 259-%s "$1" | sha256sum | cut -c1-64; }
app=$(cid app) sidecar=$(cid sidecar) sandbox=$(cid sandbox)
top="$mnt/forkexplain-259-$$"
kubepods="$top/kubepods.slice"
qos="$kubepods/kubepods-burstable.slice"
pod="$qos/kubepods-burstable-pod${uid//-/_}.slice"
appscope="$pod/cri-containerd-$app.scope"
for d in "$top" "$kubepods" "$qos" "$pod" "$pod/cri-containerd-$sidecar.scope" "$pod/cri-containerd-$sandbox.scope" "$appscope"; do
	mkdir "$d"
	on_exit "rmdir '$d'"
done
for d in "$appscope" "$pod/cri-containerd-$sidecar.scope" "$pod/cri-containerd-$sandbox.scope"; do
	on_exit "empty_cgroup '$d'"
done

cp "$(command -v sleep)" "$WORK/pause"
bash -c "echo \$\$ > '$pod/cri-containerd-$sandbox.scope/cgroup.procs'; exec '$WORK/pause' 200" &
on_exit "kill_tree $!"
bash -c "echo \$\$ > '$pod/cri-containerd-$sidecar.scope/cgroup.procs'; sleep 200 & wait" &
on_exit "kill_tree $!"
pod_settled() {
	[ "$(cat "$pod/pids.current")" = 3 ] &&
		[ "$(cat "/proc/$(head -n 1 "$pod/cri-containerd-$sandbox.scope/cgroup.procs")/comm")" = pause ]
}
wait_for 30 pod_settled || fail "the pod does not hold its sidecar's 2 and the sandbox's 1: $(cat "$pod/pids.current")"

forks_script
app_container() { forks_in "$appscope" "$1" "$2"; }
podpath="/forkexplain-259-$$/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod${uid//-/_}.slice"

# 1. podPidsLimit=4: the 3 above and bash; bash's first sleeper is refused.
fork_refused_in "$pod" "$appscope" app_container

check_names "is Kubernetes pod $uid's pids limit (room for 0 more; 1 of its 4 tasks in this container, 3 in the pod's other containers)" \
	"the pod's slice and the other containers' share"
# Largest first, the two of 1 task by directory name (the sandbox's
# cri-containerd-6c6f… before the app's cri-containerd-d87c…).
expected=$(printf '%s\n' \
	"         2 tasks in containerd container ${sidecar:0:12}" \
	"         1 task in containerd container ${sandbox:0:12} (the pod's sandbox: pause)" \
	"         1 task in containerd container ${app:0:12} (this container)")
grep -A4 -F "is Kubernetes pod $uid's pids limit" "$WORK/check.txt" | sed -n '2,4p' >"$WORK/levels.txt"
[ "$(cat "$WORK/levels.txt")" = "$expected" ] ||
	fail "check does not list the pod's scopes as containerd's, largest first: $(cat "$WORK/check.txt")"
if grep -q "systemd unit kubepods\|in the pod's level itself" "$WORK/check.txt"; then
	fail "check named the pod's slice a unit, or tasks in it: $(cat "$WORK/check.txt")"
fi
# JSON: each child level (cgroup, tasks, sandbox, this container), then
# this container's tasks, the others', the pod level's own, complete.
got=$(jq -r '.container | [(.child_levels[] | "\(.cgroup) \(.tasks) \(.sandbox // false) \(.this_container // false)"),
	"\(.container_tasks) \(.other_containers_tasks) \(.pod_level_tasks) \(.child_levels_complete)"] | join(",")' "$WORK/check.json") ||
	fail "check's JSON does not parse: $(cat "$WORK/check.json")"
want="cri-containerd-$sidecar.scope 2 false false,cri-containerd-$sandbox.scope 1 true false,cri-containerd-$app.scope 1 false true,1 3 0 true"
[ "$got" = "$want" ] || fail "check's JSON container: $got, not $want"

LOG="$WORK/fork.jsonl"
expect verdict=cgroup_pids_limit call=fork errno=EAGAIN binding="$podpath" binding_not=cri-containerd \
	advice='`podPidsLimit: 68` in the KubeletConfiguration' advice='its other containers hold 3 of its 4 tasks' \
	not_advice='set-property' not_advice='TasksMax' rec.cgroups.pids.1.path="$podpath" rec.cgroups.pids.1.max=4
report_workload "containerd (CRI) container ${app:0:12}, Kubernetes pod $uid (burstable)"

# 2. The pod unlimited, the app's own scope at 4.
echo max >"$pod/pids.max"
mv "$WORK/fork.jsonl" "$WORK/pod.jsonl"
fork_refused_in "$appscope" "$appscope" app_container
check_names "is containerd (CRI) container ${app:0:12} (Kubernetes pod $uid)'s pids limit (room for 0 more)" "the container's scope"
check_names "kubelet sets no pids limit on a container" "that kubelet sets none there"
expect verdict=cgroup_pids_limit binding="$podpath/cri-containerd-$app.scope" \
	advice="podPidsLimit is on the pod's level, $podpath" not_advice='set-property' rec.cgroups.pids.0.max=4

runs_clean_in "$appscope" app_container
echo "ok: the pod's slice and the container's scope in the systemd driver's names were named as kubelet's and the container's in report and check, the scopes listed as containerd's with the sandbox marked"
