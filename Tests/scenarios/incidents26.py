"""Fixture machines of the twenty-sixth field audit (scenarios 264-267),
built as incidents13.py says: the thread's numbers, the rest filled in and
named so.
"""
from eras import CG2_ALL, MEM_EVENTS_QUIET, V2_HOST_MOUNTS, container_mounts, systemd_guest_cgroups, v1_cgroup, \
    v1_host_mounts, v1_memory_level
from incidents import openvz, pids_levels
from procfs import INIT_NS, cgroup_files, host, meminfo, mountinfo, status


def unprivileged(uid):
    """status() fields of a user's process: its uid, no capabilities."""
    return {"uid": uid, "cap_eff": "0000000000000000"}


def zombies(procs, kernel, first_pid, count, comm, ppid):
    for i in range(count):
        procs[first_pid + i] = status(kernel, comm, first_pid + i, 1, ppid=ppid, state="Z (zombie)", vm_data_kb=0,
                                      vm_size_kb=0)


def v2_container_level(pids_max, pids_current, events, memory_max="max", memory_current=900_000_000):
    """A runc container's own cgroup seen from inside its cgroup namespace."""
    return {"": {
        "cgroup.controllers": CG2_ALL, "pids.max": f"{pids_max}\n", "pids.current": f"{pids_current}\n",
        "pids.peak": f"{max(pids_current, pids_max if pids_max != 'max' else 0)}\n", "pids.events": f"max {events}\n",
        "memory.max": f"{memory_max}\n", "memory.current": f"{memory_current}\n", "memory.events": MEM_EVENTS_QUIET}}


def container_v2_mounts():
    return container_mounts([(1314, 1313, "0:28", "/", "/sys/fs/cgroup", "ro,nosuid,nodev,noexec,relatime", "",
                              "cgroup2", "cgroup", "rw,nsdelegate,memory_recursiveprot")])


# 264a. PikoCI's runner is the container's ENTRYPOINT, PID 1, and reaps
# only the children it waits for; git and curl transport helpers that
# outlive the check scripts are reparented to it and stay zombies: "9,237
# defunct git processes over three days, hitting the container's pids
# cgroup limit (pids.current = 9249, pids.max = 9250). Every fork() after
# that failed with `can't fork: Resource temporarily unavailable`";
# fixed with tini as PID 1 (github.com/PikoCI/pikoci/issues/681, fixed in
# pull 674). The reading was taken a moment after a refusal, one slot
# free. Not in the thread and filled in: the kernel (Debian 12's 6.1, cgroup v2, docker),
# pikoci's 11 threads, the check script's sh (the fork that failed), the memory.
BOOKWORM_CLOUD_KERNEL = "6.1.0-31-cloud-amd64"


def pikoci_zombies_pid1():
    kernel = BOOKWORM_CLOUD_KERNEL
    pikoci = status(kernel, "pikoci", 1, 11, vm_data_kb=260_000)
    sh = status(kernel, "sh", 48_113, 1, ppid=1, vm_data_kb=300)
    procs = {1: pikoci, 48_113: sh}
    zombies(procs, kernel, 100, 9_237, "git", 1)
    tree = host(
        kernel, comm="sh", self_status=sh, procs=procs, cgroup="0::/\n", mounts=container_v2_mounts(),
        ns={"user": INIT_NS["user"], "pid": 4026532411, "cgroup": 4026532413}, pid_max=4194304,
        threads_max=126_000, tasks=9_870, hostname="pikoci-runner", exe="/bin/dash",
        mem=meminfo(kernel, {"MemTotal": 16_380_000, "MemFree": 9_900_000, "MemAvailable": 13_100_000,
                             "Cached": 3_000_000, "CommitLimit": 8_190_000, "Committed_AS": 2_900_000}),
    )
    tree.update(cgroup_files("sys/fs/cgroup", v2_container_level(9250, 9249, 3_418)))
    tree[".dockerenv"] = ""
    return tree


