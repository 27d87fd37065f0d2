# GitHub Agentic Workflows' agent sandbox (AWF, rootless docker) on a
# 16-core CI runner (Ubuntu 24.04, kernel 6.8): concurrent .NET-Android
# build lanes' JVMs die with "unable to create native thread" / "Cannot
# create worker GC thread", while "/sys/fs/cgroup exposes no files, `ulimit
# -u` reports unlimited" (github.com/github/gh-aw/issues/51383; the
# follow-ups could only say "likely" a pids limit). Nothing readable is
# full, so the verdict stays unexplained, but it must say where the limit
# can hide: a pids.max it cannot read, and, in a user namespace on 5.14+,
# the RLIMIT_NPROC of the namespace's creator that "unlimited" here does
# not show, with the host-side commands to read both.
. "$(dirname "$0")/lib.sh"
replay ci-rootless-sandbox pthread_create EAGAIN
expect verdict=unexplained call=pthread_create errno=EAGAIN confidence=low \
	evidence='no pids cgroup level could be read' evidence='RLIMIT_NPROC reads unlimited here' \
	evidence="namespace's creator had" advice="grep 'Max processes'" advice='HostConfig.PidsLimit' \
	not_verdict=memory_exhausted not_verdict=rlimit_nproc rec.limits.nproc.soft=unlimited \
	rec.container.uid_map.0.1=1001
"$FORKEXPLAIN" explain "Cannot create worker GC thread. Out of system resources." >"$WORK/explain" || fail "explain failed"
grep -q 'EAGAIN while creating a thread, printed by the JVM' "$WORK/explain" ||
	fail "explain does not read HotSpot's GC thread error: $(head -3 "$WORK/explain")"
