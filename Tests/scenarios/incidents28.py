"""Fixture machines of the twenty-eighth field audit (scenarios 271-273),
built as incidents13.py says: the thread's numbers, the rest filled in and
named so.
"""
from eras import v1_cgroup, v1_host_mounts, v1_memory_level
from incidents import pids_levels
from procfs import INIT_NS, Link, cgroup_files, host, meminfo, status

V1_CONTROLLERS = ["pids", "memory", "devices", "freezer", "cpuset", "net_cls,net_prio", "blkio", "cpu,cpuacct",
                  "name=systemd"]
NO_LIMIT = 9223372036854771712


def fill(procs, kernel, first_pid, count, comm, threads, *, ppid=1, uid=0):
    """count processes named comm of threads(i) threads each, from first_pid."""
    held = 0
    for i in range(count):
        n = threads(i)
        procs[first_pid + i] = status(kernel, comm, first_pid + i, n, uid=uid, ppid=ppid, vm_data_kb=30_000,
                                      cap_eff="000001ffffffffff" if uid == 0 else "0000000000000000")
        held += n
    return held


def root_memcg(tree, kernel, usage):
    tree.update(cgroup_files("sys/fs/cgroup/memory", {"": v1_memory_level(NO_LIMIT, usage, usage * 11 // 10, 0,
                                                                            kernel)}))


