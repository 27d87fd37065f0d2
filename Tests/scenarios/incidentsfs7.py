"""Fixture machines of the field audit of scenarios 245-247 and 249
(docs/kernel-facts.md §11.216-§11.219), built as incidents13.py says: the
thread's numbers, the rest filled in and named so.
"""
from eras import CG2_ALL, MEM_EVENTS_QUIET, V2_HOST_MOUNTS
from incidents import v1_systemd_host
from incidents28 import fill
from incidents29 import V1_CONTROLLERS
from procfs import INIT_NS, cgroup_files, host, meminfo, status

BOOKWORM_KERNEL = "6.1.0-28-amd64"
CONTAINERD = "system.slice/containerd.service"


# 245. bgpeer/nodekit#154, "有容器运行时时不再设 vm.overcommit_memory=2": the
# toolkit wrote vm.overcommit_memory = 2 with overcommit_ratio 100 on every
# node, and Docker on it failed at random: "实测触发数据：CommitLimit 4.80Gi、
# Committed_AS 4.54Gi（94.7%），起到第 6 个容器时失败" on a 3.8G machine with
# 2.3G available and swap untouched, `OCI runtime create failed: write
# init-p: broken pipe`, Go programs crashing in runtime.(*mheap).alloc, no
# OOM kill in dmesg but `__vm_enough_memory: not enough memory for the
# allocation`. The CommitLimit of ratio 100 is MemTotal + SwapTotal: 1 GiB of
# swap. Not in the thread and filled in: Debian 12's 6.1 (the kernel prints
# that line since 2022), Committed_AS as 94.7 % of CommitLimit, runc (cgo:
# its runtime makes threads with pthread_create, whose 8 MiB stack is what
# strict accounting charges) as the refused caller in containerd's unit,
# its VmSize (Go reserves far more address space than it touches), dockerd,
# containerd and five running containers' shims.
def nodekit_strict_overcommit_runc():
    kernel = BOOKWORM_KERNEL
    runc = status(kernel, "runc", 41_210, 7, ppid=41_190, vm_size_kb=1_600_000, vm_data_kb=70_000, vm_rss_kb=14_000)
    procs = {1: status(kernel, "systemd", 1, 1), 41_210: runc,
             812: status(kernel, "dockerd", 812, 24, ppid=1, vm_size_kb=2_600_000, vm_data_kb=420_000),
             640: status(kernel, "containerd", 640, 16, ppid=1, vm_size_kb=1_900_000, vm_data_kb=260_000)}
    fill(procs, kernel, 41_000, 6, "containerd-shim", lambda i: 11, ppid=1)
    limit = 3_984_588 + 1_048_572
    tree = host(
        kernel, comm="runc", self_status=runc, procs=procs, cgroup=f"0::/{CONTAINERD}\n", mounts=V2_HOST_MOUNTS,
        ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"], "cgroup": INIT_NS["cgroup"]}, pid_max=4194304,
        threads_max=31_100, tasks=260, hostname="proxy-node", overcommit=2, ratio=100, exe="/usr/bin/runc",
        mem=meminfo(kernel, {"MemTotal": 3_984_588, "MemFree": 1_500_000, "MemAvailable": 2_411_724,
                             "Cached": 800_000, "SwapTotal": 1_048_572, "SwapFree": 1_048_572,
                             "CommitLimit": limit, "Committed_AS": limit * 947 // 1000}))
    level = {"pids.max": "max\n", "pids.current": "90\n", "pids.events": "max 0\n", "memory.max": "max\n",
             "memory.current": "700000000\n", "memory.events": MEM_EVENTS_QUIET}
    tree.update(cgroup_files("sys/fs/cgroup", {"": {"cgroup.controllers": CG2_ALL}, "system.slice": level,
                                               CONTAINERD: level}))
    return tree


# 246. besthub.dev, "Why Kubernetes Pods Fail with 'Resource temporarily
# unavailable' – Understanding PID Limits": Kubernetes with Docker, Java
# pods; `-bash: fork: retry: No child processes` on the node, `docker run
# -it --rm tomcat bash` answered `runtime/cgo: pthread_create failed:
# Resource temporarily unavailable`, kernel 5.11.1-1.el7.elrepo.x86_64,
# `max user processes (-u) 249047`, "a peak of 457 processes and a maximum
# thread count of 32,616, which did not exceed the ulimit -u value". The
# 249047 is the kernel's boot RLIMIT_NPROC, half of threads-max
# (kernel/fork.c fork_init()): threads-max 498094. Not in the page
# (its text stops there) and filled in: pid_max at its default 32768 (the
# 32,616 tasks are 100 % of what alloc_pid() hands out once its cursor
# has passed 300), the layout (CentOS 7's systemd 219 on cgroup v1, kubelet
# with kubepods' pids.max at the 32768 it read as capacity), 12 Java pods
# of about 2,600 threads and the node's other 445 processes, root's bash
# in an ssh session the refused caller.
def besthub_k8s_node_pid_max_java():
    kernel = "5.11.1-1.el7.elrepo.x86_64"
    session = "user.slice/user-0.slice/session-41.scope"
    bash = status(kernel, "bash", 98_211, 1, ppid=98_200, vm_data_kb=1_500)
    procs = {1: status(kernel, "systemd", 1, 1), 98_211: bash,
             1_020: status(kernel, "dockerd", 1_020, 310, ppid=1, vm_data_kb=900_000),
             1_300: status(kernel, "kubelet", 1_300, 84, ppid=1, vm_data_kb=300_000)}
    fill(procs, kernel, 20_000, 12, "java", lambda i: 2_600 if i < 8 else 2_578, ppid=1, uid=1000)
    fill(procs, kernel, 30_000, 441, "sh", lambda i: 1, ppid=1)
    return v1_systemd_host(
        kernel, V1_CONTROLLERS, ("bash", bash), procs, placed={c: "/" + session for c in V1_CONTROLLERS},
        pids={"kubepods": (32_768, 31_650, 212), "user.slice": ("max", 6, 0), "system.slice": ("max", 960, 0)},
        tasks=32_616, hostname="k8s-node-07", root_usage=52_000_000_000, threads_max=498_094,
        mem_kb={"MemTotal": 65_400_000, "MemFree": 6_000_000, "MemAvailable": 11_000_000, "Cached": 6_500_000,
                "CommitLimit": 32_700_000, "Committed_AS": 71_000_000})


# Each machine by its builder's name, dashed.
FIELDFS7_MACHINES = {
    builder.__name__.replace("_", "-"): (lambda uid, b=builder: b())
    for builder in (nodekit_strict_overcommit_runc, besthub_k8s_node_pid_max_java)
}
