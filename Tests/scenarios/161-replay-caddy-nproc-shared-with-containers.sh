# Caddy from caddyserver/dist runs as user caddy with LimitNPROC=512, and
# "some other docker containers seem to use the same UID for their
# processes" (postgres, redis-server, node, chrome...): Caddy crashes with
# "runtime: failed to create new OS thread (have 8 already; errno=11)"
# (https://github.com/caddyserver/dist/issues/107, "Switch systemd unit to
# TasksMax"; the message is caddy#1802's). Without user namespaces the
# containers' uid is the host's, and RLIMIT_NPROC counts their 504 tasks
# with Caddy's 8. Replayed as the uid, as pthread_create (Caddy's raw clone
# is not the shim's to see): rlimit_nproc, naming the other PID namespaces
# (limits.uid_tasks_other_pidns) and the fix the thread reached (another
# uid for one side, TasksMax= rather than LimitNPROC=), not pids or memory.
. "$(dirname "$0")/lib.sh"
need_root
spare_uid 61000 61999
replay_as "$SPARE_UID" caddy-nproc-shared-with-containers pthread_create EAGAIN
expect verdict=rlimit_nproc family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding="RLIMIT_NPROC of uid $SPARE_UID" evidence="uid $SPARE_UID has 512 tasks" \
	evidence="504 of uid $SPARE_UID's 512 tasks are in other PID namespaces" \
	advice="Containers run as uid $SPARE_UID too (504 of its tasks)" advice='userns-remap' \
	advice='`TasksMax=` in its unit' advice="ps -L -u $SPARE_UID -o pid,pidns,comm" \
	not_advice='Or run the workload under its own uid' not_verdict=cgroup_pids_limit not_family=oom \
	rec.limits.nproc.soft=512 rec.limits.uid_tasks=512 rec.limits.uid_tasks_other_pidns=504
printf 'runtime: failed to create new OS thread (have 8 already; errno=11)\nruntime: may need to increase max user processes (ulimit -u)\nfatal error: newosproc\n' \
	>"$WORK/crash"
"$FORKEXPLAIN" explain "$(cat "$WORK/crash")" >"$WORK/explain" || fail "explain failed on Caddy's crash"
grep -q 'printed by Go (runtime)' "$WORK/explain" && grep -q 'rlimit_nproc' "$WORK/explain" ||
	fail "explain does not read Caddy's crash as Go's refused thread: $(head -8 "$WORK/explain")"
