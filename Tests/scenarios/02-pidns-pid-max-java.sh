# A real JVM runs out of PID numbers in its own PID namespace, whose
# pid_max (per namespace since Linux 6.14) is 400: HotSpot says "unable to
# create native thread ... possibly out of memory", and memory is fine.
. "$(dirname "$0")/lib.sh"
need_root
need unshare
need java

cp "$PROGRAMS/ThreadBomb.java" "$WORK/"
java_cmd="exec java -Xss256k -XX:+UseSerialGC -Xmx64m $WORK/ThreadBomb.java 2000"
# The sandbox's own /proc (--mount-proc) is where its pid_max is written.
FORKEXPLAIN_LOG="$LOG" timeout 120 unshare --pid --fork --mount-proc -- bash -c "
	echo 400 > /proc/sys/kernel/pid_max || { echo 'cannot set the namespace pid_max (Linux < 6.14?)'; exit 90; }
	LD_PRELOAD='$SHIM' $java_cmd" >"$WORK/out" 2>&1 || true
grep -q 'cannot set the namespace pid_max' "$WORK/out" &&
	fail "this kernel ($(uname -r)) has no per-namespace pid_max; the scenario cannot run here"
expect_output "$WORK/out" 'unable to create (new )?native thread'
[ "$(cat /proc/sys/kernel/pid_max)" -gt 400 ] || fail "the host pid_max changed"

expect verdict=pid_max family=pid_exhaustion call=pthread_create errno=EAGAIN not_family=oom \
	binding='namespace' evidence='400'