# 264b. rehor, a bot that runs Claude Code in a container as PID 1
# (python), never reaps the git, gh and npm it starts through it: "303
# zombie git processes consuming 493/500 PID capacity" against "the cgroup
# PID limit (500)"; fixed with tini as PID 1
# (github.com/OpenShift-Fleet/rehor/pull/69). Not in the thread and filled
# in: the kernel (Fedora CoreOS's 6.11, podman, cgroup v2), the live
# tasks beside the zombies (the bot's 9 threads, two Claude Code node
# processes of 11 threads, their helpers) up to 500 at the refusal, node's
# spawn of git the fork refused, the memory.
def rehor_zombies_500():
    kernel = "6.11.9-300.fc41.x86_64"
    bot = status(kernel, "python3", 1, 9, vm_data_kb=180_000)
    procs = {1: bot}
    zombies(procs, kernel, 40, 303, "git", 1)
    node = None
    for i, pid in enumerate((700, 900)):
        procs[pid] = status(kernel, "node", pid, 11, ppid=1, vm_data_kb=420_000)
        node = node or procs[pid]
        for j in range(83):
            procs[pid + 1 + j] = status(kernel, "bash" if j % 2 else "rg", pid + 1 + j, 1, ppid=pid, vm_data_kb=3_000)
    # 9 + 303 + 2 x (11 + 83) = 500.
    tree = host(
        kernel, comm="node", self_status=node, procs=procs, cgroup="0::/\n",
        mounts=container_v2_mounts(), ns={"user": INIT_NS["user"], "pid": 4026532601, "cgroup": 4026532603},
        pid_max=4194304, threads_max=252_000, tasks=1_380, hostname="rehor-bot",
        mem=meminfo(kernel, {"MemTotal": 32_600_000, "MemFree": 20_000_000, "MemAvailable": 27_000_000,
                             "Cached": 6_000_000, "CommitLimit": 16_300_000, "Committed_AS": 7_100_000}),
    )
    tree.update(cgroup_files("sys/fs/cgroup", v2_container_level(500, 500, 61)))
    tree["run/.containerenv"] = ""
    return tree


# 265a. A systemd-nspawn machine on Debian 12 (systemd 252, kernel
# 6.5.0-0.deb12.4-amd64, pid_max 262144): "fork rejected by pids controller
# in /machine.slice/machine-puppet001.scope/payload/system.slice/system-puppetserver.slice/puppetserver@003.service";
# machine.slice's pids.peak 16385; `systemctl show systemd-nspawn@puppet001`
# says TasksMax=262144 after an override, which "has no effect": machined
# gives the machine-NAME.scope it creates TasksMax=16384 itself
# (github.com/systemd/systemd/issues/32783). From inside, the container's
# cgroup namespace is rooted at payload, below the scope: every level it
# shows says max, and payload holds 16383 of the scope's 16384 (nspawn's
# supervisor is the scope's other task). Not in the thread and filled
# in: four puppetserver JVMs of about 4050 threads, the guest's other
# services, the memory (a 256 GB host: pid_max 262144 is 1024 x 256 CPUs).
def nspawn_puppet_16384():
    kernel = "6.5.0-0.deb12.4-amd64"
    mounts = mountinfo(
        (380, 300, "0:61", "/", "/", "rw,relatime", "shared:180", "ext4", "/dev/mapper/vg-puppet001", "rw"),
        (381, 380, "0:62", "/", "/proc", "rw,nosuid,nodev,noexec,relatime", "shared:181", "proc", "proc", "rw"),
        (382, 380, "0:63", "/", "/sys", "ro,nosuid,nodev,noexec,relatime", "shared:182", "sysfs", "sysfs", "ro"),
        (383, 382, "0:64", "/", "/sys/fs/cgroup", "rw,nosuid,nodev,noexec,relatime", "shared:183", "cgroup2",
         "cgroup", "rw,nsdelegate,memory_recursiveprot"),
    )
    procs = {1: status(kernel, "systemd", 1, 1)}
    threads = {1: 4_050, 2: 4_050, 3: 4_040, 4: 4_060}
    me = None
    for n, count in threads.items():
        pid = 400 + n * 100
        procs[pid] = status(kernel, "java", pid, count, uid=998, ppid=1, vm_size_kb=24_000_000,
                            vm_data_kb=9_800_000, cap_eff="0000000000000000")
        if n == 3:
            me = procs[pid]
    others = 16_383 - 1 - sum(threads.values())
    for i in range(others):
        procs[2000 + i] = status(kernel, "sshd" if i % 2 else "cron", 2000 + i, 1, ppid=1)
    tree = host(
        kernel, comm="java", self_status=me, procs=procs, exe="/usr/lib/jvm/java-17-openjdk-amd64/bin/java",
        cgroup="0::/system.slice/system-puppetserver.slice/puppetserver@003.service\n", mounts=mounts,
        ns={"user": INIT_NS["user"], "pid": 4026532418, "cgroup": 4026532421}, pid_max=262144,
        threads_max=2_060_000, tasks=41_000, hostname="puppet001",
        mem=meminfo(kernel, {"MemTotal": 263_700_000, "MemFree": 90_000_000, "MemAvailable": 160_000_000,
                             "Cached": 60_000_000, "CommitLimit": 131_850_000, "Committed_AS": 170_000_000}),
    )
    service = "system.slice/system-puppetserver.slice/puppetserver@003.service"
    levels = systemd_guest_cgroups("puppetserver@003.service", {
        "": ("max", 16_383, 0),
        "system.slice": ("max", 16_382, 0),
        "system.slice/system-puppetserver.slice": ("max", 16_200, 0),
        service: ("max", 4_040, 212),
    })
    for n, count in threads.items():
        if n != 3:
            levels[f"system.slice/system-puppetserver.slice/puppetserver@00{n}.service"] = {
                "pids.max": "max\n", "pids.current": f"{count}\n", "pids.events": "max 0\n"}
    levels[""]["cgroup.controllers"] = CG2_ALL
    levels[""]["cgroup.type"] = "domain\n"
    for files in levels.values():
        files["pids.peak"] = files["pids.current"]
    tree.update(cgroup_files("sys/fs/cgroup", levels))
    tree["run/systemd/container"] = "systemd-nspawn\n"
    return tree


