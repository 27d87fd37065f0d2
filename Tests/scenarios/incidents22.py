"""Fixture machines of the twenty-second field audit (scenarios 215-219),
built as incidents13.py says: the thread's numbers, the rest filled in and
named so.
"""
from eras import XENIAL_CONTROLLERS, docker_v1_cgroup, docker_v1_mounts, hexid, lxc_guest_v2, systemd_guest_cgroups
from incidents import pids_levels, v1_systemd_host
from lxc import lxc_v1_mounts
from procfs import host, meminfo, mountinfo, status, uid_map


# 215. A Debian 13 container under incus (Debian 13 host) with
# `incus config set limitcheck limits.processes 200`: `systemctl restart
# apache2` then fails with "(11)Resource temporarily unavailable", while
# the container's own cgroup shows pids.current 64, pids.peak 68,
# pids.max 200 and pids.events "max 0" (github.com/lxc/lxcfs/issues/729).
# The container's level never refused. Its systemd computes
# DefaultTasksMax=15 % of the least of pid_max, threads-max and the pids.max
# of the cgroup root it sees (systemd/systemd pull 3753 and 17656), and
# under incus's cgroup namespace that root is the container's own cgroup:
# apache2.service gets 15 % of 200 = 30, which Apache's event MPM (2
# children of 25 workers, a listener and a main thread each) passes on a
# restart. Not in the thread and filled in: the kernel (Debian 13's 6.12),
# incus's map (1000000:1000000000), the apache2 tasks at the refusal (the
# parent and one full child, 28, and the second child's first 2 threads),
# the container's other processes, the memory.
TRIXIE_KERNEL = "6.12.38+deb13-amd64"


def incus_apache_default_tasksmax():
    kernel = TRIXIE_KERNEL
    mounts = mountinfo(
        (610, 560, "0:80", "/", "/", "rw,relatime", "shared:300", "btrfs", "/dev/sda3", "rw"),
        (611, 610, "0:82", "/", "/proc", "rw,nosuid,nodev,noexec,relatime", "", "proc", "proc", "rw"),
        (612, 610, "0:83", "/", "/sys", "rw,nosuid,nodev,noexec,relatime", "", "sysfs", "sysfs", "rw"),
        (613, 612, "0:84", "/", "/sys/fs/cgroup", "rw,nosuid,nodev,noexec,relatime", "", "cgroup2", "cgroup2",
         "rw,nsdelegate,memory_recursiveprot"),
    )
    me = status(kernel, "apache2", 2051, 2, uid=33, ppid=2040, vm_data_kb=60_000)
    procs = {1: status(kernel, "systemd", 1, 1), 2040: status(kernel, "apache2", 2040, 1, ppid=1),
             2041: status(kernel, "apache2", 2041, 27, uid=33, ppid=2040, vm_data_kb=90_000), 2051: me}
    others = [("systemd-journal", 1), ("systemd-udevd", 1), ("systemd-networkd", 1), ("systemd-resolve", 1),
              ("systemd-logind", 1), ("dbus-daemon", 1), ("cron", 1), ("agetty", 1), ("rsyslogd", 4),
              ("sshd", 1), ("bash", 1)]
    for i, (comm, threads) in enumerate(others):
        procs[100 + i] = status(kernel, comm, 100 + i, threads, ppid=1, vm_data_kb=5_000)
    tree = host(
        kernel, comm="apache2", self_status=me, procs=procs, cgroup="0::/system.slice/apache2.service\n",
        mounts=mounts, ns={"user": 4026532700, "pid": 4026532703, "cgroup": 4026532705}, pid_max=4194304,
        threads_max=126_000, tasks=64, hostname="limitcheck", uid_map_text=uid_map((0, 1000000, 1000000000)),
        mem=meminfo(kernel, {"MemTotal": 16_280_000, "MemFree": 9_100_000, "MemAvailable": 13_400_000,
                             "Cached": 3_900_000, "CommitLimit": 8_140_000, "Committed_AS": 2_300_000}),
    )
    levels = systemd_guest_cgroups("apache2.service", {
        "": (200, 64, 0),
        "system.slice": ("max", 56, 0),
        "system.slice/apache2.service": (30, 30, 4),
        "user.slice": ("max", 2, 0),
    })
    # 6.11+: pids.events is hierarchical, pids.events.local counts a
    # level's own refusals; pids.peak since 6.9 (the thread's 68).
    for path, (local, peak) in {"": (0, 68), "system.slice": (0, 58),
                                "system.slice/apache2.service": (4, 30), "user.slice": (0, 2)}.items():
        levels[path]["pids.events.local"] = f"max {local}\n"
        levels[path]["pids.peak"] = f"{peak}\n"
    # The thread's listing (max 0) was taken before the restart; the
    # refusals after it count up to the root on 6.11+.
    levels["system.slice"]["pids.events"] = "max 4\n"
    levels[""]["pids.events"] = "max 4\n"
    return lxc_guest_v2(tree, levels)


