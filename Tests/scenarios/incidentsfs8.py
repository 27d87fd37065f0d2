"""Fixture machines of the field audit of scenarios 250, 256 and 280
(docs/kernel-facts.md §11.220-§11.222), built as incidents13.py says: the
thread's numbers, the rest filled in and named so.
"""
from eras import docker_v1_cgroup, docker_v1_mounts, hexid, v1_cgroup, v1_host_mounts, v1_memory_level
from incidents import pids_levels
from incidents5 import v2_own_level
from incidents8 import docker_v2_container
from incidents28 import fill
from procfs import INIT_NS, cgroup_files, host, meminfo, status

ARCH_2016_KERNEL = "4.6.4-1-ARCH"
ARCH_2016_CONTROLLERS = ["pids", "memory", "devices", "freezer", "cpuset", "net_cls", "perf_event", "cpu,cpuacct",
                         "blkio", "name=systemd"]


# 250. haecker-felix/Gradio#41, "Error creating thread: Resource temporarily
# unavailable": Gradio 4.0.1 from the AUR (Arch Linux, July 2016) aborted
# with "(gradio:28005): GLib-ERROR **: creating thread 'image_thread':
# Error creating thread: Resource temporarily unavailable"; the reporter's
# `cat /proc/sys/kernel/threads-max` 61496, `ulimit -u` 750, `ps ax|wc -l`
# 288 (287 processes and ps's header). The kernel's own RLIMIT_NPROC would
# be 30748 (half of threads-max, kernel/fork.c fork_init()): 750 was set
# (limits.conf). `ps ax` counts processes, RLIMIT_NPROC the uid's threads.
# Not in the thread and filled in: Arch's 4.6.4 kernel and systemd 231 on
# cgroup v1, no pids.max on the way (max), gradio as pid 28005 with 9
# threads, the user's desktop (Firefox, Thunderbird, a Plasma session) of
# 80 processes holding the other 741 threads of 750, 206 processes of
# root's (287 in all), gradio's g_thread_new the refused call.
def arch_gradio_nproc_750(uid):
    kernel = ARCH_2016_KERNEL
    user = {"uid": uid, "cap_eff": "0000000000000000"}
    gradio = status(kernel, "gradio", 28_005, 9, ppid=1_410, vm_data_kb=180_000, vm_size_kb=900_000, **user)
    procs = {1: status(kernel, "systemd", 1, 1), 28_005: gradio,
             1_410: status(kernel, "plasmashell", 1_410, 28, ppid=1_300, vm_data_kb=400_000, **user),
             1_520: status(kernel, "firefox", 1_520, 96, ppid=1_410, vm_data_kb=1_200_000, **user),
             1_610: status(kernel, "thunderbird", 1_610, 61, ppid=1_410, vm_data_kb=600_000, **user),
             1_300: status(kernel, "kwin_x11", 1_300, 12, ppid=1_290, vm_data_kb=200_000, **user)}
    held = 9 + 28 + 96 + 61 + 12
    held += fill(procs, kernel, 2_000, 76, "kdeinit5", lambda i: 8 if i < 12 else 7, ppid=1_300, uid=uid)
    assert held == 750, held
    fill(procs, kernel, 300, 205, "kworker", lambda i: 1)
    session = f"/user.slice/user-{uid}.slice/session-c2.scope"
    placed = {c: (session if c in ("pids", "name=systemd") else "/") for c in ARCH_2016_CONTROLLERS}
    tree = host(
        kernel, comm="gradio", self_status=gradio, procs=procs, cgroup=v1_cgroup(placed),
        mounts=v1_host_mounts(ARCH_2016_CONTROLLERS), ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"]},
        pid_max=32768, threads_max=61_496, tasks=1_120, hostname="archbox", nproc=750, exe="/usr/bin/gradio",
        mem=meminfo(kernel, {"MemTotal": 7_870_000, "MemFree": 2_100_000, "MemAvailable": 4_300_000,
                             "Cached": 2_000_000, "SwapTotal": 0, "SwapFree": 0,
                             "CommitLimit": 3_935_000, "Committed_AS": 5_100_000}))
    tree.update(pids_levels("sys/fs/cgroup/pids", {
        f"user.slice/user-{uid}.slice/session-c2.scope": ("max", 750, 0),
        f"user.slice/user-{uid}.slice": ("max", 752, 0), "user.slice": ("max", 760, 0)}))
    tree.update(cgroup_files("sys/fs/cgroup/memory", {"": v1_memory_level(
        9223372036854771712, 5_000_000_000, 5_500_000_000, 0, kernel)}))
    return tree


