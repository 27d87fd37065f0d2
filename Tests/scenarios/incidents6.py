"""Fixture machines of the sixth field audit (scenarios 113 and up), built
like incidents5.py's: each comment names the thread and the numbers taken
from it; what the thread did not say is filled in as that distribution,
kernel and runtime ship it. Built only when asked for, as functions of
FIXTURE_UID (the uid the replay runs as).
"""
from eras import EL7_CONTROLLERS, EL7_KERNEL, XENIAL_KERNEL, old_v1_host, v1_cgroup, v1_host_mounts, v1_memory_level
from incidents import pids_levels
from procfs import INIT_NS, cgroup_files, host, meminfo, status

# Ubuntu 16.04's logind (systemd 229) puts UserTasksMax=12288 on every
# user-UID.slice; the pids controller is there (4.3+), pids.events too (4.8
# is later: 4.4 has none).
XENIAL_SESSION_CONTROLLERS = ["pids", "memory", "devices", "freezer", "cpuset", "net_cls,net_prio", "blkio",
                              "cpu,cpuacct", "perf_event", "hugetlb", "name=systemd"]


def xenial_login_host(uid, *, comm, me, procs, nproc, tasks, cores_mem, session="session-7.scope"):
    """A user logged in over ssh to a shared Ubuntu 16.04 server: its
    session scope in user-UID.slice (pids and name=systemd), every other
    controller at the root; the user's slice holds every task of the uid
    that came in through logind."""
    path = f"/user.slice/user-{uid}.slice/{session}"
    own = len([p for p in procs.values() if f"Uid:\t{uid}\t" in p])
    threads = sum(int(line.split("\t")[1]) for p in procs.values() if f"Uid:\t{uid}\t" in p
                  for line in p.splitlines() if line.startswith("Threads:"))
    assert own > 0
    tree = host(
        XENIAL_KERNEL, comm=comm, self_status=me, procs=procs,
        cgroup=v1_cgroup({c: path if c in ("pids", "name=systemd") else "/" for c in XENIAL_SESSION_CONTROLLERS}),
        mounts=v1_host_mounts(XENIAL_SESSION_CONTROLLERS), ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"]},
        pid_max=32768, threads_max=cores_mem["threads_max"], tasks=tasks, hostname=cores_mem["hostname"],
        nproc=nproc, exe=cores_mem.get("exe"), mem=meminfo(XENIAL_KERNEL, cores_mem["meminfo"]))
    tree.update(pids_levels("sys/fs/cgroup/pids", {
        f"user.slice/user-{uid}.slice/{session}": ("max", threads),
        f"user.slice/user-{uid}.slice": (12288, threads),
        "user.slice": ("max", threads + 40)}))
    tree.update(cgroup_files("sys/fs/cgroup/memory", {"": v1_memory_level(
        9223372036854771712, 2_000_000_000, 2_200_000_000, 0, XENIAL_KERNEL)}))
    return tree


# 113. "go install -a" on a shared server where `ulimit -u` is 30 ("it's
# not my server and I can't increase it"), 4 processors, Go 1.7: "# sort /
# runtime: failed to create new OS thread (have 3 already; errno=11) /
# runtime: may need to increase max user processes (ulimit -u)"; GOMAXPROCS=1
# made it compile (github.com/golang/go/issues/16713; bradfitz: "you'll
# probably have to stick with your workaround. 30 is quite low";
# davecheney: "-p=1 will limit the number of c[ompiles]"). The go command
# runs compiles in parallel (-p defaults to the CPU count), each compile
# starting threads up to GOMAXPROCS: the user's sshd, bash, go with 9
# threads and four compiles hold the 30. The distribution and kernel are
# not in the thread: Ubuntu 16.04 (kernel 4.4) as it ships. Replayed as a
# cgo build's pthread_create (a pure-Go binary's raw clone is seen by
# `forkexplain watch`, not the shim); the numbers are what is checked.
def go_install_nproc30(uid):
    user = {"uid": uid, "cap_eff": "0000000000000000"}
    compile_ = status(XENIAL_KERNEL, "compile", 9120, 3, ppid=9100, vm_size_kb=420_000, vm_data_kb=90_000, **user)
    procs = {1: status(XENIAL_KERNEL, "systemd", 1, 1),
             9001: status(XENIAL_KERNEL, "sshd", 9001, 1, ppid=8990, **user),
             9002: status(XENIAL_KERNEL, "bash", 9002, 1, ppid=9001, **user),
             9100: status(XENIAL_KERNEL, "go", 9100, 9, ppid=9002, vm_size_kb=600_000, vm_data_kb=60_000, **user),
             9120: compile_}
    for i, threads in enumerate((5, 5, 6)):
        procs[9121 + i] = status(XENIAL_KERNEL, "compile", 9121 + i, threads, ppid=9100, vm_data_kb=90_000, **user)
    return xenial_login_host(uid, comm="compile", me=compile_, procs=procs, nproc=30, tasks=240, cores_mem={
        "threads_max": 63_000, "hostname": "shared-host", "exe": "/usr/local/go/pkg/tool/linux_amd64/compile",
        "meminfo": {"MemTotal": 8_160_000, "MemFree": 3_100_000, "MemAvailable": 5_600_000, "Cached": 2_400_000,
                    "SwapTotal": 2_097_148, "SwapFree": 2_097_148, "CommitLimit": 6_177_000,
                    "Committed_AS": 2_900_000}})


