# A kubeasz cluster whose kubelet had podPidsLimit 1024 (kubeasz's default
# POD_MAX_PIDS): a JVM throws 'Exception in thread "main"
# java.lang.OutOfMemoryError: unable to create new native thread' while
# the limits inside the container and on the system are high and not
# reached; podPidsLimit -1 fixed it (github.com/easzlab/kubeasz/issues/1343).
# cgroup v2 (Ubuntu 22.04, kernel 5.15, containerd): the container sees its
# own level at max with 1023 tasks, the refusals counted there. Hidden
# cgroup_pids_limit above the container, high confidence, with kubelet's
# podPidsLimit as the fix and 1024 named as the likely value.
. "$(dirname "$0")/lib.sh"
replay kubeasz-pod-pids-1024 pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding='a level above this container' evidence='pids.events max 4 in /sys/fs/cgroup' \
	evidence='no level visible from here has a limit (pids.max max at /)' \
	evidence='1023 tasks here are 1 short of 1024' evidence='podPidsLimit 1024 is a common choice' \
	advice='`podPidsLimit: N` in the KubeletConfiguration' not_advice='echo' not_verdict=rlimit_nproc \
	not_family=oom rec.cgroups.pids.0.max=max rec.cgroups.pids.0.current=1023 rec.cgroups.pids.1=absent
"$FORKEXPLAIN" report "$LOG" >"$WORK/text" || fail "the text report failed"
grep -q 'cgroup pids limit reached above this container' "$WORK/text" && grep -q 'podPidsLimit' "$WORK/text" ||
	fail "the text report does not name the pod's limit: $(head -20 "$WORK/text")"
"$FORKEXPLAIN" explain 'Exception in thread "main" java.lang.OutOfMemoryError: unable to create new native thread' \
	>"$WORK/explain" || fail "explain failed on the thread's line"
grep -q 'EAGAIN while creating a thread, printed by the JVM (HotSpot)' "$WORK/explain" ||
	fail "explain does not read HotSpot's line as a refused thread: $(head -3 "$WORK/explain")"
first=$(grep -m1 -E '^1\. ' "$WORK/explain")
case "$first" in
*"podPidsLimit"*"[cgroup_pids_limit]"*) ;;
*) fail "explain's first cause is not the pids limit with podPidsLimit named: $first" ;;
esac
