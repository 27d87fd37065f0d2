# A .NET service on 32-bit ARM: OutOfMemoryException while starting
# threads, with RAM free; "the thread stack size is defaulting to 8MB,
# which would put it over the limit allowed by arm32", and
# `DOTNET_DefaultStackSize` at 5 MB (hexadecimal, as .NET reads it) made
# it run (https://github.com/dotnet/runtime/issues/7740). .NET on Linux
# gives a thread RLIMIT_STACK's size, and a 32-bit kernel leaves a process
# 3 GiB (docs/kernel-facts.md §11.4, §11.75). Replayed: the 8 MiB stack
# that no longer fits. forkexplain named the address space but offered
# only a JVM's -Xss and `ulimit -s` for the stack, and `explain` did not
# know .NET's exception; it must name .NET's own setting in both.
. "$(dirname "$0")/lib.sh"
export CALLER_STACK_MB=8
replay dotnet-arm32-default-stack pthread_create EAGAIN
expect verdict=unexplained call=pthread_create errno=EAGAIN binding='3 GiB user address space' \
	evidence='8.0 MiB stack' evidence='3G/1G split' advice='`DOTNET_DefaultStackSize`' \
	not_verdict=rlimit_as not_verdict=memory_exhausted not_verdict=cgroup_pids_limit not_verdict=commit_limit \
	rec.memory.vm_size_kb=3140000 rec.call.stack_size_bytes=8388608 rec.kernel=6.1.0-13-armmp-lpae
explain_reads "System.OutOfMemoryException: Exception of type 'System.OutOfMemoryException' was thrown. at System.Threading.Thread.StartInternal(ThreadHandle t, Int32 stackSize, Int32 priority, Char* pThreadName)" \
	'.NET (CoreCLR)' cgroup_pids_limit 'managed heap is not the cause' 'DOTNET_DefaultStackSize=100000' '32-bit process'
echo "ok: an 8 MiB .NET stack past a 32-bit process's 3 GiB; report and explain name DOTNET_DefaultStackSize"