# 216. The lxcfs daemon of an LXD host, Ubuntu 16.04 on 4.4.0-24:
# "lxcfs[1467]: fuse: error creating thread: Resource temporarily
# unavailable", now and then, with `ulimit -a` showing max user processes
# 65535 and pending signals 838276, and `ls -1d /proc/*/task/* | wc -l`
# 31582 (github.com/lxc/lxcfs/issues/122). Pending signals is the
# kernel's max_threads / 2 when nothing set it, so threads-max is 1676552:
# of the limits, only pid_max (the default 32768, which 4.4 keeps below 32
# CPUs) is near. Not in the thread and filled in: the container
# processes that hold the tasks (java in a few containers), lxcfs's own
# threads, the memory (about 200 GB, as threads-max says).
XENIAL_HOST_KERNEL = "4.4.0-24-generic"


def xenial_lxcfs_pid_max():
    kernel = XENIAL_HOST_KERNEL
    me = status(kernel, "lxcfs", 1467, 41, ppid=1, vm_size_kb=2_900_000, vm_data_kb=330_000)
    procs = {1: status(kernel, "systemd", 1, 1), 1467: me}
    tasks = 31582
    held = 41 + 1
    threads = (tasks - 300 - held) // 24
    for i in range(24):
        procs[5000 + i * 1000] = status(kernel, "java", 5000 + i * 1000, threads, uid=100000 + 999, ppid=1,
                                        vm_data_kb=6_000_000)
        held += threads
    for i in range(tasks - held):
        procs[2000 + i] = status(kernel, "sshd" if i % 3 else "cron", 2000 + i, 1, uid=100000, ppid=1)
    service = "/system.slice/lxcfs.service"
    return v1_systemd_host(
        kernel, XENIAL_CONTROLLERS, ("lxcfs", me), procs,
        placed={"pids": service, "devices": service, "name=systemd": service},
        pids={"system.slice/lxcfs.service": ("max", 41, 0), "system.slice": ("max", 380, 0)},
        tasks=tasks, hostname="lxd-host", threads_max=1_676_552, root_usage=150_000_000_000,
        mem_kb={"MemTotal": 214_600_000, "MemFree": 40_000_000, "MemAvailable": 61_000_000,
                "Cached": 18_000_000, "CommitLimit": 107_300_000, "Committed_AS": 170_000_000})


# 217. Builds in several centos:7 containers on one docker host, all as
# the same user: "pthread_create: Resource temporarily unavailable" in a
# container that "only has a few threads running"; the host sets nproc
# unlimited, the image's /etc/security/limits.d/20-nproc.conf sets
# `* soft nproc 4096`, and the 4097th thread of that uid across the
# containers is refused (github.com/docker/for-linux/issues/654). The
# image's file applies to a user PAM switches to, not to `docker run -u`
# (github.com/CentOS/sig-cloud-instance-build/issues/123). Not in the
# threads and filled in: the host (CentOS 7, 3.10.0-1160, docker's
# cgroupfs driver, no pids controller), the uid (1000, "builder", switched to with `su -l`),
# this container's tasks (a bash and a make at 23 threads), the memory.
EL7_DOCKER_KERNEL = "3.10.0-1160.el7.x86_64"


def el7_docker_shared_uid_nproc(uid):
    kernel = EL7_DOCKER_KERNEL
    cid = hexid("for-linux-654")
    me = status(kernel, "make", 58, 23, uid=uid, ppid=41, vm_data_kb=900_000, cap_eff="0000000000000000")
    procs = {1: status(kernel, "bash", 1, 1), 41: status(kernel, "bash", 41, 1, uid=uid, ppid=1), 58: me}
    # RHEL 7's 3.10 has neither the pids nor the rdma controller, nor v2.
    def el7(text, drop):
        return "".join(line for line in text.splitlines(True) if not any(d in line for d in drop))
    tree = host(
        kernel, comm="make", self_status=me, procs=procs,
        cgroup=el7(docker_v1_cgroup(cid), (":pids:", ":rdma:", "0::")),
        mounts=el7(docker_v1_mounts(cid), ("rw,pids", "rw,rdma")), ns={"user": 4026531837, "pid": 4026532911}, pid_max=32768,
        threads_max=1_030_000, tasks=4_630, hostname=cid[:12], nproc=4096,
        mem=meminfo(kernel, {"MemTotal": 131_800_000, "MemFree": 60_000_000, "MemAvailable": 98_000_000,
                             "Cached": 30_000_000, "CommitLimit": 65_900_000, "Committed_AS": 40_000_000}),
    )
    tree[".dockerenv"] = ""
    return tree


# 218. An application of several processes with threads, in a CentOS 6
# container under LXD on Kubuntu 17.04: "cant create thread, errno=11,
# Resource temporarily unavailable", sometimes, at its start; nothing in
# the host's journal or dmesg (github.com/canonical/lxd/issues/3764). On
# the host, as root: threads-max 63007, pid_max 32768, `ulimit -u` 31503,
# `ps auxH | wc -l` 838, 1326, 867; the maintainer answers "I suspect that
# your process limit is too low". Inside, CentOS 6's
# /etc/security/limits.d/90-nproc.conf gives every user but root a soft
# nproc of 1024 at login, and the container's uids map to host uids of
# their own (LXD's 1000000 map), so the user's tasks are the
# application's. Not in the thread and filled in: the kernel (17.04's
# 4.10), the user (uid 500, CentOS 6's first), the application's tasks at
# the refusal (1024 of the 1326), the hard limit (the host root's 31503,
# which the container inherits), the memory.
ZESTY_KERNEL = "4.10.0-33-generic"


