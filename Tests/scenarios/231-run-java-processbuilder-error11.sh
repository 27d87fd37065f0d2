# Java's ProcessBuilder refused a child: `java.io.IOException: Cannot run
# program "cat": error=11, Resource temporarily unavailable`, the words of
# Jenkins agents, build tools and servers that shell out
# (strimzi/strimzi-kafka-operator#3766's "openssl", tal-tech/
# h5-transfer-pdf#8's "node"; docs/kernel-facts.md §11.129, §11.133).
# Reproduced for real with this machine's JVM (JDK 17: posix_spawn of
# jspawnhelper), under `forkexplain run`, twice: in a pids cgroup and as
# a spare uid under RLIMIT_NPROC, each time starting `cat` children until
# one is refused. A child's reaper thread may be refused before a spawn
# (jvm_spawn_lib.sh; scenario 234 reads that case): the limit is tried
# at 80 and the values above it until the spawn is the one refused.
# `explain` on the JVM's own stderr must say what error=11 is for this
# launch mechanism and name the cgroup first; `report` on run's log must give the limit's verdict with the
# JVM's evidence (a java record spawning) and advice (its own threads).
. "$(dirname "$0")/lib.sh"
need_root
need setpriv
. "$(dirname "$0")/jvm_spawn_lib.sh"

# 1. A pids cgroup: the JVM's threads and its children share pids.max.
pids_cgroup "forkexplain-231-jspawn-$$" 80 2
spawn_in_cgroup "$WORK/pids.out" spawn
echo "in pids.max $MAX the JVM started $STARTED children before ProcessBuilder said error=11"
explain_reads "$(jvm_stderr "$WORK/pids.out")" 'Java (ProcessBuilder / Runtime.exec)' cgroup_pids_limit \
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
# Under RLIMIT_NPROC the reaper is most often refused first (nine of ten
# tries in some runs here): after 16 limits without a refused spawn, the
# reaper's run is checked instead, the uid's limit either way.
for nproc in $(seq 80 95); do
	spawn "$WORK/nproc.out" setpriv --reuid="$SPARE_UID" --regid="$SPARE_UID" --clear-groups \
		bash -c "ulimit -u $nproc && exec \"\$@\"" bash
	kill_uid "$SPARE_UID"
	[ "$REFUSED" = spawn ] && break
	echo "RLIMIT_NPROC $nproc: the reaper thread was refused first" >&2
done
if [ "$REFUSED" = spawn ]; then
	echo "under RLIMIT_NPROC $nproc as uid $SPARE_UID the JVM started $STARTED children before error=11"
	expect verdict=rlimit_nproc family=denial errno=EAGAIN call=posix_spawn rec.process.comm=java \
		rec.process.uid="$SPARE_UID" evidence='the failing process is a JVM (java) starting a child' \
		advice="Count the JVM's own threads first"
else
	echo "under RLIMIT_NPROC 80..95 as uid $SPARE_UID the reaper thread was always refused first"
	explain_reads "$(jvm_stderr "$WORK/nproc.out")" 'the JVM (HotSpot): Java (Process reaper)' cgroup_pids_limit \
		'each running child costs two tasks'
	expect verdict=rlimit_nproc family=denial errno=EAGAIN call=pthread_create rec.process.comm=java \
		rec.process.uid="$SPARE_UID" not_evidence='starting a child'
fi
echo "ok: ProcessBuilder's real error=11 (pids.max $MAX; RLIMIT_NPROC $nproc: the $REFUSED refused) is read by explain as a refused spawn of jspawnhelper and reported as the limit's, with the JVM's own threads named"
