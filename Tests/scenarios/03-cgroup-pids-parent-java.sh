# A real JVM in a pids cgroup whose limit sits on the PARENT level: the
# process's own cgroup has no limit, so a user looking there finds nothing.
# pids_try_charge() checks every ancestor (kernel/cgroup/pids.c). Then the
# parent's pids.max is raised with the command forkexplain advises, and the
# JVM starts more threads than the old limit allowed.
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
# jvm THREADS OUT: the JVM in the job cgroup.
jvm() {
	FORKEXPLAIN_LOG="$LOG" timeout 120 bash -c "
		echo \$\$ > '$parent/job/cgroup.procs'
		LD_PRELOAD='$SHIM' exec java -Xss256k -XX:+UseSerialGC -Xmx64m '$WORK/ThreadBomb.java' $1" \
		>"$2" 2>&1 || true
}
jvm 500 "$WORK/out"
expect_output "$WORK/out" 'unable to create (new )?native thread'

expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN not_family=oom \
	binding="/forkexplain-test-$$" evidence='64'
started=$(sed -n 's/^after \([0-9]*\) threads:.*/\1/p' "$WORK/out")
[ -n "$started" ] && [ "$started" -lt 100 ] || fail "the JVM started ${started:-?} threads under pids.max 64, expected fewer than 100"

# The advised write, as root on this host, must aim at the parent.
fix=$(advised cgroup_pids_limit 'echo [0-9]+ > /[^ ]*/pids\.max')
[ "${fix#* > }" = "$parent/pids.max" ] || fail "the advice writes ${fix#* > }, not the parent's $parent/pids.max"
bash -c "$fix" || fail "the advised '$fix' failed"
: >"$LOG"
jvm 100 "$WORK/fixed.out"
expect_output "$WORK/fixed.out" '^started 100 threads without a failure$'
[ ! -s "$LOG" ] || fail "the shim recorded failures after '$fix': $(head -c 400 "$LOG")"
echo "ok: after the advised '$fix', the JVM started 100 threads (it stopped at $started under 64)"
