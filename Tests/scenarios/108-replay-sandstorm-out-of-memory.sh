# Sandstorm on a 1 GB EC2 instance without swap (Ubuntu 16.04, kernel 4.4):
# "remote exception: fork(): Cannot allocate memory", and `ps` in the shell
# too, until it recovers minutes later (github.com/sandstorm-io/sandstorm/issues/2365;
# "your server is out of memory ... enable swap space"). Really out of
# memory: memory_exhausted with the swap advice, not a PID verdict, though
# the unit's TasksMax (512) and pid_max are on the record.
. "$(dirname "$0")/lib.sh"
replay sandstorm-oom fork ENOMEM
expect verdict=memory_exhausted family=oom call=fork errno=ENOMEM confidence=high \
	evidence='MemAvailable 21.3 MiB' evidence='swap: none configured' advice='swap' \
	not_verdict=cgroup_pids_limit not_verdict=pid_max not_verdict=commit_limit
