# Agenta's dev stack in docker compose: `pids_limit: 20` on its workers,
# below the 22 and 24 PIDs they hold at rest; worker-streams failed every
# batch with "[INGEST] Failed to read batch: can't start new thread" for 21
# hours while docker called it healthy; raising the cap to 64 fixed it
# (github.com/Agenta-AI/agenta/pull/7011). Docker Engine on Ubuntu 24.04
# (kernel 6.8, cgroup v2, the container in its own cgroup namespace):
# watchmedo's reloader and the Python worker hold 20 of 20. A full limit on
# the container's own level, high confidence, with compose's pids_limit as
# a fix; Python's "can't start new thread" is not a memory problem.
. "$(dirname "$0")/lib.sh"
replay agenta-compose-pids-20 pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding="this container's own cgroup" binding='docker container' evidence='pids.current 20 = pids.max 20' \
	evidence='pids.events max 4412' advice='pids_limit:' advice='docker update --pids-limit' \
	not_evidence='DefaultTasksMax' not_verdict=rlimit_nproc not_family=oom rec.cgroups.pids.0.max=20 \
	rec.cgroups.pids.0.current=20 rec.kernel=6.8.0-45-generic
advised cgroup_pids_limit 'docker update --pids-limit [0-9]+ [0-9a-f]{12}' >"$WORK/fix" ||
	fail "no docker update with a number in the advice"
n=$(sed -n 's/.*--pids-limit \([0-9]*\).*/\1/p' "$WORK/fix" | head -1)
[ "${n:-0}" -gt 24 ] || fail "the advised limit $n does not cover the 24 PIDs the worker holds at rest"
"$FORKEXPLAIN" explain "[INGEST] Failed to read batch: can't start new thread" >"$WORK/explain" ||
	fail "explain failed on the worker's line"
grep -q 'cgroup_pids_limit' "$WORK/explain" ||
	fail "explain does not offer a pids limit for Python's line: $(cat "$WORK/explain")"
