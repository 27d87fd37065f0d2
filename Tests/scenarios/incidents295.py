"""Fixture machines of the field audit of scenarios 295-296 (docs/kernel-facts.md
§11.205, §11.206), built as incidents13.py says: the thread's numbers, the
rest filled in and named so.
"""
from incidents import v1_systemd_host
from incidents28 import fill
from incidents29 import V1_CONTROLLERS
from procfs import status

AKS_KERNEL = "5.4.0-1043-azure"
AKS_MEM = {"MemTotal": 16_393_000, "MemFree": 6_000_000, "MemAvailable": 11_000_000, "Cached": 3_500_000,
           "CommitLimit": 8_196_500, "Committed_AS": 9_800_000}
POD = "kubepods/besteffort/pod5f0c2d1e-7a3b-4c8e-9d21-3b6f0e2a9c41"
CONTAINER = POD + "/0b9e3f6c1d2a"


def aks_node(me, procs, *, placed, pids, tasks):
    return v1_systemd_host(
        AKS_KERNEL, V1_CONTROLLERS, me, procs, placed={c: "/" + placed for c in V1_CONTROLLERS}, pids=pids,
        tasks=tasks, hostname="aks-nodepool1-38291746-vmss000000", root_usage=5_200_000_000,
        threads_max=127_811, mem_kb=AKS_MEM)


def aks_procs():
    """The node's daemons, and the test pod's python of 31,800 threads."""
    procs = {1: status(AKS_KERNEL, "systemd", 1, 1), 1100: status(AKS_KERNEL, "containerd", 1100, 48, ppid=1),
             1300: status(AKS_KERNEL, "kubelet", 1300, 52, ppid=1),
             21000: status(AKS_KERNEL, "python", 21000, 31_800, ppid=20_990, vm_data_kb=4_100_000,
                           vm_size_kb=270_000_000)}
    held = 1 + 48 + 52 + 31_800
    held += fill(procs, AKS_KERNEL, 5_000, 30, "containerd-shim", lambda i: 11, ppid=1100)
    return procs, held


# 295a. Azure/AKS#2276, "Customize node configuration: add pod-max-pids to
# avoid PID exhaustion": a test pod (`kubectl run ... --image=python:3-slim`)
# starts threads of time.sleep(600) in bursts of 1000; "Applications can
# allocate too many threads, triggering EAGAIN when kubelet/containerd tries
# to create new thread with pthread_create. We observe PLEG failures and
# nodes not ready", about 6 minutes in. Azure/AKS#2279 by the same author
# gives the node's numbers: kernel.threads-max 127811, pid_max "by default
# configured to 32768", /sys/fs/cgroup/pids/kubepods/pids.max "also set to
# 32768"; the ask, a pod limit in AKS's custom node configuration, became
# its kubelet `podMaxPids`. Not in the thread and filled in: the node image
# (Ubuntu 18.04's 5.4.0-1043-azure, cgroup v1, a 4-vCPU 16 GiB VM), the
# python of 31,800 threads, containerd, kubelet and 30 shims, the refused
# call containerd's pthread_create.
def aks_node_pid_max_thread_burst():
    procs, held = aks_procs()
    me = procs[1100]
    return aks_node(("containerd", me), procs, placed="system.slice/containerd.service", tasks=32_760, pids={
        "kubepods": (32_768, 31_950, 0), "system.slice": ("max", 780, 0),
        "system.slice/containerd.service": ("max", 378, 0)})


# 295b. Azure/AKS#2279, "kernel.threads-max is not sufficient for creating
# more container threads": "After setting /proc/sys/kernel/pid_max to a
# higher value the repro in #2276 no longer crashes node. However I'm still
# stuck at less than 32768 threads for the repro pod ... I realize the
# /sys/fs/cgroup/pids/kubepods/pids.max is also set to 32768 which prevents
# more threads for all pods, yet avoids crash of containerd". kubelet sets
# kubepods' pids.max to the node's allocatable PIDs, its capacity (the
# pid_max it read at start) minus reserved PIDs: raised later, pid_max
# leaves kubepods at 32768 until kubelet restarts. Not in the thread and
# filled in: pid_max raised to 4194304, the python's threads filling
# kubepods with the other pods' 150, its pthread_create the refused call.
def aks_kubepods_32768_after_pid_max():
    procs, held = aks_procs()
    procs[21000] = status(AKS_KERNEL, "python", 21000, 32_618, ppid=20_990, vm_data_kb=4_200_000,
                          vm_size_kb=276_000_000)
    tree = aks_node(("python", procs[21000]), procs, placed=CONTAINER, tasks=33_500, pids={
        "kubepods": (32_768, 32_768, 41), "kubepods/besteffort": ("max", 32_700, 0), POD: ("max", 32_619, 0),
        CONTAINER: ("max", 32_618, 0), "system.slice": ("max", 780, 0)})
    tree["proc/sys/kernel/pid_max"] = "4194304\n"
    return tree


# 296. lizards.opensuse.org/tag/ci/, SUSE's internal Jenkins (ci.suse.de):
# "strange near-daily outages of our internal busy jenkins for some weeks";
# visualvm showed threads in a sawtooth, "Every time the garbage collector
# ran, it dropped 500-1000 threads"; "every time it threw these
# java.lang.OutOfMemoryError: unable to create new native thread errors,
# the maximum number of threads was 2018... suspiciously close to 2048",
# and the journal at the same time "kernel: cgroup: fork rejected by pids
# controller in /system.slice/jenkins.service"; fixed by TasksMax=8192,
# "Now the new peak was at 4890 live threads". Not in the thread and filled
# in: SLES 12 SP3's 4.4 kernel (cgroup v1), a 64 GiB host, the 30 tasks
# beside the JVM (its git, ssh and sh children) that make the unit's 2048,
# the JVM's pthread_create the refused call.
def suse_jenkins_unit_2048():
    kernel = "4.4.180-94.97-default"
    unit = "system.slice/jenkins.service"
    procs = {1: status(kernel, "systemd", 1, 1),
             3100: status(kernel, "java", 3100, 2_018, uid=482, ppid=1, vm_data_kb=14_000_000,
                          vm_size_kb=30_000_000, cap_eff="0000000000000000")}
    fill(procs, kernel, 9_000, 30, "git", lambda i: 1, ppid=3100, uid=482)
    return v1_systemd_host(
        kernel, V1_CONTROLLERS, ("java", procs[3100]), procs, placed={c: "/" + unit for c in V1_CONTROLLERS},
        pids={unit: (2_048, 2_048, 3_912), "system.slice": ("max", 2_450, 0)}, tasks=2_900,
        hostname="ci", root_usage=40_000_000_000, threads_max=514_000,
        mem_kb={"MemTotal": 65_860_000, "MemFree": 12_000_000, "MemAvailable": 30_000_000, "Cached": 16_000_000,
                "CommitLimit": 32_930_000, "Committed_AS": 38_000_000})


# Each machine by its builder's name, dashed.
FIELD295_MACHINES = {
    builder.__name__.replace("_", "-"): (lambda uid, b=builder: b())
    for builder in (aks_node_pid_max_thread_burst, aks_kubepods_32768_after_pid_max, suse_jenkins_unit_2048)
}
