# Apache's event MPM in a container whose pids limit is below one child's
# threads: "[alert] [pid 14] AH00480: apr_thread_create: unable to create
# worker thread" for each child (or AH03104, the same refusal at another
# call site in 2.4.71), then "AH02324: A resource shortage or
# other unrecoverable failure was encountered before any child process
# initialized successfully... httpd is exiting!"
# (https://github.com/camptocamp/docker-mapserver/issues/515, Ubuntu's
# apache2 -D FOREGROUND as the container's pid 1 on an older Docker
# engine). Each child starts ThreadsPerChild workers (default 25) beside
# its main, listener and starting threads (docs/kernel-facts.md §11.84).
# Reproduced for real: Debian's apache2 with its default sizes in a pids
# cgroup of 20, under `forkexplain run`. main's forkexplain named the limit
# but sent the operator to a leak hunt ("check the top holders for a
# leak"); it must weigh ThreadsPerChild and ServerLimit against the
# limit, and the advised sizes then start a child that serves under the
# same limit.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/webserver_lib.sh"
need curl
need apache2
PORT=18197
LIMIT=20
server_setup "forkexplain-field18-event-$$" "$LIMIT" "61800 61849"

apache event "$PORT" ""
served
# AH00480 or AH03104, whichever call site the child was refused at first.
server_refused "$SERVER_DIR/error.log" 'AH0(0480|3104): ap_thread_create: unable to create worker thread' \
	'AH02324: A resource shortage'
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding="/forkexplain-field18-event-$$" evidence='Apache httpd with a threaded MPM' \
	evidence='ServerLimit × (ThreadsPerChild + 3) + 1 tasks against pids.max 20' \
	advice='`ThreadsPerChild 16`' advice='`ServerLimit 1`' not_advice='for a leak' rec.process.comm=apache2
explain_reads "$(grep -m1 -E 'AH0(0480|3104)' "$SERVER_DIR/error.log")" 'Apache httpd' cgroup_pids_limit \
	'EAGAIN while creating a thread' 'ServerLimit × \(ThreadsPerChild \+ 3\) \+ 1'

# The advised sizes, under the same limit: the child starts and serves.
sizes=""
for directive in ThreadsPerChild ServerLimit StartServers MaxRequestWorkers; do
	sizes+="$(advised cgroup_pids_limit "$directive [0-9]+")"$'\n'
done
children=$(sed -n 's/^ServerLimit //p' <<<"$sizes")
threads=$(sed -n 's/^ThreadsPerChild //p' <<<"$sizes")
apache event "$PORT" "$sizes"
wait_for 60 curl -fsS -o /dev/null "http://127.0.0.1:$PORT/index.html" ||
	fail "apache does not serve with $(tr '\n' ' ' <<<"$sizes"): $(cat "$SERVER_DIR/error.log")"
wait_for 60 cgroup_holds "$CG" $((children * (threads + 2) + 1)) ||
	fail "apache did not start $children children of $threads workers: $(cat "$CG/pids.current") tasks"
stop_server "$SERVER_DIR/httpd.pid"
! grep -qE 'AH0(0480|3104|2324)' "$SERVER_DIR/error.log" || fail "apache still failed: $(cat "$SERVER_DIR/error.log")"
[ ! -s "$LOG" ] || fail "the shim recorded a failure with the advised sizes: $(cat "$LOG")"
echo "ok: the event MPM's default children past a limit of $LIMIT are named with their numbers; with ThreadsPerChild $threads and ServerLimit $children apache serves"
