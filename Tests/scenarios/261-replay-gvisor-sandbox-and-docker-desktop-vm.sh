# A Python service's thread refused in a gVisor sandbox (runsc): the
# sentry reports kernel 4.4.0, a /proc/loadavg with no tasks and a
# MemTotal of 2 GiB of its own making (fixture guestvms.py;
# docs/kernel-facts.md §11.162), so nothing inside is full. The report must
# say that these figures are not the host's and that the limits that refuse
# are outside the sandbox; `check` must not say OK from them (UNKNOWN,
# status 3), in text and as a plugin line. Then Docker Desktop: on the
# OpenWA container's LinuxKit VM (scenario 132's fixture) `check` names
# Docker Desktop's Resources for the VM's memory and says the container's
# own --pids-limit is untouched by them (§11.161). Last, a Lambda runtime's
# thread refused (§11.163). Not reproduced in a real runsc sandbox, Docker
# Desktop VM or Lambda: none runs here; the records are the shim's, on
# fixture trees.
. "$(dirname "$0")/lib.sh"
replay gvisor-python-threads pthread_create EAGAIN
# The sentry's own task limits come with it (§11.187): 65,536 task numbers
# per PID namespace, refused with EAGAIN; its pid_max file says 65536 and
# it has no threads-max.
expect verdict=unexplained errno=EAGAIN evidence="is what gVisor's sentry (runsc) reports" \
	evidence="the sentry's own limits (its task numbers, RLIMIT_NPROC)" \
	advice='1 to 65,536 in each PID namespace' advice='no call inside gets EAGAIN' \
	not_verdict=threads_max not_verdict=pid_max \
	rec.kernel=4.4.0 rec.pid.host_tasks=0 rec.pid.pid_max=65536 rec.pid.threads_max=absent \
	rec.memory.mem_total_kb=2097152
rc=0
FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" "$FORKEXPLAIN" check >"$WORK/check" || rc=$?
[ "$rc" = 3 ] || fail "check exited $rc in a gVisor sandbox, expected 3 (unknown): $(cat "$WORK/check")"
head -1 "$WORK/check" | grep -q '^FORKEXPLAIN UNKNOWN - in a gVisor sandbox the figures read are not the ones that refuse' ||
	fail "check's plugin line does not say why it cannot tell: $(head -1 "$WORK/check")"
grep -q '1 to 65,536 in each PID namespace' "$WORK/check" || fail "check gives no sentry task limit: $(cat "$WORK/check")"
rc=0
FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" "$FORKEXPLAIN" check --need-threads 10 >"$WORK/pre" || rc=$?
[ "$rc" = 3 ] || fail "a preflight in a gVisor sandbox exited $rc, expected 3: $(cat "$WORK/pre")"
head -1 "$WORK/pre" | grep -q '^FORKEXPLAIN UNKNOWN - in a gVisor sandbox the figures read are not the ones that refuse; room for' ||
	fail "the preflight's plugin line does not say why it cannot tell: $(head -1 "$WORK/pre")"

replay openwa-chromium-pids-512 pthread_create EAGAIN
rc=0
FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" "$FORKEXPLAIN" check >"$WORK/dd" || rc=$?
[ "$rc" = 2 ] || fail "check exited $rc on the full container, expected 2: $(cat "$WORK/dd")"
grep -q '^  --   kernel 6.10.14-linuxkit is a LinuxKit kernel: Docker Desktop' "$WORK/dd" ||
	fail "check does not name Docker Desktop's VM: $(cat "$WORK/dd")"
grep -qF 'Settings → Resources → Advanced' "$WORK/dd" && grep -qF 'is unchanged by any of these' "$WORK/dd" ||
	fail "check does not give Docker Desktop's knob and the container's own: $(cat "$WORK/dd")"
# AWS Lambda: python3.12 from /var/lang/bin refused its 1,021st thread.
# Nothing the shim reads is full (Lambda's quota is in no file), so the
# verdict stays unexplained, and the program's path must name Lambda's
# 1,024 and that it cannot be raised (§11.163).
replay lambda-python-timers pthread_create EAGAIN
expect verdict=unexplained errno=EAGAIN evidence='AWS Lambda execution environment' \
	evidence='at most 1,024 processes and threads together' advice='cannot be increased' \
	rec.process.exe=/var/lang/bin/python3.12
echo "ok: gVisor's sentry figures are said to be its own, check is UNKNOWN (3) there; Docker Desktop's VM is named with its Resources setting; a /var/lang runtime's record names Lambda's 1,024"
