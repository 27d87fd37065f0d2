# Apache's prefork MPM under a task limit smaller than its
# MaxRequestWorkers: "(11)Resource temporarily unavailable: AH00159:
# fork: Unable to fork new process", "caused by systemctl default task
# limit of 614" (https://github.com/virtualmin/virtualmin-gpl/issues/680,
# Debian's apache2.service under systemd's default TasksMax= with
# MaxRequestWorkers above it). prefork forks a process per worker beside
# its parent (docs/kernel-facts.md §11.83). Reproduced for real: Debian's
# apache2 with MaxRequestWorkers 10 in a pids cgroup of 6 (what TasksMax=
# makes), under `forkexplain run`. main's forkexplain named the limit but
# told the operator to look for a leak; it must weigh MaxRequestWorkers
# against the limit with its numbers, and the advised MaxRequestWorkers
# then starts every worker, serving, under the same limit.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/webserver_lib.sh"
need curl
need apache2
PORT=18196
server_setup "forkexplain-field18-prefork-$$" 6 "61750 61799"
sizes() { printf '%s\n' "StartServers $1" "MinSpareServers $1" "MaxSpareServers $1" "ServerLimit $1" "MaxRequestWorkers $1"; }

apache prefork "$PORT" "$(sizes 10)"
expect_output "$SERVER_DIR/error.log" 'AH00159: fork: Unable to fork new process'
stop_server "$SERVER_DIR/httpd.pid"
[ "$PROGRAM_STATUS" = 0 ] || fail "run exited $PROGRAM_STATUS, not apache's 0: $(tail -n 5 "$WORK/out")"
server_refused "$SERVER_DIR/error.log"
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN confidence=high \
	binding="/forkexplain-field18-prefork-$$" evidence="Apache httpd's parent with the prefork MPM" \
	evidence='pids.max 6 holds the parent and at most 5 workers' advice='`MaxRequestWorkers 5`' \
	not_advice='for a leak' rec.process.comm=apache2
explain_reads "$(grep -m1 AH00159 "$SERVER_DIR/error.log")" 'Apache httpd' cgroup_pids_limit \
	'EAGAIN while creating a process' 'MaxRequestWorkers \+ 1 must fit'

# The advised size, under the same limit: every worker starts and serves.
fix=$(advised cgroup_pids_limit 'MaxRequestWorkers [0-9]+')
workers=${fix#MaxRequestWorkers }
apache prefork "$PORT" "$(sizes "$workers")"
wait_for 60 cgroup_holds "$CG" $((workers + 1)) || fail "apache did not start its $workers workers: $(cat "$CG/pids.current") tasks"
wait_for 60 curl -fsS -o /dev/null "http://127.0.0.1:$PORT/index.html" || fail "apache does not serve with $fix"
stop_server "$SERVER_DIR/httpd.pid"
! grep -q AH00159 "$SERVER_DIR/error.log" || fail "apache still could not fork with $fix: $(cat "$SERVER_DIR/error.log")"
[ ! -s "$LOG" ] || fail "the shim recorded a failure with $fix: $(cat "$LOG")"
echo "ok: prefork's MaxRequestWorkers 10 past a limit of 6 is named with its numbers; with $fix apache starts every worker and serves"
