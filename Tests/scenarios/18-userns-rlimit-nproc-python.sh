# RLIMIT_NPROC through ucounts, for real: root in a user namespace of its
# own (unshare -U -r, mapped to a spare host uid) is not exempt, and the
# count that binds is every task of that host uid, inside the namespace and
# outside it, capped at the RLIMIT_NPROC the namespace's creator had when
# it made the namespace (docs/kernel-facts.md §1.1, §6.4). Eight sleepers of
# the uid outside, a limit of 20: python inside stops after a few children
# with BlockingIOError, although its own uid 0 runs fewer than 20 tasks
# there. Then both fixes forkexplain advises are applied: a uid of its own
# (the same run under another spare uid) and the creator's limit raised as
# advised (the same uid, the same sleepers); each time the 14 children start.
# Last, the cap nobody inside can see: the creator's soft limit is 20 when
# it makes the namespace, root inside raises its own to 200, and the fork
# still fails at about 20 tasks of the host uid.
. "$(dirname "$0")/lib.sh"
need_root
need setpriv
need unshare
[ -x "$PYTHON" ] || fail "$PYTHON is missing"

spare_uid 61300 61349
uid=$SPARE_UID
spare_uid 61350 61399
other=$SPARE_UID
on_exit "kill_uid $uid"
on_exit "kill_uid $other"
cp "$PROGRAMS/spawn_bomb.py" "$WORK/"

# creator UID LIMIT SLEEPERS OUT: as UID, LIMIT (a `ulimit` command) in the
# shell that then makes the user namespace; SLEEPERS tasks of the uid wait
# outside it while root inside starts 14 children under the shim. The log
# is the uid's own, so that root inside (the uid on the host) can write it.
creator() {
	local log="$WORK/log-$1-$3.jsonl"
	: >"$log"
	chown "$1" "$log"
	LOG=$log
	timeout 60 setpriv --reuid "$1" --regid "$1" --clear-groups --inh-caps=-all bash -c "
		$2 || exit 91
		for ((i = 0; i < $3; i++)); do sleep 60 & done
		FORKEXPLAIN_LOG='$log' unshare -U -r --fork -- env LD_PRELOAD='$SHIM' '$PYTHON' '$WORK/spawn_bomb.py' 14
		kill \$(jobs -p) 2>/dev/null; wait" >"$4" 2>&1 || true
	grep -q 'unshare: ' "$4" && fail "cannot make a user namespace as uid $1 here: $(cat "$4")"
	return 0
}

# 1. The failure: uid 0 inside, host uid $uid with 8 tasks outside.
creator "$uid" 'ulimit -u 20' 8 "$WORK/out"
expect_output "$WORK/out" 'BlockingIOError: \[Errno 11\] Resource temporarily unavailable'
started=$(sed -n 's/^after \([0-9]*\) children:$/\1/p' "$WORK/out")
[ -n "$started" ] && [ "$started" -lt 14 ] || fail "python started ${started:-?} children, expected fewer than 14"
expect verdict=rlimit_nproc family=denial errno=EAGAIN confidence=high not_family=oom \
	binding="host uid $uid" evidence='≥ RLIMIT_NPROC soft limit 20' evidence="uid 0 runs in a user namespace" \
	evidence="host uid $uid" advice='a uid of its own' not_advice='ulimit -u N' \
	rec.process.uid=0 rec.limits.nproc_exempt=absent "rec.container.uid_map=[[0, $uid, 1]]"

# 2. The advised isolation: a uid of its own (nothing else runs as it),
# the same limit, the same 8 sleepers of the first uid still running.
advised rlimit_nproc '--userns=auto' >/dev/null
timeout 60 setpriv --reuid "$uid" --regid "$uid" --clear-groups --inh-caps=-all bash -c '
	for i in 1 2 3 4 5 6 7 8; do sleep 60 & done; exec sleep 60' &
sleepers=$!
creator "$other" 'ulimit -u 20' 0 "$WORK/own-uid.out"
[ "$(ps -o pid= -u "$uid" | wc -l)" -ge 9 ] || fail "the first uid's tasks were gone during the run"
kill_uid "$uid"
{ wait "$sleepers"; } 2>/dev/null || true
expect_output "$WORK/own-uid.out" '^started 14 children without a failure$'
[ ! -s "$LOG" ] || fail "the shim recorded failures under a uid of its own: $(head -c 400 "$LOG")"

# 3. The advised limit for the creator, read from the advice, with the
# first uid and its sleepers as in 1.
LOG="$WORK/log-$uid-8.jsonl"
fix=$(advised rlimit_nproc 'ulimit -u [0-9]+')
creator "$uid" "$fix" 8 "$WORK/raised.out"
expect_output "$WORK/raised.out" '^started 14 children without a failure$'
[ ! -s "$LOG" ] || fail "the shim recorded failures after '$fix': $(head -c 400 "$LOG")"

# 4. The creator's cap, hidden: /proc/PID/limits inside says 200.
spare_uid 61400 61449
capped=$SPARE_UID
on_exit "kill_uid $capped"
# hidden_cap LIMIT OUT: the creator runs LIMIT, root inside raises its own
# soft limit to 200 and starts 40 children.
hidden_cap() {
	: >"$LOG"
	timeout 60 setpriv --reuid "$capped" --regid "$capped" --clear-groups --inh-caps=-all bash -c "
		$1 || exit 91
		FORKEXPLAIN_LOG='$LOG' exec unshare -U -r --fork -- bash -c '
			ulimit -S -u 200 || exit 92
			LD_PRELOAD=$SHIM exec $PYTHON $WORK/spawn_bomb.py 40'" >"$2" 2>&1 || true
}
LOG="$WORK/log-hidden.jsonl"
touch "$LOG"
chown "$capped" "$LOG"
hidden_cap 'ulimit -S -u 20 && ulimit -H -u 200' "$WORK/hidden.out"
expect_output "$WORK/hidden.out" 'BlockingIOError: \[Errno 11\] Resource temporarily unavailable'
hidden=$(sed -n 's/^after \([0-9]*\) children:$/\1/p' "$WORK/hidden.out")
[ -n "$hidden" ] && [ "$hidden" -lt 20 ] || fail "python started ${hidden:-?} children under the creator's cap of 20"
expect verdict=rlimit_nproc family=denial errno=EAGAIN confidence=medium not_family=oom \
	binding="host uid $capped" evidence='RLIMIT_NPROC is 200' evidence='its creator had' evidence='host cgroup view' \
	advice="before it makes the namespace" rec.limits.nproc.soft=200
# The creator's limit as advised: the 40 children start.
creator_fix=$(advised rlimit_nproc 'ulimit -u [0-9]+')
hidden_cap "$creator_fix" "$WORK/hidden-raised.out"
expect_output "$WORK/hidden-raised.out" '^started 40 children without a failure$'
[ ! -s "$LOG" ] || fail "the shim recorded failures after the creator's '$creator_fix': $(head -c 400 "$LOG")"

echo "ok: in a user namespace python stopped at $started children (host uid $uid, 8 tasks outside, limit 20); with a uid of its own, and after the creator's '$fix', it started 14; under the creator's hidden cap of 20 (200 inside) it stopped at $hidden, and after the creator's '$creator_fix' it started 40"
