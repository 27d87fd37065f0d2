# The other half of a JVM's refused child (docs/kernel-facts.md §11.129):
# every child a JVM starts holds one of its threads too, the "process
# reaper" that waits for its exit (ProcessHandleImpl), so the limit may
# refuse that thread instead of the child, and the program then dies with
# HotSpot's `unable to create native thread` from ProcessImpl.initStreams,
# not ProcessBuilder's error=11: users read it as a thread leak of their
# own. Reproduced for real with this machine's JVM under `forkexplain
# run` in a pids cgroup, the limit tried at 80 and above until the reaper
# is the one refused. main's explain read it as any HotSpot thread; it
# must say the thread is the child's reaper and that each child costs two
# tasks, and report must give the cgroup's verdict for java's thread.
# The run logs argv (FORKEXPLAIN_CMDLINE=1), which report reads for a JVM
# product's main class (§11.133): SpawnUntilRefused is none, so no
# product's evidence may appear.
. "$(dirname "$0")/lib.sh"
need_root
. "$(dirname "$0")/jvm_spawn_lib.sh"
export FORKEXPLAIN_CMDLINE=1

pids_cgroup "forkexplain-234-reaper-$$" 80 2
spawn_in_cgroup "$WORK/out" reaper
expect_output "$WORK/out" 'unable to create native thread'
expect_output "$WORK/out" 'at java.base/java.lang.ProcessHandleImpl.completion'
echo "in pids.max $MAX the JVM's reaper thread for its next child was refused"
explain_reads "$(jvm_stderr "$WORK/out")" 'the JVM (HotSpot): Java (Process reaper)' cgroup_pids_limit \
	'EAGAIN while creating a thread' 'each running child costs two tasks'
expect verdict=cgroup_pids_limit family=denial errno=EAGAIN binding="/forkexplain-234-reaper-$$" \
	call=pthread_create rec.process.comm=java rec.process.argv.0=java rec.process.argv.9=SpawnUntilRefused \
	not_evidence='starting a child' not_evidence="'s JVM (its argv names it)"
echo "ok: the JVM's refused reaper thread at pids.max $MAX is read as the child's second task and reported as the cgroup's limit"
