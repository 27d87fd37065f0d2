"""Fixture machines for container views and kernel eras (issue 6): what the
failing process itself can read on that machine, built from the kernel's
and the runtimes' documented layouts, not from what a classifier wants.

Each machine's comment says where it runs, which layer owns the limit and
what the process cannot see. The replaying caller runs as root, so the
fixture's processes are uid 0 (in their own user namespace for rootless
podman), matching the real uid the shim records.
"""
import hashlib

from procfs import INIT_NS, cgroup_files, host, meminfo, mountinfo, release, status, uid_map


def hexid(seed, n=64):
    """A stable container id of the runtime's length (64 hex digits)."""
    return hashlib.sha256(seed.encode()).hexdigest()[:n]


CG2_ALL = "cpuset cpu io memory hugetlb pids rdma misc\n"
# memory.events on 6.1+ (oom_group_kill since 5.17); "max 0" etc. when quiet.
MEM_EVENTS_QUIET = "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n"
V1_NO_LIMIT = "9223372036854771712\n"  # PAGE_COUNTER_MAX pages, 4 KiB


def container_mounts(cgroup_lines, extra=()):
    """The mounts every runc/crun container shows, then its cgroup mounts
    and the runtime's bind mounts (where its ids show)."""
    base = [
        (1310, 1201, "0:312", "/", "/", "rw,relatime", "master:402", "overlay", "overlay",
         "rw,lowerdir=/var/lib/containers/l/A:/var/lib/containers/l/B,upperdir=/var/lib/containers/u,workdir=/var/lib/containers/w"),
        (1311, 1310, "0:315", "/", "/proc", "rw,nosuid,nodev,noexec,relatime", "", "proc", "proc", "rw"),
        (1312, 1310, "0:316", "/", "/dev", "rw,nosuid", "", "tmpfs", "tmpfs", "rw,size=65536k,mode=755"),
        (1313, 1310, "0:317", "/", "/sys", "ro,nosuid,nodev,noexec,relatime", "", "sysfs", "sysfs", "ro"),
    ]
    return mountinfo(*base, *cgroup_lines, *extra)


# 1. Kubernetes pod on cgroup v2 (EKS, Amazon Linux 2023, kernel 6.1,
# containerd with the systemd cgroup driver). On the host the container is
# kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod<uid>.slice/
# cri-containerd-<id>.scope and kubelet's podPidsLimit 1024 sits on the pod
# slice; containerd (CRI has no pids field) leaves the container at max.
# The container has its own cgroup namespace: /proc/self/cgroup says 0::/
# and /sys/fs/cgroup is the container's own level, nothing above. A JVM
# holds 1003 threads, the pause container and a sidecar the rest of the
# pod's 1024; kernel 6.1 counts the refusals in the forking cgroup's own
# pids.events (HotSpot tries 4 times per OutOfMemoryError).
K8S_POD_UID = "5f0c6a2e-9b1d-4c57-8e3a-2d7f1b9c4e60"
K8S_CONTAINER = hexid("k8s-app")
K8S_SANDBOX = hexid("k8s-sandbox")
K8S_KERNEL = "6.1.102-111.182.amzn2023.x86_64"


def containerd_pod_mounts(pod_uid, sandbox_id, dev="259:1", fs=("xfs", "/dev/nvme0n1p1",
                          "rw,attr2,inode64,logbufs=8,logbsize=32k,noquota")):
    """The mounts a pod's container under containerd's CRI shows: the
    cgroup v2 mount of its own cgroup namespace, kubelet's etc-hosts and
    termination log, the sandbox's hostname and resolv.conf, the service
    account token (where the pod's uid and the sandbox's id show)."""
    pod = f"/var/lib/kubelet/pods/{pod_uid}"
    sandbox = f"/var/lib/containerd/io.containerd.grpc.v1.cri/sandboxes/{sandbox_id}"
    binds = [(1315, 1310, f"{pod}/etc-hosts", "/etc/hosts"),
             (1316, 1312, f"{pod}/containers/app/3b9d0c1f", "/dev/termination-log"),
             (1317, 1310, f"{sandbox}/hostname", "/etc/hostname"),
             (1318, 1310, f"{sandbox}/resolv.conf", "/etc/resolv.conf")]
    return container_mounts(
        [(1314, 1313, "0:28", "/", "/sys/fs/cgroup", "ro,nosuid,nodev,noexec,relatime", "", "cgroup2", "cgroup",
          "rw,nsdelegate,memory_recursiveprot")],
        [(mid, parent, dev, root, point, "rw,noatime", "", *fs) for mid, parent, root, point in binds] + [
            (1319, 1310, "0:305", "/", "/run/secrets/kubernetes.io/serviceaccount", "ro,relatime", "", "tmpfs",
             "tmpfs", "rw,size=15728640k")],
    )


def k8s_pod_v2():
    mounts = containerd_pod_mounts(K8S_POD_UID, K8S_SANDBOX)
    java = status(K8S_KERNEL, "java", 1, 1003, vm_size_kb=9_400_000, vm_data_kb=3_900_000, vm_rss_kb=2_100_000)
    tree = host(
        K8S_KERNEL, comm="java", self_status=java, procs={1: java}, cgroup="0::/\n", mounts=mounts,
        ns={"user": INIT_NS["user"], "pid": 4026532713, "cgroup": 4026532781},
        pid_max=4194304, threads_max=253404, tasks=3120, hostname="orders-api-7d9c6b5f8-x2kqp",
        mem=meminfo(K8S_KERNEL, {"MemTotal": 32_386_000, "MemFree": 9_800_000, "MemAvailable": 21_900_000,
                                 "Cached": 11_600_000, "Buffers": 4_000, "Shmem": 12_000,
                                 "CommitLimit": 16_193_000, "Committed_AS": 19_700_000}),
    )
    tree.update(cgroup_files("sys/fs/cgroup", {"": {
        "cgroup.controllers": CG2_ALL, "cgroup.type": "domain\n",
        "pids.max": "max\n", "pids.current": "1003\n", "pids.peak": "1003\n", "pids.events": "max 4\n",
        "memory.max": "4294967296\n", "memory.current": "2254438400\n", "memory.peak": "2281701376\n",
        "memory.events": MEM_EVENTS_QUIET, "memory.events.local": MEM_EVENTS_QUIET,
    }}))
    return tree


