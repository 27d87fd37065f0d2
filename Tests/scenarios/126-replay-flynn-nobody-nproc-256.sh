# A Flynn PaaS host (Ubuntu 14.04, kernel 3.13, libvirt-lxc jobs): Flynn's
# containerinit gave every job RLIMIT_NPROC 256 "to match Heroku", and
# most jobs run as nobody, so a dozen instances of one app shared one
# count: "fork: Resource temporarily unavailable"
# (github.com/flynn/flynn/pull/1554, merged: the default limit removed;
# the long-term fix a uid per job). Each job has a PID namespace but no
# user namespace: its /proc shows 20 of nobody's tasks, the 3.13 kernel
# has no pids controller, pid_max and threads-max are far. rlimit_nproc,
# inferred at medium confidence, with the count shared by every job of the
# uid and the per-job uid and cgroup limits as the fix.
. "$(dirname "$0")/lib.sh"
need_root
spare_uid 61000 61999
replay_as "$SPARE_UID" flynn-nobody-nproc-256 fork EAGAIN
expect verdict=rlimit_nproc family=denial call=fork errno=EAGAIN confidence=medium \
	binding="RLIMIT_NPROC of uid $SPARE_UID" evidence='PID namespace of its own' \
	evidence='predates the pids controller' evidence="only the 20 in this PID namespace" \
	advice='a uid of its own' advice='Limit a container by its cgroup' advice="ps -L -u $SPARE_UID" \
	not_advice='rlimit-nproc' not_evidence='not reached: RLIMIT_NPROC' not_verdict=unexplained not_verdict=cgroup_pids_limit not_family=oom \
	rec.limits.nproc.soft=256 rec.limits.uid_tasks=20 rec.kernel=3.13.0-52-generic
"$FORKEXPLAIN" report "$LOG" >"$WORK/report.txt" || fail "report (text) failed"
grep -q 'RLIMIT_NPROC' "$WORK/report.txt" || fail "the text report does not name RLIMIT_NPROC: $(head -20 "$WORK/report.txt")"
"$FORKEXPLAIN" explain "fork: Resource temporarily unavailable" >"$WORK/explain" || fail "explain failed on bash's line"
grep -q 'rlimit_nproc' "$WORK/explain" && grep -q 'other containers too' "$WORK/explain" ||
	fail "explain does not offer RLIMIT_NPROC shared with other containers: $(cat "$WORK/explain")"
