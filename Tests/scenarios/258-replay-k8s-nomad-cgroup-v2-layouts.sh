# Kubernetes and Nomad nodes on cgroup v2, as the node sees a pod's or a
# task's process (kubev2.py; docs/kernel-facts.md §11.157): the shim's own
# collection walks each fixture's unified hierarchy, and `report` and
# `check` (through the same FORKEXPLAIN_PROC_ROOT / FORKEXPLAIN_SYS_ROOT
# hooks) must name the binding level's owner in each layout:
# - kubelet's systemd driver: the pod's kubepods-burstable-pod<UID>.slice
#   full (podPidsLimit), containerd's cri-containerd-<ID>.scope below it;
# - the same pod with CRI-O, whose own pids_limit is its crio-<ID>.scope's
#   TasksMax= (runc's systemd driver writes it), the pod's limit not reached;
# - kubelet's cgroupfs driver on v2: kubepods/burstable/pod<UID>/<ID>;
# - a Nomad exec task's nomad.slice/share.slice/<allocID>.web.scope at a
#   pids.max of 512 that Nomad did not write (and that is no systemd default);
# - a Nomad docker task seen from inside its container, named by the
#   allocation's bind mounts, its own level at the job's pids_limit.
. "$(dirname "$0")/lib.sh"

uid=7d3e9b21-4c6a-4f08-b5e2-91a0c4d7f3b6
app=$("$PYTHON" -c 'import sys; sys.path.insert(0, sys.argv[1]); from kubev2 import APP; print(APP)' "$TOP/Tests/scenarios")
alloc=5c0e8f1a-3b7d-4e2c-9a61-0f4d2b8c7e13
sdpod="/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod${uid//-/_}.slice"

# checked MACHINE: check on the last replay's fixture, its text in $WORK/check.txt.
checked() {
	local rc=0
	FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" \
		"$FORKEXPLAIN" check >"$WORK/check.txt" 2>&1 || rc=$?
	[ "$rc" = 2 ] || fail "$1: check exited $rc, not 2 (critical): $(cat "$WORK/check.txt")"
}

# 1. systemd driver, containerd: the pod's slice full.
replay k8s-v2-systemd-pod-full pthread_create EAGAIN
expect verdict=cgroup_pids_limit binding="$sdpod" binding_not=cri-containerd \
	evidence="of its 1024 tasks 1000 are in this container's cgroup ($sdpod/cri-containerd-$app.scope) and 24 in the pod's other containers" \
	advice='`podPidsLimit: 2048` in the KubeletConfiguration' advice="for d in /sys/fs/cgroup$sdpod/*/" \
	not_advice='set-property' not_advice='TasksMax' rec.cgroups.pids.1.version=2 rec.cgroups.pids.1.max=1024 \
	rec.cgroups.pids.1.path="$sdpod" rec.cgroups.pids.1.dir="/sys/fs/cgroup$sdpod" rec.cgroups.pids.0.current=1000
report_workload "containerd (CRI) container ${app:0:12}, Kubernetes pod $uid (burstable)"
checked systemd-pod
check_names "is Kubernetes pod $uid's pids limit (room for 0 more; 1000 of its 1024 tasks in this container, 24 in the pod's other containers)" "the pod on the systemd driver"
check_names '`podPidsLimit: 2048`' "kubelet's podPidsLimit"

# 2. systemd driver, CRI-O: the container's own scope full.
replay k8s-v2-crio-scope-full pthread_create EAGAIN
expect verdict=cgroup_pids_limit binding="$sdpod/crio-$app.scope" \
	advice='`pids_limit = 2000` in crio.conf' not_advice='set-property' not_advice='DefaultTasksMax' \
	rec.cgroups.pids.0.max=1000 rec.cgroups.pids.1.max=4096
report_workload "CRI-O container ${app:0:12}, Kubernetes pod $uid (burstable)"
checked crio-scope
check_names "is CRI-O container ${app:0:12} (Kubernetes pod $uid)'s pids limit (room for 0 more)" "CRI-O's container scope"
check_names '`pids_limit = 2000` in crio.conf' "CRI-O's pids_limit"
if grep -q "is systemd unit crio-" "$WORK/check.txt"; then
	fail "check named CRI-O's scope a unit's TasksMax=: $(cat "$WORK/check.txt")"
fi

# 3. cgroupfs driver on v2.
pod="/kubepods/burstable/pod$uid"
replay k8s-v2-cgroupfs-pod-full pthread_create EAGAIN
expect verdict=cgroup_pids_limit binding="$pod" binding_not="$app" \
	evidence="of its 1024 tasks 1000 are in this container's cgroup ($pod/$app)" \
	advice='`podPidsLimit: 2048`' rec.cgroups.pids.1.version=2 rec.cgroups.pids.1.path="$pod"
report_workload "container ${app:0:12}, Kubernetes pod $uid (burstable)"
checked cgroupfs-pod
check_names "is Kubernetes pod $uid's pids limit (room for 0 more; 1000 of its 1024 tasks in this container, 24 in the pod's other containers)" "the pod on the cgroupfs driver"

# 4. Nomad on v2: the task's scope.
scope="/nomad.slice/share.slice/$alloc.web.scope"
replay nomad-v2-task-full pthread_create EAGAIN
expect verdict=cgroup_pids_limit binding="$scope" advice="Nomad writes no pids limit into a task's cgroup" \
	advice="echo 1024 > /sys/fs/cgroup$scope/pids.max" not_advice='set-property' not_advice='DefaultTasksMax' \
	not_evidence='DefaultTasksMax' rec.cgroups.pids.0.max=512
report_workload "Nomad task \"web\" (allocation $alloc)"
checked nomad-task
check_names "is Nomad task \"web\" (allocation $alloc)'s pids limit (room for 0 more)" "the Nomad task"
# 5. A Nomad docker task, from inside its container: the allocation's
# /etc/hosts and the task's /etc/resolv.conf name it; its own level full.
replay nomad-v2-docker-task-full pthread_create EAGAIN
expect verdict=cgroup_pids_limit advice="the job's \`pids_limit = 512\` in the task's \`config\` block" \
	advice='plugin "docker"' not_advice='pids_limit:` in compose' rec.cgroups.pids.0.max=256 \
	rec.container.bind_roots./etc/hosts="/opt/nomad/data/alloc/$alloc/hosts"
report_workload "docker container, Nomad task \"web\" (allocation $alloc)"
echo "ok: on v2 layouts report and check named the pod's slice (systemd driver), CRI-O's scope, the cgroupfs pod, the Nomad task and the Nomad docker task, each with its owner's fix"