def session_host(kernel, me, procs, scope, *, comm, exe, **kw):
    """A v1 systemd host (V1_CONTROLLERS) whose failing process runs in a
    login's scope (pids and name=systemd there, the rest at the root), in
    the initial namespaces."""
    return host(
        kernel, comm=comm, self_status=me, procs=procs, exe=exe,
        cgroup=v1_cgroup({c: scope if c in ("pids", "name=systemd") else "/" for c in V1_CONTROLLERS}),
        mounts=v1_host_mounts(V1_CONTROLLERS),
        ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"], "cgroup": INIT_NS["cgroup"]}, **kw)


# 271a. systemd/systemd#7879, Fedora 27 (systemd 234): "After starting
# approx 120 nspawn containers the system runs into a software limitation.
# New ssh connections are refused at one point. Existing bash sessions
# create various forms of the same error: pthread_create: Resource
# temporarily unavailable, /bin/sh: fork: retry: Resource temporarily
# unavailable", "we observed this at around 3000 tasks reported by top";
# Poettering's answer: "what's your /proc/sys/kernel/pid_max? By default
# on most distros that tunable is set to 32K, and puts a hard limit on the
# number of processes and threads". top's "Tasks:" counts processes,
# pid_max every thread. Not in the thread and filled in: Fedora 27's
# 4.14 kernel, 128 GB (the reporter's later #17992 host), each of the 120
# containers' 25 processes and 268 threads (systemd, journald, dbus,
# logind, sshd, crond, postfix's three, a mariadb of 30 threads, an httpd
# of 8 children of 27 threads, php-fpm's 4, a node of 7) and its
# systemd-nspawn, the host's 308 others, the tasks at the refusal (pid_max
# - 300), root's bash in an ssh session the fork refused.
def nspawn_fedora27_pid_max():
    kernel = "4.14.11-300.fc27.x86_64"
    procs = {1: status(kernel, "systemd", 1, 1)}
    held = 1
    pid = 2000
    container = [("systemd-nspawn", 1, 1), ("systemd", 1, 1), ("systemd-journal", 1, 1), ("dbus-daemon", 1, 1),
                 ("systemd-logind", 1, 1), ("sshd", 1, 1), ("crond", 1, 1), ("master", 1, 1), ("qmgr", 1, 1),
                 ("pickup", 1, 1), ("mysqld", 1, 30), ("httpd", 1, 1), ("httpd", 8, 27), ("php-fpm", 4, 1),
                 ("node", 1, 7)]
    for _ in range(120):
        for comm, count, threads in container:
            held += fill(procs, kernel, pid, count, comm, lambda i, t=threads: t)
            pid += count
    tasks = 32_768 - 300
    me = procs[900] = status(kernel, "bash", 900, 1, ppid=899)
    procs[899] = status(kernel, "sshd", 899, 1, ppid=1)
    held += 2
    held += fill(procs, kernel, 100, tasks - held, "kworker/u64:1", lambda i: 1, ppid=2)
    session = "/user.slice/user-0.slice/session-4.scope"
    tree = session_host(
        kernel, me, procs, session, comm="bash", exe="/usr/bin/bash", pid_max=32_768, threads_max=1_029_027, tasks=tasks, hostname="r2.d250.hu", nproc=514_513,
        mem=meminfo(kernel, {"MemTotal": 131_715_440, "MemFree": 40_000_000, "MemAvailable": 88_000_000,
                             "Cached": 45_000_000, "CommitLimit": 65_857_720, "Committed_AS": 61_000_000}))
    tree.update(pids_levels("sys/fs/cgroup/pids", {session[1:]: ("max", 3, 0), "user.slice/user-0.slice": ("max", 3, 0),
                                                   "user.slice": ("max", 9, 0)}))
    root_memcg(tree, kernel, 42_000_000_000)
    return tree


# 271b. rkt/rkt#3382, rkt 1.19's kvm stage1 (lkvm and qemu alike): "cat
# /proc/sys/kernel/threads-max" in the pod's VM 1926, `cat /proc/1/limits
# | grep proc` "Max processes 963 963", "This in turn results in occasional
# fork/clone failures, eg. during a daemon-reload"; "The threads-max value
# used to be correlated with RAM value". The kernel sets threads-max from
# the memory it boots with (§1.2: RAM / (8 × THREAD_SIZE), 128 KiB a
# thread), and init's RLIMIT_NPROC to half of it: 1926 is a 241 MiB VM
# (rkt's kvm stage1 gives a pod 128 MB beyond its apps' memory isolators).
# Not in the thread and filled in: the guest kernel 4.9, MemTotal for
# 1926, the pod's 16 vCPUs' kernel threads and the CRI test's apps up to
# threads-max, pid 1's fork at a daemon-reload the call refused.
def rkt_kvm_threads_max():
    kernel = "4.9.2"
    procs = {}
    me = procs[1] = status(kernel, "systemd", 1, 1, vm_data_kb=20_000)
    held = 1
    held += fill(procs, kernel, 2, 16 * 6, "ksoftirqd/3", lambda i: 1, ppid=2)
    held += fill(procs, kernel, 200, 4, "systemd-journal", lambda i: 1)
    held += fill(procs, kernel, 300, 40, "nginx", lambda i: 1)
    held += fill(procs, kernel, 400, 12, "etcd", lambda i: 40)
    held += fill(procs, kernel, 500, 1926 - held, "sleep", lambda i: 1, uid=65534)
    tree = host(
        kernel, comm="systemd", self_status=me, procs=procs, exe="/usr/lib/systemd/systemd",
        cgroup=v1_cgroup({c: "/" for c in V1_CONTROLLERS}), mounts=v1_host_mounts(V1_CONTROLLERS),
        ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"], "cgroup": INIT_NS["cgroup"]},
        pid_max=32_768, threads_max=1926, tasks=1926, hostname="rkt-5b3a2e6c", nproc=963,
        mem=meminfo(kernel, {"MemTotal": 246_528, "MemFree": 61_000, "MemAvailable": 118_000, "Cached": 52_000,
                             "CommitLimit": 123_264, "Committed_AS": 190_000}))
    tree.update(pids_levels("sys/fs/cgroup/pids", {}))
    root_memcg(tree, kernel, 120_000_000)
    return tree


# 271c. docker/for-linux#343, docker 18.03.1-ce (overlay2, cgroupfs
# driver): "docker crashes after spawning approx. 400 instances with ...
# runtime/cgo: pthread_create failed: Resource temporarily unavailable.
# We were unable to pinpoint the exact resource limit for this. We still
# have more than enough memory available in the system (~100 GiB) ...
# kernel.pid_max is set to 229376, systemd TasksMax is set infinity", "A
# different machine with a more recent kernel version 4.15 allowed us to
# spawn ~4k containers"; docker info "Containers: 2554 Running: 355". The
# thread ends there, open. Not in the thread and filled in: Ubuntu
# 16.04's 4.4 kernel (older than the other's 4.15), 128 GB, dockerd's
# 1500 threads, 355 shims of 10 threads in docker.service, the containers'
# own 1065 processes, the host's others, dockerd's 9000 mappings: a
# machine where every limit the record reads is far from its maximum.
def dockerd_355_containers():
    kernel = "4.4.0-127-generic"
    unit = "system.slice/docker.service"
    procs = {1: status(kernel, "systemd", 1, 1)}
    me = procs[1200] = status(kernel, "dockerd", 1200, 1500, vm_size_kb=30_000_000, vm_data_kb=9_000_000,
                              vm_rss_kb=2_400_000)
    procs[1250] = status(kernel, "docker-containe", 1250, 120, ppid=1200)
    held = 1 + 1500 + 120
    held += fill(procs, kernel, 3000, 355, "docker-containe", lambda i: 10, ppid=1250)
    held += fill(procs, kernel, 4000, 1065, "python3", lambda i: 1, uid=1000)
    tasks = 7_400
    held += fill(procs, kernel, 6000, tasks - held, "kworker/7:2", lambda i: 1, ppid=2)
    tree = host(
        kernel, comm="dockerd", self_status=me, procs=procs, exe="/usr/bin/dockerd",
        cgroup=v1_cgroup({c: f"/{unit}" for c in V1_CONTROLLERS}), mounts=v1_host_mounts(V1_CONTROLLERS),
        ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"], "cgroup": INIT_NS["cgroup"]},
        pid_max=229_376, threads_max=1_030_000, tasks=tasks, hostname="worker-07", maps_lines=9_000,
        mem=meminfo(kernel, {"MemTotal": 131_900_000, "MemFree": 60_000_000, "MemAvailable": 105_000_000,
                             "Cached": 40_000_000, "CommitLimit": 65_950_000, "Committed_AS": 30_000_000}))
    tree.update(pids_levels("sys/fs/cgroup/pids", {unit: ("max", 1 + 1500 + 120 + 3550, 0),
                                                   "system.slice": ("max", 5600, 0)}))
    root_memcg(tree, kernel, 25_000_000_000)
    return tree


# 272a. moby/moby#42069, a Rancher host (bash 4.2: CentOS 7's 3.10): "In
# one host with multiple containers with processes launched with
# UID=1000, ssh as ansible (UID = 1000 in host) from another host fails:
# shell request failed on channel 0", `sudo -u ansible bash` "bash: fork:
# retry: No child processes"; "This is because of nproc limit in host and
# uid collision": `ulimit -a` "max user processes (-u) 4096", `ps h -Led
# -o user | sort | uniq -c` "4336 ansible". RLIMIT_NPROC counts the tasks
# of a uid in every container (the kernel's per-user count is by kuid,
# shared without user namespaces), and the containers' processes passed
# 4096 because each is checked against its own RLIMIT_NPROC, the
# runtime's (dockerd's unit: LimitNPROC=infinity), not the login's. Not in the
# thread and filled in: CentOS 7's 3.10.0-1160 kernel, 30 containers' java
# of 144 threads as uid 1000, 15 of their shells, the rancher user's
# session the sudo ran from.
def uid1000_containers_nproc():
    kernel = "3.10.0-1160.15.2.el7.x86_64"
    # RHEL 7's 3.10 has no pids controller.
    controllers = ["memory", "devices", "freezer", "cpuset", "net_cls,net_prio", "blkio", "cpu,cpuacct",
                   "name=systemd"]
    procs = {1: status(kernel, "systemd", 1, 1), 900: status(kernel, "dockerd", 900, 180, ppid=1)}
    held = fill(procs, kernel, 5000, 30, "java", lambda i: 144, ppid=900, uid=1000)
    held += fill(procs, kernel, 6000, 15, "sh", lambda i: 1, ppid=900, uid=1000)
    me = procs[7001] = status(kernel, "bash", 7001, 1, uid=1000, ppid=7000, cap_eff="0000000000000000")
    procs[7000] = status(kernel, "sudo", 7000, 1, ppid=6990)
    procs[6990] = status(kernel, "bash", 6990, 1, uid=1001, ppid=6989, cap_eff="0000000000000000")
    held += 1
    session = "/user.slice/user-1001.slice/session-57.scope"
    tree = host(
        kernel, comm="bash", self_status=me, procs=procs, exe="/usr/bin/bash",
        cgroup=v1_cgroup({c: session if c == "name=systemd" else "/" for c in controllers}),
        mounts=v1_host_mounts(controllers), ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"]},
        pid_max=32_768, threads_max=250_000, tasks=4_900, hostname="dl2pdck-s00", nproc=4096,
        mem=meminfo(kernel, {"MemTotal": 32_780_000, "MemFree": 9_000_000, "MemAvailable": 17_000_000,
                             "Cached": 7_000_000, "CommitLimit": 16_390_000, "Committed_AS": 24_000_000}))
    # Each container's processes in its own PID namespace (no user
    # namespace: their uid 1000 is the host's).
    for i in range(30):
        tree[f"proc/{5000 + i}/ns/pid"] = Link(f"pid:[{4026532600 + i}]")
        if i < 15:
            tree[f"proc/{6000 + i}/ns/pid"] = Link(f"pid:[{4026532600 + i}]")
    root_memcg(tree, kernel, 14_000_000_000)
    return tree


# 272b. apptainer/singularity#4987, Singularity 3.5.2 on an HPC node
# (Ubuntu 18.04, as the reporter's #4652): "issues with large numbers of
# containers (200+) running simultaneously on the same machine ... So far
# I've been monitoring number of open files and processes, but those both
# look ok"; fixed with "shared loop devices" and "increased the process
# limit for the user to 16384 (from 4096)", and "threads count toward
# ulimit processes ... running ps with -AL does indeed show upwards of 16k
# processes". Not in the thread and filled in: Ubuntu 18.04's 4.15 kernel,
# 210 containers each a starter of 7 threads and a job of 12 threads, the
# user's 106 other tasks, a starter's pthread_create for the next
# container the call refused.
def singularity_hpc_nproc():
    kernel = "4.15.0-74-generic"
    uid = 1003
    procs = {1: status(kernel, "systemd", 1, 1)}
    held = fill(procs, kernel, 10_000, 210, "starter-suid", lambda i: 7, uid=uid)
    held += fill(procs, kernel, 11_000, 210, "python3", lambda i: 12, uid=uid)
    me = procs[9_000] = status(kernel, "starter-suid", 9_000, 6, uid=uid, ppid=8_999, cap_eff="0000000000000000")
    held += 6
    held += fill(procs, kernel, 12_000, 4096 - held, "bash", lambda i: 1, uid=uid)
    scope = "/user.slice/user-1003.slice/session-12.scope"
    tree = session_host(
        kernel, me, procs, scope, comm="starter-suid", exe="/usr/local/libexec/singularity/bin/starter-suid",
        pid_max=131_072, threads_max=3_090_000, tasks=5_300, hostname="notch081", nproc=4096,
        mem=meminfo(kernel, {"MemTotal": 395_900_000, "MemFree": 200_000_000, "MemAvailable": 300_000_000,
                             "Cached": 80_000_000, "CommitLimit": 197_950_000, "Committed_AS": 90_000_000}))
    tree.update(pids_levels("sys/fs/cgroup/pids", {scope[1:]: ("max", 4096, 0),
                                                   "user.slice/user-1003.slice": ("max", 4096, 0)}))
    root_memcg(tree, kernel, 80_000_000_000)
    return tree



# Each machine by its builder's name, dashed.
FIELD28_MACHINES = {
    builder.__name__.replace("_", "-"): (lambda uid, b=builder: b())
    for builder in (nspawn_fedora27_pid_max, rkt_kvm_threads_max, dockerd_355_containers, uid1000_containers_nproc,
                    singularity_hpc_nproc)
}
