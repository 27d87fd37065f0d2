# PHP-FPM's pool past its unit's or container's task limit: the master
# logs "ERROR: fork() failed: Resource temporarily unavailable (11)"
# (with Apache beside it, https://github.com/virtualmin/virtualmin-gpl/issues/680:
# "PHP FPM client limit under debian apache is by default fairly limited",
# systemd's default TasksMax=). The master forks one process per child,
# up to pm.max_children, all at start with `pm = static`, and exits when
# one is refused then (docs/kernel-facts.md §11.85). Reproduced for real:
# Debian's php-fpm with a static pool of 10 in a pids cgroup of 6, under
# `forkexplain run`. main's forkexplain named the limit but sent the
# operator to a leak hunt; it must weigh pm.max_children against the
# limit with its numbers, and the advised pm.max_children then starts the
# pool under the same limit.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/webserver_lib.sh"
PHP_FPM=$(command -v php-fpm8.2 php-fpm | head -n 1) || true
[ -n "$PHP_FPM" ] || fail "'php-fpm' is not installed here; .ci/run installs it"
PORT=18198
server_setup "forkexplain-field18-fpm-$$" 6 "61850 61899"

php_fpm "$PORT" 10
served
# It exits (status 0) once a child is refused: served has returned.
server_refused "$SERVER_DIR/php-fpm.log" 'ERROR: fork\(\) failed: Resource temporarily unavailable \(11\)' \
	'NOTICE: exiting'
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN confidence=high \
	binding="/forkexplain-field18-fpm-$$" evidence="PHP-FPM's master" \
	evidence='pids.max 6 holds the master and at most 5 children' advice='`pm.max_children = 5`' \
	not_advice='for a leak'
explain_reads "$(grep -m1 'fork() failed' "$SERVER_DIR/php-fpm.log")" 'PHP-FPM' cgroup_pids_limit \
	'EAGAIN while creating a process' 'pm.max_children of every pool \+ 1 must fit'

# The advised pool, under the same limit: every child starts.
fix=$(advised cgroup_pids_limit 'pm\.max_children = [0-9]+')
children=${fix#pm.max_children = }
php_fpm "$PORT" "$children"
wait_for 60 grep -q 'ready to handle connections' "$SERVER_DIR/php-fpm.log" ||
	fail "php-fpm did not start with $fix: $(cat "$SERVER_DIR/php-fpm.log")"
wait_for 60 cgroup_holds "$CG" $((children + 1)) || fail "php-fpm did not start its $children children: $(cat "$CG/pids.current") tasks"
stop_server "$SERVER_DIR/php-fpm.pid"
! grep -q 'fork() failed' "$SERVER_DIR/php-fpm.log" || fail "php-fpm still could not fork with $fix: $(cat "$SERVER_DIR/php-fpm.log")"
[ ! -s "$LOG" ] || fail "the shim recorded a failure with $fix: $(cat "$LOG")"
echo "ok: a static pool of 10 past a limit of 6 is named with its numbers; with $fix php-fpm starts every child"
