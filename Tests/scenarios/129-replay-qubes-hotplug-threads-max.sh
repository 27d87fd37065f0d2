# A Qubes OS 4.2 qube started with 400 MB and memory hotplug: Firefox
# crashes; "Linux sets incorrect maximum thread count when memory hotplug
# is enabled" (github.com/QubesOS/qubes-issues/issues/8960). The kernel
# sized threads-max from the initial memory and init's RLIMIT_NPROC from
# that ("below 1000"); the fix ships kernel.threads-max = 51200 and nproc
# 51200 (QubesOS/qubes-core-agent-linux pull 532). Replayed on a Debian 12
# qube (systemd 252, kernel 6.6): threads-max 1930, RLIMIT_NPROC 965, and
# the user's slice TasksMax=33% of 1930 = 636, full with Firefox's
# processes, while MemTotal is 3.8 GiB. cgroup_pids_limit at the user's
# slice, naming systemd's 33 % and, first, that threads-max is the boot
# memory's: raise kernel.threads-max and nproc, as Qubes did.
. "$(dirname "$0")/lib.sh"
need_root
spare_uid 61000 61999
replay_as "$SPARE_UID" qubes-hotplug-threads-max pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding="/user.slice/user-$SPARE_UID.slice" evidence='pids.current 636 = pids.max 636' \
	evidence='33 %' evidence='kernel.threads-max 1930 is what the kernel computes at boot' \
	evidence='RLIMIT_NPROC 965 is half of it' advice='kernel.threads-max = 30954' advice='/etc/security/limits.d/' \
	advice='qubes-core-agent-linux pull 532' not_verdict=rlimit_nproc not_verdict=threads_max not_family=oom \
	rec.pid.threads_max=1930 rec.limits.nproc.soft=965 rec.kernel=6.6.21-1.qubes.fc37.x86_64
advised cgroup_pids_limit 'sysctl -w kernel.threads-max=[0-9]+' >/dev/null ||
	fail "no sysctl for threads-max in the advice"
"$FORKEXPLAIN" report "$LOG" >"$WORK/text" || fail "the text report failed"
grep -q 'memory hotplug' "$WORK/text" || fail "the text report does not say memory was added after boot: $(cat "$WORK/text")"