# 114. A class's shared "lambda server": "On the lambda server, you have a
# limit that you're only allowed to have 512 running processes"; students'
# `nohup` map jobs over a year of tweet archives hold them, and their own
# shell says "-bash: fork: retry: Resource temporarily unavailable" at
# every login (github.com/mikeizbicki/cmc-csci143/issues/31; resolved by
# the admin killing the jobs from another account: the user could not run
# `kill` through a shell that cannot fork). 505 python3 map.py processes,
# their nohup sh wrappers and the login's sshd and bash hold the 512. The
# kernel is not in the thread: Ubuntu 16.04's 4.4 as it ships.
def lambda_server_nproc512(uid):
    user = {"uid": uid, "cap_eff": "0000000000000000"}
    bash = status(XENIAL_KERNEL, "bash", 30102, 1, ppid=30101, **user)
    procs = {1: status(XENIAL_KERNEL, "systemd", 1, 1),
             30101: status(XENIAL_KERNEL, "sshd", 30101, 1, ppid=30090, **user), 30102: bash}
    for i in range(5):
        procs[20000 + i] = status(XENIAL_KERNEL, "sh", 20000 + i, 1, ppid=1, **user)
    for i in range(505):
        procs[21000 + i] = status(XENIAL_KERNEL, "python3", 21000 + i, 1, ppid=20000 + i % 5, state="D (disk sleep)",
                                  vm_size_kb=310_000, vm_data_kb=150_000, **user)
    return xenial_login_host(uid, comm="bash", me=bash, procs=procs, nproc=512, tasks=2_300, cores_mem={
        "threads_max": 1_030_000, "hostname": "lambda-server", "exe": "/bin/bash",
        "meminfo": {"MemTotal": 131_900_000, "MemFree": 30_000_000, "MemAvailable": 88_000_000,
                    "Cached": 55_000_000, "SwapTotal": 8_388_604, "SwapFree": 8_000_000,
                    "CommitLimit": 74_338_000, "Committed_AS": 160_000_000}})


# 115. Varnish 6.0.1 on Debian 9 (kernel 4.9, systemd 232, cgroup v1): "Can't
# overtake 4898 threads"; `varnishlog -I Debug:thread` says "Create worker
# thread failed 11 Resource temporarily unavailable", memory is half free and
# varnishd's "Max processes" is 245554 (threads-max / 2 of a 64 GB host);
# "we can't even reload when the max number of threads is reached"
# (github.com/varnishcache/varnish-cache/issues/2822). The unit had no
# TasksMax=, so systemd 232's DefaultTasksMax=15 % of pid_max 32768 (4915)
# bound it; varnish's packaging sets TasksMax=infinity (closed with
# pkg-varnish-cache#118). The cache process: 4898 workers and its 15 other
# threads; the manager: 2. Kernel 4.9 has pids.events (4.8), counted in the
# forking cgroup (§6.6).
STRETCH_KERNEL = "4.9.0-8-amd64"


