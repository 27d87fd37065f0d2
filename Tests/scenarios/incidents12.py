"""Fixture machines of the twelfth field audit (scenarios 160 and up),
built like incidents7.py's: each comment names the thread and the numbers
taken from it; what the thread did not say is filled in as that
distribution, kernel and runtime ship it, and the comment says so. Built
only when asked for, as functions of FIXTURE_UID (the uid the replay runs
as).
"""
from eras import CG2_ALL, MEM_EVENTS_QUIET
from incidents import pids_levels
from lxc import lxc_v1_mounts
from procfs import INIT_NS, Link, cgroup_files, host, meminfo, mountinfo, status, uid_map


# 160. code-server installed as root in a Debian 10 LXC container
# (systemd 241), run as a unit of root's user manager: "500 VS Code failed
# to load. Error: spawn /usr/lib/code-server/lib/node EAGAIN", and
# `systemctl --user status code-server` shows "Tasks: 22 (limit: 22)" for
# /user.slice/user-0.slice/user@0.service/code-server.service, main PID
# 106 (node) with a second node, 127; the container's hostname is
# lxcc802a3db (github.com/coder/code-server/issues/1847). The 22 is the
# user manager's own DefaultTasksMax (15 % in 241, of the least of
# threads-max, pid_max − 1 and the pids.max of the cgroup root it sees,
# which in a container is the container's: docs/kernel-facts.md §11.60). Not in the thread and filled in: the
# host (kernel 5.4, cgroup v1, an unprivileged LXC 4 container, root
# mapped to host uid 100000, with a cgroup namespace, so the
# container's cgroup shows as /), the container's pids.max (150: 15 % of it
# rounds down to 22; logind's user-0.slice gets 33 %, 49), how the 22
# tasks split (11 threads in each node), the rest of the container's
# tasks, the memory. Kernel 5.4's pids.events counts a refusal in the
# forking task's own cgroup.
BUSTER_LXC_KERNEL = "5.4.0-37-generic"


def lxc_code_server_user_unit():
    kernel = BUSTER_LXC_KERNEL
    unit = "/user.slice/user-0.slice/user@0.service/code-server.service"
    me = status(kernel, "node", 106, 11, ppid=100, vm_size_kb=1_150_000, vm_data_kb=210_000, vm_rss_kb=61_000)
    procs = {1: status(kernel, "systemd", 1, 1), 106: me,
             127: status(kernel, "node", 127, 11, ppid=106, vm_data_kb=180_000),
             100: status(kernel, "systemd", 100, 1, ppid=1, vm_data_kb=3_000),
             101: status(kernel, "(sd-pam)", 101, 1, ppid=100, vm_data_kb=1_000)}
    for pid, comm, threads in [(40, "systemd-journal", 1), (70, "systemd-logind", 1), (72, "cron", 1),
                               (74, "dbus-daemon", 1), (80, "rsyslogd", 4), (90, "sshd", 1),
                               (95, "agetty", 1), (300, "sshd", 1), (305, "bash", 1), (410, "sshd", 1)]:
        procs[pid] = status(kernel, comm, pid, threads, ppid=1, vm_data_kb=4_000)
    mounts = lxc_v1_mounts(1200, 1180, ("253:5", "/", "/dev/mapper/pve-vm--107--disk--0"), 81, "/")
    tree = host(
        kernel, comm="node", self_status=me, procs=procs, cgroup=f"9:pids:{unit}\n1:name=systemd:{unit}\n",
        mounts=mounts, ns={"user": 4026532510, "pid": 4026532514, "cgroup": 4026532515}, pid_max=32768,
        threads_max=31_000, tasks=61, hostname="lxcc802a3db", uid_map_text=uid_map((0, 100000, 65536)), exe="/usr/lib/code-server/lib/node",
        mem=meminfo(kernel, {"MemTotal": 2_097_152, "MemFree": 1_500_000, "MemAvailable": 1_850_000,
                             "Cached": 300_000, "CommitLimit": 1_048_576, "Committed_AS": 700_000}))
    tree.update(pids_levels("sys/fs/cgroup/pids", {
        "": (150, 61, 0),
        "system.slice": ("max", 12, 0),
        "user.slice": ("max", 48, 0),
        "user.slice/user-0.slice": (49, 48, 0),
        "user.slice/user-0.slice/session-1.scope": ("max", 4, 0),
        "user.slice/user-0.slice/user@0.service": ("max", 24, 0),
        "user.slice/user-0.slice/user@0.service/code-server.service": (22, 22, 14),
    }))
    tree["run/systemd/container"] = "lxc\n"
    return tree


