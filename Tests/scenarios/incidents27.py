"""Fixture machines of the twenty-seventh field audit (scenario 268),
built as incidents13.py says: the thread's numbers, the rest filled in and
named so.
"""
from eras import v1_cgroup, v1_host_mounts, v1_memory_level
from incidents import pids_levels
from procfs import INIT_NS, cgroup_files, host, meminfo, status

V1_CONTROLLERS = ["pids", "memory", "devices", "freezer", "cpuset", "net_cls", "blkio", "cpu,cpuacct", "name=systemd"]


def fill(procs, kernel, first_pid, count, comm, threads, ppid):
    """count processes named comm of threads(i) threads each, from first_pid."""
    held = 0
    for i in range(count):
        n = threads(i)
        procs[first_pid + i] = status(kernel, comm, first_pid + i, n, ppid=ppid, vm_data_kb=30_000)
        held += n
    return held


# 268a. kata-containers 1.3 on an 88-core host with 384 GB (Clear Linux,
# "clrw02"): 1000 busybox containers left overnight, and by the morning
# they had died: "The root issue is that the system runs out of PID
# space ... `/proc/sys/kernel/pid_max` on my 88 core machine, we get
# `90122`", "they fail to spawn a new gothread on a new processor as there
# is no PID available, which is a fatal error", `ps --no-headers -eL | wc
# -l` 88424 after a few proxies were killed, one kata-proxy at 60 threads:
# each container's kata-proxy, a Go program, grows idle threads up to
# about its GOMAXPROCS, the core count. Fixed by GOMAXPROCS 6 in kata-proxy
# and kata-shim when unset (github.com/kata-containers/runtime/issues/807,
# kata-containers/proxy pull 118, kata-containers/shim pull 115). Not in
# the thread and filled in: the kernel (Clear Linux's 4.19 of the time),
# the spread of proxy threads (60 to 88), each container's qemu of 4 and
# kata-shim of 11 threads, the tasks at the refusal (pid_max − 300, the
# exhaustion point), a proxy's pthread_create the failure (cgo's).
def kata_proxy_pid_max():
    kernel = "4.19.0-655.native"
    procs = {1: status(kernel, "systemd", 1, 1), 800: status(kernel, "dockerd", 800, 120, ppid=1),
             820: status(kernel, "docker-containe", 820, 90, ppid=800)}
    held = 1 + 120 + 90
    held += fill(procs, kernel, 10_000, 1000, "kata-proxy", lambda i: 60 + (i * 7) % 29, 1)
    held += fill(procs, kernel, 20_000, 1000, "qemu-lite-syste", lambda i: 4, 1)
    held += fill(procs, kernel, 30_000, 1000, "kata-shim", lambda i: 11, 820)
    tasks = 90_122 - 300
    # The host's other tasks: kernel threads, sshd, journald and the like.
    held += fill(procs, kernel, 40_000, tasks - held, "kworker/u176:2", lambda i: 1, 2)
    me = procs[10_004]  # 60 + 28 = 88 threads
    tree = host(
        kernel, comm="kata-proxy", self_status=me, procs=procs, exe="/usr/libexec/kata-containers/kata-proxy",
        cgroup=v1_cgroup({c: "/system.slice/docker.service" for c in V1_CONTROLLERS}),
        mounts=v1_host_mounts(V1_CONTROLLERS), ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"]},
        pid_max=90_122, threads_max=3_090_000, tasks=tasks, hostname="clrw02",
        mem=meminfo(kernel, {"MemTotal": 395_900_000, "MemFree": 60_000_000, "MemAvailable": 90_000_000,
                             "Cached": 20_000_000, "CommitLimit": 197_950_000, "Committed_AS": 330_000_000}))
    tree.update(pids_levels("sys/fs/cgroup/pids", {"system.slice/docker.service": ("max", tasks - 400, 0),
                                                   "system.slice": ("max", tasks - 300, 0)}))
    tree.update(cgroup_files("sys/fs/cgroup/memory", {"": v1_memory_level(
        9223372036854771712, 300_000_000_000, 310_000_000_000, 0, kernel)}))
    return tree


