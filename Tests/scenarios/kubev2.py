"""Fixture nodes of Kubernetes and Nomad on cgroup v2, seen from the node:
the view `check --pid` and `watch` have of a pod's or a task's process on
the host's unified hierarchy (docs/kernel-facts.md §11.157). The shim's
own collection code walks these trees, so the levels it records (paths,
directories, counts) are what it would write on such a node. Scenario 258.

Layouts (§11.147, §11.150, §11.156): kubelet's systemd cgroup driver
(kubepods.slice/kubepods-<qos>.slice/kubepods-<qos>-pod<UID, `-` as `_`>.slice,
runc's systemd driver's scope `<prefix>-<ID>.scope` below it, prefix
`cri-containerd` or `crio`), kubelet's cgroupfs driver on v2
(kubepods/<qos>/pod<UID>/<ID>), and the Nomad client's
nomad.slice/share.slice/<allocID>.<task>.scope, and a Nomad docker task
as its container sees itself, in group networking (§11.158) and in host
networking, named by /alloc and /local only (§11.185). Numbers are made up and
named so: a JVM app of 998 threads plus 2 other tasks in its container.
"""
from eras import CG2_ALL, V2_HOST_MOUNTS, container_mounts, hexid
from procfs import INIT_NS, cgroup_files, host, meminfo, status

NOBLE_KERNEL = "6.8.0-45-generic"
POD_UID = "7d3e9b21-4c6a-4f08-b5e2-91a0c4d7f3b6"
APP = hexid("kubev2-app")
ALLOC = "5c0e8f1a-3b7d-4e2c-9a61-0f4d2b8c7e13"


def level(pmax, current, events):
    return {"pids.max": f"{pmax}\n", "pids.current": f"{current}\n", "pids.events": f"max {events}\n",
            "memory.max": "max\n", "memory.current": f"{current * 2_000_000}\n",
            "memory.events": "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n"}


def node(own, levels, comm="java", threads=998):
    """A process in cgroup `own` on a v2 node, the host's cgroup namespace
    and mount; `levels`: path below /sys/fs/cgroup -> (max, current, events)."""
    me = status(NOBLE_KERNEL, comm, 48211, threads, ppid=48190, vm_size_kb=9_800_000, vm_data_kb=3_100_000)
    procs = {1: status(NOBLE_KERNEL, "systemd", 1, 1), 48190: status(NOBLE_KERNEL, "sh", 48190, 1, ppid=48170),
             48211: me}
    tree = host(
        NOBLE_KERNEL, comm=comm, self_status=me, procs=procs, cgroup=f"0::{own}\n", mounts=V2_HOST_MOUNTS,
        ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"], "cgroup": INIT_NS["cgroup"]}, pid_max=4194304,
        threads_max=254_000, tasks=2_300, hostname="worker-3",
        mem=meminfo(NOBLE_KERNEL, {"MemTotal": 32_651_000, "MemFree": 14_200_000, "MemAvailable": 24_800_000,
                                   "Cached": 6_000_000, "CommitLimit": 16_325_000, "Committed_AS": 12_000_000}))
    files = {"": {"cgroup.controllers": CG2_ALL}}
    for path, (pmax, current, events) in levels.items():
        files[path] = level(pmax, current, events)
    tree.update(cgroup_files("sys/fs/cgroup", files))
    return tree


def systemd_pod(prefix, pod_max, scope_max, scope_current=1000):
    """kubelet's systemd driver: a burstable pod's slice and one container's scope."""
    pod = f"kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod{POD_UID.replace('-', '_')}.slice"
    scope = f"{pod}/{prefix}-{APP}.scope"
    pod_current = scope_current + 24
    return node("/" + scope, {
        "kubepods.slice": ("max", 1_900, 0),
        "kubepods.slice/kubepods-burstable.slice": ("max", 1_700, 0),
        pod: (pod_max, pod_current, 7 if pod_max == pod_current else 0),
        scope: (scope_max, scope_current, 7 if scope_max == scope_current else 0),
    })


def cgroupfs_pod():
    """kubelet's cgroupfs driver on v2: the same pod, directories named by uid and id."""
    pod = f"kubepods/burstable/pod{POD_UID}"
    return node(f"/{pod}/{APP}", {
        "kubepods": ("max", 1_900, 0), "kubepods/burstable": ("max", 1_700, 0),
        pod: (1024, 1024, 7), f"{pod}/{APP}": ("max", 1000, 0),
    })


def nomad_task():
    """The Nomad client's exec task: nomad.slice/share.slice/<alloc>.<task>.scope
    with a pids.max Nomad did not write."""
    scope = f"nomad.slice/share.slice/{ALLOC}.web.scope"
    return node("/" + scope, {
        "nomad.slice": ("max", 400, 0), "nomad.slice/share.slice": ("max", 400, 0), scope: (512, 512, 3),
    }, threads=509)


