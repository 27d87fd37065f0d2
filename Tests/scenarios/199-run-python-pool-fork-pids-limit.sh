# A Python job's multiprocessing Pool dies with "BlockingIOError: [Errno
# 11] Resource temporarily unavailable" with memory free
# (https://github.com/facebookresearch/DrQA/issues/235, ForkPoolWorker-50;
# https://github.com/seomoz/qless-py/issues/32, `cpid = os.fork()`).
# Pool() starts a worker per CPU the host shows, whatever a container's
# limits (docs/kernel-facts.md §11.89). Reproduced for real: Debian's
# python3 with Pool(8) in a pids cgroup with room for 7 of its tasks.
# Pool forks its workers first and starts its 3 threads after them, so
# the 7th worker's fork is refused; a pool whose workers fit but whose
# threads do not fails later, with "can't start new thread". main's `explain` read the traceback's last line
# as "a process or thread" with no program, and `run` advised a leak hunt;
# both must name Python's fork and Pool(processes=N) (`run` with N for
# the limit: 9 - 4, less this cgroup's holder of 2), which then starts.
. "$(dirname "$0")/lib.sh"
need_root
# 2 for the holder, 7 for python: main and 6 workers, or main, 2
# workers and the pool's 3 threads.
pids_cgroup "forkexplain-field19-pool-$$" 9 2

# pool N OUT: the pool of N workers in the cgroup, under the shim.
pool() {
	PROGRAM_STATUS=0
	FORKEXPLAIN_LOG="$LOG" timeout 60 bash -c "
		echo \$\$ > '$CG/cgroup.procs'
		LD_PRELOAD='$SHIM' exec '$PYTHON' '$PROGRAMS/pool_workers.py' $1" >"$2" 2>&1 || PROGRAM_STATUS=$?
}

pool 8 "$WORK/out"
[ "$PROGRAM_STATUS" != 0 ] || fail "8 workers started with room for 6: $(cat "$WORK/out")"
expect_output "$WORK/out" '^BlockingIOError: \[Errno 11\] Resource temporarily unavailable'
grep -q 'os.fork()' "$WORK/out" || fail "the traceback does not end in os.fork(): $(cat "$WORK/out")"
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN \
	binding="/forkexplain-field19-pool-$$" evidence='the failing process is Python forking' \
	advice='`Pool(processes=5)`' rec.process.comm=python3
explain_reads "$(grep -m1 '^BlockingIOError' "$WORK/out")" 'Python (os.fork / multiprocessing)' \
	cgroup_pids_limit 'EAGAIN while creating a process' 'not non-blocking I/O' 'Pool\(processes=N\)'
# The traceback as pasted: the os.fork() line above the error.
explain_reads "$(tail -n 3 "$WORK/out")" 'Python (os.fork / multiprocessing)' cgroup_pids_limit \
	'EAGAIN while creating a process'

# The advice's Pool(processes=N), less what else runs here (the holder's
# 2 tasks, as the advice says to subtract).
fix=$(advised cgroup_pids_limit 'Pool\(processes=[0-9]+\)')
n=$(tr -dc 0-9 <<<"$fix")
n=$((n - 2))
pool "$n" "$WORK/fixed.out"
[ "$PROGRAM_STATUS" = 0 ] && grep -q "^started $n\$" "$WORK/fixed.out" ||
	fail "Pool(processes=$n) did not start under the same limit (status $PROGRAM_STATUS): $(cat "$WORK/fixed.out")"
echo "ok: Pool(8) was refused its 7th worker as BlockingIOError from os.fork(); explain and run name Python's fork and Pool(processes=N), and the advised $fix less the holder's 2 starts under the same limit"