# 265b. systemd 228 (Arch, kernel 4.3, cgroup v1) gave every unit
# DefaultTasksMax=512 and user-UID.slice 4096; user@.service, the user's
# own service manager, had no TasksMax of its own and got the 512: "this
# issue is also affecting programs started from the terminal when running
# Gnome, as the terminal is started as a sub-process of dbus and is thus
# part of user@.service" (github.com/systemd/systemd/issues/1955, fixed in
# 229 by TasksMax=infinity in user@.service, pull 1987). Arch's
# RLIMIT_NPROC 63575 (threads-max / 2) is far. Not in the thread and
# filled in: the user (uid FIXTURE_UID), a build in the terminal (make
# and 470 cc1 at the refusal), the session's other tasks, the memory.
ARCH_KERNEL = "4.3.3-2-ARCH"


def arch_user_service_512(uid):
    user = unprivileged(uid)
    kernel = ARCH_KERNEL
    manager = f"/user.slice/user-{uid}.slice/user@{uid}.service"
    make = status(kernel, "make", 3410, 1, ppid=3380, vm_data_kb=12_000, **user)
    procs = {1: status(kernel, "systemd", 1, 1), 3410: make,
             1200: status(kernel, "systemd", 1200, 1, ppid=1, **user),
             1210: status(kernel, "dbus-daemon", 1210, 1, ppid=1200, **user),
             3300: status(kernel, "gnome-terminal-", 3300, 4, ppid=1210, **user),
             3380: status(kernel, "bash", 3380, 1, ppid=3300, **user)}
    # 1 + 1 + 4 + 1 + 1 (make) = 8 tasks; the build holds the rest of 512.
    for i in range(504):
        procs[4000 + i] = status(kernel, "cc1" if i % 3 else "as", 4000 + i, 1, ppid=3410, vm_data_kb=60_000,
                                 **user)
    # gnome-shell and the session's processes are in session-c2.scope.
    procs[1300] = status(kernel, "gnome-shell", 1300, 24, ppid=1, vm_data_kb=400_000, **user)
    controllers = ["pids", "memory", "devices", "freezer", "cpuset", "net_cls", "blkio", "cpu,cpuacct",
                   "name=systemd"]
    tree = host(
        kernel, comm="make", self_status=make, procs=procs,
        cgroup=v1_cgroup({c: manager if c in ("pids", "name=systemd") else "/" for c in controllers}),
        mounts=v1_host_mounts(controllers), ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"]}, pid_max=32768,
        threads_max=127_150, tasks=1_020, hostname="arch-desk", nproc=63_575,
        mem=meminfo(kernel, {"MemTotal": 16_300_000, "MemFree": 9_000_000, "MemAvailable": 12_800_000,
                             "Cached": 3_600_000, "SwapTotal": 4_194_300, "SwapFree": 4_194_300,
                             "CommitLimit": 12_344_000, "Committed_AS": 6_000_000}))
    tree.update(pids_levels("sys/fs/cgroup/pids", {
        f"user.slice/user-{uid}.slice/user@{uid}.service": (512, 512, 37),
        f"user.slice/user-{uid}.slice/session-c2.scope": (512, 31, 0),
        f"user.slice/user-{uid}.slice": (4096, 543, 0),
        "user.slice": ("max", 543, 0)}))
    tree.update(cgroup_files("sys/fs/cgroup/memory", {"": v1_memory_level(
        9223372036854771712, 3_500_000_000, 3_900_000_000, 0, kernel)}))
    return tree


