# A 32-bit JVM on CentOS 6 i686 (3G/1G split): "unable to create new
# native thread" with RAM free and no RLIMIT_AS; VmSize is 34 MiB short of
# the 3 GiB a process can address
# (javaeesupportpatterns.blogspot.com/2012/09/outofmemoryerror-unable-to-create-new.html).
# No verdict of the stable table names the address space: rlimit_as
# needs a limit that is not set, memory_exhausted RAM that is not used up.
# The honest verdict is unexplained, with the address space shown first
# and its fix.
. "$(dirname "$0")/lib.sh"
replay i686-address-space pthread_create EAGAIN
expect verdict=unexplained call=pthread_create errno=EAGAIN evidence='3G/1G split' evidence='RLIMIT_AS unlimited' \
	advice='-Xss' not_verdict=rlimit_as not_verdict=memory_exhausted rec.memory.vm_size_kb=3110000
