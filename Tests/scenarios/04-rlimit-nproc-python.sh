# RLIMIT_NPROC for a non-root uid: real python3 starts children with
# subprocess (vfork through the PLT, so the shim's vfork stub runs) until
# the uid's task count reaches `ulimit -u`, and Python raises
# BlockingIOError [Errno 11]. The limit counts every task of the real uid.
# Then the limit forkexplain advises is set the way it says, and the same
# program starts more children than the old limit let it.
. "$(dirname "$0")/lib.sh"
need_root
need setpriv
[ -x "$PYTHON" ] || fail "$PYTHON is missing"

# A uid nobody uses, so that the count is ours alone.
spare_uid 61234 61299
uid=$SPARE_UID

cp "$PROGRAMS/spawn_bomb.py" "$WORK/"
touch "$LOG"
chown "$uid" "$LOG"
# The uid was unused before we started, so whatever runs under it is ours.
on_exit "kill_uid $uid"
# as_uid LIMIT COUNT OUT: python starting COUNT children as the uid, after
# LIMIT (a `ulimit` command) in its launching shell.
as_uid() {
	FORKEXPLAIN_LOG="$LOG" timeout 60 setpriv --reuid "$uid" --regid "$uid" --clear-groups --inh-caps=-all \
		bash -c "$1 && LD_PRELOAD='$SHIM' exec '$PYTHON' '$WORK/spawn_bomb.py' $2" >"$3" 2>&1 || true
}
as_uid 'ulimit -u 12' 100 "$WORK/out"
expect_output "$WORK/out" 'BlockingIOError: \[Errno 11\] Resource temporarily unavailable'
started=$(sed -n 's/^after \([0-9]*\) children:$/\1/p' "$WORK/out")
[ -n "$started" ] && [ "$started" -lt 30 ] || fail "python started ${started:-?} children under ulimit -u 12, expected fewer than 30"

expect verdict=rlimit_nproc family=denial errno=EAGAIN not_family=oom binding="$uid" evidence='12'
# Read as an operator: the holders are every uid's; a process the workload
# line puts in the host's cgroups gets no container advice (a /.dockerenv
# left in a VM image made it "docker" before).
"$FORKEXPLAIN" report --color never "$LOG" >"$WORK/report.txt" || fail "report exited $?"
grep -q '^  Top PID holders on the host (every process, of any uid):$' "$WORK/report.txt" ||
	fail "the report does not say whose holders it lists: $(grep -A1 'Top PID' "$WORK/report.txt")"
if grep -q "^  Workload: in the host's cgroups, not a container's" "$WORK/report.txt"; then
	expect verdict=rlimit_nproc not_advice='every container and process' advice='ulimit -u'
fi

# The fix as advised, in the launching shell: 30 children, which the old
# limit refused, now start.
fix=$(advised rlimit_nproc 'ulimit -u [0-9]+')
: >"$LOG"
as_uid "$fix" 30 "$WORK/fixed.out"
expect_output "$WORK/fixed.out" '^started 30 children without a failure$'
[ ! -s "$LOG" ] || fail "the shim recorded failures after '$fix': $(head -c 400 "$LOG")"
echo "ok: after the advised '$fix', python started 30 children (it stopped at $started under ulimit -u 12)"
