# Shared by the PostgreSQL scenarios (203, 204): Debian's PostgreSQL
# server runs for real, under `forkexplain run`, as a spare uid, with no
# TCP listener (its Unix socket in the server's own directory). Sourced
# after lib.sh and webserver_lib.sh (server_setup, serve, served).

# The newest installed major version's binaries: PG_BIN, and PG_MAJOR from
# the path (/usr/lib/postgresql/15/bin), as the record's stack shows it.
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1) || true
[ -n "$PG_BIN" ] && [ -x "$PG_BIN/postgres" ] || fail "PostgreSQL is not installed here; .ci/run installs 'postgresql'"
PG_MAJOR=$(basename "$(dirname "$PG_BIN")")
getent passwd postgres >/dev/null || fail "no postgres account: the 'postgresql' package makes it"
# An idle server's tasks: the postmaster and its 5 auxiliary processes
# on 15 to 17 (docs/kernel-facts.md §11.94).
PG_IDLE=6

# pg_init: a new cluster in SERVER_DIR/data, owned by the spare uid.
# initdb looks its user up by name, which a spare uid has not, so the
# postgres account makes it in a directory of its own and hands it over.
pg_init() {
	local init="$WORK/pg-init"
	mkdir "$init"
	chown postgres "$init"
	setpriv --reuid=postgres --regid=postgres --clear-groups \
		"$PG_BIN/initdb" -D "$init/data" -U postgres --auth=trust -N >"$WORK/initdb.out" 2>&1 ||
		fail "initdb failed: $(tail -n 5 "$WORK/initdb.out")"
	mv "$init/data" "$SERVER_DIR/data"
	chown -R "$SERVER_UID:$SERVER_UID" "$SERVER_DIR/data"
}

# pg_serve SETTINGS...: the postmaster on that cluster, each SETTING a
# `-c name=value`, its log on stderr (run's output, OUT), served, started
# through PG_START (a command that execs the rest: prlimit, for a limit
# of the server's own). Waits until it accepts connections, with its
# auxiliary processes started.
PG_START=()
pg_serve() {
	local setting args=()
	for setting in "$@"; do args+=(-c "$setting"); done
	serve "$WORK/out" "${PG_START[@]}" "$PG_BIN/postgres" -D "$SERVER_DIR/data" -c listen_addresses= \
		-c unix_socket_directories="$SERVER_DIR" "${args[@]}"
	wait_for 60 grep -q 'ready to accept connections' "$WORK/out" ||
		fail "the postmaster did not start: $(tail -n 20 "$WORK/out")"
	wait_for 60 cgroup_holds "$CG" "$PG_IDLE" ||
		fail "PostgreSQL $PG_MAJOR did not settle at $PG_IDLE tasks: $(cat "$CG/pids.current")"
}

# pg_stop: a fast shutdown by the postmaster's pid, and run's end.
pg_stop() {
	kill -INT "$(head -n 1 "$SERVER_DIR/data/postmaster.pid")"
	served
}

# pg_connect N: opens client N, a psql holding its connection for a while
# (outside the cgroup: the clients are not the server's), its output in
# WORK/psqlN. Waits until its backend counts in the cgroup (TASKS more) or
# psql has ended; CLIENT_ENDED says which. The clients are killed on exit.
PSQLS=()
on_exit 'for p in "${PSQLS[@]}"; do kill_tree "$p"; done'
pg_connect() {
	local n=$1 tasks=$2
	timeout -k 5 150 "$PG_BIN/psql" -h "$SERVER_DIR" -U postgres -d postgres -Atc 'select pg_sleep(120)' \
		>"$WORK/psql$n" 2>&1 &
	local pid=$!
	PSQLS+=("$pid")
	wait_for 60 pg_settled "$pid" "$tasks" || fail "client $n neither connected nor ended: $(cat "$WORK/psql$n")"
	CLIENT_ENDED=0
	kill -0 "$pid" 2>/dev/null || CLIENT_ENDED=1
}

# pg_settled PID TASKS: psql PID has ended, or the cgroup holds TASKS.
pg_settled() {
	! kill -0 "$1" 2>/dev/null || [ "$(cat "$CG/pids.current")" -ge "$2" ]
}

# pg_fill: clients until the postmaster's fork for one is refused, which
# psql reports in the log's words. Sets CONNECTED, the clients served.
pg_fill() {
	local n=0
	while [ "$n" -lt 60 ]; do
		n=$((n + 1))
		pg_connect "$n" $((PG_IDLE + n))
		[ "$CLIENT_ENDED" = 0 ] || break
	done
	grep -q 'could not fork new process for connection: Resource temporarily unavailable' "$WORK/psql$n" ||
		fail "client $n ended without the refused fork: $(cat "$WORK/psql$n")"
	CONNECTED=$((n - 1))
}

# pg_fixed CONNS: the server again with max_connections = CONNS, under
# the same limit: CONNS clients connect, 3 more are turned away by
# PostgreSQL itself ("too many clients already"), and no fork is refused.
pg_fixed() {
	local conns=$1 connected=0 refused=0 k
	pg_serve "max_connections=$conns"
	for k in $(seq 1 $((conns + 3))); do
		pg_connect "fix$k" $((PG_IDLE + connected + 1))
		if [ "$CLIENT_ENDED" = 0 ]; then
			connected=$((connected + 1))
			continue
		fi
		grep -q 'too many clients already' "$WORK/psqlfix$k" ||
			fail "with max_connections = $conns client $k ended otherwise: $(cat "$WORK/psqlfix$k")"
		refused=$((refused + 1))
	done
	pg_stop
	! grep -q 'could not fork' "$WORK/out" ||
		fail "the postmaster still could not fork with max_connections = $conns: $(grep 'could not fork' "$WORK/out")"
	[ ! -s "$LOG" ] || fail "the shim recorded a failure with max_connections = $conns: $(cat "$LOG")"
	[ "$connected" = "$conns" ] && [ "$refused" = 3 ] ||
		fail "with max_connections = $conns, $connected clients connected and $refused were turned away, not $conns and 3"
}