# 268b. Container-Optimized OS m60 (kubemark's hollow nodes on GCE): "COS
# m60 has pid limit set for docker", `cat
# /sys/fs/cgroup/pids/system.slice/docker.service/pids.max` 4915, every
# docker-containerd-shim (one a container) in docker.service's cgroup with
# "10*[{docker-containe}]" threads, and `fork/exec /usr/bin/docker-runc:
# resource temporarily unavailable`; fixed by a docker.service drop-in
# with TasksMax (kubernetes/kubernetes pull 51986: 10000 first, infinity
# asked; github.com/kubernetes/kubernetes/issues/51977, #51903,
# github.com/containerd/containerd/issues/1471). 4915 is systemd's
# DefaultTasksMax of 15 % of pid_max 32768. Not in the thread and
# filled in: COS m60's kernel 4.4, the 83 hollow nodes' 332 containers
# and their shims of 11 threads, dockerd's and containerd's threads, the
# containers' own processes (in their own cgroups), the memory; the
# refused fork is docker-containerd's of docker-runc.
def cos_docker_service_4915():
    kernel = "4.4.64+"
    procs = {1: status(kernel, "systemd", 1, 1), 700: status(kernel, "dockerd", 700, 560, ppid=1)}
    me = procs[760] = status(kernel, "docker-containe", 760, 300, ppid=700, vm_data_kb=400_000)
    held = 560 + 300
    held += fill(procs, kernel, 2_000, 332, "docker-containe", lambda i: 11, 760)
    # 860 + 3652 = 4512; runc's processes mid-start hold the other 403.
    held += fill(procs, kernel, 9_000, 4915 - held, "docker-runc", lambda i: 1, 760)
    unit = "system.slice/docker.service"
    tree = host(
        kernel, comm="docker-containe", self_status=me, procs=procs, exe="/usr/bin/docker-containerd",
        cgroup=v1_cgroup({c: f"/{unit}" for c in V1_CONTROLLERS}), mounts=v1_host_mounts(V1_CONTROLLERS),
        ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"], "cgroup": INIT_NS["cgroup"]}, pid_max=32_768,
        threads_max=240_000, tasks=9_800, hostname="kubemark-500-minion-group-3",
        mem=meminfo(kernel, {"MemTotal": 30_800_000, "MemFree": 9_000_000, "MemAvailable": 17_000_000,
                             "Cached": 7_000_000, "CommitLimit": 15_400_000, "Committed_AS": 21_000_000}))
    tree.update(pids_levels("sys/fs/cgroup/pids", {unit: (4915, held, 211), "system.slice": ("max", held + 60, 0)}))
    tree.update(cgroup_files("sys/fs/cgroup/memory", {"": v1_memory_level(
        9223372036854771712, 12_000_000_000, 13_000_000_000, 0, kernel)}))
    return tree




# 269a. Icinga 2.7.1 on openSUSE Leap 42.3 (kernel 4.4.87-25-default,
# systemd 228, whose DefaultTasksMax is 512): "Error: Function call 'fork'
# failed with error code 11, 'Resource temporarily unavailable'", and
# `systemctl show -p TasksMax icinga2` still 512 after `DefaultTasksMax=infinity`
# and "TaskMax=infinity" in the unit file; only DefaultTasksMax=infinity in
# /etc/systemd/system.conf had an effect
# (github.com/Icinga/icinga2/issues/5611). Not in the thread and filled in:
# icinga2's two processes of 38 and 3 threads, the check plugins in
# flight (check_nrpe, check_ping, sh) up to 512, the memory.
def icinga2_leap_tasksmax_512():
    kernel = "4.4.87-25-default"
    unit = "system.slice/icinga2.service"
    procs = {1: status(kernel, "systemd", 1, 1)}
    me = procs[2210] = status(kernel, "icinga2", 2210, 38, uid=484, ppid=1, vm_data_kb=900_000,
                              cap_eff="0000000000000000")
    procs[2230] = status(kernel, "icinga2", 2230, 3, uid=484, ppid=2210, cap_eff="0000000000000000")
    held = 38 + 3
    for i in range(512 - held):
        comm = ("check_nrpe", "check_ping", "sh")[i % 3]
        procs[5000 + i] = status(kernel, comm, 5000 + i, 1, uid=484, ppid=2210, cap_eff="0000000000000000")
    tree = host(
        kernel, comm="icinga2", self_status=me, procs=procs, exe="/usr/lib64/icinga2/sbin/icinga2",
        cgroup=v1_cgroup({c: f"/{unit}" if c in ("pids", "name=systemd") else "/" for c in V1_CONTROLLERS}),
        mounts=v1_host_mounts(V1_CONTROLLERS), ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"],
                                                   "cgroup": INIT_NS["cgroup"]},
        pid_max=32_768, threads_max=63_500, tasks=780, hostname="monitor", nproc=31_750,
        mem=meminfo(kernel, {"MemTotal": 8_150_000, "MemFree": 3_000_000, "MemAvailable": 5_600_000,
                             "Cached": 2_100_000, "SwapTotal": 2_097_148, "SwapFree": 2_097_148,
                             "CommitLimit": 6_172_148, "Committed_AS": 2_400_000}))
    tree.update(pids_levels("sys/fs/cgroup/pids", {unit: (512, 512, 96), "system.slice": ("max", 640, 0)}))
    tree.update(cgroup_files("sys/fs/cgroup/memory", {"": v1_memory_level(
        9223372036854771712, 2_500_000_000, 2_900_000_000, 0, kernel)}))
    return tree


