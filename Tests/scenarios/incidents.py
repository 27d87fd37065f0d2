"""Fixture machines reconstructed from public incident threads: each
machine's comment gives the thread's address and the numbers taken from it;
what the thread did not say is filled in as that distribution and kernel
ship it (procfs.py formats, eras.py layouts).

Each machine is a function of the uid the replay runs as (machines.py
passes FIXTURE_UID): RLIMIT_NPROC does not bind root, so an incident whose
failing process is not root runs the caller under that uid. Built only when
asked for: some hold tens of thousands of processes.
"""
from eras import (CG2_ALL, EL7_CONTROLLERS, EL7_KERNEL, MEM_EVENTS_QUIET, V1_NO_LIMIT, XENIAL_CONTROLLERS,
                  XENIAL_KERNEL, container_mounts, docker_v1_cgroup, docker_v1_mounts, hexid, old_v1_host,
                  v1_cgroup, v1_host_mounts, v1_memory_level, V2_HOST_MOUNTS)
from procfs import INIT_NS, Link, cgroup_files, host, limits, meminfo, mountinfo, status


def pids_levels(prefix, levels):
    """levels: cgroup dir -> (pids.max, pids.current[, pids.events max]);
    kernels before 4.8 have no pids.events: give two numbers."""
    files = {}
    for level, numbers in levels.items():
        f = {"pids.max": f"{numbers[0]}\n", "pids.current": f"{numbers[1]}\n"}
        if len(numbers) > 2:
            f["pids.events"] = f"max {numbers[2]}\n"
        files[level] = f
    return cgroup_files(prefix, files)


