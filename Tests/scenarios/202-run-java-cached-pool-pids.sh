# Kafka Lag Exporter in OpenShift: "Exception in thread "pool-1-thread-3859"
# java.lang.OutOfMemoryError: unable to create new native thread" against
# a cluster of over 1000 topics, under the cluster's 2048 pids
# (https://github.com/seglo/kafka-lag-exporter/issues/288). The thread's
# name says its pool had made 3859 threads: an unbounded pool, not a low
# limit (docs/kernel-facts.md §11.92). Reproduced for real: Debian's JVM
# runs a chain of 700 slow tasks on Executors.newCachedThreadPool() in a
# pids cgroup of 600. main's `explain` named HotSpot and the pids limit
# only; it must say the pool made that many threads and to bound it, and
# a pool of 64 then runs the same tasks under the same limit.
. "$(dirname "$0")/lib.sh"
need_root
need java
pids_cgroup "forkexplain-field19-jpool-$$" 600 2
cp "$PROGRAMS/ChainedPool.java" "$WORK/"

# pool KIND OUT: the chain of 700 tasks of 1 s on a KIND pool in the cgroup.
pool() {
	PROGRAM_STATUS=0
	FORKEXPLAIN_LOG="$LOG" timeout 120 bash -c "
		echo \$\$ > '$CG/cgroup.procs'
		LD_PRELOAD='$SHIM' exec java -Xss256k -XX:+UseSerialGC -Xmx64m '$WORK/ChainedPool.java' $1 700 1000" \
		>"$2" 2>&1 || PROGRAM_STATUS=$?
}

pool cached "$WORK/out"
[ "$PROGRAM_STATUS" != 0 ] || fail "700 tasks ran on a cached pool in 600 pids: $(tail -3 "$WORK/out")"
expect_output "$WORK/out" '^Exception in thread "pool-1-thread-[0-9]+" java.lang.OutOfMemoryError: unable to create (new )?native thread'
line=$(grep -m1 -E '^Exception in thread "pool-1-thread-' "$WORK/out")
made=$(sed -n 's/^Exception in thread "pool-1-thread-\([0-9]*\)".*/\1/p' <<<"$line")
[ "$made" -ge 500 ] || fail "the pool had made only $made threads when refused: $line"
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN \
	binding="/forkexplain-field19-jpool-$$" rec.process.comm=java
explain_reads "$line" 'the JVM (HotSpot)' cgroup_pids_limit 'EAGAIN while creating a thread' \
	"that pool had made $made threads" 'Executors.newFixedThreadPool\(N\)'

# The advice: a bounded pool, the same tasks, the same limit.
pool fixed:64 "$WORK/fixed.out"
[ "$PROGRAM_STATUS" = 0 ] && grep -q '^ran 700 tasks$' "$WORK/fixed.out" ||
	fail "a pool of 64 did not run the 700 tasks under 600 pids (status $PROGRAM_STATUS): $(tail -3 "$WORK/fixed.out")"
echo "ok: a cached pool's thread $made was refused the next one under pids.max 600; explain names the unbounded pool, and a pool of 64 ran the 700 tasks under the same limit"
