"""Fixture machines of the fourth field audit (scenarios 89 and up), built
like incidents.py's: each comment names the thread and the numbers taken
from it; what the thread did not say is filled in as that distribution and
kernel ship it. Built only when asked for, as functions of FIXTURE_UID.
"""
from eras import (CG2_ALL, MEM_EVENTS_QUIET, XENIAL_CONTROLLERS, XENIAL_KERNEL, container_mounts,
                  docker_v1_cgroup, docker_v1_mounts, hexid, v1_memory_level)
from incidents import v1_systemd_host
from procfs import INIT_NS, cgroup_files, host, meminfo, mountinfo, status

PLAIN_MOUNTS = mountinfo((16, 1, "253:0", "/", "/", "rw,relatime", "", "ext4", "/dev/mapper/vg-root", "rw"),
                         (17, 16, "0:3", "/", "/proc", "rw,relatime", "", "proc", "proc", "rw"))


def v1_full_service(kernel, me, procs, unit, *, events, slice_tasks, **host_kw):
    """A v1 systemd host whose unit `unit` (system.slice) is at its pids.max
    of 512 with `events` refusals; me: (comm, status) of the forker."""
    service = f"/system.slice/{unit}"
    return v1_systemd_host(
        kernel, XENIAL_CONTROLLERS, me, procs,
        placed={"pids": service, "devices": service, "name=systemd": service},
        pids={f"system.slice/{unit}": (512, 512, events), "system.slice": ("max", slice_tasks, 0)}, **host_kw)


# 89. Docker on cgroup v1 with swap accounting (Ubuntu 18.04, kernel 4.15
# booted with swapaccount=1): `docker run -m 8m` and no --memory-swap gives
# memory.memsw.limit_in_bytes twice the memory limit, 16 MiB
# (github.com/moby/moby/pull/37194, kolyshkin: "if you set memory limit to
# say 8M the mem+swap limit is set to 16M (I believe by dockerd, not the
# kernel)"). The container's memory is mostly swapped out: memory at 6.2 of
# 8 MiB, memory+swap at its 16 MiB. The memsw counter is charged first and
# refuses; memory.usage_in_bytes alone looks fine.
def docker_memsw():
    kernel = "4.15.0-29-generic"
    cid = hexid("docker-memsw")
    app = status(kernel, "python3", 1, 3, vm_data_kb=60_000, vm_rss_kb=5_900)
    tree = host(
        kernel, comm="python3", self_status=app, procs={1: app}, cgroup=docker_v1_cgroup(cid),
        mounts=docker_v1_mounts(cid), ns={"user": INIT_NS["user"], "pid": 4026532410, "cgroup": INIT_NS["cgroup"]},
        pid_max=32768, threads_max=63_000, tasks=420, hostname=cid[:12],
        mem=meminfo(kernel, {"MemTotal": 8_150_000, "MemFree": 3_100_000, "MemAvailable": 5_600_000,
                             "Cached": 2_300_000, "SwapTotal": 2_097_148, "SwapFree": 1_990_000,
                             "CommitLimit": 6_172_000, "Committed_AS": 3_400_000}),
    )
    memory = v1_memory_level(8_388_608, 6_500_352, 8_388_608, 1_021, kernel)
    memory.update({"memory.memsw.limit_in_bytes": "16777216\n", "memory.memsw.usage_in_bytes": "16769024\n",
                   "memory.memsw.max_usage_in_bytes": "16777216\n", "memory.memsw.failcnt": "37\n"})
    tree.update(cgroup_files("sys/fs/cgroup", {
        "pids": {"pids.max": "max\n", "pids.current": "3\n", "pids.events": "max 0\n"}, "memory": memory}))
    tree[".dockerenv"] = ""
    return tree


