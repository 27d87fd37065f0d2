"""Fixture machines of a Linux that runs inside a VM or sandbox
(scenarios 260-261; docs/kernel-facts.md §11.160-§11.162). None is a
machine from a published incident: each is built from what the platform's
documentation and source say it shows, and every number not given there
is filled in and named so.
"""
from eras import CG2_ALL, MEM_EVENTS_QUIET, V2_HOST_MOUNTS
from procfs import INIT_NS, cgroup_files, host, meminfo, status

# 260. Ubuntu in WSL 2 on a Windows machine with 16 GB and no .wslconfig:
# the VM gets WSL's defaults, memory 50 % of Windows' memory and swap 25 %
# of it rounded up to a GB (MicrosoftDocs/WSL wsl-config.md), so about 8 GB
# of RAM and 4 GB of swap. The kernel release is the form WSL 2 prints
# (5.15.133.1-microsoft-standard-WSL2, okibcn/WSL2-linux-kernel#5); pid_max
# 32768 as a WSL 2 Ubuntu showed it (microsoft/WSL#6991); threads-max what
# the kernel computes at boot for that RAM (RAM / 128 KiB). A `make -j` of
# a C++ tree: 24 cc1plus of about 300 MB each fill RAM and swap, and make's
# next fork is refused.
WSL2_KERNEL = "5.15.133.1-microsoft-standard-WSL2"


def wsl2_make_swap_full():
    make = status(WSL2_KERNEL, "make", 3120, 1, uid=1000, ppid=3001, vm_data_kb=9_000, vm_size_kb=24_000)
    procs = {1: status(WSL2_KERNEL, "init", 1, 2), 3001: status(WSL2_KERNEL, "bash", 3001, 1, uid=1000, ppid=1),
             3120: make}
    for i in range(24):
        procs[3200 + i] = status(WSL2_KERNEL, "cc1plus", 3200 + i, 1, uid=1000, ppid=3120,
                                 vm_data_kb=300_000, vm_size_kb=420_000)
    tree = host(
        WSL2_KERNEL, comm="make", self_status=make, procs=procs, cgroup="0::/\n", mounts=V2_HOST_MOUNTS,
        ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"], "cgroup": INIT_NS["cgroup"]},
        pid_max=32768, threads_max=62_804, tasks=212, hostname="DESKTOP-7Q2LM4K", exe="/usr/bin/make",
        mem=meminfo(WSL2_KERNEL, {
            "MemTotal": 8_039_000, "MemFree": 61_000, "MemAvailable": 118_000, "Buffers": 1_200,
            "Cached": 190_000, "Mapped": 150_000, "Shmem": 9_000, "AnonPages": 7_610_000, "Slab": 90_000,
            "SReclaimable": 30_000, "SUnreclaim": 60_000, "SwapTotal": 4_194_304, "SwapFree": 0,
            "CommitLimit": 8_213_804, "Committed_AS": 12_400_000}),
    )
    tree.update(cgroup_files("sys/fs/cgroup", {"": {"cgroup.controllers": CG2_ALL}}))
    return tree


# 261. A Python service in a gVisor sandbox (runsc): the sentry answers
# uname with its own release (LinuxRelease "4.4.0", gVisor
# pkg/sentry/syscalls/linux/linux64.go), its /proc/loadavg with no tasks
# ("0.00 0.00 0.00 0/0 0", pkg/sentry/fsimpl/proc), its /proc/meminfo from
# its own memory accounting: MemTotal at least 2 GiB (usage.TotalMemory),
# MemAvailable equal to MemFree, no swap. The service's pool is refused a
# thread; nothing inside is full, since the limit that refused is the
# sandbox's, outside.
GVISOR_KERNEL = "4.4.0"


def gvisor_python_threads():
    py = status(GVISOR_KERNEL, "python3", 1, 180, vm_data_kb=900_000, vm_size_kb=3_100_000)
    tree = host(
        GVISOR_KERNEL, comm="python3", self_status=py, procs={1: py}, cgroup="0::/\n", mounts=V2_HOST_MOUNTS,
        ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"], "cgroup": INIT_NS["cgroup"]},
        pid_max=4194304, threads_max=4194304, tasks=0, hostname="runsc", exe="/usr/local/bin/python3",
        mem=meminfo(GVISOR_KERNEL, {"MemTotal": 2_097_152, "MemFree": 1_160_000, "MemAvailable": 1_160_000,
                                    "Cached": 80_000, "Mapped": 60_000, "AnonPages": 850_000}),
    )
    tree["proc/loadavg"] = "0.00 0.00 0.00 0/0 0\n"
    tree.update(cgroup_files("sys/fs/cgroup", {"": {"cgroup.controllers": CG2_ALL,
                                                     "memory.events": MEM_EVENTS_QUIET}}))
    return tree


GUEST_VM_MACHINES = {
    "wsl2-make-swap-full": lambda uid: wsl2_make_swap_full(),
    "gvisor-python-threads": lambda uid: gvisor_python_threads(),
}
