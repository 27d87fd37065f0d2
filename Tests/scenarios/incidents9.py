"""Fixture machines of the ninth field audit (scenarios 125 and up), built
like incidents7.py's: each comment names the thread and the numbers taken
from it; what the thread did not say is filled in as that distribution,
kernel and runtime ship it, and the comment says so. Built only when asked
for, as functions of FIXTURE_UID (the uid the replay runs as).
"""
from incidents import pids_levels
from lxc import lxc_v1_mounts
from procfs import INIT_NS, host, meminfo, mountinfo, status


# 125. MAAS installed in a privileged LXD container, as MAAS's "Install
# locally with LXD" guide asked (Ubuntu 16.04 host and container, kernel
# 4.4, LXD 2.0): avahi-daemon, installed with MAAS, starts as root, sets
# the rlimits of /etc/avahi/avahi-daemon.conf (rlimit-nproc=3), drops to
# its user "avahi" (UID 113) and forks its chroot helper: "chroot.c:
# fork() failed: Resource temporarily unavailable / failed to start
# chroot() helper daemon" (github.com/CanonicalLtd/maas-docs/issues/209:
# a privileged container has no user namespace, so the container's uid
# 113 is the host's uid 113 and both count against one RLIMIT_NPROC of 3;
# avahi/avahi#97 made the same report and avahi's shipped config has
# since left rlimit-nproc commented out). Not in the thread and filled in:
# what uid 113 runs on the host (here the host's own avahi-daemon and its
# chroot helper: two tasks; avahi#97 names another container's avahi as
# the same case), the host's size, the container's other services. Seen
# from inside, the container's /proc shows one task of uid 113, the one
# that failed: the other two are in the host's PID namespace.
XENIAL_LXD_KERNEL = "4.4.0-59-generic"


def lxd_privileged_avahi(uid):
    user = {"uid": uid, "cap_eff": "0000000000000000"}
    avahi = status(XENIAL_LXD_KERNEL, "avahi-daemon", 24036, 1, ppid=1, vm_data_kb=1_200, vm_size_kb=45_000,
                   **user)
    procs = {1: status(XENIAL_LXD_KERNEL, "systemd", 1, 1), 24036: avahi}
    for pid, comm, threads in [(55, "systemd-journal", 1), (120, "systemd-udevd", 1), (310, "cron", 1),
                               (312, "dbus-daemon", 1), (340, "rsyslogd", 4), (400, "sshd", 1),
                               (900, "postgres", 1), (1500, "python3", 12), (1510, "named", 6),
                               (1600, "squid", 1), (1700, "python3", 20)]:
        procs[pid] = status(XENIAL_LXD_KERNEL, comm, pid, threads, ppid=1, vm_data_kb=30_000)
    service = "/lxc/maas/system.slice/avahi-daemon.service"
    mounts = lxc_v1_mounts(150, 120, ("253:1", "/var/lib/lxd/containers/maas/rootfs", "/dev/mapper/host--vg-root"),
                           44, "/lxc/maas")
    tree = host(
        XENIAL_LXD_KERNEL, comm="avahi-daemon", self_status=avahi, procs=procs,
        cgroup=f"9:pids:{service}\n1:name=systemd:{service}\n", mounts=mounts,
        ns={"user": INIT_NS["user"], "pid": 4026532290}, pid_max=32768, threads_max=126_000, tasks=1_020,
        hostname="maas", nproc=3, exe="/usr/sbin/avahi-daemon",
        mem=meminfo(XENIAL_LXD_KERNEL, {"MemTotal": 16_300_000, "MemFree": 9_800_000, "MemAvailable": 13_100_000,
                                        "Cached": 3_000_000, "SwapTotal": 8_000_000, "SwapFree": 8_000_000,
                                        "CommitLimit": 16_150_000, "Committed_AS": 5_200_000}))
    # Kernel 4.4 has no pids.events (4.8): two numbers a level.
    tree.update(pids_levels("sys/fs/cgroup/pids", {"system.slice/avahi-daemon.service": ("max", 1),
                                                   "system.slice": ("max", 30), "": ("max", 52)}))
    tree["run/systemd/container"] = "lxc\n"
    return tree