def v2_service_host(kernel, service, *, comm, me, procs, pids_max, pids_current, slice_current, mem_current, **host_kw):
    """A systemd host on cgroup v2 in the initial namespaces, the process
    in system.slice/SERVICE with its pids and memory files."""
    tree = host(
        kernel, comm=comm, self_status=me, procs=procs, cgroup=f"0::/system.slice/{service}\n",
        mounts=mountinfo((30, 25, "0:26", "/", "/sys/fs/cgroup", "rw,nosuid,nodev,noexec,relatime", "shared:4",
                          "cgroup2", "cgroup2", "rw,nsdelegate,memory_recursiveprot")),
        ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"], "cgroup": INIT_NS["cgroup"]}, pid_max=4194304,
        **host_kw)
    tree.update(cgroup_files("sys/fs/cgroup", {
        "": {"cgroup.controllers": CG2_ALL},
        "system.slice": {"pids.max": "max\n", "pids.current": f"{slice_current}\n", "pids.events": "max 0\n"},
        f"system.slice/{service}": {"pids.max": f"{pids_max}\n", "pids.current": f"{pids_current}\n",
                                    "pids.peak": f"{pids_current + 1}\n", "pids.events": "max 0\n",
                                    "memory.max": "max\n", "memory.current": f"{mem_current}\n",
                                    "memory.events": MEM_EVENTS_QUIET},
    }))
    return tree


# 161. Caddy from caddyserver/dist's package: its caddy.service runs as
# user caddy with `LimitNPROC=512`, and "some other docker containers seem
# to use the same UID for their processes": `ps -U caddy` lists mailrise,
# postgres (a dozen), redis-server, start.sh, Xvfb, dumb-init, node, eight
# chrome and chrome_crashpad, and Caddy crashes as in caddy#1802: "runtime:
# failed to create new OS thread (have 8 already; errno=11) / runtime: may
# need to increase max user processes (ulimit -u) / fatal error: newosproc"
# (github.com/caddyserver/dist/issues/107, "Switch systemd unit to
# TasksMax"). The containers run without user namespaces, so their uid is
# the host's, and RLIMIT_NPROC counts them with Caddy's 8 threads. Not in
# the thread and filled in: the host (Debian 12, kernel 6.1, cgroup v2,
# systemd 252, 16 GB), the uid's number (the replay's), how the 504
# container tasks split (each process's threads; chrome's renderers beyond
# the eight listed), the containers' namespaces, the unit's TasksMax
# (systemd's 15 % of threads-max). Caddy is a pure-Go binary whose clone
# the shim does not see: replayed as pthread_create.
BOOKWORM_CADDY_KERNEL = "6.1.0-13-amd64"


