# An aks-engine cluster upgraded to Kubernetes 1.14.1: nginx ingress and
# RabbitMQ pods fail "pthread_create() failed (11: Resource temporarily
# unavailable)" (github.com/Azure/aks-engine/issues/1270). The upgraded
# apimodel kept `"--pod-max-pids": "100"`, inert until 1.14 enabled
# SupportPodPidsLimit by default (aks-engine#1055); -1 fixed it (pull 1508).
# Docker with the cgroupfs driver on cgroup v1 (Ubuntu 16.04, kernel 4.15):
# the container sees its own level at max with 99 tasks, the pause
# container holds the 100th, and v1 counts the refusals in the container's
# pids.events. A hidden pod limit, high confidence, naming 100 as the likely
# value and kubelet's --pod-max-pids as the fix; not ulimit -u, not memory.
. "$(dirname "$0")/lib.sh"
replay aks-pod-max-pids-100 pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding='a level above this container' evidence='pids.events max 6 in /sys/fs/cgroup/pids' \
	evidence='no level visible from here has a limit' \
	evidence='99 tasks here are 1 short of 100' evidence='podPidsLimit 100' \
	advice='--pod-max-pids=' advice='podPidsLimit' not_advice='ulimit -u' not_verdict=rlimit_nproc \
	not_family=oom rec.cgroups.pids.0.max=max rec.cgroups.pids.0.current=99 rec.cgroups.pids.1=absent \
	rec.kernel=4.15.0-1042-azure
"$FORKEXPLAIN" report "$LOG" >"$WORK/text" || fail "the text report failed"
grep -q 'cgroup pids limit reached above this container' "$WORK/text" && grep -q 'pod-max-pids' "$WORK/text" ||
	fail "the text report does not name the pod's limit: $(head -20 "$WORK/text")"
line='2019/05/09 08:12:31 [alert] 61#61: pthread_create() failed (11: Resource temporarily unavailable)'
"$FORKEXPLAIN" explain "$line" >"$WORK/explain" || fail "explain failed on nginx's line"
grep -q 'EAGAIN' "$WORK/explain" || fail "explain does not read nginx's (11: ...) as EAGAIN: $(head -5 "$WORK/explain")"
grep -q 'cgroup_pids_limit' "$WORK/explain" ||
	fail "explain does not offer a pids limit for nginx's line: $(cat "$WORK/explain")"
