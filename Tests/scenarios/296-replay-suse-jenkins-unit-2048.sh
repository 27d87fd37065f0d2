# SUSE's internal Jenkins (ci.suse.de), from a public post
# (https://lizards.opensuse.org/tag/ci/; docs/kernel-facts.md §11.206):
# "java.lang.OutOfMemoryError: unable to create new native thread" whenever
# the JVM reached 2018 threads, "suspiciously close to 2048", with "kernel:
# cgroup: fork rejected by pids controller in /system.slice/jenkins.service"
# in the journal; TasksMax=8192 fixed it, "the new peak was at 4890 live
# threads". The unit's level with the JVM as its holder first, then the
# unit's raise; check critical; explain on the journal's line.
. "$(dirname "$0")/lib.sh"

replay suse-jenkins-unit-2048 pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN binding='/system.slice/jenkins.service' \
	evidence='pids.current 2048 = pids.max 2048' evidence='pids.events max 3912' \
	advice='java (pid 3100) has 2018 threads' advice='systemctl set-property jenkins.service TasksMax=' \
	not_verdict=rlimit_nproc not_verdict=pid_max not_verdict=memory_exhausted rec.cgroups.pids.0.max=2048
first_fix cgroup_pids_limit 'One process holds most of what pids.max of /system.slice/jenkins.service counts: java (pid 3100)'
check_crit 'CRIT pids.max /system.slice/jenkins.service: 2048 of 2048 (100 %)'
"$FORKEXPLAIN" explain 'kernel: cgroup: fork rejected by pids controller in /system.slice/jenkins.service' >"$WORK/explain" ||
	fail "explain exited $?"
grep -qF 'systemctl set-property jenkins.service TasksMax=N' "$WORK/explain" ||
	fail "explain does not give the unit's fix: $(cat "$WORK/explain")"
echo "ok: jenkins.service's 2048 named with the JVM that holds it; explain gives the unit's fix for the journal's line"
