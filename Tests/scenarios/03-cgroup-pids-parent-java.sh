# A real JVM in a pids cgroup whose limit sits on the PARENT level: the
# process's own cgroup has no limit, so a user looking there finds nothing.
# pids_try_charge() checks every ancestor (kernel/cgroup/pids.c).
. "$(dirname "$0")/lib.sh"
need_root
need java

find_pids_hierarchy
mnt=$PIDS_MNT
version=$PIDS_VERSION
parent="$mnt/forkexplain-test-$$"
mkdir "$parent"
on_exit "rmdir '$parent'"
if [ "$version" = 2 ]; then
	grep -qw pids "$mnt/cgroup.subtree_control" || fail "v2 pids is not enabled in $mnt/cgroup.subtree_control"
	echo +pids >"$parent/cgroup.subtree_control"
fi
mkdir "$parent/job"
on_exit "rmdir '$parent/job'"
echo 64 >"$parent/pids.max"
[ "$(cat "$parent/job/pids.max")" = max ] || fail "the job cgroup should have no limit of its own"

cp "$PROGRAMS/ThreadBomb.java" "$WORK/"
FORKEXPLAIN_LOG="$LOG" timeout 120 bash -c "
	echo \$\$ > '$parent/job/cgroup.procs'
	LD_PRELOAD='$SHIM' exec java -Xss256k -XX:+UseSerialGC -Xmx64m '$WORK/ThreadBomb.java' 500" \
	>"$WORK/out" 2>&1 || true
expect_output "$WORK/out" 'unable to create (new )?native thread'

expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN not_family=oom \
	binding="/forkexplain-test-$$" evidence='64'
