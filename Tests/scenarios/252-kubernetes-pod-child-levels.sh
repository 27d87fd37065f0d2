# check names a full Kubernetes pod's child levels one by one, made for
# real on this kernel's v1 pids hierarchy with kubelet's cgroupfs layout
# (docs/kernel-facts.md §11.147, §11.150): the pod's level
# /kubepods/burstable/pod<UID> with podPidsLimit 5, below it a sidecar's
# container (2 tasks), the sandbox's (1 task, a process named pause), an
# exited init container's (0 tasks) and the app's, where bash forks until
# the pod is full; one sleeper sits in the pod's level itself. `check
# --pid` (text and --format json) must list each level with its
# pids.current, largest first, the pause level as the sandbox, the app's
# as this container's, and the task in no container's level.
. "$(dirname "$0")/lib.sh"
need_root

v1_pids_root
uid=5d2b7c91-4a3e-4f8b-9c6d-1e0f2a3b4c5d
app=4f1e0c7a9b2d48e6a1c3f5b7d9e0a2c4b6d8f0e1a3c5b7d9f1e3a5c7b9d1f3a5
sidecar=8a6c4e2f0b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3c
sandbox=b7d9f1a3c5e70a2c4e6a8c0e2a4c6e8a0c2e4a6c8e0a2c4e6a8c0e2a4c6e8a0c
init=c0ffee0a2c4e6a8c0e2a4c6e8a0c2e4a6c8e0a2c4e6a8c0e2a4c6e8a0c2e4a6c
top="$mnt/forkexplain-252-$$"
pod="$top/kubepods/burstable/pod$uid"
for d in "$top" "$top/kubepods" "$top/kubepods/burstable" "$pod" "$pod/$sidecar" "$pod/$sandbox" "$pod/$init" "$pod/$app"; do
	mkdir "$d"
	on_exit "rmdir '$d'"
done
for d in "$pod/$app" "$pod/$sidecar" "$pod/$sandbox" "$pod"; do
	on_exit "empty_cgroup '$d'"
done

# The sandbox: the pause image's one process, a sleep binary named pause
# so its comm is `pause` as /pause's is.
cp "$(command -v sleep)" "$WORK/pause"
bash -c "echo \$\$ > '$pod/$sandbox/cgroup.procs'; exec '$WORK/pause' 200" &
on_exit "kill_tree $!"
# The sidecar: a shell and one sleeper; one more sleeper in the pod's
# level itself, in no container's.
bash -c "echo \$\$ > '$pod/$sidecar/cgroup.procs'; sleep 200 & wait" &
on_exit "kill_tree $!"
bash -c "echo \$\$ > '$pod/cgroup.procs'; exec sleep 200" &
on_exit "kill_tree $!"
pod_settled() {
	[ "$(cat "$pod/$sidecar/pids.current")" = 2 ] && [ "$(cat "$pod/$sandbox/pids.current")" = 1 ] &&
		[ "$(cat "$pod/pids.current")" = 4 ] && [ "$(cat "/proc/$(head -n 1 "$pod/$sandbox/cgroup.procs")/comm")" = pause ]
}
wait_for 30 pod_settled || fail "the pod does not hold 2+1+1 tasks: $(cat "$pod/pids.current") $(cat "$pod/$sidecar/pids.current") $(cat "$pod/$sandbox/pids.current")"

# podPidsLimit=5: the 4 above and bash; bash's first sleeper is refused.
forks_script
echo 5 >"$pod/pids.max"
: >"$WORK/fork.out"
(timeout 240 bash -c "echo \$\$ > '$pod/$app/cgroup.procs'
	LD_PRELOAD=$SHIM FORKEXPLAIN_BACKTRACE=0 FORKEXPLAIN_LOG=$WORK/fork.jsonl exec bash $WORK/forks.sh" >"$WORK/fork.out" 2>&1 || true) &
runner=$!
on_exit "kill_tree $runner"
expect_output "$WORK/fork.out" 'fork: (retry: )?Resource temporarily unavailable'
inner=$(head -n 1 "$pod/$app/cgroup.procs")
[ -n "$inner" ] || fail "no task in the app's container"
[ "$(cat "$pod/pids.current")" = 5 ] || fail "the pod is not full: $(cat "$pod/pids.current") of 5"
"$FORKEXPLAIN" check --pid "$inner" >"$WORK/check.txt" 2>&1 || true
"$FORKEXPLAIN" check --format json --pid "$inner" >"$WORK/check.json" 2>&1 || true
wait "$runner" || true

check_names "is Kubernetes pod $uid's pids limit (room for 0 more; 1 of its 5 tasks in this container, 4 in the pod's other containers)" \
	"the pod and the other containers' share"
# Largest first; the two of 1 task by directory name (the app's 4f1e…
# before the sandbox's b7d9…).
expected=$(printf '%s\n' \
	"         2 tasks in container ${sidecar:0:12}" \
	"         1 task in container ${app:0:12} (this container)" \
	"         1 task in container ${sandbox:0:12} (the pod's sandbox: pause)" \
	"         0 tasks in container ${init:0:12}" \
	"         1 task in the pod's level itself, in no container's")
grep -A5 -F "is Kubernetes pod $uid's pids limit" "$WORK/check.txt" | tail -n 5 >"$WORK/levels.txt"
[ "$(cat "$WORK/levels.txt")" = "$expected" ] ||
	fail "check does not list the pod's levels largest first: $(cat "$WORK/check.txt")"

got=$(jq -c '[.container.child_levels[] | [.cgroup, .tasks, (.sandbox // false), (.this_container // false)]]' "$WORK/check.json") ||
	fail "check's JSON does not parse: $(cat "$WORK/check.json")"
want="[[\"$sidecar\",2,false,false],[\"$app\",1,false,true],[\"$sandbox\",1,true,false],[\"$init\",0,false,false]]"
[ "$got" = "$want" ] || fail "check's JSON child_levels: $got, not $want"
got=$(jq -c '[.container.container_tasks, .container.other_containers_tasks, .container.pod_level_tasks, .container.more_child_levels, .container.child_levels_complete, .container.child_levels[0].name]' "$WORK/check.json")
want="[1,4,1,0,true,\"container ${sidecar:0:12}\"]"
[ "$got" = "$want" ] || fail "check's JSON pod counts: $got, not $want"
echo "ok: check on the full pod listed its 4 child levels (2, 1, 1 pause, 0 tasks) largest first and the 1 task in the pod's own level, in text and JSON"