# 266a. Armbian (Ubuntu 24.04, GNOME) on a Rock 5C, Rockchip's vendor
# kernel 6.1: "crashed browser tabs and apps that refuse to start";
# threads-max 1685, `ulimit -u` 842; worked around with threads-max 16384,
# nproc 4096 in limits.d and DefaultTasksMax=infinity
# (github.com/armbian/linux-rockchip/issues/307). The same vendor kernel
# on a 16 GB Rock 5B showed MemTotal 16345992 kB with "max user processes
# very low" (github.com/Joshua-Riek/ubuntu-rockchip/issues/919, and #906:
# `docker run` of 1000 `sleep` fails). threads-max is sized from the memory
# the kernel sees when fork_init() runs; RLIMIT_NPROC's boot value is half
# of it (§11.15); systemd 255 gives user-UID.slice TasksMax=33 % and units
# 15 % of min(threads-max, pid_max - 1): 556 for the user's slice, which
# binds before 842. Not in the thread and filled in: the board's RAM
# (8 GB), pid_max (Ubuntu's 4194304), the user (FIXTURE_UID), firefox's
# processes at the refusal, the session's.
ARMBIAN_KERNEL = "6.1.75-vendor-rk35xx"


def armbian_threads_max_1685(uid):
    user = unprivileged(uid)
    kernel = ARMBIAN_KERNEL
    scope = f"/user.slice/user-{uid}.slice/user@{uid}.service/app.slice/app-gnome-firefox-2841.scope"
    me = status(kernel, "Isolated Web Co", 3120, 27, ppid=2841, vm_size_kb=2_900_000, vm_data_kb=420_000, **user)
    procs = {1: status(kernel, "systemd", 1, 1), 3120: me,
             2841: status(kernel, "firefox", 2841, 96, ppid=1400, vm_data_kb=1_100_000, **user),
             1400: status(kernel, "systemd", 1400, 1, ppid=1, **user),
             1500: status(kernel, "gnome-shell", 1500, 41, ppid=1400, vm_data_kb=600_000, **user)}
    held = 27 + 96 + 1 + 41
    for i in range(13):
        procs[3200 + i] = status(kernel, "Isolated Web Co", 3200 + i, 26, ppid=2841, vm_data_kb=300_000, **user)
        held += 26
    for i in range(556 - held):
        procs[1600 + i] = status(kernel, "gsd-xsettings" if i % 2 else "tracker-miner-f", 1600 + i, 1, ppid=1400,
                                 **user)
    for i in range(180):
        procs[200 + i] = status(kernel, "systemd-journal" if i % 4 else "NetworkManager", 200 + i, 1, ppid=1)
    tree = host(
        kernel, comm="Isolated Web Co", self_status=me, procs=procs, cgroup=f"0::{scope}\n", mounts=V2_HOST_MOUNTS,
        ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"], "cgroup": INIT_NS["cgroup"]}, pid_max=4194304,
        threads_max=1_685, tasks=736, hostname="rock-5c", nproc=842, exe="/usr/lib/firefox/firefox",
        mem=meminfo(kernel, {"MemTotal": 7_990_000, "MemFree": 4_100_000, "MemAvailable": 5_900_000,
                             "Cached": 1_700_000, "CommitLimit": 3_995_000, "Committed_AS": 5_400_000}),
    )
    levels = {
        "": {"cgroup.controllers": CG2_ALL},
        "user.slice": {"pids.max": "max\n", "pids.current": "556\n", "pids.events": "max 0\n"},
        f"user.slice/user-{uid}.slice": {"pids.max": "556\n", "pids.current": "556\n", "pids.events": "max 0\n"},
        f"user.slice/user-{uid}.slice/user@{uid}.service": {"pids.max": "max\n", "pids.current": "556\n",
                                                             "pids.events": "max 0\n"},
        f"user.slice/user-{uid}.slice/user@{uid}.service/app.slice": {"pids.max": "max\n", "pids.current": "461\n",
                                                                       "pids.events": "max 0\n"},
        scope.lstrip("/"): {"pids.max": "max\n", "pids.current": "461\n", "pids.events": "max 19\n"},
        "system.slice": {"pids.max": "max\n", "pids.current": "180\n", "pids.events": "max 0\n"},
    }
    for files in levels.values():
        if "pids.current" in files:
            files["pids.peak"] = files["pids.current"]
    tree.update(cgroup_files("sys/fs/cgroup", levels))
    return tree