# 90. A Kubernetes pod on cgroup v2 with swap off: kubelet passes a
# memory+swap limit equal to the memory limit, which the runtime turns into
# memory.swap.max 0 (github.com/pelagos-containers/pelagos/issues/373:
# "Kubernetes (swap disabled, the default) sets CRI
# memory_swap_limit_in_bytes == memory_limit_in_bytes ... meaning swap = 0";
# github.com/MonetDB/MonetDB/issues/7400, AKS 1.25: "the swap max which is 0
# in my case"). The node has swap; the pod may not use it. At its 512 MiB
# memory.max the charge of a fork's kernel stack goes to the OOM killer,
# which found no victim the last time (oom 12, oom_kill 11): ENOMEM.
def k8s_v2_swap_zero():
    kernel = "5.15.0-1049-azure"
    sh = status(kernel, "mserver5", 1, 40, vm_data_kb=700_000, vm_rss_kb=520_000)
    tree = host(
        kernel, comm="mserver5", self_status=sh, procs={1: sh}, cgroup="0::/\n",
        mounts=container_mounts([(1314, 1313, "0:28", "/", "/sys/fs/cgroup", "ro,nosuid,nodev,noexec,relatime", "",
                                  "cgroup2", "cgroup", "rw,nsdelegate,memory_recursiveprot")]),
        ns={"user": INIT_NS["user"], "pid": 4026532880, "cgroup": 4026532881}, pid_max=4194304,
        threads_max=127_000, tasks=1_900, hostname="monetdb-0",
        mem=meminfo(kernel, {"MemTotal": 16_380_000, "MemFree": 5_100_000, "MemAvailable": 9_800_000,
                             "Cached": 4_300_000, "SwapTotal": 8_388_604, "SwapFree": 8_100_000,
                             "CommitLimit": 16_578_000, "Committed_AS": 9_000_000}),
    )
    tree.update(cgroup_files("sys/fs/cgroup", {"": {
        "cgroup.controllers": CG2_ALL, "pids.max": "max\n", "pids.current": "40\n", "pids.events": "max 0\n",
        "memory.max": "536870912\n", "memory.current": "536805376\n", "memory.peak": "536870912\n",
        "memory.events": "low 0\nhigh 0\nmax 19211\noom 12\noom_kill 11\noom_group_kill 0\n",
        "memory.swap.max": "0\n", "memory.swap.current": "0\n", "memory.swap.events": "high 0\nmax 0\nfail 0\n"}}))
    return tree


# 91. MySQL/Percona on Ubuntu 16.04 under systemd 229's DefaultTasksMax=512
# (github.com/systemd/systemd/issues/3211: "reports about failing
# MySQL/Percona (https://launchpad.net/bugs/1578080) ... even under moderate
# workloads (as these use a lot of threads)"). One thread per connection:
# mysqld holds 512 tasks of mysql.service and pthread_create says EAGAIN
# ("Can't create a new thread (errno 11)").
def xenial_mysql_tasksmax():
    mysqld = status(XENIAL_KERNEL, "mysqld", 1390, 511, ppid=1, vm_data_kb=2_400_000, vm_size_kb=6_900_000)
    procs = {1: status(XENIAL_KERNEL, "systemd", 1, 1), 1390: mysqld,
             1388: status(XENIAL_KERNEL, "mysqld_safe", 1388, 1, ppid=1)}
    return v1_full_service(
        XENIAL_KERNEL, ("mysqld", mysqld), procs, "mysql.service", events=48, slice_tasks=690,
        tasks=840, hostname="db-3", threads_max=128_000, root_usage=5_000_000_000,
        mem_kb={"MemTotal": 16_390_000, "MemFree": 6_100_000, "MemAvailable": 9_900_000, "Cached": 3_300_000,
                "CommitLimit": 8_195_000, "Committed_AS": 8_000_000})


# 92. nix-daemon on a cluster whose /etc/systemd/system.conf sets
# DefaultTasksMax=512 (github.com/NixOS/nix/issues/3717: "building large
# packages (OpenMPI 4.0.3) in parallel leads to ... fork: retry: resource
# temporarily unavailable", fixed with TasksMax=infinity on nix-daemon).
# Builds run as nixbld users inside nix-daemon.service's cgroup, so the
# unit's 512 counts them all. CentOS-like v1 host, kernel 5.4, systemd 239.
def nix_daemon_tasksmax():
    kernel = "5.4.46-1.el7.elrepo.x86_64"
    builder = status(kernel, "bash", 31040, 1, uid=30001, ppid=31002, vm_data_kb=3_000, cap_eff="0000000000000000")
    procs = {1: status(kernel, "systemd", 1, 1), 31040: builder,
             2100: status(kernel, "nix-daemon", 2100, 2, ppid=1)}
    for i in range(16):
        procs[31100 + i] = status(kernel, "mpicc", 31100 + i, 1, uid=30001, ppid=31040)
        procs[31200 + i] = status(kernel, "cc1", 31200 + i, 1, uid=30001, ppid=31100 + i, vm_data_kb=180_000)
    return v1_full_service(
        kernel, ("bash", builder), procs, "nix-daemon.service", events=206, slice_tasks=760,
        tasks=1_410, hostname="hpc-login-2", threads_max=1_030_000, root_usage=30_000_000_000,
        mem_kb={"MemTotal": 131_700_000, "MemFree": 80_000_000, "MemAvailable": 110_000_000,
                "Cached": 28_000_000, "CommitLimit": 65_850_000, "Committed_AS": 24_000_000})


