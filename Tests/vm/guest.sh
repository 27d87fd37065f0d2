#!/bin/bash
# Runs inside the machine Tests/vm/run.sh boots, as fxvm-check.service,
# after the shipped forkexplain-watch.service has started under systemd.
# Every line for the host starts "FXVM:" on the serial console.
set -u
LOG=/var/log/forkexplain/watch.jsonl
say() { echo "FXVM: $*" >/dev/ttyS0; }
finish() {
	say "END $1"
	sync
	systemctl poweroff --no-block
	exit 0
}
fail() {
	say "FAIL $*"
	journalctl -u forkexplain-watch --no-pager -o cat | tail -n 20 | sed 's/^/FXVM:   /' >/dev/ttyS0
	finish fail
}

# recorded COMM: waits (at most 30 s) until the unit has logged a record
# of COMM, and shows it.
recorded() {
	for ((i = 0; i < 300; i++)); do
		grep -q "\"comm\":\"$1\"" "$LOG" 2>/dev/null && break
		sleep 0.1
	done
	grep -q "\"comm\":\"$1\"" "$LOG" || fail "the unit recorded no failure of the $1"
	grep "\"comm\":\"$1\"" "$LOG" | head -n 1 | cut -c1-300 | sed 's/^/FXVM:   record: /' >/dev/ttyS0
}

# creates COMM KIND: the first failure record of COMM says it was creating
# KIND, with clone flags that agree (CLONE_THREAD for a thread). No
# python in the machine: one record is one line, its keys as watch writes
# them.
creates() {
	local line flags
	line=$(grep '"type":"failure"' "$LOG" | grep "\"comm\":\"$1\"" | head -n 1)
	flags=$(printf '%s' "$line" | sed -n 's/.*"clone_flags":\([0-9]*\).*/\1/p')
	say "  $1: clone_flags ${flags:-none}, $(printf '%s' "$line" | grep -o '"creates":"[a-z]*"' || echo 'no creates')"
	printf '%s' "$line" | grep -q "\"creates\":\"$2\"" && [ -n "$flags" ] || return 1
	if [ "$2" = thread ]; then
		((flags & 0x10000))
	else
		((!(flags & 0x10000)))
	fi
}

# 1. The shipped unit, started by systemd at boot, says which mechanism runs.
for ((i = 0; i < 600; i++)); do
	journalctl -u forkexplain-watch -o cat | grep -q '^forkexplain watch: [a-z]* mode' && break
	sleep 0.2
done
say "kernel $(uname -r), systemd $(systemctl --version | head -n 1 | cut -d' ' -f2), PID 1 $(cat /proc/1/comm)"
say "unit: $(systemctl show forkexplain-watch -p ActiveState -p SubState -p MainPID | tr '\n' ' ')"
systemctl is-active -q forkexplain-watch || fail "forkexplain-watch.service is not active"
journalctl -u forkexplain-watch -o cat | grep '^forkexplain watch: ' | cut -c1-400 | sed 's/^/FXVM:   /' >/dev/ttyS0
journalctl -u forkexplain-watch -o cat | grep -q '^forkexplain watch: kretprobe mode' ||
	fail "the unit did not choose the kretprobe mechanism on a kernel with kprobes"
journalctl -u forkexplain-watch -o cat | grep -q '^forkexplain watch: kretprobe mode: .* and the entry probe forkexplain/clone_entry_[0-9]* for the clone flags (struct kernel_clone_args)' ||
	fail "the unit runs without its entry probe on kernel_clone"

# 2. A fork refused by a systemd service's TasksMax, caught by the unit.
systemd-run --unit fxvm-forker -p TasksMax=8 --wait --collect /usr/local/bin/forker 50 '' 3 >/dev/null 2>&1
recorded forker
forkexplain report "$LOG" >/tmp/report.txt 2>&1
sed -n '1,12p' /tmp/report.txt | sed 's/^/FXVM:   report: /' >/dev/ttyS0
grep -q 'cgroup_pids_limit\|pids limit' /tmp/report.txt || fail "the report does not name the pids limit"
grep -q 'fxvm-forker.service' /tmp/report.txt || fail "the report does not name the service's cgroup"
creates forker process || fail "the forker's record does not say it was creating a process"
say "PASS unit: kretprobe mode under systemd, the refused fork recorded and explained as a process"

# 2b. A thread refused by a service's TasksMax: pthread_create's clone,
# paired with its CLONE_THREAD flags by the entry probe.
systemd-run --unit fxvm-threader -p TasksMax=8 --wait --collect /usr/local/bin/threader 50 3 >/dev/null 2>&1
recorded threader
creates threader thread || fail "the threader's record does not say it was creating a thread"
grep '"comm":"threader"' "$LOG" >/tmp/threader.jsonl
forkexplain report /tmp/threader.jsonl >/tmp/report-threads.txt 2>&1
sed -n '1,6p' /tmp/report-threads.txt | sed 's/^/FXVM:   report: /' >/dev/ttyS0
grep -q 'kernel_clone (thread)' /tmp/report-threads.txt || fail "the report does not say a thread was refused"
grep -q 'cgroup_pids_limit' /tmp/report-threads.txt || fail "the report does not name the pids limit for the thread"
grep -q 'fxvm-threader.service' /tmp/report-threads.txt || fail "the report does not name the threader's service"
say "PASS thread: a thread refused by TasksMax recorded and explained as a thread"

# 3. The hardening left it able to stop cleanly, counts written.
systemctl stop forkexplain-watch
journalctl -u forkexplain-watch -o cat | grep -q 'forkexplain watch: stopped' || fail "no stop line in the journal"
grep -q 'forkexplain/clone_' /sys/kernel/tracing/kprobe_events && fail "the unit left a kprobe behind"
say "PASS stop: counts written, kprobes removed"

# 4. The cost, on this emulated machine: off / tracepoints / kretprobe.
if [ -x /usr/local/share/forkexplain-bench/watch.sh ]; then
	ROUNDS=${FXVM_ROUNDS:-3} FORKS=${FXVM_FORKS:-200} CALLS=${FXVM_CALLS:-200000} \
		LOOPS=/usr/local/share/forkexplain-bench FORKEXPLAIN=/usr/local/bin/forkexplain \
		bash /usr/local/share/forkexplain-bench/watch.sh 2>&1 | sed 's/^/FXVM:   bench: /' >/dev/ttyS0
fi
finish pass
