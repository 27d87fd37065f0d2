# A real JVM runs out of PID numbers in its own PID namespace, whose
# pid_max (per namespace since Linux 6.14) is 400: HotSpot says "unable to
# create native thread ... possibly out of memory", and memory is fine.
# Then the namespace's pid_max is raised as forkexplain advises, from
# inside it, and the JVM starts more threads than the old one allowed.
. "$(dirname "$0")/lib.sh"
need_root
need unshare
need java

cp "$PROGRAMS/ThreadBomb.java" "$WORK/"
# jvm SETUP THREADS OUT: the JVM in a new PID namespace with its own /proc
# (--mount-proc, where its pid_max is written), after SETUP there.
jvm() {
	FORKEXPLAIN_LOG="$LOG" timeout 120 unshare --pid --fork --mount-proc -- bash -c "
		echo 400 > /proc/sys/kernel/pid_max || { echo 'cannot set the namespace pid_max (Linux < 6.14?)'; exit 90; }
		$1
		LD_PRELOAD='$SHIM' exec java -Xss256k -XX:+UseSerialGC -Xmx64m $WORK/ThreadBomb.java $2" >"$3" 2>&1 || true
}
jvm : 2000 "$WORK/out"
grep -q 'cannot set the namespace pid_max' "$WORK/out" &&
	fail "this kernel ($(uname -r)) has no per-namespace pid_max; the scenario cannot run here"
expect_output "$WORK/out" 'unable to create (new )?native thread'
[ "$(cat /proc/sys/kernel/pid_max)" -gt 400 ] || fail "the host pid_max changed"

expect verdict=pid_max family=pid_exhaustion call=pthread_create errno=EAGAIN not_family=oom \
	binding='namespace' evidence='400'
started=$(sed -n 's/^after \([0-9]*\) threads:.*/\1/p' "$WORK/out")
[ -n "$started" ] && [ "$started" -lt 600 ] || fail "the JVM started ${started:-?} threads under pid_max 400, expected fewer than 600"

# The advised pid_max, written inside the namespace after the 400: 600
# threads, which 400 refused, now start. The host's pid_max is untouched.
fix=$(advised pid_max 'echo [0-9]+ > /proc/sys/kernel/pid_max')
: >"$LOG"
jvm "$fix" 600 "$WORK/fixed.out"
expect_output "$WORK/fixed.out" '^started 600 threads without a failure$'
[ ! -s "$LOG" ] || fail "the shim recorded failures after '$fix': $(head -c 400 "$LOG")"
[ "$(cat /proc/sys/kernel/pid_max)" -gt 400 ] || fail "the host pid_max changed"
echo "ok: after the advised '$fix' in the namespace, the JVM started 600 threads (it stopped at $started under 400)"