# 93. A Jenkins job's `podman run` (RHEL 9, kernel 5.14, cgroup v2, podman
# as root): containers.conf's default pids_limit 2048 on the container.
# virtctl polled six VMs over ssh in parallel, leftovers of the previous run
# still held PIDs, and the Go runtime died: "runtime: failed to create new
# OS thread (have 15 already; errno=11) ... may need to increase max user
# processes (ulimit -u)" (github.com/redhat-performance/benchmark-runner/pull/1250,
# fixed with --pids-limit=-1). Go clones without libc: the state is what
# `forkexplain watch` or a shim in a C helper of the container would see.
def podman_pids_2048():
    kernel = "5.14.0-427.13.1.el9_4.x86_64"
    cid = hexid("perfci-podman")
    runroot = f"/run/containers/storage/overlay-containers/{cid}/userdata"
    virtctl = status(kernel, "virtctl", 1880, 15, ppid=1, vm_data_kb=90_000)
    procs = {1: status(kernel, "python3", 1, 4), 1880: virtctl}
    for i in range(60):
        procs[300 + i] = status(kernel, "virtctl", 300 + i, 33, ppid=1, vm_data_kb=80_000)
    tree = host(
        kernel, comm="virtctl", self_status=virtctl, procs=procs, cgroup="0::/\n",
        mounts=container_mounts(
            [(1314, 1313, "0:27", "/", "/sys/fs/cgroup", "rw,nosuid,nodev,noexec,relatime", "", "cgroup2",
              "cgroup2", "rw,seclabel,nsdelegate,memory_recursiveprot")],
            [(1315, 1310, "0:26", f"{runroot}/hostname", "/etc/hostname", "rw,nosuid,nodev", "", "tmpfs", "tmpfs",
              "rw,seclabel,size=3260000k,nr_inodes=819200,mode=755,inode64"),
             (1316, 1310, "0:26", f"{runroot}/.containerenv", "/run/.containerenv", "rw,nosuid,nodev", "", "tmpfs",
              "tmpfs", "rw,seclabel,size=3260000k,nr_inodes=819200,mode=755,inode64")]),
        ns={"user": INIT_NS["user"], "pid": 4026533010, "cgroup": 4026533012}, pid_max=4194304,
        threads_max=1_000_000, tasks=6_800, hostname=cid[:12],
        mem=meminfo(kernel, {"MemTotal": 263_000_000, "MemFree": 200_000_000, "MemAvailable": 240_000_000,
                             "Cached": 30_000_000, "CommitLimit": 131_500_000, "Committed_AS": 40_000_000}),
    )
    tree.update(cgroup_files("sys/fs/cgroup", {"": {
        "cgroup.controllers": CG2_ALL, "pids.max": "2048\n", "pids.current": "2048\n", "pids.peak": "2048\n",
        "pids.events": "max 23\n", "memory.max": "max\n", "memory.current": "3100000000\n",
        "memory.events": MEM_EVENTS_QUIET}}))
    tree["run/.containerenv"] = ""
    return tree


# 94. A shared server whose users get 4096 processes ("the limit of max
# number of processes ... by default on that server is 4096", RHEL 7's
# /etc/security/limits.d/20-nproc.conf value): each of the user's 30
# Python jobs holds 134 threads ("ps -o nlwp <pid> ... 134 lightweight
# processes, so I can only run about 30 jobs";
# github.com/wujian16/Cornell-MOE/issues/61). 30 x 134 + the login's 4
# tasks are 4024: a 31st job gets 72 threads of its pool and its 73rd
# pthread_create fails with EAGAIN, at 4096.
def moe_nproc_4096(uid):
    kernel = "3.10.0-957.el7.x86_64"
    user = {"uid": uid, "cap_eff": "0000000000000000"}
    me = status(kernel, "python", 9400, 72, ppid=9300, vm_data_kb=2_100_000, vm_size_kb=9_800_000, **user)
    procs = {1: status(kernel, "systemd", 1, 1), 9400: me, 9300: status(kernel, "bash", 9300, 1, ppid=1, **user)}
    for i in range(30):
        procs[8000 + i] = status(kernel, "python", 8000 + i, 134, ppid=9300, vm_data_kb=2_000_000, **user)
    procs[8900] = status(kernel, "sshd", 8900, 1, ppid=1, **user)
    procs[8901] = status(kernel, "tmux", 8901, 1, ppid=1, **user)
    procs[8902] = status(kernel, "bash", 8902, 1, ppid=8901, **user)
    tree = host(kernel, comm="python", self_status=me, procs=procs, cgroup="1:name=systemd:/user.slice\n",
                mounts=PLAIN_MOUNTS, ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"]}, pid_max=131072,
                threads_max=1_030_000, tasks=4_690, hostname="gpu-node-4", nproc=4096,
                mem=meminfo(kernel, {"MemTotal": 263_700_000, "MemFree": 140_000_000, "MemAvailable": 200_000_000,
                                     "Cached": 50_000_000, "CommitLimit": 131_850_000,
                                     "Committed_AS": 80_000_000}))
    return tree


