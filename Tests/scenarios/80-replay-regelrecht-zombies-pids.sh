# regelrecht's harvest worker runs as PID 1 with no init; git's
# grandchildren become zombies that "ratchet up against the container's
# already-low pids limit until fork() returns EAGAIN"
# (github.com/MinBZK/regelrecht/pull/763). pids.max 256 on the container,
# 231 zombies of the worker. The verdict is the pids limit, and the fix
# the report leads with is reaping (an init), not only a higher limit.
. "$(dirname "$0")/lib.sh"
replay regelrecht-zombies fork EAGAIN
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding='container' \
	evidence='231 zombies hold PIDs' evidence='not reaping: harvester-work (pid 1, 231 unreaped)' \
	advice='Reap the zombies first' advice='--init' rec.top.zombies=231
