"""Fixture machines of the tenth field audit (scenarios 127 to 129), built
like incidents9.py's: each comment names the thread and the numbers taken
from it; what the thread did not say is filled in as that distribution,
kernel and runtime ship it, and the comment says so. Built only when asked
for, as functions of FIXTURE_UID (the uid the replay runs as).
"""
from eras import docker_v1_cgroup, docker_v1_mounts, hexid, v1_memory_level
from incidents import pids_levels
from incidents5 import v2_own_level
from incidents8 import docker_v2_container
from procfs import INIT_NS, cgroup_files, host, meminfo, mountinfo, status

# 127. An aks-engine cluster upgraded from Kubernetes 1.11.6 through 1.12.8
# and 1.13.5 to 1.14.1 (aks-engine 0.35.1): afterwards RabbitMQ and the
# nginx ingress controller "do not start anymore or crash after a while
# showing the error "pthread_create() failed (11: Resource temporarily
# unavailable)"" (github.com/Azure/aks-engine/issues/1270). The cause, found
# by diffing apimodel.json: the upgraded cluster kept `"--pod-max-pids":
# "100"` in every kubeletConfig, a value aks-engine wrote before 0.34.3 that
# did nothing until 1.14 turned the SupportPodPidsLimit feature gate on by
# default; a new cluster had -1 (aks-engine#1055: "aks-engine deploys with a
# pids-per-pod limit of 100 which is not used until the feature flag is
# turned on"; dmesg there: "cgroup: fork rejected by pids controller in
# /kubepods/pod.../<container>"). Fixed by setting it to -1 before the
# upgrade, and in aks-engine by pull 1508. Not in the thread and filled in:
# the node (Ubuntu 16.04 with the 4.15 Azure kernel, docker with the
# cgroupfs driver, cgroup v1, 4 vCPUs and 16 GB, as aks-engine 0.35 built
# them) and the pod's tasks: the controller's Go binary, nginx's master and
# 4 workers, each worker starting the 32 threads of nginx's default thread
# pool (`aio threads`); the third worker's fifteenth thread is refused when
# the pod, its pause container included, holds 100.
XENIAL_AZURE_KERNEL = "4.15.0-1042-azure"


def aks_pod_max_pids_100():
    cid = hexid("aks-ingress-controller")
    pod = "/kubepods/burstable/pod6f1c2a9e-7d4b-11e9-9c2e-000d3a2f5b61"
    worker = status(XENIAL_AZURE_KERNEL, "nginx", 61, 14, ppid=45, vm_size_kb=420_000, vm_data_kb=60_000)
    procs = {1: status(XENIAL_AZURE_KERNEL, "dumb-init", 1, 1, vm_data_kb=200),
             7: status(XENIAL_AZURE_KERNEL, "nginx-ingress-c", 7, 17, ppid=1, vm_size_kb=140_000,
                       vm_data_kb=70_000),
             45: status(XENIAL_AZURE_KERNEL, "nginx", 45, 1, ppid=7, vm_data_kb=40_000),
             59: status(XENIAL_AZURE_KERNEL, "nginx", 59, 33, ppid=45, vm_size_kb=420_000, vm_data_kb=60_000),
             60: status(XENIAL_AZURE_KERNEL, "nginx", 60, 33, ppid=45, vm_size_kb=420_000, vm_data_kb=60_000),
             61: worker}
    tasks = sum(int(s.split("Threads:\t")[1].split("\n")[0]) for s in procs.values())
    assert tasks == 99, tasks  # the pause container is the 100th
    tree = host(
        XENIAL_AZURE_KERNEL, comm="nginx", self_status=worker, procs=procs,
        cgroup=docker_v1_cgroup(cid).replace(f"/docker/{cid}", f"{pod}/{cid}"),
        mounts=docker_v1_mounts(cid).replace(f" /docker/{cid} ", f" {pod}/{cid} "),
        ns={"user": INIT_NS["user"], "pid": 4026532706, "cgroup": INIT_NS["cgroup"]}, pid_max=32768,
        threads_max=128_319, tasks=1_140, hostname="nginx-ingress-controller-7c9d8f6b5-x2kqp",
        exe="/usr/sbin/nginx",
        mem=meminfo(XENIAL_AZURE_KERNEL, {"MemTotal": 16_424_956, "MemFree": 9_100_000, "MemAvailable": 12_800_000,
                                          "Cached": 3_200_000, "CommitLimit": 8_212_476,
                                          "Committed_AS": 7_400_000}))
    tree.update(cgroup_files("sys/fs/cgroup", {
        "pids": {"pids.max": "max\n", "pids.current": "99\n", "pids.events": "max 6\n"},
        "memory": v1_memory_level(9223372036854771712, 190_000_000, 230_000_000, 0, XENIAL_AZURE_KERNEL),
    }))
    tree[".dockerenv"] = ""
    return tree


