"""Fixture machines of the field audit of scenarios 245-247 and 249
(docs/kernel-facts.md §11.216-§11.219), built as incidents13.py says: the
thread's numbers, the rest filled in and named so.
"""
from eras import CG2_ALL, MEM_EVENTS_QUIET, V2_HOST_MOUNTS, hexid
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


# 247. engineering.celonis.com/blog/increasing-the-container-pid-limit-on-aws-eks-bottlerocket:
# a workload on EKS Bottlerocket that starts processes after its start
# needed more than its container's limit; raising the kubelet's
# podPidsLimit "didn't have the desired effect as /sys/fs/cgroup/pids.max
# in the container wasn't set to max". "It is 15% of the lower value of
# the system wide PID and thread limit": threads-max 505969, pid_max
# 4194304, "lower(505969, 4194304) * 0.15 = 75895", systemd's
# DefaultTasksMax on the container's scope; fixed with a larger podPidsLimit
# and DefaultTasksMax=infinity from a bootstrap container. Not in the post
# and filled in: Bottlerocket's 6.1 kernel, the pod's limit raised to
# 1048576, containerd's scope under kubelet's systemd driver, the
# workload's forks filling 75895 (a worker pool of 74,000 processes), its
# fork the refused call.
def bottlerocket_container_scope_defaulttasksmax():
    kernel = "6.1.112"
    pod = ("kubepods.slice/kubepods-besteffort.slice/"
           "kubepods-besteffort-pod1f2e3d4c_5b6a_4978_8e6f_0a1b2c3d4e5f.slice")
    scope = f"{pod}/cri-containerd-{hexid('bottlerocket-worker')}.scope"
    me = status(kernel, "worker", 210_000, 1, ppid=200_001, vm_data_kb=40_000)
    procs = {1: status(kernel, "systemd", 1, 1), 200_001: status(kernel, "supervisor", 200_001, 12, ppid=200_000),
             210_000: me}
    fill(procs, kernel, 120_000, 400, "worker", lambda i: 1, ppid=200_001)
    tree = host(
        kernel, comm="worker", self_status=me, procs=procs, cgroup=f"0::/{scope}\n", mounts=V2_HOST_MOUNTS,
        ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"], "cgroup": INIT_NS["cgroup"]}, pid_max=4194304,
        threads_max=505_969, tasks=77_300, hostname="ip-10-0-12-34.eu-central-1.compute.internal",
        mem=meminfo(kernel, {"MemTotal": 64_750_000, "MemFree": 20_000_000, "MemAvailable": 38_000_000,
                             "Cached": 9_000_000, "CommitLimit": 32_375_000, "Committed_AS": 30_000_000}))

    def level(pmax, current, events):
        return {"pids.max": f"{pmax}\n", "pids.current": f"{current}\n", "pids.events": f"max {events}\n",
                "memory.max": "max\n", "memory.current": f"{current * 1_000_000}\n", "memory.events": MEM_EVENTS_QUIET}
    tree.update(cgroup_files("sys/fs/cgroup", {
        "": {"cgroup.controllers": CG2_ALL},
        "kubepods.slice": (level("max", 75_960, 0)),
        "kubepods.slice/kubepods-besteffort.slice": level("max", 75_940, 0),
        pod: level(1_048_576, 75_897, 0),
        scope: level(75_895, 75_895, 318),
    }))
    return tree


# 249. stevejenkins/unifi-linux-utils#17, "Systemd script cannot spawed
# enought threads": with the project's unifi.service on openSUSE Leap
# 42.2, "kernel: cgroup: fork rejected by pids controller in
# /system.slice/unifi.service"; "I added the line: `TasksMax=infinity` into
# the unifi.service and solved the problem". Leap 42.2 ships systemd 228,
# whose DefaultTasksMax=512 every unit without TasksMax= gets (SUSE kept it
# past 231, §11.7). Not in the thread and filled in: Leap 42.2's 4.4.27
# kernel (cgroup v1), the UniFi controller's java (ace.jar) of 452 threads
# and its mongod of 60 filling 512, the java's pthread_create the refused
# call.
def leap_unifi_unit_512():
    kernel = "4.4.27-2-default"
    unit = "system.slice/unifi.service"
    java = status(kernel, "java", 2_210, 452, uid=487, ppid=1, vm_data_kb=1_900_000, vm_size_kb=4_800_000,
                  cap_eff="0000000000000000")
    procs = {1: status(kernel, "systemd", 1, 1), 2_210: java,
             2_480: status(kernel, "mongod", 2_480, 60, uid=487, ppid=2_210, vm_data_kb=700_000,
                           cap_eff="0000000000000000")}
    return v1_systemd_host(
        kernel, V1_CONTROLLERS, ("java", java), procs, placed={c: "/" + unit for c in V1_CONTROLLERS},
        pids={unit: (512, 512, 37), "system.slice": ("max", 690, 0)}, tasks=790, hostname="unifi",
        root_usage=3_100_000_000, threads_max=31_500,
        mem_kb={"MemTotal": 4_030_000, "MemFree": 700_000, "MemAvailable": 1_500_000, "Cached": 800_000,
                "SwapTotal": 2_095_000, "SwapFree": 2_000_000, "CommitLimit": 4_110_000,
                "Committed_AS": 5_600_000})


# Each machine by its builder's name, dashed.
FIELDFS7_MACHINES = {
    builder.__name__.replace("_", "-"): (lambda uid, b=builder: b())
    for builder in (nodekit_strict_overcommit_runc, besthub_k8s_node_pid_max_java,
                    bottlerocket_container_scope_defaulttasksmax, leap_unifi_unit_512)
}
