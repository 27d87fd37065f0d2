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

# under_run OUT CMD...: CMD under `forkexplain run` as a task of the
# cgroup; its status in PROGRAM_STATUS, its output in OUT.
under_run() {
	local out=$1
	shift
	PROGRAM_STATUS=0
	timeout 60 bash -c "echo \$\$ > '$CG/cgroup.procs'
		exec '$FORKEXPLAIN' run --log '$LOG' --color never -- $*" >"$out" 2>&1 || PROGRAM_STATUS=$?
}

# The probe: sh and its cat stand where git and its child will.
under_run "$WORK/probe" sh -c "'cat $CG/pids.current'"
tasks=$(grep -xE '[0-9]+' "$WORK/probe" | head -n 1)
[ -n "$tasks" ] && [ "$tasks" -ge 4 ] || fail "the probe counted no tasks: $(cat "$WORK/probe")"
echo "the cgroup holds $tasks tasks with \`forkexplain run\`, sh and cat in it"

# run's own threads may start a little earlier or later: one below the
# count first, then the counts around it, until git's own words show.
refused=""
for max in $((tasks - 1)) $((tasks - 2)) "$tasks"; do
	echo "$max" >"$CG/pids.max"
	rm -f "$LOG"
	under_run "$WORK/git.out" git -C "$WORK/repo" -c "alias.x='!true'" x
	if grep -qE '^error: cannot fork\(\) for true: Resource temporarily unavailable$' "$WORK/git.out"; then
		refused=$max
		break
	fi
	echo "pids.max $max: git did not print its refused fork (status $PROGRAM_STATUS): $(head -c 300 "$WORK/git.out")" >&2
done
[ -n "$refused" ] || fail "git's fork was not refused at pids.max $((tasks - 2))..$tasks"
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