# 128. Agenta's local dev stack (docker compose): `pids_limit: 20` on the
# worker-queues and worker-streams services, below what they hold at rest
# ("worker-queues 24 PIDs, worker-streams 22 PIDs", both idle), so both
# crash-loop on "RuntimeError: can't start new thread"; worker-streams had
# been failing every batch with "[INGEST] Failed to read batch: can't start
# new thread" for 21 hours; "the containers keep reporting `healthy`".
# Fixed by raising the cap to 64 (github.com/Agenta-AI/agenta/pull/7011).
# Not in the thread and filled in: the host (Docker Engine on Ubuntu 24.04,
# kernel 6.8, cgroup v2, the container in its own cgroup namespace) and how
# the 20 split: watchmedo's reloader as PID 1 with its observer and emitter
# threads, the Python worker with 16; the worker's next thread is refused.
NOBLE_KERNEL = "6.8.0-45-generic"


def agenta_compose_pids_20():
    cid = hexid("agenta-worker-streams")
    worker = status(NOBLE_KERNEL, "python", 9, 16, ppid=1, vm_size_kb=1_900_000, vm_data_kb=310_000)
    procs = {1: status(NOBLE_KERNEL, "watchmedo", 1, 4, vm_size_kb=240_000, vm_data_kb=30_000), 9: worker}
    return docker_v2_container(
        NOBLE_KERNEL, cid, worker, procs, ns={"user": 4026531837, "pid": 4026532811, "cgroup": 4026532813},
        level=v2_own_level(20, 20, 4_412, memory_current=260_000_000), exe="/usr/local/bin/python3.11",
        pid_max=4194304, threads_max=126_582, tasks=1_830,
        mem=meminfo(NOBLE_KERNEL, {"MemTotal": 16_201_000, "MemFree": 4_900_000, "MemAvailable": 9_700_000,
                                   "Cached": 4_400_000, "SwapTotal": 4_194_300, "SwapFree": 4_194_300,
                                   "CommitLimit": 12_294_800, "Committed_AS": 11_600_000}))


# 129. Qubes OS 4.2 qubes (Xen VMs) with memory hotplug: "Linux sets
# incorrect maximum thread count when memory hotplug is enabled"
# (github.com/QubesOS/qubes-issues/issues/8960; Firefox crashing, "disabling
# hotplug also solves the issue with low init memory settings"). The fix,
# qubes-core-agent-linux pull 532: "When VM is started with memory hotplug,
# the initial memory size is quite small. It is used for calculating default
# threads limit, and that in turns is used to calculate default process
# count limit per user. For a VM started with 400MB (the default) both limits
# are too low for some threads/processes-heavy applications like Firefox";
# it ships `kernel.threads-max = 51200` (20-qubes-core.conf) and `@qubes
# soft/hard nproc 51200` (90-qubes-core.conf, whose comment says the boot
# value is "too low (below 1000)"). Not in the thread and filled in: a
# Debian 12 qube (systemd 252, pid_max 4194304 from its sysctl.d) on Qubes'
# 6.6 VM kernel, 4000 MB of maxmem now plugged in; threads-max 1930, what
# fork_init() computes from about 241 MiB, so RLIMIT_NPROC 965 (below 1000,
# as the file says); and the user's session, Firefox ESR with its content
# processes, in user-UID.slice, whose TasksMax=33% systemd took of that
# threads-max: 636. The slice is full before the uid reaches 965.
QUBES_KERNEL = "6.6.21-1.qubes.fc37.x86_64"


