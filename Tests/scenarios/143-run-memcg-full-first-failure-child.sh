# A fork's child at its full v1 memory cgroup (OOM killer disabled) whose
# fork is refused, a kind of failure its process never had: the shim's
# failure path must write nothing of the process's own before its fill
# check says there is room (docs/performance.md, "The failure path's
# private counters"). The library of main before this wrote the rate's
# counters and the failure stack's holder first, pages still shared
# copy-on-write with the parent or never touched: at the limit that
# write waits for memory for ever (docs/kernel-facts.md §6.28), and the
# child hung in mem_cgroup_oom_synchronize. Now the child gets its errno
# back, and the failure is a tally written from the tree's shared slot
# when the log can still be opened there (at the limit an open(2) may
# fail with ENOMEM: §6.30).
#
# One try. Measured (docs/performance.md): main's library before waited
# in 4 tries of 5, and came back only when memory freed after the failed
# fork woke its page fault; this one came back in 43 of 44 (the one that
# waited ran beside main's, and was not caught where).
. "$(dirname "$0")/lib.sh"
need_root

memcg_child_setup

# try N: a 32 MiB cgroup, killer off, and pids.max 3 (the parent, the
# child and its sleeper), both removed once their processes are gone.
try() {
	memcg_pids_pair "$mnt" "forkexplain-143-$$-$1"
	log="$WORK/try$1.jsonl"
	: >"$log"
	status=0
	timeout -k 5 120 bash -c "echo \$\$ > '$mcg/cgroup.procs' && echo \$\$ > '$pcg/cgroup.procs' &&
		exec env LD_PRELOAD='$SHIM' FORKEXPLAIN_LOG='$log' '$WORK/childfail' '$mcg' 0" >"$WORK/out$1" 2>&1 || status=$?
}

n=1
try $n
[ "$status" = 0 ] || fail "the child did not come back from its failure at the limit (exit $status; 4: it waited for memory): $(cat "$WORK/out$n")"
expect_output "$WORK/out$n" '^child fork rc=-1 err=(11|12) '
grep -q '^1$' <(awk '$1 == "oom_kill_disable" { print $2 }' "$mcg/memory.oom_control") || fail "the cgroup's killer was not off"
[ "$(awk '$1 == "oom_kill" { print $2 }' "$mcg/memory.oom_control")" = 0 ] || fail "the OOM killer ran"
# What the log has: nothing, or the child's failure as a tally with why.
if [ -s "$log" ]; then
	got=$("$PYTHON" -c '
import json, sys
for line in open(sys.argv[1]):
    d = json.loads(line)
    print(d["type"], d["call"]["name"], d["call"]["suppressed"], d.get("fill_refused", {}).get("reason"))
' "$log")
	case $got in
	"tally fork 1 memcg" | "tally fork 1 unread") ;;
	*) fail "the child's failure is not a tally of one with why: $got" ;;
	esac
	echo "ok: the child's fork failed at the full cgroup, came back, and its tally says why ($got)"
else
	echo "ok: the child's fork failed at the full cgroup and came back; the log could not be opened there"
fi
