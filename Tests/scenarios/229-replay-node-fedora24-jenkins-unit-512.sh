# nodejs/node#11041 (docs/kernel-facts.md §11.214): node's test suite on the
# Fedora 24 CI host got `spawn ... EAGAIN` with `ulimit -u` 31822 and `ps
# -ax | wc -l` 145; the Jenkins agent is a systemd service without
# TasksMax= (nodejs/build's unit template) on systemd 229, whose
# DefaultTasksMax is 512 (filled in as what bit: 512 tasks in some 60
# processes, which `ps -ax` counts as 60). Report names jenkins.service's
# 512 as systemd 228-230's default, with the unit's raise first and the
# default for every unit next; RLIMIT_NPROC and pid_max are not the cause.
# The evidence says the limit counts threads, the scan's 132 processes
# against the unit's 512 tasks (§11.225).
. "$(dirname "$0")/lib.sh"

# What the thread's log says first: node's own words for a refused spawn.
said=$("$FORKEXPLAIN" explain 'Error: spawn /home/iojs/build/workspace/node-test-commit-linux/out/Release/node EAGAIN') ||
	fail "explain exited $?"
for want in 'printed by Node.js (child_process)' "its unit's TasksMax="; do
	grep -qF "$want" <<<"$said" || fail "explain lacks '$want': $said"
done

replay node-fedora24-jenkins-512 fork EAGAIN
# check on the machine: the unit's level, full.
check_crit 'CRIT pids.max /system.slice/jenkins.service: 512 of 512 (100 %)'
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding='/system.slice/jenkins.service' \
	evidence='pids.current 512 = pids.max 512' evidence="systemd 228–230's DefaultTasksMax=512" advice='DefaultTasksMax=' \
	evidence='the scan saw 132 processes in all (top.processes) and this level alone holds 512 tasks: pids.max (and systemd'"'"'s TasksMax=) counts every thread' \
	advice='systemctl set-property jenkins.service TasksMax=1024' not_verdict=rlimit_nproc not_verdict=pid_max not_verdict=threads_max rec.cgroups.pids.0.max=512
first_fix cgroup_pids_limit 'systemd owns this level, unit jenkins.service'
echo "ok: explain reads node's spawn EAGAIN; jenkins.service's 512 named as systemd 229's default with the unit's raise first"