# 266b. tribuchet's worker (a Nix build farm, NixOS, cgroup v2) gave each
# build a cgroup with pids.max 4096; "a Go build on a 384-core host spawns
# hundreds of compile/vet processes with a dozen threads each and failed
# with EAGAIN (fork rejected by the pids controller)"; fixed by dropping
# pids.max from per-build cgroups (github.com/Mic92/tribuchet/pull/57).
# Not in the thread and filled in: the kernel (6.12), the worker's unit
# and the build cgroup's name, the go command and its 330 compile children
# of 12 threads at the refusal, the memory (1.5 TB).
def tribuchet_go_build_4096():
    kernel = "6.12.41"
    build = "/system.slice/tribuchet-worker.service/builds/build-51893"
    go = status(kernel, "go", 88_000, 45, uid=30001, ppid=87_990, vm_data_kb=2_100_000, cap_eff="0000000000000000")
    procs = {1: status(kernel, "systemd", 1, 1), 88_000: go,
             87_990: status(kernel, "bash", 87_990, 1, uid=30001, ppid=87_980, cap_eff="0000000000000000"),
             87_980: status(kernel, "nix-daemon", 87_980, 1, ppid=1)}
    held = 45 + 1 + 1
    for i in range(330):
        procs[90_000 + i] = status(kernel, "compile", 90_000 + i, 12, uid=30001, ppid=88_000, vm_data_kb=700_000,
                                   cap_eff="0000000000000000")
        held += 12
    for i in range(4096 - held):
        procs[95_000 + i] = status(kernel, "vet", 95_000 + i, 1, uid=30001, ppid=88_000, vm_data_kb=90_000,
                                   cap_eff="0000000000000000")
    tree = host(
        kernel, comm="go", self_status=go, procs=procs, cgroup=f"0::{build}\n", mounts=V2_HOST_MOUNTS,
        ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"], "cgroup": INIT_NS["cgroup"]}, pid_max=4194304,
        threads_max=12_300_000, tasks=5_400, hostname="builder-384", exe="/nix/store/3k1l8-go-1.24.4/bin/go",
        mem=meminfo(kernel, {"MemTotal": 1_585_000_000, "MemFree": 1_300_000_000, "MemAvailable": 1_480_000_000,
                             "Cached": 90_000_000, "CommitLimit": 792_500_000, "Committed_AS": 260_000_000}),
    )
    levels = {
        "": {"cgroup.controllers": CG2_ALL},
        "system.slice": {"pids.max": "max\n", "pids.current": "4301\n", "pids.events": "max 0\n",
                         "pids.events.local": "max 0\n"},
        "system.slice/tribuchet-worker.service": {"pids.max": "max\n", "pids.current": "4109\n",
                                                  "pids.events": "max 0\n", "pids.events.local": "max 0\n"},
        "system.slice/tribuchet-worker.service/builds": {"pids.max": "max\n", "pids.current": "4096\n",
                                                         "pids.events": "max 0\n", "pids.events.local": "max 0\n"},
        build.lstrip("/"): {"pids.max": "4096\n", "pids.current": "4096\n", "pids.events": "max 7\n",
                            "pids.events.local": "max 7\n"},
    }
    # 6.11+: pids.events counts up the tree, .local at the refusing level.
    for level in ("system.slice", "system.slice/tribuchet-worker.service",
                  "system.slice/tribuchet-worker.service/builds"):
        levels[level]["pids.events"] = "max 7\n"
    for files in levels.values():
        if "pids.current" in files:
            files["pids.peak"] = files["pids.current"]
    tree.update(cgroup_files("sys/fs/cgroup", levels))
    return tree


