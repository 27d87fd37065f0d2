# Shared by the web server scenarios (196–198): the server runs for real,
# under `forkexplain run`, in a pids cgroup of its own (as a unit's
# TasksMax= or a container's pids limit makes one), as a spare uid (as
# www-data: its children then log to the same file as its parent), on a
# loopback port. Sourced after lib.sh.
need_root
need setpriv

# server_setup NAME MAX UIDS: the cgroup NAME with pids.max MAX and
# nothing in it yet (CG), removed on exit after killing what is in it
# (all ours); a spare uid from UIDS ("FROM TO") as SERVER_UID, owning
# SERVER_DIR, where the server's files and the log (LOG) go.
server_setup() {
	find_pids_hierarchy
	CG="$PIDS_MNT/$1"
	mkdir "$CG"
	on_exit "rmdir '$CG'"
	on_exit "empty_cgroup '$CG'"
	echo "$2" >"$CG/pids.max"
	# shellcheck disable=SC2086
	spare_uid $3
	SERVER_UID=$SPARE_UID
	SERVER_DIR="$WORK/as-$SERVER_UID"
	mkdir -p "$SERVER_DIR"
	chown "$SERVER_UID" "$SERVER_DIR"
	LOG="$SERVER_DIR/log.jsonl"
}

# serve OUT COMMAND...: COMMAND in the cgroup as the spare uid, under
# `forkexplain run` (outside the cgroup: its own tasks are not the
# server's), in the background, its output and run's report in OUT. Sets
# SERVER (run's pid). Bounded: run.sh stops a scenario at 240 s.
serve() {
	local out=$1
	shift
	rm -f "$LOG"
	timeout -k 5 200 "$FORKEXPLAIN" run --color never --log "$LOG" -- bash -c "echo \$\$ > '$CG/cgroup.procs' &&
		exec setpriv --reuid=$SERVER_UID --regid=$SERVER_UID --clear-groups \"\$@\"" server "$@" >"$out" 2>&1 &
	SERVER=$!
	on_exit "kill_tree $SERVER"
}

# served STATUS: waits for the server run started to end; its status in
# PROGRAM_STATUS.
served() {
	PROGRAM_STATUS=0
	wait "$SERVER" || PROGRAM_STATUS=$?
}

# stop_server PIDFILE: stops the server by the pid it wrote, and waits for run.
stop_server() {
	wait_for 60 test -s "$1" || fail "the server wrote no pid to $1"
	kill -TERM "$(cat "$1")"
	served
}


# apache_conf MPM PORT SIZES: a whole httpd config for Debian's apache2
# with MPM (prefork, event) on 127.0.0.1:PORT, its files in SERVER_DIR,
# and SIZES (the MPM's directives, a line each); on stdout.
apache_conf() {
	local mpm=$1 port=$2
	cat <<CONF
LoadModule mpm_${mpm}_module /usr/lib/apache2/modules/mod_mpm_${mpm}.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
ServerRoot $SERVER_DIR
ServerName localhost
Listen 127.0.0.1:$port
PidFile $SERVER_DIR/httpd.pid
ErrorLog $SERVER_DIR/error.log
DocumentRoot $SERVER_DIR
Mutex file:$SERVER_DIR
CONF
	printf '%s\n' "$3"
}

# apache MPM PORT SIZES: Debian's apache2 with that config, served.
apache() {
	apache_conf "$@" >"$SERVER_DIR/httpd.conf"
	rm -f "$SERVER_DIR/error.log" "$SERVER_DIR/httpd.pid"
	echo served >"$SERVER_DIR/index.html"
	serve "$WORK/out" /usr/sbin/apache2 -f "$SERVER_DIR/httpd.conf" -DFOREGROUND
}

# php_fpm PORT CHILDREN: Debian's php-fpm (no php.ini: -n) in the
# foreground with one static pool of CHILDREN on 127.0.0.1:PORT, served.
php_fpm() {
	cat >"$SERVER_DIR/php-fpm.conf" <<CONF
[global]
error_log = $SERVER_DIR/php-fpm.log
pid = $SERVER_DIR/php-fpm.pid
daemonize = no
[www]
listen = 127.0.0.1:$1
pm = static
pm.max_children = $2
CONF
	rm -f "$SERVER_DIR/php-fpm.log" "$SERVER_DIR/php-fpm.pid"
	serve "$WORK/out" "$PHP_FPM" -n -y "$SERVER_DIR/php-fpm.conf" -F
}

# server_refused FILE PATTERN...: the server's own log FILE says each
# PATTERN (grep -E), and run's report on stderr names the cgroup's limit.
server_refused() {
	local file=$1 pattern
	shift
	for pattern in "$@"; do
		expect_output "$file" "$pattern"
	done
	expect_output "$WORK/out" "^cgroup_pids_limit — cgroup pids limit reached at /${CG##*/}:"
}