# 95. redis-server started from a shell whose `ulimit -u` was 1024; the
# admin then raised nproc in /etc/security/limits.conf to 40960, which new
# logins show, but the running daemon keeps the 1024 it started with:
# "Can't save in background: fork: Resource temporarily unavailable"
# (github.com/redis/redis/issues/2655: "I start the redis-server with
# `src/redis-server redis.conf &`, at that time, the `ulimit -u` is 1024.
# I change it in /etc/security/limits.conf in the latter"). The same user
# runs the application's workers, which hold the rest of the 1024.
def redis_nproc_at_start(uid):
    kernel = "2.6.32-504.el6.x86_64"
    user = {"uid": uid, "cap_eff": "0000000000000000"}
    redis = status(kernel, "redis-server", 5120, 3, ppid=1, vm_data_kb=6_200_000, vm_size_kb=6_400_000, **user)
    procs = {1: status(kernel, "init", 1, 1), 5120: redis}
    for i in range(17):
        procs[6000 + i] = status(kernel, "java", 6000 + i, 60, ppid=1, vm_data_kb=900_000, **user)
    procs[7000] = status(kernel, "bash", 7000, 1, ppid=1, **user)
    return host(kernel, comm="redis-server", self_status=redis, procs=procs, cgroup="", mounts=PLAIN_MOUNTS, ns={},
                pid_max=32768, threads_max=2_063_000, tasks=1_320, hostname="cache-01", nproc=1024,
                mem=meminfo(kernel, {"MemTotal": 132_000_000, "MemFree": 60_000_000, "Cached": 20_000_000,
                                     "CommitLimit": 70_000_000, "Committed_AS": 30_000_000}))


# 96. A Kubernetes node (Container Linux, kernel 4.19) with the default
# pid_max 32768: kubelet cannot even start `nice` for its disk stats,
# "failed to exec du - fork/exec /usr/bin/nice: resource temporarily
# unavailable" (github.com/kubernetes/kubernetes/issues/79466, thockin:
# "32Ki pid_max is pretty low ... you probably have a thread leak
# somewhere"). A leaking JVM holds 29,800 threads; kubelet forks in the
# host's PID namespace.
def k8s_node_pid_max():
    kernel = "4.19.43-coreos"
    kubelet = status(kernel, "kubelet", 1920, 64, ppid=1, vm_data_kb=1_200_000)
    procs = {1: status(kernel, "systemd", 1, 1), 1920: kubelet,
             4410: status(kernel, "java", 4410, 29_800, ppid=4300, vm_data_kb=12_000_000, vm_size_kb=250_000_000),
             4300: status(kernel, "containerd-shim", 4300, 11, ppid=1)}
    for i in range(120):
        procs[6000 + i] = status(kernel, "pause", 6000 + i, 1, ppid=4300)
    tree = host(kernel, comm="kubelet", self_status=kubelet, procs=procs, cgroup="0::/system.slice/kubelet.service\n",
                mounts=mountinfo((16, 1, "8:9", "/", "/", "rw,relatime", "", "ext4", "/dev/sda9", "rw"),
                                 (17, 16, "0:4", "/", "/proc", "rw,relatime", "", "proc", "proc", "rw"),
                                 (25, 16, "0:25", "/", "/sys/fs/cgroup", "rw,nosuid,nodev,noexec,relatime", "",
                                  "cgroup2", "cgroup2", "rw,nsdelegate")),
                ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"], "cgroup": INIT_NS["cgroup"]}, pid_max=32768,
                threads_max=515_000, tasks=32_761, hostname="node.ex.01",
                mem=meminfo(kernel, {"MemTotal": 65_900_000, "MemFree": 18_000_000, "MemAvailable": 30_000_000,
                                     "Cached": 12_000_000, "CommitLimit": 32_950_000, "Committed_AS": 60_000_000}))
    tree.update(cgroup_files("sys/fs/cgroup", {
        "": {"cgroup.controllers": CG2_ALL},
        "system.slice": {"pids.max": "max\n", "pids.current": "410\n", "pids.events": "max 0\n"},
        "system.slice/kubelet.service": {"pids.max": "max\n", "pids.current": "64\n", "pids.events": "max 0\n",
                                         "memory.max": "max\n", "memory.current": "1300000000\n",
                                         "memory.events": MEM_EVENTS_QUIET}}))
    return tree


