# git runs its aliases, hooks, helpers and transports as child processes
# and says so when the fork is refused: "error: cannot fork() for NAME:
# Resource temporarily unavailable" (run-command.c), and a clone that
# cannot fork git-upload-pack ends "fatal: unable to fork"
# (docs/kernel-facts.md §11.112). main's forkexplain did not know git
# printed them. Reproduced for real with this machine's git: as the only
# task a pids cgroup has room for (pids.max 3, a holder and a sleeper in
# it) under the preloaded shim, an alias (`!true`) and a local clone each
# fail to fork; then as a spare uid under `prlimit --nproc=1`. report must
# name the cgroup's limit, then RLIMIT_NPROC; explain on git's own stderr
# must name git with that cause first; and after the report's advised
# write to pids.max the same alias runs.
. "$(dirname "$0")/lib.sh"
need_root
need git
need prlimit
need setpriv
git init -q "$WORK/repo" || fail "git init failed"
git -C "$WORK/repo" -c user.email=s@example.org -c user.name=s commit -q --allow-empty -m one ||
	fail "git commit failed"
pids_cgroup "forkexplain-208-git-$$" 3 2

# in_cgroup OUT GIT-ARGS...: git, preloaded, as the cgroup's third task
# (bash joins it and execs env, which execs git). Its status is left in
# PROGRAM_STATUS, its output in OUT.
in_cgroup() {
	local out=$1
	shift
	PROGRAM_STATUS=0
	timeout 60 bash -c "echo \$\$ > '$CG/cgroup.procs'
		exec env LD_PRELOAD='$SHIM' FORKEXPLAIN_LOG='$LOG' git $*" >"$out" 2>&1 || PROGRAM_STATUS=$?
}

in_cgroup "$WORK/alias" -C "$WORK/repo" -c "alias.x='!true'" x
[ "$PROGRAM_STATUS" != 0 ] || fail "git's alias ran with no room for its child: $(cat "$WORK/alias")"
expect_output "$WORK/alias" '^error: cannot fork\(\) for true: Resource temporarily unavailable$'
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN confidence=high \
	binding="/forkexplain-208-git-$$" rec.process.comm=git
explain_reads "$(cat "$WORK/alias")" git cgroup_pids_limit 'EAGAIN while creating a process' \
	'git holds a child or two at a time'

rm -f "$LOG"
in_cgroup "$WORK/clone.out" clone -q "$WORK/repo" "$WORK/cloned"
[ "$PROGRAM_STATUS" != 0 ] || fail "git clone forked with no room: $(cat "$WORK/clone.out")"
expect_output "$WORK/clone.out" '^fatal: unable to fork$'
expect_output "$WORK/clone.out" "^error: cannot fork\(\) for git-upload-pack '.*': Resource temporarily unavailable$"
explain_reads "$(grep -x 'fatal: unable to fork' "$WORK/clone.out")" git cgroup_pids_limit \
	'EAGAIN or ENOMEM while creating a process' 'git-upload-pack or ssh'

# forkexplain's own fix, applied: the cgroup's pids.max raised, and the
# same alias starts its child.
fix=$(advised cgroup_pids_limit 'echo [0-9]+ > /[^ ]*/pids\.max')
[ "${fix#* > }" = "$CG/pids.max" ] || fail "the advice writes ${fix#* > }, not $CG/pids.max"
bash -c "$fix" || fail "the advised '$fix' failed"
rm -f "$LOG"
in_cgroup "$WORK/roomy" -C "$WORK/repo" -c "alias.x='!true'" x
[ "$PROGRAM_STATUS" = 0 ] || fail "git's alias failed with room for its child: $(cat "$WORK/roomy")"
[ ! -s "$LOG" ] || fail "the shim recorded a failure with room: $(cat "$LOG")"

# RLIMIT_NPROC: a spare uid's only task is git itself, under a limit of 1.
spare_uid 62320 62369
on_exit "kill_uid $SPARE_UID"
mkdir "$WORK/as-$SPARE_UID"
chown "$SPARE_UID" "$WORK/as-$SPARE_UID"
LOG="$WORK/as-$SPARE_UID/log.jsonl"
PROGRAM_STATUS=0
(cd "$WORK/as-$SPARE_UID" && timeout 60 setpriv --reuid="$SPARE_UID" --regid="$SPARE_UID" --clear-groups \
	prlimit --nproc=1 env HOME="$WORK/as-$SPARE_UID" LD_PRELOAD="$SHIM" FORKEXPLAIN_LOG="$LOG" \
	git -c "alias.x=!true" x) >"$WORK/nproc" 2>&1 || PROGRAM_STATUS=$?
[ "$PROGRAM_STATUS" != 0 ] || fail "git's alias ran under RLIMIT_NPROC 1: $(cat "$WORK/nproc")"
expect_output "$WORK/nproc" '^error: cannot fork\(\) for true: Resource temporarily unavailable$'
expect verdict=rlimit_nproc family=denial call=fork errno=EAGAIN rec.process.comm=git
explain_reads "$(cat "$WORK/nproc")" git cgroup_pids_limit 'EAGAIN while creating a process' 'RLIMIT_NPROC'
echo "ok: git's real fork failures in a pids cgroup of 3 (alias, clone) and under RLIMIT_NPROC 1 were reported as the cgroup's limit and RLIMIT_NPROC, explain named git on its own words, and after the advised '$fix' the alias ran"