# 2. Docker on cgroup v1 (Ubuntu 20.04, kernel 5.4, cgroupfs driver, the
# host's cgroup namespace: docker's default on v1). /proc/self/cgroup shows
# /docker/<id>; each controller is mounted read-only with the container's
# cgroup as its root, so /sys/fs/cgroup/pids is the container's own level.
# `docker run --pids-limit 200` set pids.max there, and gunicorn's workers
# filled it. Kernel 5.4: pids.events (4.8) but no pids.peak (6.1).
DOCKER_ID = hexid("docker-gunicorn")
FOCAL_KERNEL = "5.4.0-150-generic"
V1_DOCKER_CONTROLLERS = [
    (12, "pids"), (11, "hugetlb"), (10, "freezer"), (9, "memory"), (8, "cpuset"), (7, "rdma"),
    (6, "perf_event"), (5, "devices"), (4, "blkio"), (3, "net_cls,net_prio"), (2, "cpu,cpuacct"),
    (1, "name=systemd"),
]


def docker_v1_cgroup(cid):
    lines = [f"{n}:{c}:{'/' if c == 'rdma' else '/docker/' + cid}" for n, c in V1_DOCKER_CONTROLLERS]
    # The hybrid host's unified line: docker (cgroupfs) leaves it where
    # containerd-shim was.
    return "\n".join(lines) + "\n0::/system.slice/containerd.service\n"


def docker_v1_mounts(cid):
    cg = [(1320, 1313, "0:64", "/", "/sys/fs/cgroup", "ro,nosuid,nodev,noexec,relatime", "", "tmpfs", "tmpfs",
           "rw,mode=755")]
    dev = 30
    for n, c in reversed(V1_DOCKER_CONTROLLERS):
        point = "systemd" if c == "name=systemd" else c
        root = "/" if c == "rdma" else f"/docker/{cid}"
        sopts = "rw,xattr,name=systemd" if c == "name=systemd" else f"rw,{c}"
        cg.append((1321 + dev - 30, 1320, f"0:{dev}", root, f"/sys/fs/cgroup/{point}",
                   "ro,nosuid,nodev,noexec,relatime", f"master:{dev - 20}", "cgroup", "cgroup", sopts))
        dev += 1
    hostpath = f"/var/lib/docker/containers/{cid}"
    return container_mounts(cg, [
        (1340, 1310, "8:1", f"{hostpath}/hostname", "/etc/hostname", "rw,relatime", "", "ext4", "/dev/sda1", "rw"),
        (1341, 1310, "8:1", f"{hostpath}/hosts", "/etc/hosts", "rw,relatime", "", "ext4", "/dev/sda1", "rw"),
        (1342, 1310, "8:1", f"{hostpath}/resolv.conf", "/etc/resolv.conf", "rw,relatime", "", "ext4", "/dev/sda1",
         "rw"),
    ])


def focal_docker_host(cid, comm, procs, *, pid_ns, tasks, free_kb):
    """What a docker container on Ubuntu 20.04 shows; its PID 1 fails.
    dockerd creates an empty /.dockerenv in every container."""
    tree = host(
        FOCAL_KERNEL, comm=comm, self_status=procs[1], procs=procs,
        cgroup=docker_v1_cgroup(cid), mounts=docker_v1_mounts(cid),
        ns={"user": INIT_NS["user"], "pid": pid_ns, "cgroup": INIT_NS["cgroup"]},
        pid_max=4194304, threads_max=127446, tasks=tasks, hostname=cid[:12],
        mem=meminfo(FOCAL_KERNEL, {"MemTotal": 16_314_000, "MemFree": free_kb, "MemAvailable": free_kb + 5_000_000,
                                   "Cached": 5_200_000, "CommitLimit": 8_157_000, "Committed_AS": 6_900_000}),
    )
    tree[".dockerenv"] = ""
    return tree


def docker_v1(pids_max=200, workers=8):
    procs = {1: status(FOCAL_KERNEL, "gunicorn", 1, 24, vm_data_kb=310_000)}
    for i in range(workers):
        procs[8 + i] = status(FOCAL_KERNEL, "gunicorn", 8 + i, 22, ppid=1, vm_data_kb=290_000)
    tree = focal_docker_host(DOCKER_ID, "gunicorn", procs, pid_ns=4026532301, tasks=1420, free_kb=6_100_000)
    tree.update(cgroup_files("sys/fs/cgroup", {
        "pids": {"pids.max": f"{pids_max}\n", "pids.current": f"{24 + 22 * workers}\n",
                 "pids.events": f"max {31 if workers == 8 else 0}\n"},
        "memory": v1_memory_level(9223372036854771712, 2621440000, 2684354560, 0, FOCAL_KERNEL),
    }))
    return tree


