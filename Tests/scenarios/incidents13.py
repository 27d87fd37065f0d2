"""Fixture machines of the thirteenth field audit (scenarios 170 and up),
built as incidents12.py says: the thread's numbers, the rest filled in
and named so.
"""
from eras import EL7_CONTROLLERS, XENIAL_CONTROLLERS, old_v1_host
from incidents import openvz, pids_levels, v1_systemd_host
from lxc import lxc_v1_mounts
from procfs import host, meminfo, status, uid_map


# 171. OpenVPN in an unprivileged LXD container running Ubuntu 16.04
# (systemd 229): `systemctl start openvpn@server` fails, the journal says
# "daemon() failed or unsupported: Resource temporarily unavailable
# (errno=11)" then "Exiting due to fatal error", and commenting out the
# `LimitNPROC=10` of /lib/systemd/system/openvpn@.service fixes it
# (github.com/angristan/openvpn-install/issues/155, asked "are you getting
# this error in an LXC container by any chance?"; Nyr/openvpn-install#206,
# where 20 worked and 15 did not; systemd/systemd#6011, the LXD container
# of the same unit). openvpn runs as root until its `user nobody` and
# calls daemon() first; root inside a user namespace is not exempt, and
# before 5.14 the count is every task of the host uid container root maps
# to. Not in the threads and filled in: the host (Ubuntu 18.04, kernel
# 4.15, LXD 3.0, cgroup v1 with a cgroup namespace, so the container's
# cgroup shows as /), the map (LXD's 1000000:1000000000), the container's
# processes (Ubuntu 16.04's: 37 tasks of root, snapd's threads the most),
# the memory. The unit sets no TasksMax= and systemd 229 has
# DefaultTasksMax 512: far from full.
XENIAL_LXD_KERNEL = "4.15.0-112-generic"


def lxd_openvpn_unit_nproc_10():
    kernel = XENIAL_LXD_KERNEL
    unit = "/system.slice/system-openvpn.slice/openvpn@server.service"
    me = status(kernel, "openvpn", 412, 1, ppid=1, vm_size_kb=42_000, vm_data_kb=1_400)
    procs = {1: status(kernel, "systemd", 1, 1), 412: me}
    for pid, comm, threads, uid in [(52, "systemd-journal", 1, 0), (60, "systemd-udevd", 1, 0),
                                    (120, "cron", 1, 0), (122, "accounts-daemon", 3, 0), (124, "snapd", 14, 0),
                                    (126, "atd", 1, 0), (130, "systemd-logind", 1, 0), (131, "dbus-daemon", 1, 107),
                                    (133, "rsyslogd", 4, 104), (140, "polkitd", 3, 0), (150, "sshd", 1, 0),
                                    (160, "iscsid", 2, 0), (170, "lxcfs", 3, 0), (180, "agetty", 1, 0),
                                    (190, "dhclient", 1, 0), (300, "sshd", 1, 0), (305, "bash", 1, 0),
                                    (320, "systemctl", 1, 0)]:
        procs[pid] = status(kernel, comm, pid, threads, uid=uid, ppid=1, vm_data_kb=6_000)
    mounts = lxc_v1_mounts(900, 880, ("0:52", "/containers/vpn/rootfs", "default/containers/vpn"), 81, "/")
    tree = host(
        kernel, comm="openvpn", self_status=me, procs=procs, cgroup=f"4:pids:{unit}\n1:name=systemd:{unit}\n",
        mounts=mounts, ns={"user": 4026532450, "pid": 4026532453, "cgroup": 4026532455}, pid_max=32768,
        threads_max=63_336, tasks=412, hostname="vpn", nproc=10, exe="/usr/sbin/openvpn",
        uid_map_text=uid_map((0, 1000000, 1000000000)),
        mem=meminfo(kernel, {"MemTotal": 8_167_000, "MemFree": 5_100_000, "MemAvailable": 6_900_000,
                             "Cached": 1_500_000, "CommitLimit": 4_083_000, "Committed_AS": 1_200_000}))
    tree.update(pids_levels("sys/fs/cgroup/pids", {
        "": ("max", 46, 0),
        "system.slice": ("max", 44, 0),
        "system.slice/system-openvpn.slice": ("max", 1, 0),
        "system.slice/system-openvpn.slice/openvpn@server.service": (512, 1, 0),
    }))
    tree["run/systemd/container"] = "lxc\n"
    return tree


# 172. The same unit in an OpenVZ 6 container: Ubuntu 16.04 on kernel
# 2.6.32-042stab112.15, OpenVPN 2.3.10, "daemon() failed or unsupported:
# Resource temporarily unavailable (errno=11)"; "If I increase LimitNPROC
# to 20 openvpn starts without problems. On 15 I still have errors"
# (github.com/Nyr/openvpn-install/issues/206). So the container's root
# held 15 to 19 tasks, here 17: init and 15 other root processes beside
# openvpn. OpenVZ keeps users per container and its root lacks
# CAP_SYS_ADMIN and CAP_SYS_RESOURCE (as the failure shows: either would
# exempt it), so the 10 binds root. Not in the thread and filled in: the
# container id (101), its other processes' names, the beancounters
# (numproc 24 of 400, no failcnt: no beancounter refused), the memory,
# which capabilities beyond those two the container lacks.
OVZ_ROOT_CAPS = "0000003ffcdcffff"


def openvz_openvpn_unit_nproc_10():
    return openvz("openvpn", {"numproc": (24, 30, 400, 400, 0)}, free_kb=300_000, procs_extra=15,
                  kernel="2.6.32-042stab112.15", extra_comm="systemd-journal", nproc=10, cap_eff=OVZ_ROOT_CAPS)