def qubes_hotplug_threads_max(uid):
    user = {"uid": uid, "cap_eff": "0000000000000000"}
    firefox = status(QUBES_KERNEL, "firefox-esr", 1420, 96, ppid=1300, vm_size_kb=3_400_000, vm_data_kb=900_000,
                     **user)
    procs = {1: status(QUBES_KERNEL, "systemd", 1, 1), 1420: firefox}
    session = [("systemd", 1), ("(sd-pam)", 1), ("dbus-daemon", 1), ("pulseaudio", 4), ("Xorg", 3),
               ("qubes-gui-runu", 2), ("xdg-desktop-por", 5), ("at-spi-bus-lau", 4), ("at-spi2-registr", 3),
               ("dconf-service", 3), ("gvfsd", 3), ("bash", 1), ("gnome-keyring-d", 4), ("xfce4-notifyd", 3)]
    session += [("Isolated Web Co", 30)] * 14 + [("WebExtensions", 28), ("Privileged Cont", 24),
                                                   ("RDD Process", 9), ("Socket Process", 15), ("Utility Process", 6)]
    pid = 1300
    for comm, threads in session:
        procs[pid] = status(QUBES_KERNEL, comm, pid, threads, ppid=1, vm_data_kb=120_000, **user)
        pid += 7
    for i in range(40):
        procs[200 + i] = status(QUBES_KERNEL, "qrexec-agent" if i == 0 else "kworker", 200 + i, 1, ppid=1)
    mine = sum(int(text.split("Threads:\t")[1].split("\n")[0]) for p, text in procs.items() if p >= 1300)
    assert mine == 636, mine
    scope = f"/user.slice/user-{uid}.slice/session-c1.scope"
    tree = host(
        QUBES_KERNEL, comm="firefox-esr", self_status=firefox, procs=procs, cgroup=f"0::{scope}\n",
        mounts=mountinfo(
            (24, 1, "202:3", "/", "/", "rw,relatime", "shared:1", "ext4", "/dev/xvda3", "rw,discard"),
            (25, 24, "0:22", "/", "/sys", "rw,nosuid,nodev,noexec,relatime", "shared:2", "sysfs", "sysfs", "rw"),
            (26, 25, "0:23", "/", "/sys/fs/cgroup", "rw,nosuid,nodev,noexec,relatime", "shared:4", "cgroup2",
             "cgroup2", "rw,nsdelegate,memory_recursiveprot"),
            (27, 24, "0:21", "/", "/proc", "rw,nosuid,nodev,noexec,relatime", "shared:12", "proc", "proc", "rw")),
        ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"], "cgroup": INIT_NS["cgroup"]}, pid_max=4194304,
        threads_max=1_930, tasks=1_012, hostname="browser", nproc=965, exe="/usr/lib/firefox-esr/firefox-esr",
        mem=meminfo(QUBES_KERNEL, {"MemTotal": 3_962_144, "MemFree": 1_200_000, "MemAvailable": 2_150_000,
                                   "Cached": 1_050_000, "SwapTotal": 1_048_572, "SwapFree": 1_048_572,
                                   "CommitLimit": 3_029_644, "Committed_AS": 4_800_000}))
    # Kernel 6.6: pids.events counts in the forking cgroup only (before 6.11).
    tree.update(cgroup_files("sys/fs/cgroup", {"": {"cgroup.controllers": "cpuset cpu io memory pids\n"}}))
    tree.update(pids_levels("sys/fs/cgroup", {
        f"user.slice/user-{uid}.slice/session-c1.scope": ("max", 611, 9),
        f"user.slice/user-{uid}.slice": (636, 636, 0),
        "user.slice": ("max", 636, 0)}))
    return tree


FIELD10_MACHINES = {
    "aks-pod-max-pids-100": lambda uid: aks_pod_max_pids_100(),
    "agenta-compose-pids-20": lambda uid: agenta_compose_pids_20(),
    "qubes-hotplug-threads-max": qubes_hotplug_threads_max,
}