# 3. Rootless podman (Ubuntu 24.04, kernel 6.8, crun, systemd cgroup
# manager, cgroup v2). The container runs in a user namespace (container
# root is host uid 1000, the rest from /etc/subuid) and, podman's default on
# v2, its own cgroup namespace: on the host its cgroup is user.slice/
# user-1000.slice/user@1000.service/user.slice/libpod-<id>.scope/container,
# but the process sees 0::/. user@1000.service delegates cpu, memory and
# pids. The ids show in the bind mounts from podman's runroot.
PODMAN_ID = hexid("podman-rootless")
NOBLE_KERNEL = "6.8.0-45-generic"


def podman_rootless(*, pids_current, pids_events, java_threads, nproc):
    runroot = f"/containers/overlay-containers/{PODMAN_ID}/userdata"
    mounts = container_mounts(
        [(1314, 1313, "0:27", "/", "/sys/fs/cgroup", "rw,nosuid,nodev,noexec,relatime", "", "cgroup2", "cgroup2",
          "rw,nsdelegate,memory_recursiveprot")],
        [(1315, 1310, "0:51", f"{runroot}/hostname", "/etc/hostname", "rw,nosuid,nodev,relatime", "", "tmpfs",
          "tmpfs", "rw,size=1632480k,nr_inodes=408120,mode=700,uid=1000,gid=1000,inode64"),
         (1316, 1310, "0:51", f"{runroot}/.containerenv", "/run/.containerenv", "rw,nosuid,nodev,relatime", "",
          "tmpfs", "tmpfs", "rw,size=1632480k,nr_inodes=408120,mode=700,uid=1000,gid=1000,inode64"),
         (1317, 1310, "0:51", f"{runroot}/resolv.conf", "/etc/resolv.conf", "rw,nosuid,nodev,relatime", "",
          "tmpfs", "tmpfs", "rw,size=1632480k,nr_inodes=408120,mode=700,uid=1000,gid=1000,inode64"),
         (1318, 1310, "0:51", f"{runroot}/hosts", "/etc/hosts", "rw,nosuid,nodev,relatime", "",
          "tmpfs", "tmpfs", "rw,size=1632480k,nr_inodes=408120,mode=700,uid=1000,gid=1000,inode64")],
    )
    java = status(NOBLE_KERNEL, "java", 1, java_threads, vm_size_kb=6_100_000, vm_data_kb=2_400_000,
                  cap_eff="00000000800405fb")
    procs = {1: java}
    # The rest of the container: short-lived shells and helpers.
    for i in range(pids_current - java_threads):
        procs[40 + i] = status(NOBLE_KERNEL, "sh", 40 + i, 1, ppid=1, cap_eff="00000000800405fb")
    tree = host(
        NOBLE_KERNEL, comm="java", self_status=java, procs=procs, cgroup="0::/\n", mounts=mounts,
        ns={"user": 4026532650, "pid": 4026532655, "cgroup": 4026532656}, nproc=nproc,
        uid_map_text=uid_map((0, 1000, 1), (1, 100000, 65536)), pid_max=4194304, threads_max=254617,
        tasks=5210, hostname=PODMAN_ID[:12],
        mem=meminfo(NOBLE_KERNEL, {"MemTotal": 32_651_000, "MemFree": 14_200_000, "MemAvailable": 24_800_000,
                                   "Cached": 9_900_000, "CommitLimit": 18_420_000, "Committed_AS": 12_100_000,
                                   "SwapTotal": 2_097_148, "SwapFree": 2_097_148}),
    )
    tree.update(cgroup_files("sys/fs/cgroup", {"": {
        "cgroup.controllers": "cpu memory pids\n", "cgroup.type": "domain\n",
        "pids.max": "2048\n", "pids.current": f"{pids_current}\n", "pids.peak": f"{pids_current}\n",
        "pids.events": f"max {pids_events}\n",
        "memory.max": "max\n", "memory.current": "2771386368\n", "memory.peak": "2814377984\n",
        "memory.events": MEM_EVENTS_QUIET, "memory.events.local": MEM_EVENTS_QUIET,
    }}))
    # Bind-mounted from the runroot (empty unless --privileged).
    tree["run/.containerenv"] = ""
    return tree


# 4. systemd-nspawn container "build01" registered with machined (Debian 12
# host, kernel 6.1, cgroup v2). nspawn runs it in machine.slice/
# machine-build01.scope, in a cgroup namespace rooted below the scope (its
# payload cgroup), and the scope carries TasksMax=16384 (the value
# systemd-nspawn@.service ships with): the limit sits above everything the
# container sees. Inside, systemd runs a
# Jenkins agent with TasksMax=infinity; kernel 6.1 counts the refusals in
# the agent's own pids.events.
BOOKWORM_KERNEL = "6.1.0-25-amd64"


def systemd_guest_cgroups(service, levels):
    """levels: cgroup (as seen inside) -> (pids.max, pids.current, pids.events max)."""
    tree = {}
    for path, (pmax, current, events) in levels.items():
        tree[path] = {"pids.max": f"{pmax}\n", "pids.current": f"{current}\n", "pids.events": f"max {events}\n"}
    return tree