# 173. A core22 snap on CentOS 7: `snap run joplin-desktop` (snapd
# 2.61.1-0.el7) dies with "[17912:0227/235251.409667:ERROR:
# platform_thread_posix.cc(155)] pthread_create: Operation not permitted (1)"
# and "Trace/breakpoint trap (core dumped)"
# (github.com/JGCarroll/joplin-desktop-snap/issues/28). The cause, found for
# signal-desktop on CentOS 7 (kernel 3.10.0-1160.80.1.el7): "libseccomp
# (v2.3.1) is too old on CentOS 7 to handle newer system calls ... the
# seccomp profiles not containing newer system calls (i.e clone3) ...
# returning EPERM instead of ENOSYS" (github.com/snapcrafters/signal-desktop/issues/76;
# canonical/snapd pull 12505). Not in the threads and filled in: the kernel
# (signal-desktop's), the user (the replay's uid, in its login session's scope:
# snapd's tracking scope is not assumed), the revision in the exe path, the
# Electron processes, the memory. Seccomp: 2 in the status is the profile
# snap-confine loaded (3.10 has the line; Seccomp_filters came in 5.9).
EL7_SNAP_KERNEL = "3.10.0-1160.80.1.el7.x86_64"


def el7_snap_core22_clone3(uid):
    kernel = EL7_SNAP_KERNEL
    me = status(kernel, "joplin", 17912, 24, uid=uid, ppid=17890, vm_size_kb=4_900_000, vm_data_kb=380_000,
                cap_eff="0000000000000000")
    me = me.replace("CapInh:", "Seccomp:\t2\nCapInh:")
    procs = {1: status(kernel, "systemd", 1, 1), 17912: me}
    for pid, comm, threads, owner in [(700, "gdm", 3, 0), (1800, "gnome-shell", 18, uid), (17890, "bash", 1, uid),
                                      (17950, "joplin", 9, uid), (17951, "joplin", 6, uid)]:
        procs[pid] = status(kernel, comm, pid, threads, uid=owner, ppid=1, vm_data_kb=90_000)
    session = f"/user.slice/user-{uid}.slice/session-2.scope"
    return old_v1_host(
        kernel, EL7_CONTROLLERS, {"name=systemd": session}, 3_900_000_000,
        comm="joplin", self_status=me, procs=procs, pid_max=32768, threads_max=62_400, tasks=620,
        hostname="centos7-ws", nproc=4096, exe="/snap/joplin-desktop/105/joplin",
        mem=meminfo(kernel, {"MemTotal": 7_990_000, "MemFree": 3_100_000, "MemAvailable": 5_200_000,
                             "Cached": 1_900_000, "CommitLimit": 6_090_000, "Committed_AS": 5_400_000}))


# 174. ROS nodes (rospy) launched by one systemd unit, ros.service:
# subscribers die with "error: can't start new thread"; `systemctl status`
# shows "Tasks: 63 (limit: 4444)" after a restart, and "systemctl show
# --property DefaultTasksMax" says DefaultTasksMax=4444 with threads-max
# 29632 and pid_max 32768 (github.com/ros/ros_comm/issues/1998, "I'm
# going to split the service into two"). 4444 is systemd's 15 % of
# threads-max, the smaller of threads-max and pid_max − 1 on a machine of
# about 3.7 GB. Not in the thread and filled in: Ubuntu 18.04 (ROS
# Melodic's, Python 2's "error:" prefix; systemd 237, kernel 4.15, cgroup
# v1 pids), the unit full at the failure (4444 tasks: a few hundred nodes
# with their threads), the user (the replay's uid), the memory.
ROS_KERNEL = "4.15.0-118-generic"


def bionic_ros_default_tasksmax(uid):
    kernel = ROS_KERNEL
    me = status(kernel, "python", 2710, 14, uid=uid, ppid=1990, vm_data_kb=160_000, cap_eff="0000000000000000")
    procs = {1: status(kernel, "systemd", 1, 1), 2710: me,
             1990: status(kernel, "roslaunch", 1990, 9, uid=uid, ppid=1, vm_data_kb=90_000)}
    nodes = (4444 - 14 - 9) // 13
    for i in range(nodes):
        procs[3000 + i] = status(kernel, "python", 3000 + i, 13, uid=uid, ppid=1990, vm_data_kb=120_000)
    procs[3000 + nodes] = status(kernel, "rosmaster", 3000 + nodes, 4444 - 14 - 9 - nodes * 13, uid=uid,
                                 ppid=1990, vm_data_kb=60_000)
    service = "/system.slice/ros.service"
    return v1_systemd_host(
        kernel, XENIAL_CONTROLLERS, ("python", me), procs,
        placed={"pids": service, "devices": service, "name=systemd": service},
        pids={"system.slice/ros.service": (4444, 4444, 212), "system.slice": ("max", 4501, 0)},
        tasks=4_700, hostname="robot", threads_max=29_632, root_usage=2_600_000_000,
        mem_kb={"MemTotal": 3_793_000, "MemFree": 700_000, "MemAvailable": 1_500_000, "Cached": 700_000,
                "CommitLimit": 1_896_000, "Committed_AS": 2_900_000})


FIELD13_MACHINES = {
    "bionic-ros-default-tasksmax": bionic_ros_default_tasksmax,
    "el7-snap-core22-clone3": el7_snap_core22_clone3,
    "openvz-openvpn-unit-nproc-10": lambda uid: openvz_openvpn_unit_nproc_10(),
    "lxd-openvpn-unit-nproc-10": lambda uid: lxd_openvpn_unit_nproc_10(),
}
