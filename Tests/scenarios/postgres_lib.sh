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
# `-c name=value`, its log on stderr (run's output, OUT), served. Waits
# until it accepts connections.
pg_serve() {
	local setting args=()
	for setting in "$@"; do args+=(-c "$setting"); done
	serve "$WORK/out" "$PG_BIN/postgres" -D "$SERVER_DIR/data" -c listen_addresses= \
		-c unix_socket_directories="$SERVER_DIR" "${args[@]}"
	wait_for 60 grep -q 'ready to accept connections' "$WORK/out" ||
		fail "the postmaster did not start: $(tail -n 20 "$WORK/out")"
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
