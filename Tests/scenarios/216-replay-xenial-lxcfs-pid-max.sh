# lxcfs on an Ubuntu 16.04 LXD host (4.4.0-24): "fuse: error creating
# thread: Resource temporarily unavailable" now and then, with max user
# processes 65535, pending signals 838276 and 31582 tasks
# (`ls -1d /proc/*/task/* | wc -l`) (https://github.com/lxc/lxcfs/issues/122;
# docs/kernel-facts.md §11.106). lxcfs runs as root, so RLIMIT_NPROC does
# not apply; threads-max (1676552, twice pending signals) is far; pid_max
# 32768 is 97 % used. Replayed as lxcfs's pthread_create: pid_max on the
# host at medium confidence (the snapshot is below the exhaustion point),
# with kernel.pid_max as the fix; check rates pid_max critical.
. "$(dirname "$0")/lib.sh"
replay xenial-lxcfs-pid-max pthread_create EAGAIN
expect verdict=pid_max family=pid_exhaustion call=pthread_create errno=EAGAIN confidence=medium \
	binding='kernel.pid_max (host)' evidence='31582 tasks on the host' evidence='against pid_max 32768' \
	evidence='32468 or more in use exhausts it' advice='sysctl -w kernel.pid_max=' \
	not_verdict=rlimit_nproc not_verdict=threads_max not_family=oom \
	rec.pid.pid_max=32768 rec.pid.threads_max=1676552 rec.pid.host_tasks=31582 rec.kernel=4.4.0-24-generic
rc=0
FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" "$FORKEXPLAIN" check >"$WORK/check" || rc=$?
[ "$rc" = 2 ] || fail "check exited $rc, not 2 (critical): $(cat "$WORK/check")"
grep -q 'CRIT kernel.pid_max: 31582 of 32468 (97 %)' "$WORK/check" || fail "check does not rate pid_max: $(cat "$WORK/check")"
grep -q 'ok   kernel.threads-max: 31582 of 1676552' "$WORK/check" || fail "check misrates threads-max: $(cat "$WORK/check")"
echo "ok: lxcfs's refusal named pid_max (31582 of 32468), check CRIT on it"