def lxd_el6_login_nproc_1024(uid):
    kernel = ZESTY_KERNEL
    me = status(kernel, "appsrv", 811, 260, uid=uid, ppid=790, vm_size_kb=3_100_000, vm_data_kb=1_200_000,
                cap_eff="0000000000000000")
    procs = {1: status(kernel, "init", 1, 1), 811: me, 790: status(kernel, "bash", 790, 1, uid=uid, ppid=780)}
    left = 1024 - 260 - 1
    for i, threads in enumerate([255, 255, left - 510]):
        procs[820 + i] = status(kernel, "appwork", 820 + i, threads, uid=uid, ppid=811, vm_data_kb=800_000)
    for pid, comm in [(300, "rsyslogd"), (320, "sshd"), (330, "crond"), (340, "mingetty"), (780, "sshd")]:
        procs[pid] = status(kernel, comm, pid, 3 if comm == "rsyslogd" else 1, ppid=1)
    mounts = lxc_v1_mounts(700, 680, ("0:60", "/containers/c6dev/rootfs", "default/containers/c6dev"), 81, "/")
    tree = host(
        kernel, comm="appsrv", self_status=me, procs=procs,
        cgroup="4:pids:/\n3:memory:/\n1:name=systemd:/\n", mounts=mounts,
        ns={"user": 4026532510, "pid": 4026532513, "cgroup": 4026532515}, pid_max=32768, threads_max=63_007,
        tasks=1_326, hostname="c6dev", nproc=1024, uid_map_text=uid_map((0, 1000000, 1000000000)),
        mem=meminfo(kernel, {"MemTotal": 8_064_000, "MemFree": 2_300_000, "MemAvailable": 4_600_000,
                             "Cached": 2_100_000, "CommitLimit": 6_100_000, "Committed_AS": 7_900_000}),
    )
    tree.update(pids_levels("sys/fs/cgroup/pids", {"": ("max", 1_034, 0)}))
    tree["proc/self/limits"] = tree["proc/self/limits"].replace(
        "Max processes             1024                 1024",
        "Max processes             1024                 31503")
    return tree


# 219. runc with a user namespace and `"rlimits": [{"type": "RLIMIT_NPROC",
# "hard": 1024, "soft": 192}]` in config.json: the container does not
# start, its bash says "bash: fork: Resource temporarily unavailable";
# with a soft limit of 199 it starts (github.com/opencontainers/runc/issues/831).
# The container holds a handful of tasks; the count is the host uid's that
# the container's root maps to, every task of it on the host, and that uid
# held 192 to 198 before the container started. Not in the thread and
# filled in: the host (Ubuntu 16.04, 4.4, runc 1.0.0-rc1), the map (the
# developer's own uid 1000, `0 1000 1`, whose desktop session held 195
# tasks), the memory.
def runc_userns_nproc_192():
    kernel = "4.4.0-22-generic"
    me = status(kernel, "bash", 1, 1, vm_data_kb=2_000)
    procs = {1: me}
    mounts = mountinfo(
        (130, 110, "8:1", "/home/dev/busybox/rootfs", "/", "rw,relatime", "", "ext4", "/dev/sda1", "rw"),
        (131, 130, "0:40", "/", "/proc", "rw,nosuid,nodev,noexec,relatime", "", "proc", "proc", "rw"),
        (132, 130, "0:41", "/", "/sys", "ro,nosuid,nodev,noexec,relatime", "", "sysfs", "sysfs", "ro"),
    )
    tree = host(
        kernel, comm="bash", self_status=me, procs=procs, cgroup="4:pids:/user.slice/user-1000.slice/session-2.scope/runc-test\n",
        mounts=mounts, ns={"user": 4026532420, "pid": 4026532423}, pid_max=32768, threads_max=63_400,
        tasks=871, hostname="runc", uid_map_text=uid_map((0, 1000, 1)),
        mem=meminfo(kernel, {"MemTotal": 8_110_000, "MemFree": 3_900_000, "MemAvailable": 5_600_000,
                             "Cached": 1_800_000, "CommitLimit": 4_055_000, "Committed_AS": 5_200_000}),
    )
    tree["proc/self/limits"] = tree["proc/self/limits"].replace(
        "Max processes             unlimited            unlimited",
        "Max processes             192                  1024     ")
    return tree


FIELD22_MACHINES = {
    "incus-apache-default-tasksmax": lambda uid: incus_apache_default_tasksmax(),
    "xenial-lxcfs-pid-max": lambda uid: xenial_lxcfs_pid_max(),
    "el7-docker-shared-uid-nproc": el7_docker_shared_uid_nproc,
    "lxd-el6-login-nproc-1024": lxd_el6_login_nproc_1024,
    "runc-userns-nproc-192": lambda uid: runc_userns_nproc_192(),
}
