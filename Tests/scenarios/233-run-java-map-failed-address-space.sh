# FileChannel.map's "Map failed" is a mapping refused, not a task: Kafka
# brokers print it when their index files (two per log segment) pass
# vm.max_map_count (confluentinc/kafka-rest#260, jcustenborder/
# kafka-connect-transform-xml#48; docs/kernel-facts.md §11.131).
# Reproduced for real with this machine's JVM: a program maps 256 MiB
# pieces of a sparse 2 GiB file, keeping each, under `ulimit -v 3000000`
# (this process's RLIMIT_AS only: vm.max_map_count is host-wide and is
# not touched) until the JDK throws. main's explain read the JVM's stderr
# as "no failed process or thread creation is named" and listed fork
# causes; it must now name FileChannel.map, put the map count first, list
# RLIMIT_AS, and list no task limit.
. "$(dirname "$0")/lib.sh"
need java
need javac
cp "$PROGRAMS/MapUntilRefused.java" "$WORK/"
javac -d "$WORK" "$WORK/MapUntilRefused.java" || fail "javac failed"
truncate -s 2G "$WORK/sparse.bin"

status=0
(
	cd "$WORK"
	ulimit -v 3000000
	exec timeout 120 java -Xmx64m -XX:+UseSerialGC -XX:CompressedClassSpaceSize=64m -XX:ReservedCodeCacheSize=32m \
		-XX:-UsePerfData -cp "$WORK" MapUntilRefused "$WORK/sparse.bin" $((256 * 1024)) 100
) >"$WORK/out" 2>&1 || status=$?
[ "$status" = 3 ] || fail "the program did not report a refused map (status $status): $(tail -5 "$WORK/out")"
expect_output "$WORK/out" '^java.io.IOException: Map failed$'
expect_output "$WORK/out" '^Caused by: java.lang.OutOfMemoryError: Map failed$'
mapped=$(sed -n 's/^mapped \([0-9]*\)$/\1/p' "$WORK/out")
[ -n "$mapped" ] && [ "$mapped" -ge 1 ] && [ "$mapped" -lt 100 ] || fail "mapped '$mapped' pieces: $(tail -3 "$WORK/out")"
echo "the JVM mapped $mapped pieces of 256 MiB under ulimit -v 3000000, then FileChannel.map said Map failed"

explain_reads "$(cat "$WORK/out")" 'Java (FileChannel.map)' map_count_limit 'ENOMEM while mapping memory' \
	'which is no task limit' '\[rlimit_as\]' 'vm.max_map_count'
if grep -qE '\[(cgroup_pids_limit|rlimit_nproc|pid_max|threads_max|pidns_init_dead)\]' "$WORK/explain"; then
	fail "explain lists a task limit for a refused mapping: $(cat "$WORK/explain")"
fi
echo "ok: a real Map failed under RLIMIT_AS is read as a refused mapping (map count first, RLIMIT_AS listed), no task limit"
