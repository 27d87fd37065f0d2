# Ubuntu in WSL 2 with no memory in .wslconfig: the VM gets 50 % of a 24 GB
# Windows machine's memory, 11892.8 MiB, and 3 GiB of swap (what
# microsoft/WSL#9636 showed), and a `make -j` of a C++ tree fills both
# (fixture guestvms.py; docs/kernel-facts.md §11.160). Its fork
# is memory_exhausted, and the fix must be WSL's: `memory=`/`swap=` in
# %UserProfile%\.wslconfig and `wsl --shutdown`, not "add RAM" alone,
# which on the Windows side changes nothing until .wslconfig asks for it.
# check names the VM and its knob. The same VM at threads-max (what the
# kernel computed at boot for the VM's memory) gets the sysctl's fix with
# how long it lasts in WSL (until `wsl --shutdown`) and where to persist
# it (/etc/wsl.conf). The same failure on an ordinary kernel (the release
# rewritten) names no WSL. Not reproduced on a real WSL 2 VM: this host is
# no Windows machine; the records are the shim's, on a fixture tree.
. "$(dirname "$0")/lib.sh"
replay wsl2-make-swap-full fork ENOMEM
expect verdict=memory_exhausted family=oom call=fork errno=ENOMEM confidence=high \
	evidence="is Microsoft's WSL 2 kernel" evidence='swap is full' \
	advice='%UserProfile%\.wslconfig' advice='`wsl --shutdown`' advice='50 % of Windows' advice='`free -h` in the VM' \
	not_advice='Docker Desktop' \
	rec.kernel=5.15.79.1-microsoft-standard-WSL2 rec.memory.mem_total_kb=12178227 rec.memory.swap_free_kb=0 rec.pid.pid_max=32768
"$FORKEXPLAIN" report "$LOG" >"$WORK/text" || fail "the text report failed"
grep -qF 'wsl --shutdown' "$WORK/text" || fail "the text report does not give WSL's fix: $(head -30 "$WORK/text")"
rc=0
FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" "$FORKEXPLAIN" check >"$WORK/check" || rc=$?
grep -q '^  --   kernel 5.15.79.1-microsoft-standard-WSL2 is Microsoft.s WSL 2 kernel' "$WORK/check" ||
	fail "check does not name the WSL 2 VM: $(cat "$WORK/check")"
grep -qF 'under [wsl2] in %UserProfile%\.wslconfig' "$WORK/check" || fail "check gives no .wslconfig: $(cat "$WORK/check")"
FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" "$FORKEXPLAIN" check --format json >"$WORK/check.json" || true
"$PYTHON" - "$WORK/check.json" <<'PY' || fail "check's JSON has no vm: $(cat "$WORK/check.json")"
import json, sys
vm = json.load(open(sys.argv[1]))["vm"]
assert vm["platform"] == "wsl2" and any(".wslconfig" in f for f in vm["fixes"]), vm
PY

# The VM's tasks at threads-max.
replay_edited proc/loadavg 's#3/224 #3/95142 #' '3/95142 ' fork=EAGAIN "$WORK/caller" fork
expect verdict=threads_max family=pid_exhaustion errno=EAGAIN evidence="is Microsoft's WSL 2 kernel" \
	advice='sysctl -w kernel.threads-max=' advice='/etc/wsl.conf' advice='lasts until the VM stops'

# The same machine with an ordinary kernel's release: no WSL in the fix.
replay_edited proc/sys/kernel/osrelease 's#.*#6.8.0-45-generic#' '6.8.0-45-generic' fork=EAGAIN "$WORK/caller" fork
expect verdict=threads_max not_evidence='WSL' not_advice='wsl' rec.kernel=6.8.0-45-generic
echo "ok: in WSL 2 the VM's memory_exhausted points at .wslconfig and wsl --shutdown, check names the VM in text and JSON, threads-max says how long a sysctl lasts there; an ordinary kernel names no WSL"
