# A container whose pids limit sits on a parent it cannot see, made for
# real on this kernel: bash and a JVM in a cgroup namespace and a mount
# namespace of their own, the v1 pids hierarchy mounted again at their leaf
# (as runc does with cgroupns=private), under a parent cgroup with a small
# pids.max. Inside, the only level is / with pids.max max, and on v1 its
# pids.events max rises (docs/kernel-facts.md §6.6). Real fork and real
# pthread_create fail; forkexplain must name "a level above", never offer
# an echo into the container's view, and aim the fix at the host. Then the
# fix is applied where it can be here, on the host side (the parent's
# pids.max), and the same programs run without a failure.
. "$(dirname "$0")/lib.sh"
need_root
need unshare
need java

mnt=$(awk '$9 == "cgroup" && $NF ~ /(^|,)pids(,|$)/ { print $5; exit }' /proc/self/mountinfo)
[ -n "$mnt" ] || fail "no cgroup v1 pids hierarchy on this machine; this scenario needs one"
[ "$(awk -F: '$2 == "pids" { print $3 }' /proc/self/cgroup)" = / ] ||
	fail "run from the root of the pids hierarchy (this shell is in $(grep :pids: /proc/self/cgroup))"
name="forkexplain-39-$$"
parent="$mnt/$name"
mkdir "$parent"
on_exit "rmdir '$parent'"
mkdir "$parent/leaf"
on_exit "rmdir '$parent/leaf'"
on_exit "for p in \$(cat '$parent/leaf/cgroup.procs'); do kill -KILL \$p; done; sleep 0.3"
cp "$PROGRAMS/ThreadBomb.java" "$WORK/"

# container LOG OUT COMMAND: runs COMMAND (under the shim) as the
# container's process: in the leaf, in its own cgroup and mount
# namespaces, with the pids hierarchy mounted fresh, so its root is the leaf.
container() {
	local log=$1 out=$2 command=$3
	FORKEXPLAIN_LOG="$log" in_v1_container "$parent/leaf" "
		[ \"\$(cat /sys/fs/cgroup/pids/pids.max)\" = max ] || { echo the container should see no limit; exit 3; }
		LD_PRELOAD=$SHIM FORKEXPLAIN_BACKTRACE=0 exec $command" >"$out" 2>&1 || true
}

# bash starting background sleeps until fork fails: bash retries for
# about 15 s, then gives up on that command and the loop goes on, so the
# loop is short. The sleeps end by themselves and are killed on exit.
cat >"$WORK/forks.sh" <<'SH'
#!/bin/bash
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do sleep 20 & done
wait
SH
# A JVM starting parked threads until pthread_create fails (bounded).
cat >"$WORK/threads.sh" <<SH
#!/bin/bash
exec java -Xss256k -XX:+UseSerialGC -Xmx64m -XX:TieredStopAtLevel=1 $WORK/ThreadBomb.java 300
SH
chmod 0755 "$WORK/forks.sh" "$WORK/threads.sh"
FORKS="$WORK/forks.sh"
THREADS="$WORK/threads.sh"

# 1. fork: room for bash and a few children only.
echo 6 >"$parent/pids.max"
container "$WORK/fork.jsonl" "$WORK/fork.out" "$FORKS"
expect_output "$WORK/fork.out" 'fork: (retry: )?Resource temporarily unavailable'
LOG="$WORK/fork.jsonl"
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN confidence=high binding='a level above' \
	binding_not='the root' evidence='pids.events max' advice='on the host' not_advice='echo' \
	rec.cgroups.pids.0.path=/ rec.cgroups.pids.0.max=max rec.cgroups.pids.0.dir=/sys/fs/cgroup/pids \
	rec.cgroups.pids.1=absent rec.cgroups.pids_mount.root=/
# The workload line in an operator's words: a container, its own cgroup
# seen as / inside, the levels above unread; no namespace inode or mount root.
"$FORKEXPLAIN" report --color never "$WORK/fork.jsonl" >"$WORK/fork.txt" || fail "report exited $?"
workload=$(grep '^  Workload: ' "$WORK/fork.txt" || true)
case "$workload" in
*"in a container: its own cgroup shows as / inside (its name on the host is not in the record); the levels above it could not be read from inside") ;;
*) fail "the workload line does not say where the process ran: '$workload'" ;;
esac
case "$workload" in *namespace* | *"mount root"*) fail "the workload line is jargon: '$workload'" ;; esac

# 2. pthread_create: a JVM with room for about 60 tasks.
echo 64 >"$parent/pids.max"
container "$WORK/thread.jsonl" "$WORK/thread.out" "$THREADS"
expect_output "$WORK/thread.out" 'unable to create (new )?native thread'
LOG="$WORK/thread.jsonl"
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding='a level above' binding_not='the root' advice='on the host' not_advice='echo' \
	rec.cgroups.pids.0.path=/ rec.cgroups.pids.0.max=max rec.cgroups.pids.1=absent

# 3. The fix, applied by the parent's owner on the host side: the parent's
# pids.max raised. The same programs now run without a failure.
echo 2000 >"$parent/pids.max"
container "$WORK/fixed-fork.jsonl" "$WORK/fixed-fork.out" "$FORKS"
container "$WORK/fixed-thread.jsonl" "$WORK/fixed-thread.out" "$THREADS"
expect_output "$WORK/fixed-thread.out" 'started 300 threads without a failure'
if grep -qE 'fork|Resource temporarily' "$WORK/fixed-fork.out"; then
	fail "bash still failed after the parent's limit was raised: $(cat "$WORK/fixed-fork.out")"
fi
for f in "$WORK/fixed-fork.jsonl" "$WORK/fixed-thread.jsonl"; do
	[ ! -s "$f" ] || fail "the shim recorded failures after the fix: $(head -c 400 "$f")"
done
echo "ok: with the parent's pids.max raised on the host, bash forked 12 children and the JVM started 300 threads"