# 97. A Cloud Foundry Diego cell (garden-runc, kernel 4.4): Go apps die
# with "runtime: failed to create new OS thread (have 5 already;
# errno=11) ... may need to increase max user processes (ulimit -u)", yet
# "ps -efT | wc -l" is 2387, threads-max 128179 and the gdn process's Max
# processes 64089 (github.com/cloudfoundry/garden/issues/52). None of the
# posted numbers is near a limit, and the Go hint names one that is far:
# the honest verdict is unexplained, showing the closest limits, never
# rlimit_nproc.
def garden_cell():
    kernel = "4.4.0-64-generic"
    gdn = status(kernel, "gdn", 4120, 80, ppid=1, vm_data_kb=400_000)
    procs = {1: status(kernel, "runsvdir", 1, 1), 4120: gdn}
    for i in range(40):
        procs[7000 + i] = status(kernel, "app", 7000 + i, 57, ppid=4120, vm_data_kb=300_000)
    return host(kernel, comm="gdn", self_status=gdn, procs=procs, cgroup="", mounts=PLAIN_MOUNTS,
                ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"]}, pid_max=32768, threads_max=128_179,
                tasks=2_387, hostname="diego-cell-3", nproc=64089,
                mem=meminfo(kernel, {"MemTotal": 16_400_000, "MemFree": 4_100_000, "MemAvailable": 9_100_000,
                                     "Cached": 4_900_000, "CommitLimit": 8_200_000, "Committed_AS": 11_000_000}))


# 98. Chef Automate on SLES 15 (kernel 4.12, systemd 234, cgroup v1
# pids): "SLES ships a low DefaultMaxTasks", the load balancer's Rust
# runtime panics with "Os { code: 11, kind: WouldBlock, message: \"Resource
# temporarily unavailable\" }" and dmesg says "cgroup: fork rejected by
# pids controller in /system.slice/chef-automate.service"
# (github.com/chef/automate/pull/2293, fixed with TasksMax=infinity in the
# unit). The unit holds its 512 with the Habitat supervisor's services.
def sles_automate_tasksmax():
    kernel = "4.12.14-25.25-default"
    lb = status(kernel, "automate-load-b", 6120, 9, ppid=5100, vm_data_kb=120_000)
    procs = {1: status(kernel, "systemd", 1, 1), 6120: lb,
             5100: status(kernel, "hab-sup", 5100, 40, ppid=1, vm_data_kb=300_000)}
    for i in range(38):
        procs[6200 + i] = status(kernel, "automate-svc", 6200 + i, 12, ppid=5100, vm_data_kb=200_000)
    return v1_full_service(
        kernel, ("automate-load-b", lb), procs, "chef-automate.service", events=3, slice_tasks=640,
        tasks=900, hostname="automate-1", threads_max=257_000, root_usage=9_000_000_000,
        mem_kb={"MemTotal": 32_780_000, "MemFree": 14_000_000, "MemAvailable": 22_000_000, "Cached": 7_000_000,
                "CommitLimit": 16_390_000, "Committed_AS": 15_000_000})


