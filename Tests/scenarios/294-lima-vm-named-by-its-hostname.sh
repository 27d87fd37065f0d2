# A process on a Lima VM itself (docs/kernel-facts.md §11.203): Lima names
# its VM's host lima-INSTANCE (lima-vm/lima identifierutil
# HostnameFromInstName), which the shim records as every record's `host`,
# so `report` and `check` can name the VM where before only `explain`
# did, from a message's text. Made for real here as far as a host name
# goes: a UTS namespace of its own with the host name lima-fx294 (the
# host's is checked unchanged), in a v1 pids cgroup forkexplain-294-PID of
# pids.max 8, where python forks under the shim until refused and `check`
# runs beside it. No cgroup namespace and no container marks: the process
# is the VM's own, as a service on a Lima VM is. Both must say the Linux
# is a Lima VM's.
. "$(dirname "$0")/lib.sh"
need_root
need unshare

pids_leaf_8 "forkexplain-294-$$"
host_name=$(hostname)
timeout 240 bash -c "echo \$\$ > '$leaf/cgroup.procs'
	exec unshare -u bash -c 'set -e
		hostname lima-fx294
		LD_PRELOAD=$SHIM FORKEXPLAIN_BACKTRACE=0 FORKEXPLAIN_LOG=$LOG $PYTHON $PROGRAMS/fork_then_room.py $WORK/release >$WORK/out 2>&1 &
		for _ in \$(seq 1200); do grep -q ^room $WORK/out && break; sleep 0.1; done
		$FORKEXPLAIN check >$WORK/check.txt 2>&1 || true
		touch $WORK/release
		wait'" >"$WORK/vm.out" 2>&1 || fail "the run failed: $(cat "$WORK/vm.out")"
expect_output "$WORK/out" '^refused 11 after [0-9]+$'
[ "$(hostname)" = "$host_name" ] || fail "the host's hostname changed"

expect verdict=cgroup_pids_limit call=fork errno=EAGAIN rec.host=lima-fx294 rec.cgroups.pids.0.max=8
grep -q "Workload: .*in a Lima VM" <("$FORKEXPLAIN" report --color never "$LOG") ||
	fail "report does not name the Lima VM: $("$FORKEXPLAIN" report --color never "$LOG" | grep -i workload)"
check_names "host name lima-fx294 is the one Lima gives its VM" "the Lima VM"
echo "ok: report and check name the Lima VM by the host name Lima gives it"
