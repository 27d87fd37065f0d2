"""Fixture machines of the eleventh field audit (scenarios 134 and up):
runtimes other than bash and the JVM, whose failing call is made by the
real program here (Debian's python3) under the shim. Built like
incidents9.py's: each comment names the thread and the numbers taken from
it; what the thread did not say is filled in as that distribution, kernel
and runtime ship it, and the comment says so.
"""
from eras import (XENIAL_CONTROLLERS, docker_v1_cgroup, docker_v1_mounts, hexid, v1_cgroup, v1_host_mounts)
from incidents import pids_levels
from podman import podman_v2_mounts, podman_v2_pids_full
from procfs import INIT_NS, host, meminfo, status


# 134. Python 3.10.12 (the python:3.10 image moved to Debian bookworm,
# glibc 2.36) on "Docker 19.03.6-ce, build 369ce74": every thread fails,
# paramiko's first `Thread.start()` raising "RuntimeError: can't start new
# thread"; "Reverting to Python 3.10.11 resolved the issue. Running on
# Docker 20.10.24 does not exhibit the issue"
# (github.com/python/cpython/issues/106038). 3.10.11's image was bullseye
# (glibc 2.31, threads made with clone); glibc 2.34+ makes them with clone3,
# which Docker's seccomp profile before 20.10.10 answers with EPERM, and
# glibc falls back to clone only on ENOSYS. Not in the thread and filled
# in: the host. "19.03.6-ce" is Amazon Linux 2's docker package, so AL2's
# kernel 4.14 (which has no clone3 at all: 5.3), cgroup v1 with docker's
# cgroupfs driver, systemd 219 mounting no cgroup2 (so no 0:: line), an
# 8 GB instance, no --pids-limit. The failing process is the container's
# PID 1 with its one thread.
AL2_KERNEL = "4.14.314-237.533.amzn2.x86_64"


def al2_docker19_clone3():
    cid = hexid("al2-docker19-paramiko")
    me = status(AL2_KERNEL, "python", 1, 1, vm_size_kb=250_000, vm_data_kb=60_000, vm_rss_kb=45_000)
    cgroup = "".join(line + "\n" for line in docker_v1_cgroup(cid).splitlines() if not line.startswith("0::"))
    tree = host(
        AL2_KERNEL, comm="python", self_status=me, procs={1: me}, cgroup=cgroup, mounts=docker_v1_mounts(cid),
        ns={"user": INIT_NS["user"], "pid": 4026532248, "cgroup": INIT_NS["cgroup"]}, pid_max=32768,
        threads_max=62_900, tasks=310, hostname=cid[:12], exe="/usr/local/bin/python3.10",
        mem=meminfo(AL2_KERNEL, {"MemTotal": 8_047_000, "MemFree": 5_100_000, "MemAvailable": 6_900_000,
                                 "Cached": 1_600_000, "CommitLimit": 4_023_000, "Committed_AS": 1_400_000}))
    tree.update(pids_levels("sys/fs/cgroup/pids", {"": ("max", 1, 0)}))
    tree[".dockerenv"] = ""
    return tree


# 135. cockpit's test runners in podman "tasks" containers on AWS: with
# Firefox tests ("Firefox tends to create a lot more threads than
# Chromium") the runner's `subprocess.Popen` of ssh fails in
# `_posixsubprocess.fork_exec` with "BlockingIOError: [Errno 11] Resource
# temporarily unavailable" (Python 3.10, /usr/lib64/python3.10: the
# Fedora tasks image); the fix: "Increase the podman PID limit from the
# default 4096 to 16384" (github.com/cockpit-project/cockpituous/pull/483,
# merged; on CentOS CI "kubernetes defines this on the node, not by pod").
# Not in the thread and filled in: the host (Fedora 35, kernel 5.17, cgroup
# v2, podman with its own cgroup namespace, so the container's level shows
# as /), the mix that fills 4096 (three test runs each with a Firefox of
# 6 processes, their qemu VMs, ssh masters, the Python runners), the
# instance's size, and the refusals counted (pids.events is hierarchical
# before 6.11: the container's own level is the one refusing).
FC35_KERNEL = "5.17.4-200.fc35.x86_64"


