# mongod past RLIMIT_NPROC of its user: it starts a thread for every
# client connection, and a refused one logs "pthread_create failed" with
# "Resource temporarily unavailable" and closes that connection
# (https://github.com/overleaf/overleaf/issues/263 in 3.x's words;
# https://github.com/canonical/mongodb-operator/issues/576 in 4.4 and
# later's JSON; docs/kernel-facts.md §11.96). No mongod is installable
# here, so a small server replays it: a detached thread of 1 MiB stack
# per connection and mongod's own log lines on failure
# (programs/mongod_replay.c, built as `mongod`), as a spare uid under
# `prlimit --nproc=40` and `forkexplain run`, while a client opens
# connections until one is closed. The verdict must be the mongod user's
# RLIMIT_NPROC with MongoDB's own fix, `explain` on the logged line must
# name MongoDB and RLIMIT_NPROC, and under the advised limit every
# connection gets its thread.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/webserver_lib.sh"
need prlimit
NPROC=40
PORT=18205
server_setup "forkexplain-field20-mongod-$$" max "62130 62179"
cc -std=c11 -D_GNU_SOURCE -O1 -pthread -o "$SERVER_DIR/mongod" "$PROGRAMS/mongod_replay.c" ||
	fail "cannot build the mongod replay"

# mongod under LIMIT (prlimit's soft:hard), its pid in SERVER_DIR.
mongod() {
	serve "$WORK/out" prlimit "--nproc=$1" "$SERVER_DIR/mongod" "$PORT" "$SERVER_DIR/mongod.pid"
	wait_for 60 grep -q '"Waiting for connections"' "$WORK/out" ||
		fail "the mongod replay did not start: $(cat "$WORK/out")"
}

mongod "$NPROC:$NPROC"
"$PYTHON" "$PROGRAMS/connections.py" "$PORT" 200 >"$WORK/client" || fail "the client failed: $(cat "$WORK/client")"
grep -q '^closed at ' "$WORK/client" || fail "no connection was closed under RLIMIT_NPROC $NPROC: $(cat "$WORK/client")"
held=$(sed -n 's/^held //p' "$WORK/client")
# The main thread and one thread per held connection fill the uid's count.
[ "$held" = $((NPROC - 1)) ] || fail "the client held $held connections, not $((NPROC - 1))"
stop_server "$SERVER_DIR/mongod.pid"
expect_output "$WORK/out" '"id":4850900,.*"msg":"pthread_create failed","attr":\{"error":"Resource temporarily unavailable"\}'
expect verdict=rlimit_nproc family=denial call=pthread_create errno=EAGAIN confidence=high \
	evidence="MongoDB's server, its user's tasks counted" evidence="RLIMIT_NPROC $NPROC caps its connections" \
	advice='`LimitNPROC=64000`' advice='/etc/security/limits.d/99-mongodb-nproc.conf'
explain_reads "$(grep -m1 '"id":4850900' "$WORK/out")" 'MongoDB (mongod / mongos)' cgroup_pids_limit \
	'EAGAIN while creating a thread' 'RLIMIT_NPROC of the mongod user' '`ulimit -u 64000`'

# MongoDB's limit: the same client's connections all get their thread.
fix=$(advised rlimit_nproc 'ulimit -u [0-9]+')
limit=${fix#ulimit -u }
mongod "$limit:$limit"
"$PYTHON" "$PROGRAMS/connections.py" "$PORT" $((NPROC * 3)) >"$WORK/client" ||
	fail "the client failed with $fix: $(cat "$WORK/client")"
stop_server "$SERVER_DIR/mongod.pid"
grep -qx "held $((NPROC * 3))" "$WORK/client" || fail "with $fix a connection was closed: $(cat "$WORK/client")"
[ ! -s "$LOG" ] || fail "the shim recorded a failure with $fix: $(cat "$LOG")"
echo "ok: the mongod replay held $held connections under RLIMIT_NPROC $NPROC and was named with MongoDB's fix; with $fix all $((NPROC * 3)) got a thread"