def stretch_varnish_tasksmax():
    unit = "/system.slice/varnish.service"
    child = status(STRETCH_KERNEL, "cache-main", 1442, 4913, ppid=1430, vm_size_kb=90_000_000,
                   vm_data_kb=34_000_000, vm_rss_kb=30_000_000)
    procs = {1: status(STRETCH_KERNEL, "systemd", 1, 1), 1442: child,
             1430: status(STRETCH_KERNEL, "varnishd", 1430, 2, ppid=1, vm_data_kb=60_000)}
    controllers = [c for c in XENIAL_SESSION_CONTROLLERS]
    tree = host(
        STRETCH_KERNEL, comm="cache-main", self_status=child, procs=procs,
        cgroup=v1_cgroup({c: unit if c in ("pids", "name=systemd", "devices") else "/" for c in controllers}),
        mounts=v1_host_mounts(controllers), ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"],
                                                "cgroup": INIT_NS["cgroup"]},
        pid_max=32768, threads_max=491_108, tasks=5_310, hostname="cache-01", nproc=245_554,
        exe="/usr/sbin/varnishd",
        mem=meminfo(STRETCH_KERNEL, {"MemTotal": 65_860_000, "MemFree": 30_100_000, "MemAvailable": 33_400_000,
                                     "Cached": 2_900_000, "CommitLimit": 32_930_000, "Committed_AS": 39_000_000}))
    tree.update(pids_levels("sys/fs/cgroup/pids", {
        "system.slice/varnish.service": (4915, 4915, 2_316), "system.slice": ("max", 5_120, 0)}))
    tree.update(cgroup_files("sys/fs/cgroup/memory", {"": v1_memory_level(
        9223372036854771712, 34_000_000_000, 34_500_000_000, 0, STRETCH_KERNEL)}))
    return tree


# 116. Building Go 1.8rc1 on a 144-core, 1 TB CentOS 7 machine (kernel
# 3.10): run.bash's ../test stage dies with "runtime: failed to create new
# OS thread (have 14 already; errno=11)"; "I seem to need to adjust the
# maximum number of user processes upward. The default seems to be 4096"
# (github.com/golang/go/issues/18551). 4096 is RHEL 7's
# /etc/security/limits.d/20-nproc.conf for every user but root; each of the
# test driver's parallel `go run`s starts a runtime sized for 144 cores.
# CentOS 7: no pids controller, no NSpid. Replayed as the cgo
# pthread_create (see 113).
def el7_go_build_144_cores(uid):
    user = {"uid": uid, "cap_eff": "0000000000000000"}
    me = status(EL7_KERNEL, "go", 40100, 14, ppid=40010, vm_size_kb=700_000, vm_data_kb=80_000, **user)
    procs = {1: status(EL7_KERNEL, "systemd", 1, 1), 40100: me,
             40001: status(EL7_KERNEL, "bash", 40001, 1, ppid=1, **user),
             40010: status(EL7_KERNEL, "run", 40010, 150, ppid=40001, vm_data_kb=400_000, **user)}
    for i in range(41):
        procs[40200 + i] = status(EL7_KERNEL, "go", 40200 + i, 93, ppid=40010, vm_data_kb=90_000, **user)
    procs[40250] = status(EL7_KERNEL, "go", 40250, 34, ppid=40010, vm_data_kb=90_000, **user)
    procs[40300] = status(EL7_KERNEL, "compile", 40300, 83, ppid=40201, vm_data_kb=300_000, **user)
    procs[40301] = status(EL7_KERNEL, "bigalg", 40301, 1, ppid=40202, **user)
    return old_v1_host(
        EL7_KERNEL, EL7_CONTROLLERS, {}, 120_000_000_000, comm="go", self_status=me, procs=procs, pid_max=147_456,
        threads_max=8_250_000, tasks=6_900, hostname="rpbuchop001", nproc=4096, exe="/tmp/go/bin/go",
        mem=meminfo(EL7_KERNEL, {"MemTotal": 1_056_000_000, "MemFree": 900_000_000, "MemAvailable": 990_000_000,
                                 "Cached": 60_000_000, "CommitLimit": 528_000_000, "Committed_AS": 40_000_000}))


FIELD6_MACHINES = {
    "el7-go-build-144": el7_go_build_144_cores,
    "stretch-varnish-tasksmax": lambda uid: stretch_varnish_tasksmax(),
    "go-install-nproc30": go_install_nproc30,
    "lambda-server-nproc512": lambda_server_nproc512,
}