# 256. opensandbox-group/OpenSandbox#493, "容器内的进程无法创建新的线程" (a
# process in the container cannot create new threads): node v22.2.0 in a
# sandbox of the code-interpreter image aborted at start with "Assertion
# failed: (0) == (uv_thread_create(t.get(), start_thread, this))" in
# node::WorkerThreadsTaskRunner::DelayedTaskScheduler::Start(), Jupyter's
# server running beside it; #447 ("RuntimeError: can't start new thread")
# the same. Fixed by pull 495, "fix: increase default pids_limit to 4096
# for production use": the server started each sandbox container with
# docker's pids_limit 512, too strict with sandboxes running side by side.
# Not in the thread and filled in: Docker Engine on Ubuntu 24.04 (kernel
# 6.8, cgroup v2, the container in its own cgroup namespace), the 512
# split: OpenSandbox's execd as PID 1 with 14 threads, the Jupyter server
# with 20, nine kernels of 30, a user's script of 203 threads, node with
# its 4 platform workers and main thread, whose delayed-task scheduler
# thread is the 513th.
NOBLE_KERNEL = "6.8.0-45-generic"


def opensandbox_pids_limit_512():
    kernel = NOBLE_KERNEL
    cid = hexid("opensandbox-code-interpreter")
    node = status(kernel, "node", 412, 5, ppid=30, vm_size_kb=1_100_000, vm_data_kb=60_000)
    procs = {1: status(kernel, "execd", 1, 14, vm_size_kb=1_300_000, vm_data_kb=40_000),
             30: status(kernel, "jupyter-lab", 30, 20, ppid=1, vm_size_kb=900_000, vm_data_kb=160_000),
             380: status(kernel, "python3", 380, 203, ppid=60, vm_size_kb=2_400_000, vm_data_kb=500_000),
             412: node}
    held = 14 + 20 + 203 + 5
    held += fill(procs, kernel, 60, 9, "python3", lambda i: 30, ppid=30)
    assert held == 512, held
    return docker_v2_container(
        kernel, cid, node, procs, ns={"user": INIT_NS["user"], "pid": 4026532911, "cgroup": 4026532913},
        level=v2_own_level(512, 512, 37, memory_current=1_900_000_000), exe="/opt/node/v22.2.0/bin/node",
        pid_max=4194304, threads_max=252_000, tasks=3_900,
        mem=meminfo(kernel, {"MemTotal": 32_600_000, "MemFree": 9_000_000, "MemAvailable": 18_000_000,
                             "Cached": 8_000_000, "CommitLimit": 16_300_000, "Committed_AS": 21_000_000}))


# 280. tokio-rs/tokio#2309, "tokio::task::spawn_blocking panics when
# exceeding the thread limit": on the Rust playground, "that uses cgroup
# limiting to a max of 512 processes", a loop of 1024 spawn_blocking
# calls printed "Running 508" and panicked "called `Result::unwrap()` on
# an `Err` value: Os { code: 11, kind: WouldBlock, message: \"Resource
# temporarily unavailable\" }": tokio's blocking pool grows to
# max_blocking_threads, 512 by default, one thread per blocked task, so
# the pool alone reaches the container's 512. Not in the thread and filled
# in: the playground's docker container on a 2020 Ubuntu 18.04 host (4.15,
# cgroup v1, its pids.max 512), the container's PID 1 (the playground's
# timeout wrapper), the program (`playground`) with its main thread, 2
# workers and 508 blocking threads: 512 of 512 when the 509th is asked for.
def playground_tokio_blocking_512():
    kernel = "4.15.0-76-generic"
    cid = hexid("rust-playground-2309")
    me = status(kernel, "playground", 7, 511, ppid=1, vm_size_kb=4_300_000, vm_data_kb=4_200_000)
    procs = {1: status(kernel, "timeout", 1, 1), 7: me}
    tree = host(
        kernel, comm="playground", self_status=me, procs=procs, cgroup=docker_v1_cgroup(cid),
        mounts=docker_v1_mounts(cid), ns={"user": INIT_NS["user"], "pid": 4026532701, "cgroup": INIT_NS["cgroup"]},
        pid_max=32768, threads_max=126_000, tasks=1_900, hostname=cid[:12],
        exe="/playground/target/debug/playground",
        mem=meminfo(kernel, {"MemTotal": 16_000_000, "MemFree": 6_000_000, "MemAvailable": 11_000_000,
                             "Cached": 4_000_000, "CommitLimit": 8_000_000, "Committed_AS": 9_000_000}))
    tree.update(cgroup_files("sys/fs/cgroup", {
        "pids": {"pids.max": "512\n", "pids.current": "512\n", "pids.events": "max 1\n"},
        "memory": v1_memory_level(536_870_912, 300_000_000, 310_000_000, 0, kernel),
    }))
    tree[".dockerenv"] = ""
    return tree


# Each machine by its builder's name, dashed; those of a uid take it.
FIELDFS8_MACHINES = {
    "arch-gradio-nproc-750": arch_gradio_nproc_750,
    "opensandbox-pids-limit-512": lambda uid: opensandbox_pids_limit_512(),
    "playground-tokio-blocking-512": lambda uid: playground_tokio_blocking_512(),
}