# 270a. jsmpp, an SMPP server library in Java 7, on CentOS 7.3 (AWS EC2,
# 32 GB): "fork can't allocate memory ... when there are more than 1-2k
# binds connected at one time. After that even connecting over ssh to the
# server returns the same error. There is enough memory available", and
# "when using higher PduProcessorDegree in binds this problem is easier to
# replicate"; raising limits fixed "Too many open files" but not this
# (github.com/opentelecoms-org/jsmpp/issues/93). Kernel 3.10 reports pid_max
# exhaustion as ENOMEM (docs/kernel-facts.md §1). Not in the thread and
# filled in: CentOS 7.3's 3.10.0-514 kernel, pid_max 32768, 1,800 binds
# of 17 threads in one JVM, the host's other tasks, root's bash in an ssh
# session the fork that failed.
def jsmpp_centos7_pid_max():
    kernel = "3.10.0-514.26.2.el7.x86_64"
    procs = {1: status(kernel, "systemd", 1, 1), 900: status(kernel, "sshd", 900, 1, ppid=1)}
    java = procs[1400] = status(kernel, "java", 1400, 30_620, uid=1001, ppid=1, vm_size_kb=48_000_000,
                                vm_data_kb=40_000_000, cap_eff="0000000000000000")
    me = procs[31_990] = status(kernel, "bash", 31_990, 1, ppid=900, vm_data_kb=1_200)
    held = 1 + 1 + 30_620 + 1
    tasks = 32_768 - 300
    held += fill(procs, kernel, 2_000, tasks - held, "kworker/0:1", lambda i: 1, 2)
    controllers = ["memory", "devices", "freezer", "cpuset", "net_cls,net_prio", "blkio", "cpu,cpuacct",
                   "name=systemd"]
    tree = host(
        kernel, comm="bash", self_status=me, procs=procs, exe="/usr/bin/bash",
        cgroup=v1_cgroup({c: "/user.slice" if c == "name=systemd" else "/" for c in controllers}),
        mounts=v1_host_mounts(controllers), ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"]},
        pid_max=32_768, threads_max=256_000, tasks=tasks, hostname="ip-172-31-20-14", nproc=127_900,
        mem=meminfo(kernel, {"MemTotal": 32_780_000, "MemFree": 6_000_000, "MemAvailable": 14_500_000,
                             "Cached": 7_000_000, "CommitLimit": 16_390_000, "Committed_AS": 52_000_000}))
    tree.update(cgroup_files("sys/fs/cgroup/memory", {"": v1_memory_level(
        9223372036854771712, 18_000_000_000, 19_000_000_000, 0, kernel)}))
    del java
    return tree


FIELD27_MACHINES = {
    "kata-proxy-pid-max": lambda uid: kata_proxy_pid_max(),
    "cos-docker-service-4915": lambda uid: cos_docker_service_4915(),
    "icinga2-leap-tasksmax-512": lambda uid: icinga2_leap_tasksmax_512(),
    "jsmpp-centos7-pid-max": lambda uid: jsmpp_centos7_pid_max(),
}
