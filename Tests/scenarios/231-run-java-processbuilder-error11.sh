# Java's ProcessBuilder refused a child: `java.io.IOException: Cannot run
# program "cat": error=11, Resource temporarily unavailable`, the words of
# Jenkins agents, build tools and servers that shell out
# (strimzi/strimzi-kafka-operator#3766's "openssl", tal-tech/
# h5-transfer-pdf#8's "node"; docs/kernel-facts.md §11.129, §11.133).
# Reproduced for real with this machine's JVM (JDK 17: posix_spawn of
# jspawnhelper), under `forkexplain run`, twice: in a pids cgroup and as
# a spare uid under RLIMIT_NPROC, each time starting `cat` children until
# one is refused. Each start takes two tasks, the child and the JVM's
# "process reaper" thread that waits for it (ProcessHandleImpl), so
# whether the spawn or the reaper thread meets the limit first depends
# on the parity of what the JVM held before: the limit is tried at 80 and
# the values above it until the spawn is the one refused (the reaper's
# refusal is HotSpot's native-thread error, which explain reads too). `explain` on the JVM's own stderr must
# say what error=11 is for this launch mechanism and name the cgroup
# first; `report` on run's log must give the limit's verdict with the
# JVM's evidence (a java record spawning) and advice (its own threads).
. "$(dirname "$0")/lib.sh"
need_root
need java
need setpriv
need javac
cp "$PROGRAMS/SpawnUntilRefused.java" "$WORK/"
javac -d "$WORK" "$WORK/SpawnUntilRefused.java" || fail "javac failed"
# A fixed count of the JVM's own threads: no compiler thread comes later.
JAVA_OPTS="-Xss256k -XX:+UseSerialGC -Xmx64m -XX:-UsePerfData -XX:CICompilerCount=2 -XX:-UseDynamicNumberOfCompilerThreads"

# spawn OUT [WRAP...]: the program under `forkexplain run`, the children
# `cat` (they wait on stdin), at most 500; WRAP runs first. Its status in
# PROGRAM_STATUS.
spawn() {
	local out=$1
	shift
	PROGRAM_STATUS=0
	timeout 180 "$@" "$FORKEXPLAIN" run --log "$LOG" --color never -- \
		java $JAVA_OPTS -cp "$WORK" SpawnUntilRefused cat 500 >"$out" 2>&1 || PROGRAM_STATUS=$?
}

# refused OUT: whether the JVM printed its refused start (then STARTED is
# the count before it), else why not.
refused() {
	STARTED=$(sed -n 's/^started \([0-9]*\)$/\1/p' "$1")
	[ "$PROGRAM_STATUS" = 3 ] &&
		grep -qx 'java.io.IOException: Cannot run program "cat": error=11, Resource temporarily unavailable' "$1" &&
		grep -qx 'Caused by: java.io.IOException: error=11, Resource temporarily unavailable' "$1" &&
		[ -n "$STARTED" ] && [ "$STARTED" -ge 1 ] && [ "$STARTED" -lt 80 ] && return 0
	grep -q 'Failed to start the native thread for java.lang.Thread "process reaper"' "$1" &&
		echo "the reaper thread was refused first (status $PROGRAM_STATUS): trying the next limit" >&2 && return 1
	fail "neither the spawn nor the reaper was refused (status $PROGRAM_STATUS, started '$STARTED'): $(tail -5 "$1")"
}

# 1. A pids cgroup: the JVM's threads and its children share pids.max.
pids_cgroup "forkexplain-231-jspawn-$$" 80 2
for max in 80 81 82 83 84 85 86 87; do
	echo "$max" >"$CG/pids.max"
	rm -f "$LOG"
	spawn "$WORK/pids.out" bash -c "echo \$\$ > '$CG/cgroup.procs'; exec \"\$@\"" bash
	refused "$WORK/pids.out" && break
	max=""
done
[ -n "$max" ] || fail "ProcessBuilder's spawn was never the refused one at pids.max 80..87"
echo "in pids.max $max the JVM started $STARTED children before ProcessBuilder said error=11"
# The JVM's own stderr: what it printed before its count (run's report follows).
explain_reads "$(sed -n '/^started /q; p' "$WORK/pids.out")" 'Java (ProcessBuilder / Runtime.exec)' cgroup_pids_limit \
	'EAGAIN while creating a process' '`error=11` is EAGAIN' 'posix_spawn of the JDK.s small jspawnhelper' \
	'neither the heap nor -Xmx is the cause'
expect verdict=cgroup_pids_limit family=denial errno=EAGAIN binding="/forkexplain-231-jspawn-$$" \
	call=posix_spawn rec.process.comm=java evidence='the failing process is a JVM (java) starting a child' \
	evidence='jspawnhelper' advice="Count the JVM's own threads first" not_advice='worker_processes'
"$FORKEXPLAIN" report --color never "$LOG" >"$WORK/report.txt" || fail "report failed"
grep -qF "Count the JVM's own threads first" "$WORK/report.txt" ||
	fail "the text report does not give the JVM's advice: $(cat "$WORK/report.txt")"

# 2. RLIMIT_NPROC of a uid nothing else uses: the same words, the uid's limit.
spare_uid 61900 61999
on_exit "kill_uid $SPARE_UID"
log_owned_by "$SPARE_UID"
for nproc in 80 81 82 83 84 85 86 87; do
	rm -f "$LOG"
	spawn "$WORK/nproc.out" setpriv --reuid="$SPARE_UID" --regid="$SPARE_UID" --clear-groups \
		bash -c "ulimit -u $nproc && exec \"\$@\"" bash
	kill_uid "$SPARE_UID"
	refused "$WORK/nproc.out" && break
	nproc=""
done
[ -n "$nproc" ] || fail "ProcessBuilder's spawn was never the refused one at RLIMIT_NPROC 80..87"
echo "under RLIMIT_NPROC $nproc as uid $SPARE_UID the JVM started $STARTED children before error=11"
expect verdict=rlimit_nproc family=denial errno=EAGAIN rec.process.comm=java rec.process.uid="$SPARE_UID" \
	evidence='the failing process is a JVM (java) starting a child' advice="Count the JVM's own threads first"
echo "ok: ProcessBuilder's real error=11 (pids.max $max, RLIMIT_NPROC $nproc) is read by explain as a refused spawn of jspawnhelper and reported as the limit's, with the JVM's own threads named"
