"""Fixture machines of a Linux that runs inside a VM or sandbox
(scenarios 260-261; docs/kernel-facts.md §11.160-§11.162). None is a
machine from a published incident: each is built from what the platform's
documentation and source say it shows, and every number not given there
is filled in and named so.
"""
from eras import CG2_ALL, MEM_EVENTS_QUIET, V2_HOST_MOUNTS
from procfs import INIT_NS, cgroup_files, host, meminfo, status

# 260. Ubuntu 22.04 in WSL 2 on a Windows machine with 24 GB and no memory
# set in .wslconfig: microsoft/WSL#9636 shows what the VM then gets, `top`
# in a fresh VM on kernel 5.15.79.1: "MiB Mem : 11892.8 total", "MiB
# Swap: 3072.0 total" (50 % of Windows' memory; MicrosoftDocs/WSL
# wsl-config.md). The release is the form WSL 2 prints
# (5.15.79.1-microsoft-standard-WSL2); pid_max 32768 as another WSL 2 Ubuntu
# showed it (microsoft/WSL#6991); threads-max what the kernel computes at
# boot for that RAM (RAM / 128 KiB). The failure is not from a thread: a
# `make -j` of a C++ tree, 36 cc1plus of about 330 MB each, fills RAM and
# swap, and make's next fork is refused.
WSL2_KERNEL = "5.15.79.1-microsoft-standard-WSL2"


def wsl2_make_swap_full():
    make = status(WSL2_KERNEL, "make", 3120, 1, uid=1000, ppid=3001, vm_data_kb=9_000, vm_size_kb=24_000)
    procs = {1: status(WSL2_KERNEL, "init", 1, 2), 3001: status(WSL2_KERNEL, "bash", 3001, 1, uid=1000, ppid=1),
             3120: make}
    for i in range(36):
        procs[3200 + i] = status(WSL2_KERNEL, "cc1plus", 3200 + i, 1, uid=1000, ppid=3120,
                                 vm_data_kb=330_000, vm_size_kb=450_000)
    tree = host(
        WSL2_KERNEL, comm="make", self_status=make, procs=procs, cgroup="0::/\n", mounts=V2_HOST_MOUNTS,
        ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"], "cgroup": INIT_NS["cgroup"]},
        pid_max=32768, threads_max=95_142, tasks=224, hostname="DESKTOP-7Q2LM4K", exe="/usr/bin/make",
        mem=meminfo(WSL2_KERNEL, {
            "MemTotal": 12_178_227, "MemFree": 88_000, "MemAvailable": 170_000, "Buffers": 1_400,
            "Cached": 260_000, "Mapped": 210_000, "Shmem": 9_000, "AnonPages": 11_690_000, "Slab": 110_000,
            "SReclaimable": 36_000, "SUnreclaim": 74_000, "SwapTotal": 3_145_728, "SwapFree": 0,
            "CommitLimit": 9_234_841, "Committed_AS": 15_300_000}),
    )
    tree.update(cgroup_files("sys/fs/cgroup", {"": {"cgroup.controllers": CG2_ALL}}))
    return tree


# 261. A Python service in a gVisor sandbox (runsc): the sentry answers
# uname with its own release (LinuxRelease "4.4.0", gVisor
# pkg/sentry/syscalls/linux/linux64.go), its /proc/loadavg with no tasks
# ("0.00 0.00 0.00 0/0 0", pkg/sentry/fsimpl/proc), its /proc/meminfo from
# its own memory accounting: MemTotal at least 2 GiB (usage.TotalMemory),
# MemAvailable equal to MemFree, no swap. Its /proc/sys/kernel/pid_max is
# the sentry's TasksLimit, 65536 (tasks_sys.go; older sentries have no such
# file), it has no threads-max, and its /proc/PID/status has no Uid: line
# (task_files.go as read; §11.187). The service's pool is refused a thread;
# nothing the shim reads is full.
GVISOR_KERNEL = "4.4.0"


def gvisor_python_threads():
    py = status(GVISOR_KERNEL, "python3", 1, 180, vm_data_kb=900_000, vm_size_kb=3_100_000)
    py = "".join(line for line in py.splitlines(keepends=True) if not line.startswith(("Uid:", "Gid:")))
    tree = host(
        GVISOR_KERNEL, comm="python3", self_status=py, procs={1: py}, cgroup="0::/\n", mounts=V2_HOST_MOUNTS,
        ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"], "cgroup": INIT_NS["cgroup"]},
        pid_max=65536, tasks=0, hostname="runsc", exe="/usr/local/bin/python3",
        mem=meminfo(GVISOR_KERNEL, {"MemTotal": 2_097_152, "MemFree": 1_160_000, "MemAvailable": 1_160_000,
                                    "Cached": 80_000, "Mapped": 60_000, "AnonPages": 850_000}),
    )
    tree["proc/loadavg"] = "0.00 0.00 0.00 0/0 0\n"
    del tree["proc/sys/kernel/threads-max"]
    tree.update(cgroup_files("sys/fs/cgroup", {"": {"cgroup.controllers": CG2_ALL,
                                                     "memory.events": MEM_EVENTS_QUIET}}))
    return tree


# 261 (too). A Python function in AWS Lambda whose invocations each leave a
# timer thread running (the shape of raven-python-lambda#38, §11.116):
# python3.12 from the managed runtime's /var/lang/bin holds 1,020 threads
# when its next thread is refused. Lambda's 1,024 processes and threads is
# in no file the shim reads; the kernel release (an Amazon Linux 2 form),
# host name and memory are made up, not read from Lambda.
LAMBDA_KERNEL = "5.10.227-239.884.amzn2.x86_64"


def lambda_python_timers():
    py = status(LAMBDA_KERNEL, "python3.12", 8, 1_020, ppid=1, vm_data_kb=700_000, vm_size_kb=9_800_000)
    procs = {1: status(LAMBDA_KERNEL, "init", 1, 3), 8: py}
    tree = host(
        LAMBDA_KERNEL, comm="python3.12", self_status=py, procs=procs, cgroup="0::/\n", mounts=V2_HOST_MOUNTS,
        ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"], "cgroup": INIT_NS["cgroup"]},
        pid_max=4194304, threads_max=30_000, tasks=1_024, hostname="sandbox",
        exe="/var/lang/bin/python3.12",
        mem=meminfo(LAMBDA_KERNEL, {"MemTotal": 1_923_000, "MemFree": 900_000, "MemAvailable": 1_100_000,
                                    "Cached": 200_000, "AnonPages": 700_000}),
    )
    tree.update(cgroup_files("sys/fs/cgroup", {"": {"cgroup.controllers": CG2_ALL}}))
    return tree


GUEST_VM_MACHINES = {
    "lambda-python-timers": lambda uid: lambda_python_timers(),
    "wsl2-make-swap-full": lambda uid: wsl2_make_swap_full(),
    "gvisor-python-threads": lambda uid: gvisor_python_threads(),
}
