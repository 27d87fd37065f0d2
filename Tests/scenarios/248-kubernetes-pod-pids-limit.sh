# A Kubernetes pod whose pids limit is full, made for real on this kernel's
# v1 pids hierarchy with kubelet's cgroupfs layout (docs/kernel-facts.md
# §11.147): kubelet makes the pod's level, /kubepods/burstable/pod<UID>,
# and writes podPidsLimit into its pids.max; each container's cgroup is
# made below it by the runtime (/kubepods/burstable/pod<UID>/<ID>). A
# "sidecar" holds 2 tasks in one container's cgroup; bash in the app's
# forks until the pod is full. `report` and `check --pid` must name the
# pod's level, the 2 tasks the pod's other containers hold, and kubelet's
# podPidsLimit. Then the pod's limit is raised (what a larger podPidsLimit
# gives a recreated pod) and the same script runs without a failure.
. "$(dirname "$0")/lib.sh"
need_root

v1_pids_root
uid=3c8f5a71-2e4b-4d9a-b6c1-7f0e9d2a4b58
app=4f1e0c7a9b2d48e6a1c3f5b7d9e0a2c4b6d8f0e1a3c5b7d9f1e3a5c7b9d1f3a5
sidecar=8a6c4e2f0b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3c
top="$mnt/forkexplain-248-$$"
pod="$top/kubepods/burstable/pod$uid"
for d in "$top" "$top/kubepods" "$top/kubepods/burstable" "$pod" "$pod/$sidecar" "$pod/$app"; do
	mkdir "$d"
	on_exit "rmdir '$d'"
done
on_exit "empty_cgroup '$pod/$app'"
on_exit "empty_cgroup '$pod/$sidecar'"

# The sidecar: a shell and one sleeper in its own container's cgroup, 2
# tasks of the pod's 4 before the app starts.
bash -c "echo \$\$ > '$pod/$sidecar/cgroup.procs'; sleep 200 & wait" &
sidecar_pid=$!
on_exit "kill_tree $sidecar_pid"
sidecar_started() { [ "$(cat "$pod/$sidecar/pids.current")" = 2 ]; }
wait_for 30 sidecar_started || fail "the sidecar's cgroup does not hold 2 tasks: $(cat "$pod/$sidecar/pids.current")"

forks_script
container() { forks_in "$pod/$app" "$1" "$2"; }

# 1. podPidsLimit=4: the sidecar's 2, bash and 1 sleeper; the 2nd sleeper
# is refused. check on the node while the pod is full.
fork_refused_in "$pod" "$pod/$app" container
check_names "is Kubernetes pod $uid's pids limit (room for 0 more; 2 of its 4 tasks in this container, 2 in the pod's other containers)" \
	"the pod and its sidecar's share"
check_names '`podPidsLimit: 68` in the KubeletConfiguration' "kubelet's podPidsLimit"
check_names "for d in $pod/*/" "how to count each container's tasks"

LOG="$WORK/fork.jsonl"
podpath="/forkexplain-248-$$/kubepods/burstable/pod$uid"
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding="$podpath" \
	advice='`podPidsLimit: 68` in the KubeletConfiguration' advice='its other containers hold 2 of its 4 tasks' \
	not_advice='docker update' not_advice='TasksMax' rec.cgroups.pids.1.max=4 rec.cgroups.pids.1.path="$podpath" \
	rec.cgroups.pids.0.path="$podpath/$app"
"$FORKEXPLAIN" report --color never "$LOG" >"$WORK/report.txt" || fail "report exited $?"
grep -q "is Kubernetes pod $uid's own level, where kubelet writes podPidsLimit" "$WORK/report.txt" ||
	fail "report does not name the pod's level: $(cat "$WORK/report.txt")"
grep -q "of its 4 tasks 2 are in this container's cgroup ($podpath/$app) and 2 in the pod's other containers" "$WORK/report.txt" ||
	fail "report does not give the sidecar's share: $(cat "$WORK/report.txt")"
grep -q "^  Workload: .*Kubernetes pod $uid" "$WORK/report.txt" ||
	fail "report does not name the pod: $(grep Workload "$WORK/report.txt" || cat "$WORK/report.txt")"

# 2. A larger limit (what a larger podPidsLimit gives the recreated pod): the same script runs.
runs_clean_in "$pod" container
echo "ok: the pod's refused fork named the pod level, the sidecar's 2 tasks and podPidsLimit in report and check; with its pids.max raised bash started 4 sleepers"