# 99. NixOS (systemd 255, cgroup v2, kernel 6.6): a unit's own TasksMax=64
# is too low for whisper-server's HTTP and worker threads,
# "std::system_error: Resource temporarily unavailable ... pthread_create
# returning EAGAIN because TasksMax=64 is too low"
# (github.com/olafkfreund/nixos_config/pull/692, raised to 256). A value
# set for this unit, not systemd's default: the fix is the unit's.
def nixos_unit_tasksmax_64():
    kernel = "6.6.32"
    server = status(kernel, "whisper-server", 2210, 64, ppid=1, vm_data_kb=1_900_000, vm_rss_kb=1_600_000)
    procs = {1: status(kernel, "systemd", 1, 1), 2210: server}
    unit = "system.slice/whisper-server.service"
    tree = host(kernel, comm="whisper-server", self_status=server, procs=procs, cgroup=f"0::/{unit}\n",
                mounts=mountinfo((16, 1, "259:2", "/", "/", "rw,relatime", "", "ext4", "/dev/nvme0n1p2", "rw"),
                                 (17, 16, "0:4", "/", "/proc", "rw,relatime", "", "proc", "proc", "rw"),
                                 (25, 16, "0:25", "/", "/sys/fs/cgroup", "rw,nosuid,nodev,noexec,relatime", "",
                                  "cgroup2", "cgroup2", "rw,nsdelegate,memory_recursiveprot")),
                ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"], "cgroup": INIT_NS["cgroup"]}, pid_max=4194304,
                threads_max=511_000, tasks=1_450, hostname="p620",
                mem=meminfo(kernel, {"MemTotal": 65_700_000, "MemFree": 30_000_000, "MemAvailable": 50_000_000,
                                     "Cached": 18_000_000, "CommitLimit": 32_850_000, "Committed_AS": 20_000_000}))
    tree.update(cgroup_files("sys/fs/cgroup", {
        "": {"cgroup.controllers": CG2_ALL},
        "system.slice": {"pids.max": "max\n", "pids.current": "700\n", "pids.events": "max 2\n",
                         "pids.events.local": "max 0\n"},
        unit: {"pids.max": "64\n", "pids.current": "64\n", "pids.peak": "64\n", "pids.events": "max 2\n",
               "pids.events.local": "max 2\n", "memory.max": "max\n", "memory.current": "1700000000\n",
               "memory.events": MEM_EVENTS_QUIET}}))
    return tree


# 100. dockerd on a 2 GB board with 2 GB of swap and vm.overcommit_memory
# = 2 (docker 1.13, ARM, Debian's 4.9 kernel): starting containers fails
# with "cannot allocate memory"; "docker takes already about 900MB of
# memory, forking would add another 900MB of virtual memory which when
# accounting with other programs running would go over the maximum allowed
# ... where 4GB = 2GB Ram + 2GB Swap" (github.com/moby/moby/issues/31834).
# Reconstructed with overcommit_ratio 100 (the 4 GB of that answer) and
# 3.3 GB already committed: RAM is free, the commit accounting is not.
def dockerd_strict_overcommit():
    kernel = "4.9.0-2-arm64"
    dockerd = status(kernel, "dockerd", 610, 38, ppid=1, vm_data_kb=921_600, vm_size_kb=1_400_000,
                     vm_rss_kb=180_000)
    procs = {1: status(kernel, "systemd", 1, 1), 610: dockerd,
             700: status(kernel, "containerd", 700, 12, ppid=610, vm_data_kb=200_000)}
    return host(kernel, comm="dockerd", self_status=dockerd, procs=procs, cgroup="1:name=systemd:/system.slice/docker.service\n",
                mounts=PLAIN_MOUNTS, ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"], "cgroup": INIT_NS["cgroup"]},
                pid_max=32768, threads_max=15_600, tasks=190, hostname="arm-builder", overcommit=2, ratio=100,
                mem=meminfo(kernel, {"MemTotal": 2_040_000, "MemFree": 900_000, "MemAvailable": 1_300_000,
                                     "Cached": 400_000, "SwapTotal": 2_097_148, "SwapFree": 2_000_000,
                                     "CommitLimit": 4_137_148, "Committed_AS": 3_420_000}))


FIELD4_MACHINES = {
    "docker-memsw": lambda uid: docker_memsw(),
    "k8s-v2-swap-zero": lambda uid: k8s_v2_swap_zero(),
    "xenial-mysql-tasksmax": lambda uid: xenial_mysql_tasksmax(),
    "nix-daemon-tasksmax": lambda uid: nix_daemon_tasksmax(),
    "podman-pids-2048": lambda uid: podman_pids_2048(),
    "moe-nproc-4096": moe_nproc_4096,
    "redis-nproc-at-start": redis_nproc_at_start,
    "k8s-node-pid-max": lambda uid: k8s_node_pid_max(),
    "garden-cell": lambda uid: garden_cell(),
    "sles-automate-tasksmax": lambda uid: sles_automate_tasksmax(),
    "nixos-unit-tasksmax-64": lambda uid: nixos_unit_tasksmax_64(),
    "dockerd-strict-overcommit": lambda uid: dockerd_strict_overcommit(),
}