def nspawn_machine():
    mounts = mountinfo(
        (380, 300, "0:61", "/", "/", "rw,relatime", "shared:180", "ext4", "/dev/mapper/vg-build01",
         "rw"),
        (381, 380, "0:62", "/", "/proc", "rw,nosuid,nodev,noexec,relatime", "shared:181", "proc", "proc", "rw"),
        (382, 380, "0:63", "/", "/sys", "ro,nosuid,nodev,noexec,relatime", "shared:182", "sysfs", "sysfs", "ro"),
        (383, 382, "0:64", "/", "/sys/fs/cgroup", "rw,nosuid,nodev,noexec,relatime", "shared:183", "cgroup2",
         "cgroup", "rw,nsdelegate,memory_recursiveprot"),
    )
    agent = status(BOOKWORM_KERNEL, "java", 211, 2400, ppid=1, vm_size_kb=7_900_000, vm_data_kb=3_100_000,
                   nspid=[211])
    procs = {1: status(BOOKWORM_KERNEL, "systemd", 1, 1), 211: agent}
    # The build's forked compilers and test JVMs under the agent.
    for i in range(24):
        procs[3000 + i] = status(BOOKWORM_KERNEL, "java", 3000 + i, 530, ppid=211, vm_data_kb=900_000)
    tree = host(
        BOOKWORM_KERNEL, comm="java", self_status=agent, procs=procs,
        cgroup="0::/system.slice/jenkins-agent.service\n", mounts=mounts,
        ns={"user": INIT_NS["user"], "pid": 4026532418, "cgroup": 4026532421}, pid_max=4194304,
        threads_max=515021, tasks=17210, hostname="build01",
        mem=meminfo(BOOKWORM_KERNEL, {"MemTotal": 65_842_000, "MemFree": 21_000_000, "MemAvailable": 38_400_000,
                                      "Cached": 17_900_000, "CommitLimit": 32_921_000,
                                      "Committed_AS": 41_000_000}),
    )
    levels = systemd_guest_cgroups("jenkins-agent.service", {
        "": ("max", 16384, 0),
        "system.slice": ("max", 16371, 0),
        "system.slice/jenkins-agent.service": ("max", 15121, 57),
    })
    levels[""]["cgroup.controllers"] = CG2_ALL
    levels[""]["cgroup.type"] = "domain\n"
    for files in levels.values():
        files["pids.peak"] = files["pids.current"]
    levels["system.slice/jenkins-agent.service"]["pids.peak"] = "15140\n"
    tree.update(cgroup_files("sys/fs/cgroup", levels))
    # nspawn passes container=systemd-nspawn; the guest's systemd writes it here.
    tree["run/systemd/container"] = "systemd-nspawn\n"
    return tree


# 5. LXC container "web1" (LXC 5 on Ubuntu 22.04, kernel 5.15, cgroup v2,
# lxc.cgroup2.pids.max = 1000). On the host its cgroup is /lxc.payload.web1
# (the monitor sits in /lxc.monitor.web1); LXC gives it a cgroup namespace
# rooted there, so the limit shows as / inside. The guest's systemd caps
# each service at DefaultTasksMax=15 % of that (150). Kernel 5.15: no
# pids.peak; pids.events counts in the forking cgroup only.
JAMMY_KERNEL = "5.15.0-119-generic"


def lxc_v2():
    mounts = mountinfo(
        (520, 480, "253:3", "/", "/", "rw,relatime", "master:1", "ext4", "/dev/mapper/lxc-web1", "rw"),
        (521, 520, "0:72", "/", "/proc", "rw,nosuid,nodev,noexec,relatime", "", "proc", "proc", "rw"),
        (522, 520, "0:73", "/", "/sys", "rw,nosuid,nodev,noexec,relatime", "", "sysfs", "sysfs", "rw"),
        (523, 522, "0:74", "/", "/sys/fs/cgroup", "rw,nosuid,nodev,noexec,relatime", "", "cgroup2", "cgroup2",
         "rw,nsdelegate,memory_recursiveprot"),
    )
    fpm = status(JAMMY_KERNEL, "php-fpm8.1", 402, 1, ppid=1, vm_data_kb=120_000)
    procs = {1: status(JAMMY_KERNEL, "systemd", 1, 1), 402: fpm}
    for i in range(130):
        procs[500 + i] = status(JAMMY_KERNEL, "php-fpm8.1", 500 + i, 1, ppid=402, vm_data_kb=90_000)
    for i in range(27):
        procs[900 + i] = status(JAMMY_KERNEL, "nginx", 900 + i, 1, ppid=1, vm_data_kb=20_000)
    # The queue worker that filled the container: one node process.
    procs[1200] = status(JAMMY_KERNEL, "node", 1200, 812, ppid=1, vm_data_kb=1_900_000)
    tree = host(
        JAMMY_KERNEL, comm="php-fpm8.1", self_status=fpm, procs=procs,
        cgroup="0::/system.slice/php8.1-fpm.service\n", mounts=mounts,
        ns={"user": INIT_NS["user"], "pid": 4026532590, "cgroup": 4026532594}, pid_max=4194304,
        threads_max=254617, tasks=2210, hostname="web1",
        mem=meminfo(JAMMY_KERNEL, {"MemTotal": 32_865_000, "MemFree": 8_900_000, "MemAvailable": 20_300_000,
                                   "Cached": 11_200_000, "CommitLimit": 16_432_000, "Committed_AS": 14_000_000}),
    )
    levels = systemd_guest_cgroups("php8.1-fpm.service", {
        "": (1000, 1000, 0),
        "system.slice": ("max", 986, 0),
        "system.slice/php8.1-fpm.service": (150, 131, 12),
        "system.slice/nginx.service": (150, 27, 0),
    })
    return lxc_guest_v2(tree, levels)


def lxc_guest_v2(tree, levels):
    """An LXC/LXD/incus guest on v2: its cgroup namespace's root (the
    container's own cgroup) offers every controller, the levels go under
    /sys/fs/cgroup, and LXC's container=lxc is where the guest's systemd
    writes it."""
    levels[""]["cgroup.controllers"] = CG2_ALL
    levels[""]["cgroup.type"] = "domain\n"
    tree.update(cgroup_files("sys/fs/cgroup", levels))
    tree["run/systemd/container"] = "lxc\n"
    return tree


