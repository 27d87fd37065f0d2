# An OpenVZ 6 VPS (kernel 2.6.32-042stab): numproc held 65 of 65, failcnt
# 311 (wiki.openvz.org/Resource_shortage; its container 123 has numproc
# 65:65). OpenVZ's ub_task_charge() refuses the fork with ENOMEM, the
# classic "fork: Cannot allocate memory" on a VPS whose `free` shows
# memory. No cgroup, no pids controller: the shim must read
# /proc/user_beancounters, and the verdict is the container's task limit.
. "$(dirname "$0")/lib.sh"
replay openvz-numproc fork ENOMEM
expect verdict=cgroup_pids_limit family=denial call=fork errno=ENOMEM confidence=high binding='numproc' \
	misleading='does not mean the machine is out of memory' evidence='numproc held 65 of limit 65' \
	advice='vzctl set 101 --numproc' not_family=oom not_verdict=unexplained \
	rec.beancounters.ctid=101 rec.beancounters.numproc.failcnt=311 rec.beancounters.numproc.limit=65
# Every unlimited row writes LONG_MAX; it is "unlimited", not a lost field.
if "$FORKEXPLAIN" report "$LOG" 2>&1 | grep -i 'unreadable fields'; then
	fail "LONG_MAX barriers and limits were read as unreadable fields"
fi
