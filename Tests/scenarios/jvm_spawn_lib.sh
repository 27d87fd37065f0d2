# Shared by the scenarios that make this machine's JVM start children
# until a task limit refuses one (231, 234): each start takes two tasks,
# the child and the JVM's "process reaper" thread that waits for it, so
# which of the two is refused depends on the parity of what the JVM held
# before (docs/kernel-facts.md §11.129); a scenario tries limits until the
# one it wants was refused.
need java
need javac
cp "$PROGRAMS/SpawnUntilRefused.java" "$WORK/"
javac -d "$WORK" "$WORK/SpawnUntilRefused.java" || fail "javac failed"
# A fixed count of the JVM's own threads: no compiler thread comes later.
JAVA_OPTS="-Xss256k -XX:+UseSerialGC -Xmx64m -XX:-UsePerfData -XX:CICompilerCount=2 -XX:-UseDynamicNumberOfCompilerThreads"

# spawn OUT [WRAP...]: the program under `forkexplain run` with a fresh
# log, the children `cat` (they wait on stdin), at most 500; WRAP runs
# first. Sets PROGRAM_STATUS, STARTED (the children started before a
# refusal) and REFUSED: `spawn` when ProcessBuilder said error=11,
# `reaper` when the reaper thread was refused; fails on anything else.
spawn() {
	local out=$1
	shift
	PROGRAM_STATUS=0
	rm -f "$LOG"
	timeout 180 "$@" "$FORKEXPLAIN" run --log "$LOG" --color never -- \
		java $JAVA_OPTS -cp "$WORK" SpawnUntilRefused cat 500 >"$out" 2>&1 || PROGRAM_STATUS=$?
	STARTED=$(sed -n 's/^started \([0-9]*\)$/\1/p' "$out")
	if [ "$PROGRAM_STATUS" = 3 ] &&
		grep -qx 'java.io.IOException: Cannot run program "cat": error=11, Resource temporarily unavailable' "$out" &&
		grep -qx 'Caused by: java.io.IOException: error=11, Resource temporarily unavailable' "$out" &&
		[ -n "$STARTED" ] && [ "$STARTED" -ge 1 ] && [ "$STARTED" -lt 80 ]; then
		REFUSED=spawn
	elif grep -q 'Failed to start the native thread for java.lang.Thread "process reaper"' "$out"; then
		REFUSED=reaper
	else
		fail "neither the spawn nor the reaper was refused (status $PROGRAM_STATUS, started '$STARTED'): $(tail -5 "$out")"
	fi
}

# jvm_stderr OUT: what the JVM printed, without the report `forkexplain
# run` prints after it.
jvm_stderr() {
	sed -n '/^started /q; /^[0-9]* failures\{0,1\} in [0-9]* incidents\{0,1\}/q; p' "$1"
}

# spawn_in_cgroup OUT WANT: spawn in the pids cgroup CG (pids_cgroup made
# it), its pids.max tried from 80 up to 95 until WANT (`spawn` or
# `reaper`) is the one refused. Sets MAX to that pids.max.
spawn_in_cgroup() {
	local out=$1 want=$2
	for MAX in $(seq 80 95); do
		echo "$MAX" >"$CG/pids.max"
		spawn "$out" bash -c "echo \$\$ > '$CG/cgroup.procs'; exec \"\$@\"" bash
		[ "$REFUSED" = "$want" ] && return 0
		echo "pids.max $MAX: the $REFUSED was refused first, not the $want" >&2
	done
	fail "the $want was never the refused one at pids.max 80..95"
}
