# A charmed MongoDB whose mongod, a thread per client connection, fills
# its snap unit's default TasksMax= at 4585 connections
# (https://github.com/canonical/mongodb-operator/issues/576, "Allow
# TasksMax=infinity", docs/kernel-facts.md §11.193): the unit is named as
# systemd's 15 % default, mongod's connections as what fills it, and the
# lift goes into a drop-in of snap.charmed-mongodb.mongod.service, which
# snapd writes again at every refresh; check is critical on the unit.
. "$(dirname "$0")/lib.sh"

replay charmed-mongod-snap-tasksmax pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN \
	binding='/system.slice/snap.charmed-mongodb.mongod.service' evidence='pids.current 4705 = pids.max 4705' \
	evidence="the failing process is MongoDB's server: it starts a thread for every client connection" \
	evidence="systemd's DefaultTasksMax=15 %" \
	advice='`systemctl edit snap.charmed-mongodb.mongod.service`, `[Service]` `TasksMax=infinity`' \
	advice='snapd generates snap.charmed-mongodb.mongod.service and writes it again at every refresh' \
	not_advice='`systemctl edit mongod`' not_verdict=memory_exhausted rec.cgroups.pids.0.max=4705
first_fix cgroup_pids_limit 'systemd owns this level, unit snap.charmed-mongodb.mongod.service'
check_crit 'CRIT pids.max /system.slice/snap.charmed-mongodb.mongod.service: 4705 of 4705 (100 %)'
echo "ok: mongod's 4585 connections at its snap unit's 15 %: TasksMax=infinity in a drop-in that survives a refresh"