# 266c. A Concourse worker run as a templated unit (Ubuntu 18.04's systemd
# 237, kernel 4.15, cgroup v1): "cgroup: fork rejected by pids controller
# in /system.slice/system-concourse\x2dworker.slice/concourse-worker@bourbon.service/garden/1d3e89ad-9813-4588-66fd-f972f3..."
# (github.com/concourse/concourse/issues/2296); the fix was TasksMax=infinity
# in the worker's unit (github.com/concourse/concourse-bosh-release/issues/152,
# "Increase systemd TasksMax to prevent 'fork rejected by pids controller'
# errors"). The kernel names the forking cgroup, a garden container the
# worker made; the unit above it holds systemd 237's DefaultTasksMax=15 %
# of pid_max 32768, 4915. Not in the thread and filled in: the rest of
# the container's handle, a privileged build task (its cgroups visible),
# the worker's other containers, the memory.
BIONIC_KERNEL = "4.15.0-29-generic"


def concourse_worker_garden():
    kernel = BIONIC_KERNEL
    unit = "system.slice/system-concourse\\x2dworker.slice/concourse-worker@bourbon.service"
    handle = "1d3e89ad-9813-4588-66fd-f972f3c1a0b2"
    me = status(kernel, "sh", 41, 1, ppid=1, vm_data_kb=900)
    procs = {1: status(kernel, "dumb-init", 1, 1), 41: me}
    for i in range(30):
        procs[100 + i] = status(kernel, "node", 100 + i, 11, ppid=41, vm_data_kb=300_000)
    controllers = ["pids", "memory", "devices", "freezer", "cpuset", "net_cls,net_prio", "blkio", "cpu,cpuacct",
                   "name=systemd"]
    own = f"/{unit}/garden/{handle}"
    tree = host(
        kernel, comm="sh", self_status=me, procs=procs, cgroup=v1_cgroup({c: own for c in controllers}, unified=own),
        mounts=v1_host_mounts(controllers, unified=True),
        ns={"user": INIT_NS["user"], "pid": 4026532710, "cgroup": INIT_NS["cgroup"]}, pid_max=32768,
        threads_max=256_000, tasks=5_300, hostname=handle, exe="/bin/dash",
        mem=meminfo(kernel, {"MemTotal": 32_900_000, "MemFree": 15_000_000, "MemAvailable": 24_000_000,
                             "Cached": 8_000_000, "CommitLimit": 16_450_000, "Committed_AS": 14_000_000}))
    tree.update(pids_levels("sys/fs/cgroup/pids", {
        f"{unit}/garden/{handle}": ("max", 331, 14),
        f"{unit}/garden": ("max", 4_890, 0),
        unit: (4915, 4915, 0),
        "system.slice/system-concourse\\x2dworker.slice": ("max", 4915, 0),
        "system.slice": ("max", 5_120, 0)}))
    tree.update(cgroup_files("sys/fs/cgroup/memory", {"": v1_memory_level(
        9223372036854771712, 9_000_000_000, 9_900_000_000, 0, kernel)}))
    return tree


