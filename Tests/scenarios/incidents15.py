"""Fixture machines of the fifteenth field audit (scenarios 190 and up),
built as incidents13.py says: the thread's numbers, the rest filled in and
named so. 190 and 191 run for real and need none.
"""
from eras import XENIAL_CONTROLLERS
from incidents import v1_systemd_host
from procfs import status


# 192. A .NET service on 32-bit ARM Linux dies with OutOfMemoryException
# while starting threads: "531 tasks" in the process, "the thread stack
# size is defaulting to 8MB, which would put it over the limit allowed by
# arm32", and "Once I set it to 5MB" (DOTNET_DefaultStackSize, which
# .NET reads as hexadecimal bytes) it ran
# (github.com/dotnet/runtime/issues/7740, jbatt33's comments of 2022-12
# and 2024-03). .NET on Linux gives a thread RLIMIT_STACK's size; a
# 32-bit kernel leaves a process 3 GiB. Not in the thread and filled in:
# the kernel (Debian 12's armhf armmp-lpae), the unit, the memory (2 GiB
# of RAM, mostly free), the address space at the failure: the GC's
# reservation, the runtime and ~370 thread stacks of 8 MiB, 3,140,000 kB
# in all, with 8 MiB more asked for.
ARMHF_KERNEL = "6.1.0-13-armmp-lpae"


def dotnet_arm32_default_stack():
    me = status(ARMHF_KERNEL, "dotnet", 1840, 380, ppid=1, vm_size_kb=3_140_000, vm_data_kb=3_050_000,
                vm_rss_kb=210_000)
    procs = {1: status(ARMHF_KERNEL, "systemd", 1, 1), 1840: me}
    unit = "/system.slice/gateway.service"
    return v1_systemd_host(
        ARMHF_KERNEL, XENIAL_CONTROLLERS, ("dotnet", me), procs,
        placed={"pids": unit, "devices": unit, "name=systemd": unit},
        pids={"system.slice/gateway.service": (2293, 380, 0), "system.slice": ("max", 420, 0)},
        tasks=520, hostname="gateway", threads_max=15_300, root_usage=400_000_000,
        mem_kb={"MemTotal": 2_000_000, "MemFree": 1_400_000, "MemAvailable": 1_650_000, "Cached": 220_000,
                "SwapTotal": 0, "SwapFree": 0, "CommitLimit": 1_000_000, "Committed_AS": 3_500_000})


FIELD15_MACHINES = {
    "dotnet-arm32-default-stack": lambda uid: dotnet_arm32_default_stack(),
}
