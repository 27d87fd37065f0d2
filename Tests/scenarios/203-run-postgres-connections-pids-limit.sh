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
pg_fill
# An autovacuum worker running at that moment takes one of the slots.
[ "$CONNECTED" -ge $((LIMIT - PG_IDLE - 1)) ] || fail "only $CONNECTED clients connected under pids.max $LIMIT"
pg_stop
server_refused "$WORK/out" 'LOG:  could not fork new process for connection: Resource temporarily unavailable'
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN confidence=high \
	binding="/forkexplain-field20-pg-$$" evidence="PostgreSQL $PG_MAJOR's postmaster" \
	evidence="pids.max $LIMIT holds the postmaster" advice='`max_connections = ' not_advice='for a leak'
explain_reads "$(grep -m1 'could not fork new process' "$WORK/out")" 'PostgreSQL' cgroup_pids_limit \
	'EAGAIN while creating a process' 'max_connections, autovacuum_max_workers'

fix=$(advised cgroup_pids_limit 'max_connections = [0-9]+')
pg_fixed "${fix#max_connections = }"
echo "ok: PostgreSQL $PG_MAJOR took $CONNECTED clients under pids.max $LIMIT and was named with its numbers; with $fix the clients past it got 'too many clients', no refused fork"
