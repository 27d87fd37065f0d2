# PostgreSQL's postmaster past RLIMIT_NPROC of its user: every backend is
# a process of the postgres user, so its unit's LimitNPROC= (or nproc in
# limits.conf for a server started from a login) counts the postmaster,
# its auxiliary processes and every connection (Tom Lane on a client's
# "resource temporarily unavailable": "a processes-per-user limit,
# preventing the postmaster from spawning more backend processes",
# https://www.postgresql.org/message-id/12612.1103945229%40sss.pgh.pa.us;
# docs/kernel-facts.md §11.94). Reproduced for real: Debian's PostgreSQL
# as a spare uid under `prlimit --nproc=16`, psql clients until a fork is
# refused, under `forkexplain run`; the pids cgroup only counts (no
# limit). The RLIMIT_NPROC verdict must give max_connections from the
# limit with the version's auxiliary processes, and the advised
# max_connections then works under the same limit.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/webserver_lib.sh"
. "$(dirname "$0")/postgres_lib.sh"
need prlimit
NPROC=16
server_setup "forkexplain-field20-pgnproc-$$" max "62080 62129"
pg_init
PG_START=(prlimit "--nproc=$NPROC:$NPROC")

pg_serve max_connections=40
pg_fill
[ "$CONNECTED" -ge $((NPROC - PG_IDLE - 1)) ] || fail "only $CONNECTED clients connected under RLIMIT_NPROC $NPROC"
pg_stop
expect_output "$WORK/out" 'LOG:  could not fork new process for connection: Resource temporarily unavailable'
expect_output "$WORK/out" "^rlimit_nproc — RLIMIT_NPROC reached by uid $SERVER_UID"
expect verdict=rlimit_nproc family=denial call=fork errno=EAGAIN confidence=high \
	evidence="PostgreSQL $PG_MAJOR's postmaster" evidence="RLIMIT_NPROC $NPROC holds the postmaster" \
	advice='`max_connections = '
explain_reads "$(grep -m1 'could not fork new process' "$WORK/out")" 'PostgreSQL' cgroup_pids_limit \
	'RLIMIT_NPROC of the postgres user'

fix=$(advised rlimit_nproc 'max_connections = [0-9]+')
pg_fixed "${fix#max_connections = }"
echo "ok: PostgreSQL $PG_MAJOR took $CONNECTED clients under RLIMIT_NPROC $NPROC and was named with its numbers; with $fix no fork is refused"
