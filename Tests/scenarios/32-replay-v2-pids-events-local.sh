# Debian 13 (kernel 6.12, cgroup v2): user-1000.slice's TasksMax (10281)
# refused a build's forks; by the snapshot it is 7 short. Since 6.11
# pids.events is hierarchical, so the session's own counter stays 0 and
# user.slice's rose too; pids.events.local says which level's own limit
# refused: user-1000.slice.
. "$(dirname "$0")/lib.sh"
replay v2-pids-events-local fork EAGAIN
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding='/user.slice/user-1000.slice' \
	binding_not='session-5.scope' advice='TasksMax=' \
	rec.cgroups.pids.0.events_max=0 rec.cgroups.pids.1.max=10281 rec.cgroups.pids.1.events_max=41 \
	rec.cgroups.pids.2.events_max=41