def caddy_nproc_shared_with_containers(uid):
    kernel = BOOKWORM_CADDY_KERNEL
    user = {"uid": uid, "cap_eff": "0000000000000000"}
    me = status(kernel, "caddy", 812, 8, ppid=1, vm_size_kb=1_290_000, vm_data_kb=95_000, **user)
    procs = {1: status(kernel, "systemd", 1, 1), 812: me}
    for pid, comm, threads in [(420, "systemd-journal", 1), (610, "dockerd", 24), (640, "containerd", 14),
                               (700, "sshd", 1), (720, "cron", 1)]:
        procs[pid] = status(kernel, comm, pid, threads, ppid=1, vm_data_kb=40_000)
    # Each container: its processes of this uid, in a PID namespace of its own.
    containers = {
        4026532610: [(4491, "mailrise", 3)],
        4026532680: [(36706, "postgres", 1)] + [(36760 + i, "postgres", 1) for i in range(7)]
        + [(1597030, "postgres", 1), (1599669, "postgres", 1)],
        4026532750: [(2082548, "postgres", 1), (2082623, "postgres", 1)],
        4026532820: [(2081581, "redis-server", 5)],
        4026532890: [(2654461, "start.sh", 1), (2654495, "Xvfb", 2), (2654496, "dumb-init", 1),
                     (2654497, "node", 11), (2654683, "chrome_crashpad", 2)]
        + [(2654671 + i, "chrome", 30) for i in range(8)],
    }
    elsewhere = sum(t for members in containers.values() for _, _, t in members)
    renderers = 504 - elsewhere
    containers[4026532890] += [(2654700 + i, "chrome", 19) for i in range(renderers // 19)]
    if renderers % 19:
        containers[4026532890].append((2654800, "chrome", renderers % 19))
    for members in containers.values():
        for pid, comm, threads in members:
            procs[pid] = status(kernel, comm, pid, threads, ppid=1, vm_data_kb=60_000, **user)
    assert sum(t for members in containers.values() for _, _, t in members) == 504
    tree = v2_service_host(
        kernel, "caddy.service", comm="caddy", me=me, procs=procs, pids_max=19047, pids_current=8,
        slice_current=160, mem_current=61_000_000, threads_max=126_980, tasks=1_240, nproc=512, hostname="www",
        exe="/usr/bin/caddy",
        mem=meminfo(kernel, {"MemTotal": 16_250_000, "MemFree": 4_100_000, "MemAvailable": 9_800_000,
                             "Cached": 5_000_000, "CommitLimit": 8_125_000, "Committed_AS": 7_400_000}))
    for ns, members in containers.items():
        for pid, _, _ in members:
            tree[f"proc/{pid}/ns/pid"] = Link(f"pid:[{ns}]")
    return tree


# 162. doh-client (a Rust DNS-over-HTTPS client on tokio) as its packaged
# doh-client.service on Arch Linux: "after some system updates" it exits
# at once, "thread 'main' panicked at 'OS can't spawn worker thread:
# Operation not permitted (os error 1)'" (tokio 1.19.2's blocking pool),
# and "works fine when started manually under root"; the maintainer: "It
# is caused by the syscall filter" (github.com/LinkTed/doh-client/issues/38).
# The unit lists the system calls it allows (`SystemCallFilter=`) and
# clone3 was not among them; Arch's glibc had built without clone3 and
# re-enabled it, and glibc 2.34+ creates threads with clone3, falling back
# to clone only on ENOSYS: the filter's EPERM fails every thread (fix:
# clone3 added to the unit's SystemCallFilter=, github.com/LinkTed/
# doh-client/pull/37). Not in the thread and filled in: the kernel
# (linux 5.19.13.arch1, September 2022), systemd 251, cgroup v2, the
# machine's size, the unit's user (root here: the filter, not a uid,
# refuses). /proc/self/status shows the filter: "Seccomp: 2" (filter mode)
# and "Seccomp_filters: 1" (5.9+), with NoNewPrivs set, as systemd sets
# it for a filtered unit.
ARCH_DOH_KERNEL = "5.19.13-arch1-1"


def arch_doh_client_syscall_filter():
    kernel = ARCH_DOH_KERNEL
    me = status(kernel, "doh-client", 25424, 1, ppid=1, vm_size_kb=9_800, vm_data_kb=1_200, vm_rss_kb=5_100)
    me = me.replace("CapInh:", "NoNewPrivs:\t1\nSeccomp:\t2\nSeccomp_filters:\t1\nCapInh:")
    procs = {1: status(kernel, "systemd", 1, 1), 25424: me}
    for pid, comm, threads in [(300, "systemd-journal", 1), (420, "systemd-logind", 1), (430, "dbus-daemon", 1),
                               (900, "Xorg", 6), (1100, "firefox", 95), (1200, "kitty", 12)]:
        procs[pid] = status(kernel, comm, pid, threads, ppid=1, vm_data_kb=50_000)
    return v2_service_host(
        kernel, "doh-client.service", comm="doh-client", me=me, procs=procs, pids_max=18975, pids_current=1,
        slice_current=96, mem_current=2_400_000, threads_max=126_500, tasks=740, nproc=63_250, hostname="linux-pc",
        exe="/usr/bin/doh-client",
        mem=meminfo(kernel, {"MemTotal": 16_200_000, "MemFree": 7_900_000, "MemAvailable": 11_600_000,
                             "Cached": 3_100_000, "CommitLimit": 8_100_000, "Committed_AS": 6_300_000}))


FIELD12_MACHINES = {
    "lxc-code-server-user-unit": lambda uid: lxc_code_server_user_unit(),
    "caddy-nproc-shared-with-containers": caddy_nproc_shared_with_containers,
    "arch-doh-client-syscall-filter": lambda uid: arch_doh_client_syscall_filter(),
}
