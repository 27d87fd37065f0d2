# Node's "Error: spawn ... EAGAIN" in AWS Lambda: a function that runs a
# binary shipped in its package (/var/task/bin/...) per request and keeps
# the children shares the environment's 1,024 processes and threads with
# Node's own threads (docs/kernel-facts.md §11.116). As in scenario 212,
# Lambda's mechanism is not published and 1,024 tasks of a uid are too
# many to fill safely here: the same shape under a smaller bound of the
# same kind, a spare uid with RLIMIT_NPROC 12, Node's code at
# /var/task/index.js and the binary at /var/task/bin/worker (a tmpfs /var
# in a private mount namespace). main's `explain` gave Node's generic
# advice; the error's path must now name Lambda's quota and fix, and the
# report must bind RLIMIT_NPROC. Fewer children kept at once fit the same
# bound.
. "$(dirname "$0")/lib.sh"
need_root
need node
need setpriv
need unshare

spare_uid 63170 63219
uid=$SPARE_UID
on_exit "kill_uid $uid"
log_owned_by "$uid"

# spawn COUNT OUT: node keeping COUNT children of /var/task/bin/worker,
# as the uid under `ulimit -u 12`.
spawn() {
	timeout 60 unshare -m bash -c "set -e
		mount --make-rprivate /
		mount -t tmpfs -o mode=755 tmpfs /var
		mkdir -p /var/task/bin
		cp '$PROGRAMS/spawn_children.js' /var/task/index.js
		printf '#!/bin/sh\nexec sleep 120\n' > /var/task/bin/worker
		chmod 755 /var/task/bin/worker
		cd /var/task
		exec setpriv --reuid $uid --regid $uid --clear-groups --inh-caps=-all \
			bash -c 'ulimit -u 12 && FORKEXPLAIN_LOG=$LOG LD_PRELOAD=$SHIM exec node /var/task/index.js /var/task/bin/worker $1'" \
		>"$2" 2>&1
}
rc=0
spawn 20 "$WORK/out" || rc=$?
[ "$rc" -eq 3 ] || fail "node exited $rc keeping 20 children under RLIMIT_NPROC 12, expected 3: $(cat "$WORK/out")"
expect_output "$WORK/out" '^uncaughtException Error: spawn /var/task/bin/worker EAGAIN'
grep -q "errno: -11" "$WORK/out" || fail "node's error has no errno -11: $(cat "$WORK/out")"
expect verdict=rlimit_nproc family=denial errno=EAGAIN binding="$uid" rec.process.comm=node
explain_reads "$(cat "$WORK/out")" 'Node.js (child_process)' cgroup_pids_limit 'EAGAIN while creating a process' \
	'AWS Lambda' 'at most 1,024 processes and threads together' 'cannot be increased' '§11.116'
# The error without Lambda's paths is Node's advice alone.
"$FORKEXPLAIN" explain 'Error: spawn /usr/local/bin/worker EAGAIN' >"$WORK/plain"
! grep -q 'Lambda' "$WORK/plain" || fail "explain names Lambda without its paths: $(cat "$WORK/plain")"

# Fewer children kept at once fit the same bound.
uid_idle() { [ -z "$(ps -o pid= -u "$uid")" ]; }
kill_uid "$uid"
wait_for 10 uid_idle || fail "the uid's children did not exit: $(ps -o pid=,comm= -u "$uid")"
: >"$LOG"
spawn 3 "$WORK/fewer" || fail "node could not keep 3 children under RLIMIT_NPROC 12: $(cat "$WORK/fewer")"
expect_output "$WORK/fewer" '^spawned 3$'
echo "ok: node's spawn of /var/task/bin/worker was refused EAGAIN under RLIMIT_NPROC 12; explain names Lambda's 1,024 and the report the uid's limit; 3 children fit"
