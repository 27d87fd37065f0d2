# PostgreSQL's postmaster past its container's or unit's task limit: it
# logs "could not fork new process for connection: Resource temporarily
# unavailable" and the client gets the same words
# (https://github.com/sameersbn/docker-gitlab/issues/2278: GitLab's
# PostgreSQL container, "I just did docker-compose up"). The postmaster
# forks a backend per connection beside its auxiliary processes (5 on
# 15 to 17), and autovacuum and parallel workers, so max_connections must
# fit the limit with them (docs/kernel-facts.md §11.94). Reproduced for
# real: Debian's PostgreSQL in a pids cgroup of 20, psql clients until a
# fork is refused, under `forkexplain run`. main's forkexplain named the
# limit but sent the operator to a leak hunt; it must count the version's
# auxiliary processes and give max_connections from the limit, and the
# advised max_connections then turns the extra clients away with "too
# many clients" instead of a refused fork, under the same limit.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/webserver_lib.sh"
. "$(dirname "$0")/postgres_lib.sh"
LIMIT=20
server_setup "forkexplain-field20-pg-$$" "$LIMIT" "62030 62079"
pg_init

pg_serve max_connections=40
# The postmaster and its auxiliary processes, measured: a worker that
# autovacuum starts meanwhile would count too, so it is read, not assumed.
wait_for 60 cgroup_holds "$CG" 6 || fail "PostgreSQL $PG_MAJOR did not settle at 6 tasks: $(cat "$CG/pids.current")"
n=0
while [ "$n" -lt 30 ]; do
	n=$((n + 1))
	pg_connect "$n" $((6 + n))
	[ "$CLIENT_ENDED" = 0 ] || break
done
grep -q 'could not fork new process for connection: Resource temporarily unavailable' "$WORK/psql$n" ||
	fail "client $n ended without the refused fork: $(cat "$WORK/psql$n")"
[ "$n" -ge $((LIMIT - 6 - 1)) ] || fail "only $((n - 1)) clients connected under pids.max $LIMIT"
pg_stop
server_refused "$WORK/out" 'LOG:  could not fork new process for connection: Resource temporarily unavailable'
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN confidence=high \
	binding="/forkexplain-field20-pg-$$" evidence="PostgreSQL $PG_MAJOR's postmaster" \
	evidence="pids.max $LIMIT holds the postmaster" advice='`max_connections = ' not_advice='for a leak'
explain_reads "$(grep -m1 'could not fork new process' "$WORK/out")" 'PostgreSQL' cgroup_pids_limit \
	'EAGAIN while creating a process' 'max_connections, autovacuum_max_workers'

# The advised size, under the same limit: the clients past it are turned
# away by PostgreSQL itself, and no fork is refused.
fix=$(advised cgroup_pids_limit 'max_connections = [0-9]+')
conns=${fix#max_connections = }
pg_serve "max_connections=$conns"
wait_for 60 cgroup_holds "$CG" 6 || fail "PostgreSQL did not settle at 6 tasks with $fix: $(cat "$CG/pids.current")"
connected=0
refused=0
for k in $(seq 1 $((conns + 3))); do
	pg_connect "fix$k" $((6 + connected + 1))
	if [ "$CLIENT_ENDED" = 0 ]; then
		connected=$((connected + 1))
		continue
	fi
	grep -q 'too many clients already' "$WORK/psqlfix$k" ||
		fail "with $fix client $k ended otherwise: $(cat "$WORK/psqlfix$k")"
	refused=$((refused + 1))
done
pg_stop
! grep -q 'could not fork' "$WORK/out" || fail "the postmaster still could not fork with $fix: $(grep 'could not fork' "$WORK/out")"
[ ! -s "$LOG" ] || fail "the shim recorded a failure with $fix: $(cat "$LOG")"
[ "$connected" = "$conns" ] && [ "$refused" = 3 ] ||
	fail "with $fix $connected clients connected and $refused were turned away, not $conns and 3"
echo "ok: PostgreSQL $PG_MAJOR took $((n - 1)) clients under pids.max $LIMIT and was named with its numbers; with $fix the clients past it got 'too many clients', no refused fork"