# 267b. A rented virtual server (OpenVZ, 2011): "cannot fork" at login
# "because ps(1) showed only 20 processes, while the hard limit of the
# virtual machine host was apparently set to 94 ... The virtual machine
# host counts kernel level threads towards the process limit", the threads
# of Apache's worker MPM; fixed with ServerLimit 4, MaxClients 64,
# ThreadsPerChild 16 (blog.mafr.de/2011/09/04/cannot-fork/). Not in the
# post and filled in: the kernel (OpenVZ's RHEL 6 042stab of 2011), the
# container's id, Debian's default worker MPM (25 threads a child, and a
# listener) at the refusal: a parent and three children of 27, 27 and 23
# threads beside 15 one-thread processes, 20 processes and 94 tasks, an
# Apache child's thread refused.
def openvz_apache_worker_94():
    kernel = "2.6.32-042stab039.11"
    tree = openvz("apache2", {"numproc": (94, 94, 94, 94, 57)}, free_kb=310_000, ctid=2203, kernel=kernel,
                  cap_eff="0000000000000000")
    me = status(kernel, "apache2", 2811, 23, uid=33, ppid=2800, vm_data_kb=240_000, vm_size_kb=420_000,
                cap_eff="0000000000000000")
    tree["proc/self/status"] = me
    tree["proc/2811/status"] = me
    tree["proc/2800/status"] = status(kernel, "apache2", 2800, 1, ppid=1, vm_data_kb=12_000)
    for pid in (2812, 2813):
        tree[f"proc/{pid}/status"] = status(kernel, "apache2", pid, 27, uid=33, ppid=2800, vm_data_kb=240_000)
    singles = ["sshd", "cron", "rsyslogd", "mysqld", "master", "qmgr", "pickup", "bash", "sshd", "bash",
               "getty", "udevd", "exim4", "ntpd", "atd"]
    for i, comm in enumerate(singles):
        tree[f"proc/{3000 + i}/status"] = status(kernel, comm, 3000 + i, 1, ppid=1)
    tree["proc/loadavg"] = "0.08 0.05 0.01 1/94 3120\n"
    return tree


# 267. GAP reserves its workspace (SyAllocPool) when it starts: 3/4 of
# physical memory since GAP 4.11, "so when we fork, we are technically
# using 1.5x physical memory ... if you enable [an option which ensures
# the OS never promises memory it can't give out later] GAP can't fork,
# which means it can't run external processes"; fixed by setting the pool
# back to 2 GB by default (github.com/gap-system/gap/issues/3509). Not in
# the thread and filled in: the machine (Ubuntu 18.04, 4.15, 8 GB, no
# swap), vm.overcommit_memory 2 with overcommit_ratio 100 (the pool alone
# fits, the fork's copy of it does not), GAP's resident use.
def gap_fork_strict_overcommit():
    kernel = "4.15.0-213-generic"
    pool_kb = 7_990_000 * 3 // 4
    gap = status(kernel, "gap", 2210, 1, uid=1000, ppid=2180, vm_size_kb=pool_kb + 90_000,
                 vm_data_kb=pool_kb + 40_000, vm_rss_kb=380_000, cap_eff="0000000000000000")
    procs = {1: status(kernel, "systemd", 1, 1), 2210: gap,
             2180: status(kernel, "bash", 2180, 1, uid=1000, ppid=2170, cap_eff="0000000000000000")}
    tree = host(
        kernel, comm="gap", self_status=gap, procs=procs, cgroup="12:pids:/user.slice/user-1000.slice/session-3.scope\n"
        "1:name=systemd:/user.slice/user-1000.slice/session-3.scope\n0::/user.slice/user-1000.slice/session-3.scope\n",
        mounts=v1_host_mounts(["pids", "name=systemd"], unified=True),
        ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"], "cgroup": INIT_NS["cgroup"]}, pid_max=32768,
        threads_max=62_600, tasks=240, hostname="travis-job", overcommit=2, ratio=100, exe="/usr/local/gap/gap",
        mem=meminfo(kernel, {"MemTotal": 7_990_000, "MemFree": 6_400_000, "MemAvailable": 7_100_000,
                             "Cached": 700_000, "CommitLimit": 7_990_000, "Committed_AS": 6_610_000}))
    # systemd 237: user-UID.slice's UserTasksMax=33 % of pid_max.
    tree.update(pids_levels("sys/fs/cgroup/pids", {
        "user.slice/user-1000.slice/session-3.scope": ("max", 3, 0),
        "user.slice/user-1000.slice": (10813, 3, 0),
        "user.slice": ("max", 3, 0)}))
    return tree


FIELD26_MACHINES = {
    "pikoci-zombies-pid1": lambda uid: pikoci_zombies_pid1(),
    "rehor-zombies-500": lambda uid: rehor_zombies_500(),
    "nspawn-puppet-16384": lambda uid: nspawn_puppet_16384(),
    "arch-user-service-512": arch_user_service_512,
    "armbian-threads-max-1685": armbian_threads_max_1685,
    "tribuchet-go-build-4096": lambda uid: tribuchet_go_build_4096(),
    "gap-fork-strict-overcommit": lambda uid: gap_fork_strict_overcommit(),
    "concourse-worker-garden": lambda uid: concourse_worker_garden(),
    "openvz-apache-worker-94": lambda uid: openvz_apache_worker_94(),
}
