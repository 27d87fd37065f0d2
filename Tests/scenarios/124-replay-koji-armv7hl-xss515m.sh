# enjarify's tests in Fedora's koji on armv7hl: `java -Xss515m` dies at
# start, "Error occurred during initialization of VM /
# java.lang.OutOfMemoryError: unable to create new native thread"
# (github.com/Storyyeller/enjarify/pull/2, merged: the fix drops -Xss).
# Each Java thread asks for a 515 MiB stack and a 32-bit kernel leaves a
# process 3 GiB: the fourth does not fit, with RAM free, no RLIMIT_AS and
# VmSize at 88 % (below the old 95 % rule). No verdict of the stable table
# names the address space, so the verdict is unexplained, but the address
# space is named as what bound, with the stack arithmetic and -Xss first.
. "$(dirname "$0")/lib.sh"
export CALLER_STACK_MB=515
replay koji-armv7hl-xss515m pthread_create EAGAIN
expect verdict=unexplained call=pthread_create errno=EAGAIN binding='3 GiB user address space' \
	evidence='515.0 MiB stack' evidence='3G/1G split' evidence='RLIMIT_AS unlimited' advice='-Xss' \
	not_verdict=rlimit_as not_verdict=memory_exhausted not_verdict=cgroup_pids_limit \
	rec.memory.vm_size_kb=2776000 rec.call.stack_size_bytes=540016640 rec.kernel=4.9.9-200.fc25.armv7hl+lpae
"$FORKEXPLAIN" explain "java.lang.OutOfMemoryError: unable to create new native thread" >"$WORK/explain" ||
	fail "explain failed on the JVM's line"
grep -q '32-bit process' "$WORK/explain" ||
	fail "explain does not offer a 32-bit address space for the JVM's thread error: $(head -12 "$WORK/explain")"
