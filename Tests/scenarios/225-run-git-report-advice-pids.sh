# report on git's own refused fork says whose limit it is and what to
# look at (docs/kernel-facts.md §11.126): git holds a child or two, so the
# rest of the job filled the limit, and no git setting is the fix. main's
# report gave git's record the cgroup's verdict with no word on git;
# explain knew git's words (§11.112, scenario 208) but report did not
# know its comm. Reproduced for real with this machine's git under
# `forkexplain run`, as an operator would run it, in a pids cgroup sized
# so that git is its last task: a probe under the same `forkexplain run`
# counts the tasks run and its child take, and pids.max is set one below,
# then an alias (`!true`) cannot fork. report must name the cgroup's
# limit, say git's evidence and advice, and none of another program's.
. "$(dirname "$0")/lib.sh"
need_root
need git
git init -q "$WORK/repo" || fail "git init failed"
pids_cgroup "forkexplain-225-git-$$" max 2
probe_run_tasks
tasks=$RUN_TASKS

# One below the count first: git stands where sh stood, its child where cat did.
refused_at "$WORK/git.out" '^error: cannot fork\(\) for true: Resource temporarily unavailable$' \
	"$((tasks - 1)) $((tasks - 2)) $tasks" git -C "$WORK/repo" -c "alias.x='!true'" x
refused=$REFUSED
[ "$PROGRAM_STATUS" != 0 ] || fail "git's alias exited 0 with its child refused"
echo "git's alias could not fork at pids.max $refused"

expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding="/forkexplain-225-git-$$" \
	rec.process.comm=git evidence='the failing process is git (git): git runs its hooks, aliases' \
	evidence='git holds a child or two at a time' advice='Look beside git, not at it' \
	advice="echo " not_advice='worker_processes' not_advice='MaxStartups' not_evidence='runc init'
"$FORKEXPLAIN" report --color never "$LOG" >"$WORK/report.txt" || fail "report failed"
grep -qF 'no git setting shrinks its one or two children' "$WORK/report.txt" ||
	fail "the text report does not give git's advice: $(cat "$WORK/report.txt")"
echo "ok: git's real fork refused under \`forkexplain run\` at pids.max $refused was reported as the cgroup's limit with git's evidence and advice (look beside git), and no other program's knob"
