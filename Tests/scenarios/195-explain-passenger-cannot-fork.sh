# Phusion Passenger under nginx: "Could not spawn process for application
# ...: Cannot fork() a new process: Resource temporarily unavailable
# (errno=11)", now and then, until nginx is restarted
# (https://github.com/phusion/passenger/issues/2354). Passenger's core
# forks the application's processes itself, so the limit that refused is
# the web server's (its unit's TasksMax=, LimitNPROC= for the app's user,
# a container's pids limit), and restarting nginx frees what it held
# (docs/kernel-facts.md §11.82). This checks `explain` on the line: main's
# forkexplain did not know Passenger printed it, nor whose limit it is.
. "$(dirname "$0")/lib.sh"
explain_reads '[ E 2021-04-15 11:30:49.2014 5197/To age/Cor/App/Implementation.cpp:221 ]: Could not spawn process for application /var/www/vhosts/example: Cannot fork() a new process: Resource temporarily unavailable (errno=11)' \
	'Phusion Passenger' cgroup_pids_limit 'EAGAIN while creating a process' 'the web server' \
	'passenger-status' 'passenger_max_pool_size'
echo "ok: explain names Passenger and the web server's limit for its fork"
