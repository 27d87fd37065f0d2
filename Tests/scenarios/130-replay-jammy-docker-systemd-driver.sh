# Docker 20.10.22 on Ubuntu 22.04 (kernel 5.15, cgroup v2) with the systemd
# cgroup driver: every container reads pids.max 9457, with --pids-limit -1,
# with 0 and with no flag; --pids-limit 100 gives 100 and the cgroupfs
# driver gives max (github.com/moby/moby/issues/45188). 9457 is systemd's
# DefaultTasksMax=15 % of threads-max 63047, given to the container's
# scope because docker passed no limit. Replayed at the failure that limit
# makes: the container's tasks at 9457, a thread refused. cgroup_pids_limit
# at the container's own level, saying the number is systemd's default,
# that -1 and 0 do not lift it, and that a number or the cgroupfs driver do.
# The thread prints no error line: there is none for `explain` to read.
. "$(dirname "$0")/lib.sh"
replay docker-systemd-driver-9457 pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding="this container's own cgroup" binding='docker container' \
	evidence='pids.current 9457 = pids.max 9457' \
	evidence="pids.max 9457 is 15 % of min(threads-max, pid_max − 1) = 63047: systemd's DefaultTasksMax" \
	advice='docker update --pids-limit 18914' advice='`--pids-limit -1` and `--pids-limit 0` leave this default' \
	advice='native.cgroupdriver=cgroupfs' advice='DefaultTasksMax=' not_verdict=rlimit_nproc not_family=oom \
	rec.cgroups.pids.0.max=9457 rec.cgroups.pids.0.path=/ rec.pid.threads_max=63047 rec.pid.pid_max=4194304
advised cgroup_pids_limit 'docker update --pids-limit [0-9]+ [0-9a-f]{12}' >"$WORK/fix" ||
	fail "no docker update with a number in the advice"
grep -q -- '--pids-limit -1' "$WORK/fix" && fail "the advised command passes -1, which the thread shows does not lift 9457"
"$FORKEXPLAIN" report "$LOG" >"$WORK/text" || fail "the text report failed"
grep -q "systemd's DefaultTasksMax" "$WORK/text" && grep -q 'native.cgroupdriver=cgroupfs' "$WORK/text" ||
	fail "the text report does not say 9457 is systemd's default: $(cat "$WORK/text")"
