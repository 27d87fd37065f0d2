# GOV.UK's postgresql-primary (Ubuntu 14.04, kernel 3.13): wal-e's backup
# push, run as the postgres user, fails in fork with EAGAIN: "we are
# reaching the limit of number of processes of 256 as we now allow 300 db
# connections for a postgres user" (github.com/alphagov/govuk-puppet/pull/7369,
# which raised nproc to 1024). One backend per connection under the same
# uid: rlimit_nproc of that uid, naming the backends that share it, with
# the pre-5.14 rule (one count per uid) and a raise to 1024.
. "$(dirname "$0")/lib.sh"
need_root
spare_uid 61000 61999
replay_as "$SPARE_UID" trusty-postgres-nproc fork EAGAIN
expect verdict=rlimit_nproc family=denial call=fork errno=EAGAIN confidence=high \
	evidence="uid $SPARE_UID has 256 tasks" evidence='postgres (pid 2' advice='ulimit -u 1024' \
	not_evidence='since 5.14' not_verdict=cgroup_pids_limit not_verdict=memory_exhausted \
	rec.limits.nproc.soft=256 rec.limits.uid_tasks=256
grep -q 'real_cred->user->processes' "$WORK/report.json" || fail "the kernel rule is not 3.13's per-uid count"
