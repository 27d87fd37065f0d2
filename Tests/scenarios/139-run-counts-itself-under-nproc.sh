# RLIMIT_NPROC counts every task of the real uid, and `forkexplain run`
# runs as the uid it was started with: under `ulimit -u 10` for a uid made
# here, run's own thread is one of the 10. Its command (python) forks until
# refused; run's report says how many of the counted tasks were its own,
# and run's tasks + python + its children = the limit = limits.uid_tasks.
. "$(dirname "$0")/lib.sh"
need_root
need setpriv
need prlimit

spare_uid 61700 61749
uid=$SPARE_UID
on_exit "kill_uid $uid"
mkdir -m 0700 "$WORK/as"
chown "$uid" "$WORK/as"
log="$WORK/as/log.jsonl"
timeout 60 setpriv --reuid "$uid" --regid "$uid" --clear-groups prlimit --nproc=10 \
	"$FORKEXPLAIN" run --log "$log" --color never -- "$PYTHON" "$PROGRAMS/run_share.py" >"$WORK/out" 2>"$WORK/err" ||
	fail "run failed: $(cat "$WORK/err")"
run_share_counts "$WORK/out" 10 "the uid's"
LOG=$log
expect verdict=rlimit_nproc call=fork errno=EAGAIN rec.limits.uid_tasks=10
grep -qF "Counted: forkexplain run itself (pid $RUNNER) held $RUNNER_TASKS of the 10 tasks counted for uid $uid, as it runs as that uid too: the command and the uid's other processes held the other $((10 - RUNNER_TASKS))." "$WORK/err" ||
	fail "run did not say its $RUNNER_TASKS tasks were among the uid's: $(cat "$WORK/err")"
echo "ok: under ulimit -u 10, run's tasks ($RUNNER_TASKS) + python + $CHILDREN children = 10, and run says which were its own"
