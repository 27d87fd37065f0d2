"""Fixture machines of the field replays of scenarios 227 and 229
(docs/kernel-facts.md §11.214), built as incidents13.py says: the thread's
numbers, the rest filled in and named so.
"""
from eras import CG2_ALL, MEM_EVENTS_QUIET, hexid
from incidents import v1_systemd_host
from incidents28 import fill
from podman import podman_v2_mounts
from procfs import cgroup_files, host, limits, meminfo, status, uid_map

# Fedora 24's v1 controllers on 4.9 (rdma came in 4.11).
F24_CONTROLLERS = ["pids", "memory", "devices", "freezer", "cpuset", "net_cls,net_prio", "blkio", "cpu,cpuacct",
                   "hugetlb", "perf_event", "name=systemd"]


# 227. 89luca89/distrobox#1183, "Hitting thread / process resource limits in
# systemd container": `distrobox create --init` of an Arch image with
# systemd (255.3), `distrobox enter`, then `for i in {1..400} ; do ( sleep 1
# & ); done` fails with "bash: fork: retry: Resource temporarily
# unavailable"; podman 4.9.0, distrobox 1.6.0.1, NixOS; `systemctl status`
# inside shows "CGroup: /" with the shell under init.scope beside systemd
# (PID 1). podman exec (distrobox enter) joins the cgroup of the
# container's PID 1, which the guest's systemd has moved to init.scope; a
# scope without TasksMax= gets the guest systemd's DefaultTasksMax=15 % of
# the least of threads-max, pid_max - 1 and the pids.max of the cgroup root
# it sees: the container's own. Not in the thread and filled in: podman's
# default pids_limit 2048 on the container (containers.conf), so init.scope's
# 307; kernel 6.7 (NixOS unstable, Feb 2024), a 16-core 32 GiB desktop; the
# shell's 300 subshells and sleeps at the refusal.
def distrobox_init_scope():
    kernel = "6.7.2"
    cid = hexid("distrobox-1183")
    me = status(kernel, "bash", 64, 1, uid=1000, ppid=0, vm_data_kb=6_000, cap_eff="0000000000000000")
    procs = {1: status(kernel, "systemd", 1, 1), 64: me}
    fill(procs, kernel, 100, 150, "bash", lambda i: 1, ppid=64, uid=1000)
    fill(procs, kernel, 300, 150, "sleep", lambda i: 1, ppid=1, uid=1000)
    fill(procs, kernel, 40, 20, "systemd-journal", lambda i: 1, ppid=1)
    tree = host(
        kernel, comm="bash", self_status=me, procs=procs, cgroup="0::/init.scope\n",
        mounts=podman_v2_mounts(cid), ns={"user": 4026532777, "pid": 4026532780, "cgroup": 4026532782},
        pid_max=4194304, threads_max=255_000, tasks=1_400, hostname="test.gengar", exe="/usr/bin/bash",
        uid_map_text=uid_map((0, 1, 1000), (1000, 0, 1), (1001, 1001, 64536)),
        mem=meminfo(kernel, {"MemTotal": 32_700_000, "MemFree": 19_000_000, "MemAvailable": 25_100_000,
                             "Cached": 5_800_000, "CommitLimit": 16_350_000, "Committed_AS": 9_000_000}))
    tree.update(cgroup_files("sys/fs/cgroup", {
        "": {"cgroup.controllers": CG2_ALL, "cgroup.type": "domain\n", "pids.max": "2048\n",
             "pids.current": "340\n", "pids.peak": "342\n", "pids.events": "max 0\n", "memory.max": "max\n",
             "memory.current": "900000000\n", "memory.events": MEM_EVENTS_QUIET},
        "init.scope": {"pids.max": "307\n", "pids.current": "307\n", "pids.peak": "307\n",
                       "pids.events": "max 41\n"},
        "system.slice": {"pids.max": "max\n", "pids.current": "31\n", "pids.events": "max 0\n"},
    }))
    tree["run/.containerenv"] = ""
    # podman passes container=podman; the guest's systemd writes it here.
    tree["run/systemd/container"] = "podman\n"
    return tree


# 229. nodejs/node#11041, "fix flaky sequential/test-child-process-pass-fd
# on fedora 24": `spawn` failing with EAGAIN on test-rackspace-fedora24-x64-1
# only (its DigitalOcean twin passed); there, as root, `ulimit -u` 31822 and
# `ps -ax | wc -l` 145, "hard to imagine that we're actually topping out over
# 31822 processes". The Jenkins agent runs as a systemd service (nodejs/build
# ansible/roles/jenkins-worker/templates/systemd.service.j2: User=iojs, no
# TasksMax=), and Fedora 24 ships systemd 229, whose DefaultTasksMax is 512.
# Not in the thread and filled in: that limit as what bit (the part of the
# thread the corpus holds stops before its answer), kernel 4.9.5-100.fc24, a
# 2-core 4 GiB VM, the agent's java of 40 threads, test.py and its parallel
# node processes of 11 threads each (V8's platform workers and libuv's pool
# beside the main thread), node's uv_spawn fork the refused call: 512 tasks
# in ~60 processes, which `ps -ax` counts as 60 lines.
def node_fedora24_jenkins_512():
    kernel = "4.9.5-100.fc24.x86_64"
    unit = "system.slice/jenkins.service"
    me = status(kernel, "node", 6100, 11, uid=1000, ppid=6000, vm_data_kb=90_000, cap_eff="0000000000000000")
    procs = {1: status(kernel, "systemd", 1, 1),
             900: status(kernel, "java", 900, 40, uid=1000, ppid=1, vm_data_kb=400_000, cap_eff="0000000000000000"),
             6000: status(kernel, "python", 6000, 3, uid=1000, ppid=900, vm_data_kb=30_000,
                          cap_eff="0000000000000000"),
             6100: me}
    fill(procs, kernel, 6101, 40, "node", lambda i: 11, ppid=6000, uid=1000)
    fill(procs, kernel, 6200, 8, "sh", lambda i: 1, ppid=6000, uid=1000)
    fill(procs, kernel, 300, 80, "kworker", lambda i: 1, ppid=2)
    tree = v1_systemd_host(
        kernel, F24_CONTROLLERS, ("node", me), procs, placed={c: "/" + unit for c in F24_CONTROLLERS},
        pids={unit: (512, 512, 233), "system.slice": ("max", 560, 0)}, tasks=640,
        hostname="test-rackspace-fedora24-x64-1", root_usage=2_100_000_000, threads_max=31_822,
        mem_kb={"MemTotal": 4_045_000, "MemFree": 1_100_000, "MemAvailable": 2_300_000, "Cached": 1_200_000,
                "CommitLimit": 2_022_000, "Committed_AS": 2_600_000})
    tree["proc/self/limits"] = limits(31822)
    return tree


# Each machine by its builder's name, dashed.
FIELDFG7_MACHINES = {
    builder.__name__.replace("_", "-"): (lambda uid, b=builder: b())
    for builder in (distrobox_init_scope, node_fedora24_jenkins_512)
}