def nomad_docker_task():
    """A Nomad docker-driver task with group networking and a `dns` block,
    seen from inside its container (docker's private cgroup namespace on
    v2: its own level is /): the allocation's hosts file and the task's
    resolv.conf bind-mounted from the client's alloc_dir (§11.158), the
    container's own pids.max 256 (the job's pids_limit) full."""
    alloc_dir = f"/opt/nomad/data/alloc/{ALLOC}"
    tmpfs = "rw,size=6500000k,mode=755,inode64"
    mounts = container_mounts(
        [(1314, 1313, "0:27", "/", "/sys/fs/cgroup", "ro,nosuid,nodev,noexec,relatime", "", "cgroup2", "cgroup2",
          "rw,nsdelegate,memory_recursiveprot")],
        [(1315, 1310, "259:1", f"{alloc_dir}/hosts", "/etc/hosts", "rw,relatime", "", "ext4", "/dev/nvme0n1p1",
          "rw"),
         (1316, 1310, "259:1", f"{alloc_dir}/web/resolv.conf", "/etc/resolv.conf", "ro,relatime", "", "ext4",
          "/dev/nvme0n1p1", "rw"),
         (1317, 1310, "0:29", "/", "/secrets", "rw,noexec,relatime", "", "tmpfs", "tmpfs", tmpfs)])
    me = status(NOBLE_KERNEL, "java", 1, 250, vm_size_kb=6_800_000, vm_data_kb=1_900_000)
    procs = {1: me, 7: status(NOBLE_KERNEL, "sh", 7, 1, ppid=1)}
    tree = host(
        NOBLE_KERNEL, comm="java", self_status=me, procs=procs, cgroup="0::/\n", mounts=mounts,
        ns={"user": INIT_NS["user"], "pid": 4026532901, "cgroup": 4026532905}, pid_max=4194304,
        threads_max=254_000, tasks=256, hostname="web-5c0e8f1a",
        mem=meminfo(NOBLE_KERNEL, {"MemTotal": 32_651_000, "MemFree": 14_200_000, "MemAvailable": 24_800_000,
                                   "Cached": 6_000_000, "CommitLimit": 16_325_000, "Committed_AS": 12_000_000}))
    tree.update(cgroup_files("sys/fs/cgroup", {"": {"cgroup.controllers": CG2_ALL, **level(256, 256, 5)}}))
    tree[".dockerenv"] = ""
    return tree


def nomad_docker_host_net():
    """A Nomad docker-driver task in host networking with no `dns` block
    (docs/kernel-facts.md §11.185), seen from inside its container: docker's
    own hostname, hosts and resolv.conf, none of the allocation's, but the
    allocation's /alloc and the task's /local, which the driver binds in
    every container (`containerBinds()`), and /secrets, a tmpfs. The job's
    pids_limit 256 full, a JVM of 250 threads holding it."""
    alloc_dir = f"/opt/nomad/data/alloc/{ALLOC}"
    docker = f"/var/lib/docker/containers/{NOMAD_DOCKER_ID}"
    tmpfs = "rw,size=6500000k,mode=755,inode64"
    disk = ("259:1", "ext4", "/dev/nvme0n1p1", "rw")

    def bind(number, root, point):
        return (number, 1310, disk[0], root, point, "rw,relatime", "", disk[1], disk[2], disk[3])

    mounts = container_mounts(
        [(1314, 1313, "0:27", "/", "/sys/fs/cgroup", "ro,nosuid,nodev,noexec,relatime", "", "cgroup2", "cgroup2",
          "rw,nsdelegate,memory_recursiveprot")],
        [bind(1315, f"{alloc_dir}/alloc", "/alloc"), bind(1316, f"{alloc_dir}/api/local", "/local"),
         (1317, 1310, "0:29", "/", "/secrets", "rw,noexec,relatime", "", "tmpfs", "tmpfs", tmpfs),
         bind(1318, f"{docker}/resolv.conf", "/etc/resolv.conf"), bind(1319, f"{docker}/hostname", "/etc/hostname"),
         bind(1320, f"{docker}/hosts", "/etc/hosts")])
    me = status(NOBLE_KERNEL, "java", 1, 250, vm_size_kb=6_800_000, vm_data_kb=1_900_000)
    procs = {1: me, 7: status(NOBLE_KERNEL, "sh", 7, 1, ppid=1)}
    tree = host(
        NOBLE_KERNEL, comm="java", self_status=me, procs=procs, cgroup="0::/\n", mounts=mounts,
        ns={"user": INIT_NS["user"], "pid": 4026532911, "cgroup": 4026532915}, pid_max=4194304,
        threads_max=254_000, tasks=256, hostname=NOMAD_DOCKER_ID[:12],
        mem=meminfo(NOBLE_KERNEL, {"MemTotal": 32_651_000, "MemFree": 14_200_000, "MemAvailable": 24_800_000,
                                   "Cached": 6_000_000, "CommitLimit": 16_325_000, "Committed_AS": 12_000_000}))
    tree.update(cgroup_files("sys/fs/cgroup", {"": {"cgroup.controllers": CG2_ALL, **level(256, 256, 5)}}))
    tree[".dockerenv"] = ""
    return tree


NOMAD_DOCKER_ID = hexid("nomad-docker-host-net")

KUBE_V2_MACHINES = {
    # podPidsLimit 1024 full on the pod's slice: the app holds 1000, the
    # pod's other containers (sidecar, sandbox) 24.
    "k8s-v2-systemd-pod-full": lambda uid: systemd_pod("cri-containerd", 1024, "max"),
    # CRI-O's own pids_limit 1000 on the container's scope (runc's systemd
    # driver writes it as the scope's TasksMax=), the pod's 4096 not reached.
    "k8s-v2-crio-scope-full": lambda uid: systemd_pod("crio", 4096, 1000),
    "k8s-v2-cgroupfs-pod-full": lambda uid: cgroupfs_pod(),
    "nomad-v2-task-full": lambda uid: nomad_task(),
    "nomad-v2-docker-task-full": lambda uid: nomad_docker_task(),
    "nomad-v2-docker-host-net-full": lambda uid: nomad_docker_host_net(),
}