def v1_host_mounts(controllers, unified=False):
    """A systemd or upstart host's v1 mounts: a tmpfs at /sys/fs/cgroup and
    one hierarchy per controller group, each rooted at the host's root."""
    lines = [(25, 20, "0:22", "/", "/sys/fs/cgroup", "ro,nosuid,nodev,noexec", "shared:9", "tmpfs", "tmpfs",
              "ro,mode=755")]
    if unified:
        lines.append((26, 25, "0:23", "/", "/sys/fs/cgroup/unified", "rw,nosuid,nodev,noexec,relatime",
                      "shared:10", "cgroup2", "cgroup2", "rw,nsdelegate"))
    for i, c in enumerate(controllers):
        point = "systemd" if c == "name=systemd" else c
        sopts = "rw,xattr,name=systemd" if c == "name=systemd" else f"rw,{c}"
        lines.append((27 + i, 25, f"0:{24 + i}", "/", f"/sys/fs/cgroup/{point}", "rw,nosuid,nodev,noexec,relatime",
                      f"shared:{11 + i}", "cgroup", "cgroup", sopts))
    return mountinfo(*lines)


def v1_cgroup(paths, unified=None):
    """/proc/self/cgroup of a v1 host: controller -> path, numbered down."""
    n = len(paths)
    lines = [f"{n - i}:{c}:{p}" for i, (c, p) in enumerate(paths.items())]
    if unified is not None:
        lines.append(f"0::{unified}")
    return "\n".join(lines) + "\n"


def v1_kmem(usage, kernel):
    """A level's memory.kmem.* files without a kmem limit (CONFIG_MEMCG_KMEM,
    as the distribution kernels here have). Before 4.6 kernel memory is
    only accounted once a kmem limit is set, so usage reads 0; since then
    every memcg charges its task structs, stacks and slab there."""
    kmem = usage // 40 if release(kernel) >= (4, 6) else 0
    return {"memory.kmem.limit_in_bytes": V1_NO_LIMIT, "memory.kmem.usage_in_bytes": f"{kmem}\n",
            "memory.kmem.max_usage_in_bytes": f"{kmem + kmem // 8}\n", "memory.kmem.failcnt": "0\n"}


def v1_memory_level(limit, usage, max_usage, failcnt, kernel):
    """The v1 memcg files of one level; oom_control has oom_kill from 4.13."""
    oom = "oom_kill_disable 0\nunder_oom 0\n"
    if release(kernel) >= (4, 13):
        oom += "oom_kill 0\n"
    return {"memory.limit_in_bytes": f"{limit}\n", "memory.usage_in_bytes": f"{usage}\n",
            "memory.max_usage_in_bytes": f"{max_usage}\n", "memory.failcnt": f"{failcnt}\n",
            "memory.oom_control": oom, **v1_kmem(usage, kernel)}