# 126. A Flynn cluster host (Flynn, the Heroku-like PaaS, May 2015; Ubuntu
# 14.04, kernel 3.13): Flynn's containerinit set every job's RLIMIT_NPROC
# to 256 "to match Heroku" (flynn#1229), and most jobs run as nobody, so
# scaling one app to a dozen instances made them share one count: "fork:
# Resource temporarily unavailable" (github.com/flynn/flynn/pull/1554,
# merged: "remove the default limit"; "the long-term solution is to make
# sure every job has a different uid"). Each job is a libvirt-lxc
# container with a PID namespace of its own and no user namespace. Not in
# the thread and filled in: the app (a Ruby web process, bash running
# unicorn with 16 workers, 21 tasks an instance), the number of instances
# on this host (12, 252 tasks, plus the slugrunner's), the host's size and
# the cgroup layout of libvirt 1.2 on trusty (/machine/NAME.libvirt-lxc).
# Kernel 3.13 has no pids controller (4.3).
TRUSTY_FLYNN_KERNEL = "3.13.0-52-generic"


def flynn_nobody_nproc_256(uid):
    user = {"uid": uid, "cap_eff": "0000000000000000"}
    me = status(TRUSTY_FLYNN_KERNEL, "bash", 31, 1, ppid=1, vm_data_kb=900, **user)
    procs = {1: status(TRUSTY_FLYNN_KERNEL, "containerinit", 1, 6), 31: me,
             40: status(TRUSTY_FLYNN_KERNEL, "ruby", 40, 3, ppid=31, vm_data_kb=180_000, **user)}
    for i in range(16):
        procs[60 + i] = status(TRUSTY_FLYNN_KERNEL, "ruby", 60 + i, 1, ppid=40, vm_data_kb=160_000, **user)
    job = "/machine/flynn-web-3f2a9c1e-0b7d-4c55-9a61-5d2e8f0c7b42.libvirt-lxc"
    controllers = ["memory", "cpuacct,cpu", "devices", "freezer", "blkio"]
    lines = [(60, 50, "0:33", "/", "/sys/fs/cgroup", "rw,nosuid,nodev,noexec,relatime", "", "tmpfs", "tmpfs",
              "rw,mode=755")]
    for i, c in enumerate(controllers):
        lines.append((61 + i, 60, f"0:{20 + i}", job, f"/sys/fs/cgroup/{c}", "rw,nosuid,nodev,noexec,relatime", "",
                      "cgroup", "cgroup", f"rw,{c}"))
    mounts = mountinfo(
        (50, 40, "253:0", "/var/lib/flynn/image/mnt/3f2a9c1e", "/", "rw,relatime", "", "ext4",
         "/dev/mapper/flynn-default", "rw"),
        (51, 50, "0:34", "/", "/proc", "rw,nosuid,nodev,noexec,relatime", "", "proc", "proc", "rw"),
        *lines)
    tree = host(
        TRUSTY_FLYNN_KERNEL, comm="bash", self_status=me, procs=procs,
        cgroup="".join(f"{5 - i}:{c}:{job}\n" for i, c in enumerate(controllers)), mounts=mounts,
        ns={"user": INIT_NS["user"], "pid": 4026532519}, pid_max=32768, threads_max=240_000, tasks=610,
        hostname="3f2a9c1e0b7d4c559a615d2e8f0c7b42", nproc=256, exe="/bin/bash",
        mem=meminfo(TRUSTY_FLYNN_KERNEL, {"MemTotal": 30_800_000, "MemFree": 12_500_000,
                                          "MemAvailable": 21_000_000, "Cached": 7_000_000,
                                          "CommitLimit": 15_400_000, "Committed_AS": 9_800_000}))
    tree["run/systemd/container"] = "libvirt-lxc\n"
    return tree


FIELD9_MACHINES = {
    "lxd-privileged-avahi": lxd_privileged_avahi,
    "flynn-nobody-nproc-256": flynn_nobody_nproc_256,
}
