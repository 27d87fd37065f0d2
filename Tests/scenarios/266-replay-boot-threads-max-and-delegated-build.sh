# Two limits nobody chose for the workload. Armbian on a Rock 5C
# (Rockchip's vendor 6.1, Ubuntu 24.04, GNOME): "crashed browser tabs",
# threads-max 1685 and `ulimit -u` 842 on a board of gigabytes; worked
# around with threads-max 16384, nproc 4096 and DefaultTasksMax=infinity
# (https://github.com/armbian/linux-rockchip/issues/307; the same kernel
# on a 16 GB Rock 5B: https://github.com/Joshua-Riek/ubuntu-rockchip/issues/919).
# The user's slice gets 33 % of that threads-max, 556, and binds first
# (§11.169). And tribuchet's Nix build workers: each build's cgroup, below
# the worker's unit, had pids.max 4096, which a Go build on 384 cores
# passed (https://github.com/Mic92/tribuchet/pull/57, fixed by setting no
# pids.max): the worker's own setting, not systemd's and not nobody's
# (§11.170). And a Concourse worker's unit at DefaultTasksMax (below).
. "$(dirname "$0")/lib.sh"
need_root
spare_uid 62640 62679
replay_as "$SPARE_UID" armbian-threads-max-1685 pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN \
	binding="/user.slice/user-$SPARE_UID.slice" evidence='pids.current 556 = pids.max 556' \
	evidence='33 % (logind UserTasksMax=33 % in 231–238, user-.slice.d/10-defaults.conf TasksMax=33% since 239) of min(threads-max, pid_max − 1) = 1685' \
	evidence='RLIMIT_NPROC 842 is half of it' evidence="a vendor kernel counted only part of the RAM then, as Rockchip's 6.1" \
	advice='`kernel.threads-max = 62421`' advice='/etc/security/limits.d/' \
	not_verdict=threads_max not_verdict=rlimit_nproc rec.pid.threads_max=1685 rec.limits.nproc.soft=842
FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" "$FORKEXPLAIN" check >"$WORK/check" || true
grep -qF "CRIT pids.max /user.slice/user-$SPARE_UID.slice: 556 of 556 (100 %)" "$WORK/check" ||
	fail "check does not rate the user's slice: $(cat "$WORK/check")"

replay tribuchet-go-build-4096 clone EAGAIN
expect verdict=cgroup_pids_limit family=denial call=clone errno=EAGAIN \
	binding='/system.slice/tribuchet-worker.service/builds/build-51893' evidence='pids.current 4096 = pids.max 4096' \
	advice='This level is below systemd unit tribuchet-worker.service' advice="change the limit in that program's settings" \
	advice='Look for a leak first, counting the threads of every process under that level' \
	not_advice='no service manager is known' not_advice='go (pid 88000) holds 45 threads' \
	rec.cgroups.pids.0.events_max_local=7

# A Concourse worker's garden containers below its templated unit, in
# systemd's escaped slice name (https://github.com/concourse/concourse/issues/2296,
# fixed with TasksMax=infinity in the unit:
# https://github.com/concourse/concourse-bosh-release/issues/152): the
# unit's DefaultTasksMax binds, not the garden level, and every command
# quotes the path bash would otherwise read `\x2d` out of.
replay concourse-worker-garden fork EAGAIN
unit='/system.slice/system-concourse\x2dworker.slice/concourse-worker@bourbon.service'
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding="$unit" \
	evidence='pids.current 4915 = pids.max 4915' evidence="systemd's DefaultTasksMax=15 % (systemd ≥ 231)" \
	advice='`systemctl set-property concourse-worker@bourbon.service TasksMax=9830`' \
	advice="\`echo 9830 > '/sys/fs/cgroup/pids$unit/pids.max'\`" advice="\$(find '/sys/fs/cgroup/pids$unit' -name cgroup.procs)" \
	not_advice='This level is below systemd unit' rec.cgroups.pids.0.events_max=14
echo "ok: 33 % of a boot threads-max of 1685 named with threads-max as the fix; a build cgroup's 4096 named as its worker's; concourse's unit at 15 % with its escaped path quoted"