def old_v1_host(kernel, controllers, placed, root_usage, **host_kw):
    """A host before the pids controller: the process sits in the root of
    every v1 hierarchy except those in placed (controller -> path), in the
    initial namespaces, its memcg the root's."""
    paths = {c: placed.get(c, "/") for c in controllers}
    tree = host(kernel, cgroup=v1_cgroup(paths), mounts=v1_host_mounts(controllers),
                ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"]}, **host_kw)
    tree.update(cgroup_files("sys/fs/cgroup/memory", {"": v1_memory_level(
        9223372036854771712, root_usage, root_usage * 11 // 10, 0, kernel)}))
    return tree


# CentOS 7 (systemd 219, kernel 3.10): no pids controller (not on RHEL 7),
# no NSpid, no pid_for_children, no cgroup namespace, no overcommit_kbytes;
# MemAvailable is there (RHEL backport). The process's memcg is the root.
EL7_KERNEL = "3.10.0-1160.el7.x86_64"
EL7_CONTROLLERS = ["hugetlb", "memory", "devices", "net_prio,net_cls", "cpuset", "perf_event", "freezer",
                   "cpuacct,cpu", "blkio", "name=systemd"]


def el7(*, tasks, holders, call_comm="bash"):
    procs = {1: status(EL7_KERNEL, "systemd", 1, 1), 31337: status(EL7_KERNEL, call_comm, 31337, 1, ppid=1)}
    for pid, threads in holders.items():
        procs[pid] = status(EL7_KERNEL, "java", pid, threads, ppid=1, vm_data_kb=9_000_000)
    crond = "/system.slice/crond.service"
    return old_v1_host(
        EL7_KERNEL, EL7_CONTROLLERS, {"devices": crond, "name=systemd": crond}, 79_000_000_000,
        comm=call_comm, self_status=procs[31337], procs=procs, pid_max=32768, threads_max=1_030_000,
        tasks=tasks, hostname="app-07.example.com", nproc=515_000,
        mem=meminfo(EL7_KERNEL, {"MemTotal": 131_795_000, "MemFree": 38_000_000, "MemAvailable": 52_400_000,
                                 "Cached": 14_900_000, "CommitLimit": 65_897_000, "Committed_AS": 81_000_000}),
    )


# SLES 12 (kernel 3.12 with SUSE's backport of 35f71bc0a09a: PID exhaustion
# says EAGAIN). 48 CPUs, so the kernel's default pid_max is 1024 per CPU.
# No pids controller (4.3), no NSpid (4.1); MemAvailable is left out as in
# mainline 3.12.
SLES12_KERNEL = "3.12.74-60.64.40-default"


def sles12_pid_max():
    procs = {1: status(SLES12_KERNEL, "systemd", 1, 1), 5100: status(SLES12_KERNEL, "sshd", 5100, 1, ppid=1)}
    procs[4001] = status(SLES12_KERNEL, "java", 4001, 27_500, ppid=1, vm_data_kb=31_000_000)
    procs[4002] = status(SLES12_KERNEL, "java", 4002, 21_300, ppid=1, vm_data_kb=24_000_000)
    controllers = ["hugetlb", "memory", "devices", "freezer", "cpuacct,cpu", "blkio", "name=systemd"]
    return old_v1_host(
        SLES12_KERNEL, controllers, {"name=systemd": "/system.slice/sshd.service"}, 150_000_000_000,
        comm="sshd", self_status=procs[5100], procs=procs, pid_max=49152, threads_max=2_062_000,
        tasks=48_970, hostname="sap-db-02",
        mem=meminfo(SLES12_KERNEL, {"MemTotal": 263_800_000, "MemFree": 98_000_000, "Cached": 41_000_000,
                                    "Buffers": 900_000, "CommitLimit": 131_900_000, "Committed_AS": 160_000_000}),
    )


# Ubuntu 14.04 (kernel 3.13, upstart): no MemAvailable, no
# overcommit_kbytes, no pids controller, no NSpid. Overcommit mode 0 before
# 5.2: Redis (11.8 GB private writable) forks for BGSAVE; the heuristic sum
# MemFree + (Cached + Buffers - Shmem) + SReclaimable + SwapFree is 2.7 GB.
TRUSTY_KERNEL = "3.13.0-170-generic"


def trusty_heuristic():
    redis = status(TRUSTY_KERNEL, "redis-server", 1402, 4, ppid=1, vm_size_kb=12_100_000,
                   vm_data_kb=11_800_000, vm_rss_kb=11_500_000)
    procs = {1: status(TRUSTY_KERNEL, "init", 1, 1), 1402: redis}
    controllers = ["hugetlb", "perf_event", "blkio", "freezer", "devices", "memory", "cpuacct", "cpu",
                   "name=systemd", "cpuset"]
    return old_v1_host(
        TRUSTY_KERNEL, controllers, {}, 14_500_000_000,
        comm="redis-server", self_status=redis, procs=procs, pid_max=32768, threads_max=256_000, tasks=180,
        hostname="cache-01", overcommit=0,
        mem=meminfo(TRUSTY_KERNEL, {"MemTotal": 16_431_000, "MemFree": 350_000, "Buffers": 120_000,
                                    "Cached": 3_100_000, "Shmem": 900_000, "AnonPages": 11_620_000,
                                    "Slab": 310_000, "SReclaimable": 180_000, "SUnreclaim": 130_000,
                                    "SwapTotal": 0, "SwapFree": 0, "CommitLimit": 8_215_500,
                                    "Committed_AS": 13_200_000}),
    )


# Ubuntu 16.04 (kernel 4.4, systemd 229: DefaultTasksMax=512). Tomcat's
# service hit its TasksMax. Kernel 4.4 has the pids controller (4.3) but
# no pids.events (4.8), no pids.peak, no cgroup namespace (4.6), no
# pid_for_children (4.12), no oom_kill in memory.oom_control (4.13).
XENIAL_KERNEL = "4.4.0-210-generic"
XENIAL_CONTROLLERS = ["hugetlb", "pids", "memory", "devices", "freezer", "cpuset", "net_cls,net_prio",
                      "perf_event", "cpu,cpuacct", "blkio", "name=systemd"]


def xenial(service, comm, threads, *, pids, memory, call_vm_data_kb=1_500_000, tasks=910):
    """A process in SERVICE; pids: level -> (pids.max, pids.current);
    memory: level -> v1 memcg files."""
    me = status(XENIAL_KERNEL, comm, 1843, threads, ppid=1, vm_data_kb=call_vm_data_kb)
    procs = {1: status(XENIAL_KERNEL, "systemd", 1, 1), 1843: me}
    paths = {c: "/" for c in XENIAL_CONTROLLERS}
    paths["pids"] = paths["devices"] = paths["name=systemd"] = f"/system.slice/{service}"
    if any(level.endswith(service) for level in memory):
        paths["memory"] = f"/system.slice/{service}"
    tree = host(
        XENIAL_KERNEL, comm=comm, self_status=me, procs=procs, cgroup=v1_cgroup(paths),
        mounts=v1_host_mounts(XENIAL_CONTROLLERS), ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"]},
        pid_max=32768, threads_max=127_000, tasks=tasks, hostname="web-03",
        mem=meminfo(XENIAL_KERNEL, {"MemTotal": 16_390_000, "MemFree": 5_900_000, "MemAvailable": 10_700_000,
                                    "Cached": 4_600_000, "CommitLimit": 8_195_000, "Committed_AS": 7_300_000}),
    )
    for level, (pmax, current) in pids.items():
        tree[f"sys/fs/cgroup/pids/{level}/pids.max".replace("//", "/")] = f"{pmax}\n"
        tree[f"sys/fs/cgroup/pids/{level}/pids.current".replace("//", "/")] = f"{current}\n"
    tree.update(cgroup_files("sys/fs/cgroup/memory", memory))
    return tree


def xenial_tasksmax():
    return xenial("tomcat8.service", "java", 511, pids={
        "system.slice/tomcat8.service": (512, 512), "system.slice": ("max", 689)},
        memory={"": v1_memory_level(9223372036854771712, 6_100_000_000, 7_000_000_000, 0, XENIAL_KERNEL)})


# The same host with MemoryLimit=2G on php-fpm: the memcg is at its limit
# and, on 3.12-4.18, the fork's kernel-side charges fail with ENOMEM
# without an OOM kill (no oom_kill line on 4.4 either).
def xenial_memcg():
    return xenial("php7.0-fpm.service", "php-fpm7.0", 1, pids={
        "system.slice/php7.0-fpm.service": (512, 61), "system.slice": ("max", 402)},
        memory={
            "system.slice/php7.0-fpm.service": v1_memory_level(
                2147483648, 2147352576, 2147483648, 48211, XENIAL_KERNEL),
            "system.slice": v1_memory_level(9223372036854771712, 3_900_000_000, 4_100_000_000, 0, XENIAL_KERNEL),
            "": v1_memory_level(9223372036854771712, 6_100_000_000, 7_000_000_000, 0, XENIAL_KERNEL),
        }, call_vm_data_kb=260_000)


# Ubuntu 18.04 (kernel 4.15, systemd 237, hybrid: an empty v2 hierarchy at
# /sys/fs/cgroup/unified). pid_max 32768 is used up by a leaking service;
# 4.15-4.18 report it as ENOSPC. The caller's own service is far from its
# DefaultTasksMax (15 % of 32768).
BIONIC_KERNEL = "4.15.0-213-generic"


def bionic_pid_max():
    me = status(BIONIC_KERNEL, "python3", 2240, 3, ppid=1, vm_data_kb=180_000)
    procs = {1: status(BIONIC_KERNEL, "systemd", 1, 1), 2240: me}
    for i in range(6):
        procs[7000 + i] = status(BIONIC_KERNEL, "chrome", 7000 + i, 5_300, ppid=1, vm_data_kb=2_000_000)
    paths = {c: "/" for c in XENIAL_CONTROLLERS}
    paths["pids"] = paths["devices"] = paths["name=systemd"] = "/system.slice/app.service"
    tree = host(
        BIONIC_KERNEL, comm="python3", self_status=me, procs=procs,
        cgroup=v1_cgroup(paths, unified="/system.slice/app.service"),
        mounts=v1_host_mounts(XENIAL_CONTROLLERS, unified=True),
        ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"], "cgroup": INIT_NS["cgroup"]},
        pid_max=32768, threads_max=127_000, tasks=32_530, hostname="ci-runner-4",
        mem=meminfo(BIONIC_KERNEL, {"MemTotal": 16_390_000, "MemFree": 3_900_000, "MemAvailable": 7_700_000,
                                    "Cached": 3_600_000, "CommitLimit": 8_195_000, "Committed_AS": 12_300_000}),
    )
    tree.update(cgroup_files("sys/fs/cgroup", {
        "unified": {"cgroup.controllers": "\n"},
        "pids/system.slice/app.service": {"pids.max": "4915\n", "pids.current": "9\n", "pids.events": "max 0\n"},
        "pids/system.slice": {"pids.max": "max\n", "pids.current": "32402\n", "pids.events": "max 0\n"},
        "memory": v1_memory_level(9223372036854771712, 9_000_000_000, 9_500_000_000, 0, BIONIC_KERNEL),
    }))
    return tree


# Docker on v1 (Ubuntu 20.04, kernel 5.4) with `--kernel-memory 512m -m 4g`:
# the kmem counter (task structs, kernel stacks, slab) is full while the
# memory counter is at half its limit. A Celery worker's fork fails.
def focal_kmem():
    cid = hexid("docker-celery")
    procs = {1: status(FOCAL_KERNEL, "celery", 1, 9, vm_data_kb=420_000)}
    for i in range(16):
        procs[20 + i] = status(FOCAL_KERNEL, "celery", 20 + i, 230, ppid=1, vm_data_kb=120_000)
    tree = focal_docker_host(cid, "celery", procs, pid_ns=4026532377, tasks=5120, free_kb=7_100_000)
    memory = v1_memory_level(4294967296, 2139095040, 2281701376, 0, FOCAL_KERNEL)
    memory.update({
        "memory.kmem.limit_in_bytes": "536870912\n", "memory.kmem.usage_in_bytes": "536862720\n",
        "memory.kmem.max_usage_in_bytes": "536870912\n", "memory.kmem.failcnt": "18211\n",
        "memory.kmem.tcp.limit_in_bytes": V1_NO_LIMIT, "memory.kmem.tcp.usage_in_bytes": "0\n",
        "memory.kmem.tcp.max_usage_in_bytes": "0\n", "memory.kmem.tcp.failcnt": "0\n",
    })
    tree.update(cgroup_files("sys/fs/cgroup", {
        "pids": {"pids.max": "max\n", "pids.current": "3689\n", "pids.events": "max 0\n"},
        "memory": memory,
    }))
    return tree


# Debian 13 (kernel 6.12, cgroup v2 without pids_localevents): a user's
# build in session-5.scope hits user-1000.slice's TasksMax=33 % (logind's
# default drop-in for user-.slice, of threads-max 31155 here). Since 6.11
# pids.events is hierarchical (counted at the limiting level and above, not
# below it) and pids.events.local holds the limiting level's own count.
# Tasks exited between the refusal and the snapshot: the slice is 7 short.
TRIXIE_KERNEL = "6.12.38+deb13-amd64"
# A systemd host's unified hierarchy, seen from the host.
V2_HOST_MOUNTS = mountinfo((30, 25, "0:26", "/", "/sys/fs/cgroup", "rw,nosuid,nodev,noexec,relatime", "shared:4",
                            "cgroup2", "cgroup2", "rw,nsdelegate,memory_recursiveprot"))


def v2_pids_events_local():
    make = status(TRIXIE_KERNEL, "make", 70211, 1, ppid=70100, vm_data_kb=9_000)
    procs = {1: status(TRIXIE_KERNEL, "systemd", 1, 1), 70211: make}
    for i in range(40):
        procs[71000 + i] = status(TRIXIE_KERNEL, "cc1plus", 71000 + i, 1, ppid=70211, vm_data_kb=400_000)
    procs[72000] = status(TRIXIE_KERNEL, "java", 72000, 10_200, ppid=70100, vm_data_kb=2_000_000)
    tree = host(
        TRIXIE_KERNEL, comm="make", self_status=make, procs=procs,
        cgroup="0::/user.slice/user-1000.slice/session-5.scope\n", mounts=V2_HOST_MOUNTS,
        ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"], "cgroup": INIT_NS["cgroup"]},
        pid_max=4194304, threads_max=31155, tasks=10_620, hostname="devbox",
        mem=meminfo(TRIXIE_KERNEL, {"MemTotal": 3_987_000, "MemFree": 1_100_000, "MemAvailable": 1_900_000,
                                    "Cached": 900_000, "CommitLimit": 1_993_000, "Committed_AS": 3_100_000}),
    )
    def level(pmax, current, peak, events, local):
        return {"pids.max": f"{pmax}\n", "pids.current": f"{current}\n", "pids.peak": f"{peak}\n",
                "pids.events": f"max {events}\n", "pids.events.local": f"max {local}\n"}
    tree.update(cgroup_files("sys/fs/cgroup", {
        "": {"cgroup.controllers": CG2_ALL},
        "user.slice": level("max", 10_276, 10_290, 41, 0),
        "user.slice/user-1000.slice": level(10281, 10_274, 10_281, 41, 41),
        "user.slice/user-1000.slice/session-5.scope": level("max", 10_262, 10_269, 0, 0),
    }))
    return tree


# Debian 12 (kernel 6.1, v2): PostgreSQL's host really is out of memory.
# 10 % of RAM shows as MemAvailable, but it is page cache that is mapped and
# hot (Mapped is most of Cached), and 2 GiB of swap is 100 % used.
def swap_full():
    pg = status(BOOKWORM_KERNEL, "postgres", 811, 1, ppid=1, vm_data_kb=160_000, vm_size_kb=4_400_000)
    procs = {1: status(BOOKWORM_KERNEL, "systemd", 1, 1), 811: pg}
    for i in range(180):
        procs[20000 + i] = status(BOOKWORM_KERNEL, "postgres", 20000 + i, 1, ppid=811, vm_data_kb=36_000)
    tree = host(
        BOOKWORM_KERNEL, comm="postgres", self_status=pg, procs=procs,
        cgroup="0::/system.slice/postgresql@15-main.service\n", mounts=V2_HOST_MOUNTS,
        ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"], "cgroup": INIT_NS["cgroup"]},
        pid_max=4194304, threads_max=63_000, tasks=420, hostname="db-01",
        mem=meminfo(BOOKWORM_KERNEL, {
            "MemTotal": 8_140_000, "MemFree": 96_000, "MemAvailable": 880_000, "Buffers": 2_100,
            "Cached": 1_050_000, "SwapCached": 12_000, "Active(file)": 690_000, "Inactive(file)": 240_000,
            "Mapped": 940_000, "Shmem": 41_000, "AnonPages": 6_720_000, "Slab": 150_000,
            "SReclaimable": 60_000, "SUnreclaim": 90_000, "SwapTotal": 2_097_148, "SwapFree": 0,
            "CommitLimit": 6_167_148, "Committed_AS": 11_900_000}),
    )
    tree.update(cgroup_files("sys/fs/cgroup", {
        "": {"cgroup.controllers": CG2_ALL},
        "system.slice": {"pids.max": "max\n", "pids.current": "402\n", "pids.events": "max 0\n",
                         "memory.max": "max\n", "memory.current": "7610000000\n",
                         "memory.events": MEM_EVENTS_QUIET, "memory.events.local": MEM_EVENTS_QUIET},
        "system.slice/postgresql@15-main.service": {
            "pids.max": "9830\n", "pids.current": "187\n", "pids.events": "max 0\n",
            "memory.max": "max\n", "memory.current": "7340000000\n",
            "memory.events": MEM_EVENTS_QUIET, "memory.events.local": MEM_EVENTS_QUIET},
    }))
    return tree


ERA_MACHINES = {
    "k8s-pod-v2": k8s_pod_v2(),
    "docker-v1": docker_v1(),
    # The same container just started, nothing near a limit.
    "docker-v1-idle": docker_v1(pids_max="max", workers=2),
    "podman-rootless-nproc": podman_rootless(pids_current=640, pids_events=0, java_threads=620, nproc=4096),
    "podman-rootless-pids": podman_rootless(pids_current=2048, pids_events=9, java_threads=2031, nproc=127_000),
    "nspawn-machine": nspawn_machine(),
    "lxc-v2": lxc_v2(),
    "el7-pid-max-near": el7(tasks=31_470, holders={2201: 15_400, 2202: 15_600}),
    "sles12-pid-max": sles12_pid_max(),
    "trusty-heuristic": trusty_heuristic(),
    "xenial-tasksmax": xenial_tasksmax(),
    "xenial-memcg": xenial_memcg(),
    "bionic-pid-max": bionic_pid_max(),
    "focal-kmem": focal_kmem(),
    "v2-pids-events-local": v2_pids_events_local(),
    "swap-full": swap_full(),
}