def cockpit_tasks_pids_4096():
    kernel = FC35_KERNEL
    cid = hexid("cockpituous-tasks")
    me = status(kernel, "python3", 412, 3, ppid=1, vm_size_kb=410_000, vm_data_kb=120_000, uid=1111,
                cap_eff="0000000000000000")
    procs = {1: status(kernel, "tini", 1, 1), 412: me}
    pid = 500
    counted = 1 + 3
    for run in range(3):
        # A runner, its Firefox (parent + 5 content processes), one VM.
        procs[pid] = status(kernel, "python3", pid, 3, ppid=1, vm_data_kb=110_000, uid=1111)
        procs[pid + 1] = status(kernel, "firefox", pid + 1, 312, ppid=pid, vm_data_kb=900_000, uid=1111)
        for c in range(5):
            procs[pid + 2 + c] = status(kernel, "Isolated Web Co", pid + 2 + c, 148, ppid=pid + 1,
                                        vm_data_kb=400_000, uid=1111)
        procs[pid + 7] = status(kernel, "qemu-system-x86", pid + 7, 9, ppid=pid, vm_data_kb=2_200_000, uid=1111)
        procs[pid + 8] = status(kernel, "ssh", pid + 8, 1, ppid=pid, uid=1111)
        counted += 3 + 312 + 5 * 148 + 9 + 1
        pid += 20
    # Browsers of earlier tests still exiting fill the rest.
    rest = 4096 - counted
    for i in range(rest // 64):
        procs[2000 + i] = status(kernel, "firefox", 2000 + i, 64, ppid=1, vm_data_kb=600_000, uid=1111)
    leftover = rest - 64 * (rest // 64)
    if leftover:
        procs[3000] = status(kernel, "Web Content", 3000, leftover, ppid=1, vm_data_kb=200_000, uid=1111)
    tree = host(
        kernel, comm="python3", self_status=me, procs=procs, cgroup="0::/\n",
        mounts=podman_v2_mounts(cid),
        ns={"user": INIT_NS["user"], "pid": 4026532611, "cgroup": 4026532613}, pid_max=4194304,
        threads_max=520_000, tasks=4_900, hostname="cockpit-tasks-aws-1", exe="/usr/bin/python3.10",
        mem=meminfo(kernel, {"MemTotal": 32_500_000, "MemFree": 9_000_000, "MemAvailable": 14_800_000,
                             "Cached": 6_200_000, "CommitLimit": 16_250_000, "Committed_AS": 24_000_000}))
    tree.update(podman_v2_pids_full(4096, 57, 17100000000))
    return tree


# 136. "could not launch any new docker container after 1850 containers
# launched": Ubuntu 16.04, kernel 4.4.0-21-generic, Docker 1.11.2 (Go
# 1.5.4), 24 CPUs, 188.7 GiB, 1853 containers running; with ulimit -u,
# threads-max and pty max raised it still stopped there, and "docker
# exhausts `pid` numbers of my system, only need to set a bigger limit for
# pid_max: `echo 655360 > /proc/sys/kernel/pid_max`. Original number is
# 32768" (github.com/moby/moby/issues/23332; 24 CPUs give 1024 x 24 = 24576,
# so the default stays 32768). The reporter's own limits, as the thread
# gives them for a second machine, are not the 188.7 GiB host's: filled in
# from that host's size (threads-max = RAM / 128 KiB, RLIMIT_NPROC half of
# it, the boot value). Not in the thread and filled in: how the 32468
# tasks a namespace can hold (pid_max - 300) are made up (each container a
# containerd-shim of 8 threads and the peer process of 9; dockerd and
# containerd in docker.service, whose unit sets TasksMax=infinity), and the
# failing call, which the thread does not quote: dockerd, a Go program
# with cgo, creating an OS thread with pthread_create.
DOCKER111_KERNEL = "4.4.0-21-generic"


def docker111_pid_max():
    kernel = DOCKER111_KERNEL
    me = status(kernel, "docker", 1650, 590, ppid=1, vm_size_kb=9_800_000, vm_data_kb=3_900_000)
    procs = {1: status(kernel, "systemd", 1, 1), 1650: me,
             1702: status(kernel, "docker-containe", 1702, 310, ppid=1650, vm_data_kb=1_200_000)}
    tasks = 1 + 590 + 310
    for pid, comm, threads in [(412, "systemd-journal", 1), (520, "cron", 1), (530, "sshd", 1),
                               (540, "rsyslogd", 4), (560, "dbus-daemon", 1), (600, "bash", 1)]:
        procs[pid] = status(kernel, comm, pid, threads, ppid=1)
        tasks += threads
    for i in range(1853):
        shim, peer = 3000 + 16 * i, 3000 + 16 * i + 5
        procs[shim] = status(kernel, "docker-containe", shim, 8, ppid=1702, vm_data_kb=40_000)
        procs[peer] = status(kernel, "peer", peer, 9, ppid=shim, vm_data_kb=180_000)
        tasks += 17
    # Kernel threads make up the rest of what the namespace can hold.
    kthreads = 32768 - 300 - tasks
    paths = {c: "/" for c in XENIAL_CONTROLLERS}
    paths["pids"] = paths["devices"] = paths["name=systemd"] = "/system.slice/docker.service"
    tree = host(
        kernel, comm="docker", self_status=me, procs=procs, cgroup=v1_cgroup(paths),
        mounts=v1_host_mounts(XENIAL_CONTROLLERS), ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"]},
        pid_max=32768, threads_max=1_545_830, tasks=32_468, hostname="x3650m4n08", nproc=772_915,
        exe="/usr/bin/docker",
        mem=meminfo(kernel, {"MemTotal": 197_863_000, "MemFree": 61_000_000, "MemAvailable": 120_000_000,
                             "Cached": 52_000_000, "CommitLimit": 98_931_000, "Committed_AS": 410_000_000}))
    tree.update(pids_levels("sys/fs/cgroup/pids", {
        "system.slice/docker.service": ("max", 1 + 590 + 310 + 8 * 1853, 0),
        "system.slice": ("max", 1 + 590 + 310 + 8 * 1853 + 8, 0)}))
    assert kthreads > 0
    return tree


FIELD11_MACHINES = {
    "al2-docker19-clone3": lambda uid: al2_docker19_clone3(),
    "cockpit-tasks-pids-4096": lambda uid: cockpit_tasks_pids_4096(),
    "docker111-pid-max": lambda uid: docker111_pid_max(),
}
