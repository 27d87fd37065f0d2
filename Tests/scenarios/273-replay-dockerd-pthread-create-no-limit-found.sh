# docker 18.03 on 355 running containers: "runtime/cgo: pthread_create
# failed: Resource temporarily unavailable ... We were unable to pinpoint
# the exact resource limit ... more than enough memory available (~100
# GiB) ... kernel.pid_max is set to 229376, systemd TasksMax is set
# infinity" (https://github.com/docker/for-linux/issues/343, open;
# docs/kernel-facts.md §11.178). On the state the thread shows, with every
# limit the record reads far from its maximum, the report must say so and
# name no limit: not memory, not pid_max, not the unit's pids.
. "$(dirname "$0")/lib.sh"

replay dockerd-355-containers pthread_create EAGAIN
expect verdict=unexplained call=pthread_create errno=EAGAIN confidence=low binding='no limit identified' \
	evidence='RAM + swap: 25.7 GiB of 125.8 GiB (20 %)' evidence='kernel.pid_max: 7400 of 229076 (3 %)' \
	advice='fork rejected by pids controller' not_verdict=memory_exhausted not_verdict=pid_max \
	not_verdict=cgroup_pids_limit not_verdict=threads_max not_family=oom \
	rec.pid.pid_max=229376 rec.cgroups.pids.0.max=max rec.limits.nproc_exempt=root
rc=0
FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" "$FORKEXPLAIN" check >"$WORK/check" || rc=$?
[ "$rc" = 0 ] || fail "check exited $rc, not 0: $(cat "$WORK/check")"
grep -qF 'ok   kernel.pid_max: 7400 of 229076 (3 %)' "$WORK/check" || fail "check lacks pid_max: $(cat "$WORK/check")"
echo "ok: dockerd's refused thread with every limit in view far from full: no limit named, memory not blamed"