def v1_systemd_host(kernel, controllers, me, procs, *, placed, pids, tasks, hostname, mem_kb, root_usage,
                    threads_max, unified=None):
    """A systemd host on cgroup v1 in the initial namespaces: the process
    in placed (controller -> path, the rest at /), pids: level -> numbers
    (pids_levels), the root memcg using root_usage bytes."""
    paths = {c: placed.get(c, "/") for c in controllers}
    tree = host(
        kernel, comm=me[0], self_status=me[1], procs=procs, cgroup=v1_cgroup(paths, unified=unified),
        mounts=v1_host_mounts(controllers, unified=unified is not None),
        ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"], **({"cgroup": INIT_NS["cgroup"]} if unified else {})},
        pid_max=32768, threads_max=threads_max, tasks=tasks, hostname=hostname, mem=meminfo(kernel, mem_kb),
    )
    tree.update(pids_levels("sys/fs/cgroup/pids", pids))
    tree.update(cgroup_files("sys/fs/cgroup/memory", {"": v1_memory_level(
        9223372036854771712, root_usage, root_usage * 11 // 10, 0, kernel)}))
    return tree


def beancounters(ctid, rows):
    """/proc/user_beancounters of an OpenVZ container as it shows inside
    (Version 2.5; kernel/bc/proc.c prints uid, resource, held, maxheld,
    barrier, limit, failcnt). rows: resource -> (held, maxheld, barrier,
    limit, failcnt); the others are quiet."""
    unlimited = 9223372036854775807
    order = ["kmemsize", "lockedpages", "privvmpages", "shmpages", "dummy", "numproc", "physpages",
             "vmguarpages", "oomguarpages", "numtcpsock", "numflock", "numpty", "numsiginfo", "tcpsndbuf",
             "tcprcvbuf", "othersockbuf", "dgramrcvbuf", "numothersock", "dcachesize", "numfile", "numiptent"]
    quiet = {"dummy": (0, 0, 0, 0, 0), "physpages": (70_000, 90_000, 0, unlimited, 0)}
    out = ["Version: 2.5\n",
           "       uid  resource                     held              maxheld              barrier"
           "                limit              failcnt\n"]
    for i, name in enumerate(order):
        held, maxheld, barrier, limit, fail = rows.get(name, quiet.get(name, (10, 20, unlimited, unlimited, 0)))
        lead = f"{ctid:>10}:" if i == 0 else " " * 11
        out.append(f"{lead}  {name:<12}{held:>21}{maxheld:>21}{barrier:>21}{limit:>21}{fail:>21}\n")
    return "".join(out)


# 1. OpenVZ 6 VPS (kernel 2.6.32-042stab, a RHEL 6 kernel with the
# beancounters): "fork: Cannot allocate memory" while `free` shows memory.
# wiki.openvz.org/Resource_shortage: "if you see non-zero values in the
# failcnt column that means something is wrong"; the VPS of
# blog.adyromantika.com/checking-limits-on-openvz-virtuozzo ("cannot fork",
# "Fork failed") had privvmpages barrier 4915, limit 5357, failcnt 40.
# The privvmpages limit is charged when private writable memory is mapped
# or copied by fork (ub_memory_charge in dup_mmap): an accounting refusal,
# not a shortage of RAM. Numbers here: a 2 GiB VPS, privvmpages limit
# 524288 pages with 524100 held, failcnt 1873 and rising.
OVZ_KERNEL = "2.6.32-042stab145.3"


def openvz(comm, rows, *, free_kb, procs_extra=0, ctid=101, kernel=OVZ_KERNEL, extra_comm="php-cgi",
           nproc=515_000, cap_eff="000001ffffffffff"):
    """An OpenVZ 6 container's view; the process and its procs_extra
    siblings run as root with CapEff cap_eff."""
    me = status(kernel, comm, 2811, 1, ppid=1, vm_data_kb=210_000, vm_size_kb=380_000, cap_eff=cap_eff)
    procs = {1: status(kernel, "init", 1, 1), 2811: me}
    for i in range(procs_extra):
        procs[3000 + i] = status(kernel, extra_comm, 3000 + i, 1, ppid=2811, vm_data_kb=60_000)
    # No cgroup filesystem inside an OpenVZ 6 container; /proc/self/cgroup
    # is empty and nothing is mounted at /sys/fs/cgroup.
    tree = host(
        kernel, comm=comm, self_status=me, procs=procs, cgroup="",
        mounts=mountinfo((40, 39, "0:36", "/", "/", "rw,relatime", "", "simfs", "/vz/private/101", "rw"),
                         (41, 40, "0:3", "/", "/proc", "rw,relatime", "", "proc", "proc", "rw")),
        ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"]}, pid_max=32768, threads_max=515_000,
        tasks=40 + procs_extra, hostname="vps101", nproc=nproc,
        # The container's meminfo: the privvmpages limit shows as MemTotal.
        mem=meminfo(kernel, {"MemTotal": 2_097_152, "MemFree": free_kb, "Cached": 120_000,
                             "SwapTotal": 0, "SwapFree": 0, "CommitLimit": 0, "Committed_AS": 0}),
    )
    tree["proc/user_beancounters"] = beancounters(ctid, rows)
    tree["proc/vz/veinfo"] = f"{ctid:>10}     0    {40 + procs_extra:>4}      10.0.0.101\n"
    return tree


def openvz_privvmpages():
    return openvz("mysqld", {"privvmpages": (524_100, 524_288, 524_288, 524_288, 1873),
                             "numproc": (61, 88, 400, 400, 0)}, free_kb=1_310_000)


# 2. The same VPS family, numproc: wiki.openvz.org/Resource_shortage's
# container 123 has numproc barrier = limit = 65 (held 20). A PHP site's
# FastCGI children fill it: 65 held, failcnt 311; fork gets ENOMEM while
# memory is free: OpenVZ's kernel/bc/misc.c ub_task_charge() refuses the
# fork with -ENOMEM, the classic "fork: Cannot allocate memory" on a VPS.
def openvz_numproc():
    return openvz("php-cgi", {"numproc": (65, 65, 65, 65, 311)}, free_kb=1_500_000, procs_extra=63)


# 281. The same site on Virtuozzo 7 (vzkernel 3.10): later builds make
# numproc the container's pids cgroup, whose pids_try_charge() refuses the
# fork with -EAGAIN and counts it in numproc's failcnt (kernel/cgroup_pids.c,
# docs/kernel-facts.md §11.188). Only /proc/user_beancounters is given: the
# container's own cgroup files are left out, so what is tested is that a
# full numproc on a 3.10 kernel answers EAGAIN. The release and the numbers
# are made up; no VZ7 record of a refused fork was found.
VZ7_KERNEL = "3.10.0-1160.80.1.vz7.191.4"


def vz7_numproc():
    return openvz("php-cgi", {"numproc": (400, 400, 400, 400, 57)}, free_kb=1_500_000, procs_extra=63,
                  kernel=VZ7_KERNEL)


# 3. Ubuntu 16.04 (kernel 4.4, systemd 229, logind UserTasksMax=4096 on
# user-1000.slice): ssh logins and every command of the user fail with
# "fork: retry: Resource temporarily unavailable"
# (newbe.dev/.../creating-threads-fails-with-resource-temporarily-unavailable-with-4-3-kernel:
# "These default to 4096 per user ... configured as UserTasksMax= in the
# [Login] section of /etc/systemd/logind.conf"). A build's JVMs fill it.
def xenial_user_tasksmax():
    me = status(XENIAL_KERNEL, "bash", 24102, 1, uid=0, ppid=24100, vm_data_kb=4_000)
    procs = {1: status(XENIAL_KERNEL, "systemd", 1, 1), 24102: me,
             24300: status(XENIAL_KERNEL, "java", 24300, 2900, ppid=24102, vm_data_kb=3_000_000),
             24301: status(XENIAL_KERNEL, "java", 24301, 1180, ppid=24102, vm_data_kb=1_000_000)}
    return v1_systemd_host(
        XENIAL_KERNEL, XENIAL_CONTROLLERS, ("bash", me), procs,
        placed={"pids": "/user.slice/user-1000.slice", "name=systemd": "/user.slice/user-1000.slice/session-31.scope"},
        pids={"user.slice/user-1000.slice": (4096, 4096), "user.slice": ("max", 4101)},
        tasks=4_310, hostname="build-02", threads_max=128_000, root_usage=7_000_000_000,
        mem_kb={"MemTotal": 16_390_000, "MemFree": 6_900_000, "MemAvailable": 10_100_000, "Cached": 3_600_000,
                "CommitLimit": 8_195_000, "Committed_AS": 9_300_000})


# 4. Ubuntu 16.04 (kernel 4.4, systemd 229's DefaultTasksMax=512): a
# headless build farm ran everything over ssh and hit the limit on
# sshd.service, "No more processes" (github.com/systemd/systemd/issues/3211,
# drewthaler: "We hit the limit under sshd.service ... All the traditional
# indicators like ulimit, sysctl, and various /proc entries showed that we
# should have been able to create lots of processes").
def xenial_sshd_tasksmax():
    me = status(XENIAL_KERNEL, "sshd", 1204, 1, ppid=1, vm_data_kb=6_000)
    procs = {1: status(XENIAL_KERNEL, "systemd", 1, 1), 1204: me}
    for i in range(40):
        procs[5000 + i] = status(XENIAL_KERNEL, "make", 5000 + i, 12, ppid=1204, vm_data_kb=30_000)
    service = "/system.slice/ssh.service"
    return v1_systemd_host(
        XENIAL_KERNEL, XENIAL_CONTROLLERS, ("sshd", me), procs,
        placed={"pids": service, "devices": service, "name=systemd": service},
        pids={"system.slice/ssh.service": (512, 512), "system.slice": ("max", 604)},
        tasks=760, hostname="buildfarm-11", threads_max=128_000, root_usage=4_000_000_000,
        mem_kb={"MemTotal": 16_390_000, "MemFree": 9_900_000, "MemAvailable": 12_100_000, "Cached": 2_600_000,
                "CommitLimit": 8_195_000, "Committed_AS": 5_300_000})


# 5. RHEL 6 (kernel 2.6.32-358.el6): /etc/security/limits.d/90-nproc.conf
# sets soft nproc 1024 for every user but root. WebSphere and IBM HTTP
# Server run as the same user, and the limit counts the threads of both:
# "Failed to create a thread: retVal -1073741830, errno 11"
# (veithen.io/2013/10/26/was-rhel6-nproc-ulimit.html: "the limit applies
# to the sum of all threads created by all processes running with the same
# user"). Here: the JVM holds 871 threads, two httpd workers 153: 1024.
EL6_KERNEL = "2.6.32-358.el6.x86_64"


def el6_nproc(uid):
    user = {"uid": uid, "cap_eff": "0000000000000000"}
    me = status(EL6_KERNEL, "java", 3120, 871, ppid=1, vm_data_kb=2_900_000, vm_size_kb=5_400_000, **user)
    procs = {1: status(EL6_KERNEL, "init", 1, 1), 3120: me,
             2810: status(EL6_KERNEL, "httpd", 2810, 1, ppid=1),
             2811: status(EL6_KERNEL, "httpd", 2811, 76, ppid=2810, vm_data_kb=300_000, **user),
             2812: status(EL6_KERNEL, "httpd", 2812, 76, ppid=2810, vm_data_kb=300_000, **user),
             2900: status(EL6_KERNEL, "bash", 2900, 1, ppid=1, **user)}
    # RHEL 6 mounts v1 under /cgroup only with cgconfig; this host has none.
    tree = host(EL6_KERNEL, comm="java", self_status=me, procs=procs, cgroup="",
                mounts=mountinfo((16, 1, "253:0", "/", "/", "rw,relatime", "", "ext4", "/dev/mapper/vg-root", "rw"),
                                 (17, 16, "0:3", "/", "/proc", "rw,relatime", "", "proc", "proc", "rw")),
                ns={}, pid_max=32768, threads_max=255_000, tasks=1_390, hostname="was-node-2", nproc=1024,
                mem=meminfo(EL6_KERNEL, {"MemTotal": 16_333_000, "MemFree": 7_800_000, "Cached": 3_100_000,
                                         "CommitLimit": 10_300_000, "Committed_AS": 8_900_000}))
    return tree


# 6. Docker's own service on a 4.3 kernel with systemd 228 (Arch, January
# 2016): `systemctl status docker` showed "Tasks: 502 (limit: 512)" and
# dockerd's Go runtime failed "runtime/cgo: pthread_create failed: Resource
# temporarily unavailable"
# (success.docker.com/article/how-to-reserve-resource-temporarily-unavailable-errors-due-to-tasksmax-setting
# and the newbe.dev answer above). Kernel 4.3 has pids.max and
# pids.current only (pids.events came in 4.8). The snapshot is 10 short.
ARCH_KERNEL = "4.3.3-2-ARCH"
ARCH_CONTROLLERS = ["pids", "memory", "devices", "freezer", "cpuset", "net_cls", "perf_event", "cpu,cpuacct",
                    "blkio", "name=systemd"]


def arch_docker_tasksmax():
    me = status(ARCH_KERNEL, "docker", 2770, 460, ppid=1, vm_data_kb=900_000, vm_size_kb=3_100_000)
    procs = {1: status(ARCH_KERNEL, "systemd", 1, 1), 2770: me}
    for i in range(14):
        procs[4000 + i] = status(ARCH_KERNEL, "docker-proxy", 4000 + i, 3, ppid=2770)
    service = "/system.slice/docker.service"
    return v1_systemd_host(
        ARCH_KERNEL, ARCH_CONTROLLERS, ("docker", me), procs,
        placed={"pids": service, "devices": service, "name=systemd": service},
        pids={"system.slice/docker.service": (512, 502), "system.slice": ("max", 560)},
        tasks=690, hostname="arch-docker", threads_max=63_000, root_usage=3_000_000_000,
        mem_kb={"MemTotal": 8_060_000, "MemFree": 4_100_000, "MemAvailable": 6_000_000, "Cached": 1_500_000,
                "CommitLimit": 4_030_000, "Committed_AS": 3_900_000})


# 7. Elasticsearch 7.9.2 in docker on Ubuntu 18.04 (kernel
# 4.15.0-88-generic, github.com/spujadas/elk-docker/issues/334): the host
# keeps vm.max_map_count at its default 65530 ("max virtual memory areas
# vm.max_map_count [65530] is too low, increase to at least [262144]").
# Run past the bootstrap check, the JVM's mmapped index files and thread
# stacks take every mapping: a new thread's stack mmap fails and HotSpot
# says "unable to create native thread". 65530 lines of maps.
def es_max_map_count():
    kernel = "4.15.0-88-generic"
    cid = hexid("elk-docker")
    es = status(kernel, "java", 189, 212, ppid=1, vm_size_kb=41_000_000, vm_data_kb=4_700_000,
                vm_rss_kb=3_900_000)
    procs = {1: status(kernel, "start.sh", 1, 1), 189: es}
    tree = host(
        kernel, comm="java", self_status=es, procs=procs, cgroup=docker_v1_cgroup(cid), mounts=docker_v1_mounts(cid),
        ns={"user": INIT_NS["user"], "pid": 4026532501, "cgroup": INIT_NS["cgroup"]}, pid_max=32768,
        threads_max=127_000, tasks=1_210, hostname=cid[:12], maps_lines=65_530, max_map_count=65530,
        mem=meminfo(kernel, {"MemTotal": 16_390_000, "MemFree": 2_100_000, "MemAvailable": 8_800_000,
                             "Cached": 6_600_000, "CommitLimit": 8_195_000, "Committed_AS": 9_900_000}),
    )
    tree.update(cgroup_files("sys/fs/cgroup", {
        "pids": {"pids.max": "max\n", "pids.current": "214\n", "pids.events": "max 0\n"},
        "memory": v1_memory_level(9223372036854771712, 5_000_000_000, 5_100_000_000, 0, kernel),
    }))
    tree[".dockerenv"] = ""
    return tree


# 8. A 1 GB VPS (CentOS 7, kernel 3.10): kernel.threads-max is sized from
# RAM at boot (kernel/fork.c set_max_threads: RAM / (8 * THREAD_SIZE), 16
# KiB stacks), 7,674 here, so a root JVM with 7,500 threads reaches it
# with 240 MB of RAM still available ("the kernel's system-wide limit on
# the number of processes and threads, /proc/sys/kernel/threads-max, was
# reached", clone(2); man page text quoted in the Zig docs at
# frankfurt.kapeli.com/.../Zig.tgz, ThreadQuotaExceeded).
def el7_threads_max_1g():
    java = status(EL7_KERNEL, "java", 1410, 7_512, ppid=1, vm_size_kb=9_800_000, vm_data_kb=700_000,
                  vm_rss_kb=520_000)
    procs = {1: status(EL7_KERNEL, "systemd", 1, 1), 1410: java}
    for i in range(60):
        procs[400 + i] = status(EL7_KERNEL, "kworker", 400 + i, 1, ppid=2)
    return old_v1_host(
        EL7_KERNEL, EL7_CONTROLLERS, {"name=systemd": "/system.slice/app.service"}, 700_000_000,
        comm="java", self_status=java, procs=procs, pid_max=32768, threads_max=7_674, tasks=7_674,
        hostname="vps-1g", nproc=3_837,
        mem=meminfo(EL7_KERNEL, {"MemTotal": 1_014_800, "MemFree": 90_000, "MemAvailable": 241_000,
                                 "Cached": 180_000, "CommitLimit": 507_400, "Committed_AS": 10_900_000}),
    )


# 9. Kubernetes with podPidsLimit 10,000 on cgroup v1 (M-Lab's cluster,
# kernel 5.4, docker): a shell in a pod forks `sleep 60 &` until
# "/bin/sh: can't fork: Resource temporarily unavailable" at 9,810
# (github.com/m-lab/k8s-support/pull/459). The pause container and the
# other containers of the pod hold the rest; the limit is on the pod's
# cgroup, above the container's; v1 counts the refusal in the forking
# (container) cgroup's pids.events.
def k8s_pod_v1():
    kernel = "5.4.0-1029-gcp"
    cid = hexid("mlab-tcp-info")
    pod = "/kubepods/besteffort/pod3e4b1f0a-6c2d-4e8f-9a71-0b5c2d9e1f37"
    sh = status(kernel, "sh", 1, 1)
    procs = {1: sh}
    for i in range(40):
        procs[10 + i] = status(kernel, "sleep", 10 + i, 1, ppid=1)
    tree = host(
        kernel, comm="sh", self_status=sh, procs=procs,
        cgroup=docker_v1_cgroup(cid).replace(f"/docker/{cid}", f"{pod}/{cid}"),
        mounts=docker_v1_mounts(cid).replace(f" /docker/{cid} ", f" {pod}/{cid} "),
        ns={"user": INIT_NS["user"], "pid": 4026532640, "cgroup": INIT_NS["cgroup"]}, pid_max=4194304,
        threads_max=240_000, tasks=11_900, hostname="neubot-pdld8",
        mem=meminfo(kernel, {"MemTotal": 15_300_000, "MemFree": 8_000_000, "MemAvailable": 11_900_000,
                             "Cached": 3_100_000, "CommitLimit": 7_650_000, "Committed_AS": 6_000_000}),
    )
    tree.update(cgroup_files("sys/fs/cgroup", {
        "pids": {"pids.max": "max\n", "pids.current": "9811\n", "pids.events": "max 3\n"},
        "memory": v1_memory_level(9223372036854771712, 900_000_000, 950_000_000, 0, kernel),
    }))
    tree[".dockerenv"] = ""
    return tree


# 10. pipecd's launcher (github.com/pipe-cd/pipecd/issues/5989): PID 1 of
# its container does not reap git's children, `pstree` shows
# "launcher-+-17442*[git]" zombies, and after 19 days on ECS "error: cannot
# fork() for ssh: Resource temporarily unavailable". Reconstructed on a
# host with the default pid_max 32768 (Amazon Linux 2, kernel 5.10, the
# container in its own PID namespace, host's pid_max read from inside):
# with the host's other tasks the zombies fill it. The report must name
# launcher as the parent that does not reap.
def pipecd_zombies():
    kernel = "5.10.210-201.852.amzn2.x86_64"
    piped = status(kernel, "piped", 8, 14, ppid=1, vm_data_kb=310_000)
    launcher = status(kernel, "launcher", 1, 12, vm_data_kb=90_000)
    procs = {1: launcher, 8: piped}
    for i in range(17_442):
        procs[100 + i] = status(kernel, "git", 100 + i, 1, ppid=1, state="Z (zombie)", vm_data_kb=0,
                                vm_size_kb=0)
    tree = host(
        kernel, comm="piped", self_status=piped, procs=procs, cgroup="0::/\n",
        mounts=container_mounts([(1314, 1313, "0:28", "/", "/sys/fs/cgroup", "ro,nosuid,nodev,noexec,relatime",
                                  "", "cgroup2", "cgroup", "rw,nsdelegate")]),
        ns={"user": INIT_NS["user"], "pid": 4026532288, "cgroup": 4026532290}, pid_max=32768,
        threads_max=61_000, tasks=32_470, hostname="ip-10-0-3-17",
        mem=meminfo(kernel, {"MemTotal": 7_900_000, "MemFree": 3_000_000, "MemAvailable": 5_200_000,
                             "Cached": 2_000_000, "CommitLimit": 3_950_000, "Committed_AS": 2_700_000}),
    )
    tree.update(cgroup_files("sys/fs/cgroup", {"": {
        "cgroup.controllers": CG2_ALL, "pids.max": "max\n", "pids.current": "17468\n", "pids.events": "max 0\n",
        "memory.max": "max\n", "memory.current": "800000000\n", "memory.events": MEM_EVENTS_QUIET}}))
    tree[".dockerenv"] = ""
    return tree


# 11. regelrecht's harvest worker (github.com/MinBZK/regelrecht/pull/763):
# "The worker binary runs as PID 1 with no init"; git's grandchildren are
# reparented to it and "become zombies that hold pid slots. They ratchet up
# against the container's already-low pids limit until fork() returns
# EAGAIN". A pids limit of 256 on the container (cgroup v2, kernel 6.1,
# its own cgroup namespace): 231 zombies of the worker, the worker's 25
# threads. pids_can_fork refuses; the fix is an init (tini), not a higher
# limit alone.
def regelrecht_zombies():
    kernel = "6.1.0-28-cloud-amd64"
    worker = status(kernel, "harvester-work", 1, 25, vm_data_kb=400_000)
    procs = {1: worker}
    for i in range(231):
        procs[40 + i] = status(kernel, "git", 40 + i, 1, ppid=1, state="Z (zombie)", vm_data_kb=0, vm_size_kb=0)
    tree = host(
        kernel, comm="harvester-work", self_status=worker, procs=procs, cgroup="0::/\n",
        mounts=container_mounts([(1314, 1313, "0:28", "/", "/sys/fs/cgroup", "ro,nosuid,nodev,noexec,relatime",
                                  "", "cgroup2", "cgroup", "rw,nsdelegate,memory_recursiveprot")]),
        ns={"user": INIT_NS["user"], "pid": 4026532331, "cgroup": 4026532333}, pid_max=4194304,
        threads_max=63_000, tasks=1_100, hostname="harvester-7f9c",
        mem=meminfo(kernel, {"MemTotal": 8_100_000, "MemFree": 3_900_000, "MemAvailable": 6_100_000,
                             "Cached": 2_000_000, "CommitLimit": 4_050_000, "Committed_AS": 3_000_000}),
    )
    tree.update(cgroup_files("sys/fs/cgroup", {"": {
        "cgroup.controllers": CG2_ALL, "pids.max": "256\n", "pids.current": "256\n", "pids.peak": "256\n",
        "pids.events": "max 4812\n", "memory.max": "2147483648\n", "memory.current": "520000000\n",
        "memory.events": MEM_EVENTS_QUIET}}))
    tree[".dockerenv"] = ""
    return tree


# 12. Kubernetes 1.9 on CentOS 7 (kernel 3.10.0-514.10.2.el7,
# github.com/kubernetes/kubernetes/issues/61937 and
# github.com/opencontainers/runc/issues/1725): runc turns on kmem accounting
# for every container (it writes a kmem limit, on 3.10 the only switch), and
# 3.10's kmem accounting cannot reclaim a cgroup's slab ("SLUB: Unable to
# allocate memory on node -1"). The container's memory counter, slab
# included, sits at its 8000 MB limit while the process uses 430 MB
# (kubernetes#83044's numbers: limit 8388608000, usage 451563520 before the
# slab grew) and the node has 40 GB available: fork gets ENOMEM.
def el7_k8s_kmem():
    kernel = "3.10.0-514.10.2.el7.x86_64"
    cid = hexid("k8s-kmem")
    pod = "/kubepods/burstable/pod0046bc29-1636-11ea-ab85-fa163e904f35"
    app = status(kernel, "java", 1, 180, vm_data_kb=600_000, vm_rss_kb=430_000)
    procs = {1: app}
    # RHEL 7 has no pids controller: docker's layout without it.
    tree = host(
        kernel, comm="java", self_status=app, procs=procs,
        cgroup="".join(line + "\n" for line in docker_v1_cgroup(cid).replace(f"/docker/{cid}", f"{pod}/{cid}")
                       .splitlines() if ":pids:" not in line and not line.startswith("0::")),
        mounts="".join(line + "\n" for line in docker_v1_mounts(cid).replace(f" /docker/{cid} ", f" {pod}/{cid} ")
                       .splitlines() if not line.endswith(",pids")), ns={"user": INIT_NS["user"], "pid": 4026532700}, pid_max=131072,
        threads_max=1_030_000, tasks=2_900, hostname="app-5b8d",
        mem=meminfo(kernel, {"MemTotal": 65_808_000, "MemFree": 21_000_000, "MemAvailable": 40_200_000,
                             "Cached": 19_000_000, "CommitLimit": 32_904_000, "Committed_AS": 30_000_000}),
    )
    memory = v1_memory_level(8388608000, 8388599808, 8388608000, 40_211, kernel)
    memory.update({"memory.kmem.limit_in_bytes": V1_NO_LIMIT, "memory.kmem.usage_in_bytes": "7937036288\n",
                   "memory.kmem.max_usage_in_bytes": "7937036288\n", "memory.kmem.failcnt": "0\n"})
    tree.update(cgroup_files("sys/fs/cgroup", {"memory": memory}))
    tree[".dockerenv"] = ""
    return tree


# 13. A 32-bit JVM (CentOS 6 i686, kernel 2.6.32-754.el6.i686, the
# default 3G/1G split): "OutOfMemoryError: unable to create new native
# thread" with no RLIMIT_AS and RAM to spare: the process has used its 3
# GiB of address space, heap plus one 512 KiB-1 MiB stack per thread
# (javaeesupportpatterns.blogspot.com/2012/09/outofmemoryerror-unable-to-create-new.html:
# "A 32-bit JVM process ... (MaxProcessMemory - JVMMemory -
# ReservedOsMemory) / (ThreadStackSize) = Number of threads", the formula
# of www.strongd.net/?p=11). VmSize 3,110,000 kB of 3,145,728.
def i686_address_space():
    kernel = "2.6.32-754.el6.i686"
    java = status(kernel, "java", 2231, 1_480, ppid=1, vm_size_kb=3_110_000, vm_data_kb=2_950_000,
                  vm_rss_kb=1_700_000)
    procs = {1: status(kernel, "init", 1, 1), 2231: java}
    tree = host(kernel, comm="java", self_status=java, procs=procs, cgroup="",
                mounts=mountinfo((16, 1, "253:0", "/", "/", "rw,relatime", "", "ext4", "/dev/mapper/vg-root", "rw"),
                                 (17, 16, "0:3", "/", "/proc", "rw,relatime", "", "proc", "proc", "rw")),
                ns={}, pid_max=32768, threads_max=61_000, tasks=1_640, hostname="legacy-app", maps_lines=3_100,
                mem=meminfo(kernel, {"MemTotal": 8_300_000, "MemFree": 3_900_000, "Cached": 1_200_000,
                                     "CommitLimit": 6_200_000, "Committed_AS": 4_100_000}))
    return tree


# 14. An LXC container behind LXCFS (Ubuntu 18.04 host, kernel 4.15, LXCFS
# 3 started with -l, github.com/lxc/lxcfs/issues/13 and #203): /proc/meminfo
# and /proc/loadavg are LXCFS's, computed from the container's cgroups, so
# loadavg's task count (183) is the container's, not the host's. The host's
# pid_max (32768, read from inside: not namespaced before 6.14) is full
# with another container's threads; the container's own pids.max (2000) is
# far. A count of 183 is no evidence that the host's PID space has room.
def lxcfs_container():
    kernel = "4.15.0-213-generic"
    mounts = mountinfo(
        (212, 176, "7:0", "/", "/", "rw,relatime", "", "ext4", "/dev/loop0", "rw"),
        (214, 212, "0:46", "/", "/proc", "rw,nosuid,nodev,noexec,relatime", "", "proc", "proc", "rw"),
        (218, 212, "0:48", "/", "/sys", "rw,nosuid,nodev,noexec,relatime", "", "sysfs", "sysfs", "rw"),
        (230, 214, "0:50", "/proc/meminfo", "/proc/meminfo", "rw,nosuid,nodev,relatime", "", "fuse.lxcfs", "lxcfs",
         "rw,user_id=0,group_id=0,allow_other"),
        (231, 214, "0:50", "/proc/loadavg", "/proc/loadavg", "rw,nosuid,nodev,relatime", "", "fuse.lxcfs", "lxcfs",
         "rw,user_id=0,group_id=0,allow_other"),
        (240, 218, "0:51", "/", "/sys/fs/cgroup", "rw,nosuid,nodev,noexec", "", "tmpfs", "tmpfs", "rw,mode=755"),
        (241, 240, "0:29", "/lxc/web2", "/sys/fs/cgroup/pids", "rw,nosuid,nodev,noexec,relatime", "", "cgroup",
         "cgroup", "rw,pids"),
    )
    me = status(kernel, "apache2", 311, 1, ppid=1, vm_data_kb=40_000)
    procs = {1: status(kernel, "systemd", 1, 1), 311: me}
    for i in range(150):
        procs[400 + i] = status(kernel, "apache2", 400 + i, 1, ppid=311, vm_data_kb=30_000)
    tree = host(
        kernel, comm="apache2", self_status=me, procs=procs,
        cgroup="12:pids:/\n1:name=systemd:/system.slice/apache2.service\n", mounts=mounts,
        ns={"user": 4026532460, "pid": 4026532463, "cgroup": 4026532465}, pid_max=32768, threads_max=127_000,
        tasks=183, hostname="web2", uid_map_text="         0     100000      65536\n",
        mem=meminfo(kernel, {"MemTotal": 4_194_304, "MemFree": 2_900_000, "MemAvailable": 3_300_000,
                             "Cached": 400_000, "CommitLimit": 8_195_000, "Committed_AS": 12_000_000}),
    )
    tree.update(pids_levels("sys/fs/cgroup/pids", {"": (2000, 183, 0)}))
    tree["run/systemd/container"] = "lxc\n"
    return tree


# 15. A docker container on a host whose pid_max is the default 32768
# (Ubuntu 20.04, kernel 5.4; kubelet's own forks failed there too, "fork/exec
# /usr/bin/nice: resource temporarily unavailable",
# github.com/kubernetes/kubernetes/issues/79466). Inside the container,
# /proc/sys/kernel/pid_max is the host's (pid_max is not per namespace
# before 6.14) and loadavg counts the host's tasks: 32,690. The container
# holds 61 of them. The fix is the host's sysctl, not one inside.
def container_host_pid_max():
    kernel = "5.4.0-174-generic"
    cid = hexid("nginx-79466")
    me = status(kernel, "nginx", 1, 1, vm_data_kb=8_000)
    procs = {1: me}
    for i in range(60):
        procs[7 + i] = status(kernel, "nginx", 7 + i, 1, ppid=1, vm_data_kb=9_000)
    tree = host(
        kernel, comm="nginx", self_status=me, procs=procs, cgroup=docker_v1_cgroup(cid), mounts=docker_v1_mounts(cid),
        ns={"user": INIT_NS["user"], "pid": 4026532811, "cgroup": INIT_NS["cgroup"]}, pid_max=32768,
        threads_max=252_000, tasks=32_690, hostname=cid[:12],
        mem=meminfo(kernel, {"MemTotal": 32_600_000, "MemFree": 11_000_000, "MemAvailable": 19_500_000,
                             "Cached": 8_000_000, "CommitLimit": 16_300_000, "Committed_AS": 21_000_000}),
    )
    tree.update(cgroup_files("sys/fs/cgroup", {
        "pids": {"pids.max": "max\n", "pids.current": "61\n", "pids.events": "max 0\n"},
        "memory": v1_memory_level(9223372036854771712, 120_000_000, 130_000_000, 0, kernel),
    }))
    tree[".dockerenv"] = ""
    return tree


# 16. Debian 10 (kernel 4.19, systemd 241, v1 pids): logind's
# UserTasksMax= became TasksMax=33% of threads-max in
# /usr/lib/systemd/system/user-.slice.d/10-defaults.conf in systemd 239;
# "Tasks: 17 (limit: 10267)" on the machine of
# sobrelinux.info/questions/770484/why-cant-i-crash-my-system-with-a-fork-bomb
# (threads-max 31111). The user's fork bomb stops at 10267, so their shell
# says "fork: retry: Resource temporarily unavailable" and the host lives.
def buster_user_slice_33pct():
    kernel = "4.19.0-26-amd64"
    me = status(kernel, "bash", 22001, 1, uid=0, ppid=21990, vm_data_kb=3_000)
    procs = {1: status(kernel, "systemd", 1, 1), 22001: me}
    for i in range(300):
        procs[30000 + i] = status(kernel, "bash", 30000 + i, 1, ppid=22001, vm_data_kb=2_000)
    scope = "/user.slice/user-22001.slice/session-4.scope"
    tree = v1_systemd_host(
        kernel, XENIAL_CONTROLLERS, ("bash", me), procs, placed={"pids": scope, "name=systemd": scope},
        pids={"user.slice/user-22001.slice/session-4.scope": ("max", 10_262, 911),
              "user.slice/user-22001.slice": (10267, 10_267, 0), "user.slice": ("max", 10_270, 0)},
        tasks=10_480, hostname="lab-3", threads_max=31_111, root_usage=1_600_000_000, unified=scope,
        mem_kb={"MemTotal": 3_980_000, "MemFree": 1_300_000, "MemAvailable": 2_100_000, "Cached": 800_000,
                "CommitLimit": 1_990_000, "Committed_AS": 2_600_000})
    return tree


# 17. CentOS 6 (kernel 2.6.32-642.el6, MemAvailable backported in 6.6): a
# 64 GB host where every login says "-bash: fork: Cannot allocate memory";
# `free -m` shows 251 MB free, 16949 MB cached, 17399 MB free "-/+
# buffers/cache", and swap 4094 of 4095 MB used; freeing swap fixed it
# (github.com/mattshma/docs/issues/14). Overcommit mode 0. The numbers do not
# show RAM used up: a quarter is page cache, MemAvailable 15 GB.
def el6_swap_full():
    kernel = "2.6.32-642.el6.x86_64"
    me = status(kernel, "bash", 40112, 1, ppid=40100, vm_data_kb=1_800, vm_size_kb=108_000)
    procs = {1: status(kernel, "init", 1, 1), 40112: me}
    for i in range(12):
        procs[3000 + i] = status(kernel, "java", 3000 + i, 180, ppid=1, vm_data_kb=3_900_000)
    return host(kernel, comm="bash", self_status=me, procs=procs, cgroup="",
                mounts=mountinfo((16, 1, "253:0", "/", "/", "rw,relatime", "", "ext4", "/dev/mapper/vg-root", "rw"),
                                 (17, 16, "0:3", "/", "/proc", "rw,relatime", "", "proc", "proc", "rw")),
                ns={}, pid_max=32768, threads_max=1_030_000, tasks=2_400, hostname="hadoop-dn-17",
                mem=meminfo(kernel, {"MemTotal": 65_941_504, "MemFree": 257_024, "MemAvailable": 15_900_000,
                                     "Buffers": 202_752, "Cached": 17_355_776, "Shmem": 47_104,
                                     "SReclaimable": 900_000, "SwapTotal": 4_193_280, "SwapFree": 1_024,
                                     "CommitLimit": 37_164_032, "Committed_AS": 52_000_000}))


INCIDENT_MACHINES = {
    "openvz-privvmpages": lambda uid: openvz_privvmpages(),
    "openvz-numproc": lambda uid: openvz_numproc(),
    "vz7-numproc": lambda uid: vz7_numproc(),
    "xenial-user-tasksmax": lambda uid: xenial_user_tasksmax(),
    "xenial-sshd-tasksmax": lambda uid: xenial_sshd_tasksmax(),
    "el6-nproc": el6_nproc,
    "arch-docker-tasksmax": lambda uid: arch_docker_tasksmax(),
    "es-max-map-count": lambda uid: es_max_map_count(),
    "el7-threads-max-1g": lambda uid: el7_threads_max_1g(),
    "k8s-pod-v1": lambda uid: k8s_pod_v1(),
    "pipecd-zombies": lambda uid: pipecd_zombies(),
    "regelrecht-zombies": lambda uid: regelrecht_zombies(),
    "el7-k8s-kmem": lambda uid: el7_k8s_kmem(),
    "i686-address-space": lambda uid: i686_address_space(),
    "lxcfs-container": lambda uid: lxcfs_container(),
    "container-host-pid-max": lambda uid: container_host_pid_max(),
    "buster-user-slice": lambda uid: buster_user_slice_33pct(),
    "el6-swap-full": lambda uid: el6_swap_full(),
}
