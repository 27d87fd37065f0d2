# report's advice for an nginx worker's refused thread-pool thread and for
# a cron that runs as a user (docs/kernel-facts.md §11.111, §11.110,
# §11.141). nginx and cron are not installed here, so the programs are
# STAND-INS, not nginx and cron: this repository's threader.c and forker.c
# built under the names `nginx` and `cron` (what comm, and so report, goes
# by), run under the shim, each refused for real by this kernel. The
# "worker" starts threads as a spare uid (nginx's `user`) in a pids cgroup
# of its own until pids.max refuses one, as nginx's ngx_thread_pool_init
# does for each pool; the "cron" forks as another spare uid under
# RLIMIT_NPROC until refused, as a cron run by a user forks its jobs.
# main's report gave both the limit's generic advice (a leak hunt; for a
# user's cron nothing of cron, as the daemon's advice is root's): it must
# now size the pools to the limit, and name the user's count and the jobs
# that pile up.
. "$(dirname "$0")/lib.sh"
need_root
need setpriv
need prlimit
need cc

cc -std=c11 -D_GNU_SOURCE -O1 -o "$WORK/nginx" "$PROGRAMS/threader.c" -lpthread 2>"$WORK/cc.err" ||
	fail "cannot build the nginx stand-in: $(cat "$WORK/cc.err")"
cc -std=c11 -D_GNU_SOURCE -O1 -o "$WORK/cron" "$PROGRAMS/forker.c" 2>"$WORK/cc.err" ||
	fail "cannot build the cron stand-in: $(cat "$WORK/cc.err")"

# The worker: 21 tasks in its cgroup, 2 of them the holder's.
spare_uid 62300 62319
worker=$SPARE_UID
on_exit "kill_uid $worker"
pids_cgroup "forkexplain-241-nginx-$$" 21 2
log_owned_by "$worker"
PROGRAM_STATUS=0
timeout 60 bash -c "echo \$\$ > '$CG/cgroup.procs'
	exec setpriv --reuid $worker --regid $worker --clear-groups env FORKEXPLAIN_LOG='$LOG' LD_PRELOAD='$SHIM' \
		'$WORK/nginx' 64" >"$WORK/nginx.out" 2>&1 || PROGRAM_STATUS=$?
expect_output "$WORK/nginx.out" '^threader: pthread_create: Resource temporarily unavailable after [0-9]+ threads$'
# (21 − the master, a cache manager and loader) ÷ 2 workers − 1 = 8; ÷ 4 − 1 = 3.
expect verdict=cgroup_pids_limit call=pthread_create errno=EAGAIN binding="/forkexplain-241-nginx-$$" \
	rec.process.comm=nginx evidence="the failing process is an nginx worker (uid $worker) starting a thread pool" \
	evidence='`thread_pool NAME threads=N`' advice='`thread_pool default threads=8;`' advice='(3 for 4' \
	not_advice='for a leak' not_advice='`worker_processes 9;`'
"$FORKEXPLAIN" report --color never "$LOG" >"$WORK/nginx.txt" || fail "report failed on the worker's log"
grep -qF 'Or size the pools to the limit' "$WORK/nginx.txt" || fail "the text report lacks the pools' advice: $(cat "$WORK/nginx.txt")"

# The user's cron: RLIMIT_NPROC 6 of its uid, cron and its children.
spare_uid 62500 62519
user=$SPARE_UID
on_exit "kill_uid $user"
log_owned_by "$user"
PROGRAM_STATUS=0
timeout 60 prlimit --nproc=6 setpriv --reuid "$user" --regid "$user" --clear-groups \
	env FORKEXPLAIN_LOG="$LOG" LD_PRELOAD="$SHIM" "$WORK/cron" 32 >"$WORK/cron.out" 2>&1 || PROGRAM_STATUS=$?
expect_output "$WORK/cron.out" '^forker: fork: Resource temporarily unavailable \(after 5 children\)$'
expect verdict=rlimit_nproc call=fork errno=EAGAIN rec.process.comm=cron rec.process.uid="$user" \
	evidence="the failing process is cron as uid $user, not root" evidence='forks for every job and again' \
	advice="\`ps -L -U $user --no-headers | wc -l\`" advice="--ppid \$(pgrep -u $user -o -x cron)" \
	advice='`flock -n /tmp/JOB.lock COMMAND`' not_advice='cron.service room'
echo "ok: the nginx stand-in's refused pool thread (uid $worker, pids.max 21) got threads=8 for 2 workers, 3 for 4; the user's cron stand-in (uid $user, RLIMIT_NPROC 6, 5 children) got the user's count and its piled-up jobs"
