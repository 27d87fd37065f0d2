"""Fixture machines of the fifth field audit (scenarios 101 and up), built
like incidents4.py's: each comment names the thread and the numbers taken
from it; what the thread did not say is filled in as that distribution,
kernel and runtime ship it. Built only when asked for, as functions of
FIXTURE_UID.
"""
from eras import (CG2_ALL, EL7_CONTROLLERS, EL7_KERNEL, MEM_EVENTS_QUIET, container_mounts, docker_v1_cgroup,
                  docker_v1_mounts, hexid, old_v1_host, v1_cgroup, v1_host_mounts, v1_memory_level)
from incidents import pids_levels
from procfs import INIT_NS, cgroup_files, host, meminfo, mountinfo, status

CGROUP2_RO = (1314, 1313, "0:28", "/", "/sys/fs/cgroup", "ro,nosuid,nodev,noexec,relatime", "", "cgroup2", "cgroup",
              "rw,nsdelegate,memory_recursiveprot")


def crio_binds(pod_uid, cid, storage="/run/containers/storage", kubelet="/var/lib/kubelet"):
    """The bind mounts CRI-O gives a pod's container: kubelet's etc-hosts
    and termination log, containers/storage's userdata files."""
    userdata = f"{storage}/overlay-containers/{cid}/userdata"
    return [
        (1315, 1310, "259:2", f"{kubelet}/pods/{pod_uid}/etc-hosts", "/etc/hosts", "rw,relatime", "", "xfs",
         "/dev/nvme0n1p3", "rw,attr2,inode64,noquota"),
        (1316, 1312, "259:2", f"{kubelet}/pods/{pod_uid}/containers/app/8c1d2e3f", "/dev/termination-log",
         "rw,relatime", "", "xfs", "/dev/nvme0n1p3", "rw,attr2,inode64,noquota"),
        (1317, 1310, "0:25", f"{userdata}/hostname", "/etc/hostname", "rw,nosuid,nodev", "", "tmpfs", "tmpfs",
         "rw,mode=755,inode64"),
        (1318, 1310, "0:25", f"{userdata}/resolv.conf", "/etc/resolv.conf", "rw,nosuid,nodev", "", "tmpfs", "tmpfs",
         "rw,mode=755,inode64"),
    ]


def v2_own_level(pids_max, pids_current, events, *, local=None, memory_max="max", memory_current=200_000_000):
    """The one cgroup v2 level a container with its own cgroup namespace
    reads at /sys/fs/cgroup; local: pids.events.local's count (6.11+)."""
    level = {"cgroup.controllers": CG2_ALL, "cgroup.type": "domain\n", "pids.max": f"{pids_max}\n",
             "pids.current": f"{pids_current}\n", "pids.peak": f"{pids_current}\n", "pids.events": f"max {events}\n",
             "memory.max": f"{memory_max}\n", "memory.current": f"{memory_current}\n",
             "memory.events": MEM_EVENTS_QUIET}
    if local is not None:
        level["pids.events.local"] = f"max {local}\n"
    return level


# 101. CRI-O before 1.29 passes its default pids_limit = 0 ("no limit" to
# it) to the OCI runtime, and runc 1.4.0 takes pids.limit 0 literally:
# pids.max 0 on the container's cgroup, so runc's own Go init, moved in
# with 2 threads, cannot make a third: "runc 1.4.0+ fails with "failed to
# create new OS thread (have 2 already; errno=11)" on ALT Linux kernel
# 6.12" (github.com/opencontainers/runc/issues/5332: kubelet's podPidsLimit
# -1 does not help; fixed by `pids_limit = -1` in /etc/crio/crio.conf, or
# CRI-O 1.29+). Migration into a cgroup is never refused, so pids.current 2
# stands above pids.max 0. Kernel 6.12: pids.events is hierarchical and
# the refusing level is the container's own, so both counters read 1.
ALT_KERNEL = "6.12.34-6.12-alt1"


def runc_pids_zero():
    cid = hexid("alt-crio-runc14")
    pod_uid = "0b6f2c1e-4d3a-4b8e-9f17-2a5c6d7e8f90"
    init = status(ALT_KERNEL, "runc:[2:INIT]", 1, 2, vm_data_kb=9_000, vm_rss_kb=7_000)
    tree = host(
        ALT_KERNEL, comm="runc:[2:INIT]", self_status=init, procs={1: init}, cgroup="0::/\n",
        mounts=container_mounts([CGROUP2_RO], crio_binds(pod_uid, cid)),
        ns={"user": INIT_NS["user"], "pid": 4026533101, "cgroup": 4026533104}, pid_max=4194304,
        threads_max=126_000, tasks=640, hostname="web-5d8f7c9b6-q2x7z", exe="/proc/self/exe",
        mem=meminfo(ALT_KERNEL, {"MemTotal": 16_370_000, "MemFree": 11_000_000, "MemAvailable": 13_900_000,
                                 "Cached": 2_600_000, "CommitLimit": 8_185_000, "Committed_AS": 3_100_000}),
    )
    tree.update(cgroup_files("sys/fs/cgroup", {"": v2_own_level(0, 2, 1, local=1, memory_current=4_000_000)}))
    return tree


# 102. minikube with the podman driver and CRI-O inside (Fedora, cgroup v2):
# "The workloads fail to create threads with error `pthread_create failed
# (EAGAIN)`", dmesg "cgroup: fork rejected by pids controller in
# /libpod_parent/libpod-6136e16.../kubepods.slice/kubepods-pode8d39171_....slice/
# crio-27f14c61....scope", fixed by `podman run --pids-limit -1`
# (github.com/kubernetes/minikube/issues/19820). The limit is podman's
# default pids_limit 2048 on the minikube node container, two levels of
# containers above the JVM, whose own level (its cgroup namespace's root)
# says max. The node's /var is a podman volume, so the kubelet bind mounts'
# roots lie under /var/lib/containers/storage/volumes/minikube/_data. Kernel
# 6.11: pids.events counts at the refusing level and above, nothing here.
FEDORA_KERNEL = "6.11.3-200.fc40.x86_64"


def minikube_podman_nested():
    cid = "27f14c6154e2630984fad3eb585e75456d10be978b80cb2c587efc77aa80f219"
    pod_uid = "e8d39171-af9d-4c07-b03e-6e72aefc26a8"
    java = status(FEDORA_KERNEL, "java", 1, 187, vm_size_kb=5_900_000, vm_data_kb=1_300_000)
    binds = crio_binds(pod_uid, cid, kubelet="/var/lib/containers/storage/volumes/minikube/_data/lib/kubelet")
    tree = host(
        FEDORA_KERNEL, comm="java", self_status=java, procs={1: java}, cgroup="0::/\n",
        mounts=container_mounts([CGROUP2_RO], binds),
        ns={"user": INIT_NS["user"], "pid": 4026533301, "cgroup": 4026533305}, pid_max=4194304,
        threads_max=252_000, tasks=2_730, hostname="quarkus-app-6f9b8d7c5-k4m2p",
        mem=meminfo(FEDORA_KERNEL, {"MemTotal": 32_500_000, "MemFree": 14_000_000, "MemAvailable": 22_000_000,
                                    "Cached": 7_000_000, "SwapTotal": 8_388_604, "SwapFree": 8_388_604,
                                    "CommitLimit": 24_638_000, "Committed_AS": 15_000_000}),
    )
    tree.update(cgroup_files("sys/fs/cgroup", {"": v2_own_level("max", 187, 0, local=0,
                                                                 memory_current=700_000_000)}))
    return tree


# 103. sccache on a 192-core build machine inside a podman container
# (github.com/mozilla/sccache/issues/1972: "thread 'main' panicked at
# 'failed to spawn thread: Os {code: 11, kind: WouldBlock, message:
# "Resource temporarily unavailable" }'", "make[2]: fork: Resource
# temporarily unavailable"; tchernobog: "very easy to hit inside podman
# containers. The default PID limit inside a podman container is 2048 ...
# 192 cores"). make -j192 runs a compiler pair per job under sccache's
# server, whose tokio pools hold the rest. RHEL 9, kernel 5.14 (before
# 6.11: the forking cgroup's pids.events counts).
EL9_KERNEL = "5.14.0-427.40.1.el9_4.x86_64"


def sccache_podman():
    cid = hexid("sccache-build")
    runroot = f"/run/containers/storage/overlay-containers/{cid}/userdata"
    client = status(EL9_KERNEL, "sccache", 4100, 1, ppid=4090, vm_data_kb=40_000)
    procs = {1: status(EL9_KERNEL, "bash", 1, 1), 4100: client,
             300: status(EL9_KERNEL, "sccache", 300, 1_465, ppid=1, vm_data_kb=3_100_000),
             301: status(EL9_KERNEL, "make", 301, 1, ppid=1)}
    for i in range(192):
        procs[1000 + i] = status(EL9_KERNEL, "sccache", 1000 + i, 1, ppid=301)
        procs[2000 + i] = status(EL9_KERNEL, "cc1plus", 2000 + i, 1, ppid=300, vm_data_kb=600_000)
    procs.update({5000 + i: status(EL9_KERNEL, "sh", 5000 + i, 1, ppid=301) for i in range(196)})
    tree = host(
        EL9_KERNEL, comm="sccache", self_status=client, procs=procs, cgroup="0::/\n",
        mounts=container_mounts(
            [(1314, 1313, "0:27", "/", "/sys/fs/cgroup", "rw,nosuid,nodev,noexec,relatime", "", "cgroup2",
              "cgroup2", "rw,seclabel,nsdelegate,memory_recursiveprot")],
            [(1315, 1310, "0:26", f"{runroot}/hostname", "/etc/hostname", "rw,nosuid,nodev", "", "tmpfs", "tmpfs",
              "rw,seclabel,mode=755,inode64"),
             (1316, 1310, "0:26", f"{runroot}/.containerenv", "/run/.containerenv", "rw,nosuid,nodev", "", "tmpfs",
              "tmpfs", "rw,seclabel,mode=755,inode64")]),
        ns={"user": INIT_NS["user"], "pid": 4026533401, "cgroup": 4026533403}, pid_max=4194304,
        threads_max=6_180_000, tasks=4_200, hostname=cid[:12],
        mem=meminfo(EL9_KERNEL, {"MemTotal": 790_000_000, "MemFree": 500_000_000, "MemAvailable": 690_000_000,
                                 "Cached": 150_000_000, "CommitLimit": 395_000_000, "Committed_AS": 160_000_000}),
    )
    tree.update(cgroup_files("sys/fs/cgroup", {"": v2_own_level(2048, 2048, 57, memory_current=90_000_000_000)}))
    tree["run/.containerenv"] = ""
    return tree


# 104. GOV.UK's postgresql-primary (Ubuntu 14.04, kernel 3.13, upstart):
# "The wal-e backup push has been failing ... It is likely that we are
# reaching the limit of number of processes of 256 as we now allow 300 db
# connections for a postgres user on this box" (wal-e's Popen failing in
# fork; github.com/alphagov/govuk-puppet/pull/7369, which raised the
# postgres user's nproc from 256 to 1024). One backend per connection, all
# of uid postgres: 248 connections, the postmaster, its 5 helpers and
# wal-e's 2 tasks hold the 256.
TRUSTY_KERNEL = "3.13.0-143-generic"


def trusty_postgres_nproc(uid):
    user = {"uid": uid, "cap_eff": "0000000000000000"}
    wal_e = status(TRUSTY_KERNEL, "wal-e", 32442, 2, ppid=32440, vm_data_kb=180_000, **user)
    procs = {1: status(TRUSTY_KERNEL, "init", 1, 1), 32442: wal_e,
             32440: status(TRUSTY_KERNEL, "sh", 32440, 1, ppid=1, **user),
             1530: status(TRUSTY_KERNEL, "postgres", 1530, 1, ppid=1, vm_data_kb=9_000_000, **user)}
    for i, helper in enumerate(["postgres: checkp", "postgres: writer", "postgres: wal w", "postgres: autov",
                                "postgres: stats"]):
        procs[1540 + i] = status(TRUSTY_KERNEL, helper, 1540 + i, 1, ppid=1530, **user)
    for i in range(247):
        procs[2000 + i] = status(TRUSTY_KERNEL, "postgres", 2000 + i, 1, ppid=1530, vm_data_kb=40_000, **user)
    controllers = ["hugetlb", "perf_event", "blkio", "freezer", "devices", "memory", "cpuacct", "cpu",
                   "name=systemd", "cpuset"]
    return old_v1_host(
        TRUSTY_KERNEL, controllers, {}, 40_000_000_000, comm="wal-e", self_status=wal_e, procs=procs,
        pid_max=32768, threads_max=1_031_000, tasks=610, hostname="postgresql-primary-1", nproc=256,
        exe="/usr/bin/python2.7",
        mem=meminfo(TRUSTY_KERNEL, {"MemTotal": 66_000_000, "MemFree": 3_000_000, "Buffers": 400_000,
                                    "Cached": 52_000_000, "Shmem": 8_600_000, "CommitLimit": 33_000_000,
                                    "Committed_AS": 14_000_000}))


# 105. Node 20 in a container on CentOS 7 (kernel 3.10, docker from
# RHEL's extras): node aborts at start, "Assertion `(0) ==
# (uv_thread_create(t.get(), start_thread, this))' failed"; rassie: "a
# quick workaround for a RHEL7/CentOS7 system is ... security_opt: -
# seccomp:unconfined ... something that has to do with `clone3`"
# (github.com/nodejs/node/issues/43064). The image's glibc (2.36) creates
# threads with clone3, the old docker's seccomp profile does not list it
# and answers EPERM, and glibc falls back to clone only on ENOSYS. A 3.10
# kernel has no clone3 at all: the filter answers before the kernel would
# have said ENOSYS. RHEL 7's kernel has no pids controller.
def el7_docker_clone3():
    cid = hexid("el7-node20")
    node = status(EL7_KERNEL, "node", 1, 1, vm_size_kb=600_000, vm_data_kb=40_000, vm_rss_kb=30_000)
    controllers = EL7_CONTROLLERS
    cgroup = v1_cgroup({c: f"/system.slice/docker-{cid}.scope" for c in controllers})
    mounts = container_mounts(
        [(1320, 1313, "0:64", "/", "/sys/fs/cgroup", "ro,nosuid,nodev,noexec,relatime", "", "tmpfs", "tmpfs",
          "rw,mode=755")] +
        [(1321 + i, 1320, f"0:{30 + i}", f"/system.slice/docker-{cid}.scope",
          f"/sys/fs/cgroup/{'systemd' if c == 'name=systemd' else c}", "ro,nosuid,nodev,noexec,relatime", "",
          "cgroup", "cgroup", f"rw,{c}") for i, c in enumerate(controllers)],
        [(1340, 1310, "253:0", f"/var/lib/docker/containers/{cid}/hostname", "/etc/hostname", "rw,relatime", "",
          "xfs", "/dev/mapper/centos-root", "rw,attr2,inode64,noquota")])
    tree = host(
        EL7_KERNEL, comm="node", self_status=node, procs={1: node}, cgroup=cgroup, mounts=mounts,
        ns={"user": INIT_NS["user"], "pid": 4026532501}, pid_max=32768, threads_max=126_000, tasks=420,
        hostname=cid[:12],
        mem=meminfo(EL7_KERNEL, {"MemTotal": 16_266_000, "MemFree": 9_000_000, "MemAvailable": 12_900_000,
                                 "Cached": 3_500_000, "CommitLimit": 8_133_000, "Committed_AS": 3_300_000}))
    tree.update(cgroup_files("sys/fs/cgroup/memory", {"": v1_memory_level(
        9223372036854771712, 60_000_000, 61_000_000, 0, EL7_KERNEL)}))
    tree[".dockerenv"] = ""
    return tree


# 106. OpenShift 4.2 (RHCOS, kernel 4.18, cgroup v1, CRI-O): "The container
# will hit the process limit after creating arond 1000 Threads ... in
# Openshift 3.11, it used to create 4000+ Threads"
# (github.com/openshift/origin/issues/24360). CRI-O's crio.conf pids_limit
# = 1024 on every container; docker (3.11) set none. The JVM's main and VM
# threads and the test's ~1000 make the 1024.
RHCOS_KERNEL = "4.18.0-147.0.3.el8_1.x86_64"
RHCOS_CONTROLLERS = ["rdma", "pids", "cpuset", "memory", "perf_event", "blkio", "net_cls,net_prio", "freezer",
                     "hugetlb", "cpu,cpuacct", "devices", "name=systemd"]


def ocp42_crio_pids():
    cid = hexid("ocp42-tlimitcheck")
    pod_uid = "6a2f8e14-3b7c-4d95-a1e0-7c4b9d2f3e81"
    scope = (f"/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod{pod_uid.replace('-', '_')}.slice/"
             f"crio-{cid}.scope")
    java = status(RHCOS_KERNEL, "java", 1, 1024, vm_size_kb=12_400_000, vm_data_kb=2_100_000)
    controllers = RHCOS_CONTROLLERS
    cg_mounts = [(1320, 1313, "0:64", "/", "/sys/fs/cgroup", "ro,nosuid,nodev,noexec,relatime", "", "tmpfs",
                  "tmpfs", "rw,mode=755")]
    for i, c in enumerate(controllers):
        point = "systemd" if c == "name=systemd" else c
        sopts = "rw,xattr,name=systemd" if c == "name=systemd" else f"rw,{c}"
        cg_mounts.append((1321 + i, 1320, f"0:{30 + i}", scope, f"/sys/fs/cgroup/{point}",
                          "ro,nosuid,nodev,noexec,relatime", "", "cgroup", "cgroup", sopts))
    tree = host(
        RHCOS_KERNEL, comm="java", self_status=java, procs={1: java}, cgroup=v1_cgroup({c: scope for c in controllers}),
        mounts=container_mounts(cg_mounts, crio_binds(pod_uid, cid, storage="/var/run/containers/storage")),
        ns={"user": INIT_NS["user"], "pid": 4026533601}, pid_max=4194304, threads_max=514_000, tasks=3_900,
        hostname="tlimitcheck-1-x8k2d",
        mem=meminfo(RHCOS_KERNEL, {"MemTotal": 65_800_000, "MemFree": 30_000_000, "MemAvailable": 48_000_000,
                                   "Cached": 15_000_000, "CommitLimit": 32_900_000, "Committed_AS": 21_000_000}))
    tree.update(cgroup_files("sys/fs/cgroup", {
        "pids": {"pids.max": "1024\n", "pids.current": "1024\n", "pids.events": "max 1\n"},
        "memory": v1_memory_level(9223372036854771712, 2_300_000_000, 2_400_000_000, 0, RHCOS_KERNEL)}))
    return tree


# 107. Unprivileged LXC containers created in bulk on Ubuntu 20.04 (kernel
# 5.4, LXC 4.0.12): every container maps root to host uid 100000 and gets
# lxc.prlimit.nproc = 128:256; after about 13 containers the next one
# fails "Resource temporarily unavailable / Failed to popen() exec
# /usr/share/lxcfs/lxc.mount.hook", and the reporter found "UID 100000
# process count: 128 / Max processes: 128 / 256": RLIMIT_NPROC counts the
# host uid across every container that maps to it, with 7 GB free and no
# TasksMax reached (github.com/MengMengCode/CLICD/issues/28). Seen from the
# starting container: root in its own user namespace (capabilities there
# do not lift RLIMIT_NPROC), 2 of its own tasks, none of the others'.
FOCAL_KERNEL = "5.4.0-110-generic"


def lxc_unpriv_shared_uid():
    user = {"cap_eff": "000001ffffffffff"}
    starter = status(FOCAL_KERNEL, "lxc-start", 1, 1, **user)
    procs = {1: starter, 2: status(FOCAL_KERNEL, "sh", 2, 1, ppid=1, **user)}
    mounts = mountinfo(
        (640, 600, "253:0", "/var/lib/lxc/ct14/rootfs", "/", "rw,relatime", "master:1", "ext4", "/dev/vda1", "rw"),
        (641, 640, "0:80", "/", "/proc", "rw,nosuid,nodev,noexec,relatime", "", "proc", "proc", "rw"))
    tree = host(
        FOCAL_KERNEL, comm="lxc-start", self_status=starter, procs=procs,
        cgroup=v1_cgroup({c: "/lxc.payload.ct14" for c in ["pids", "memory", "devices", "name=systemd"]},
                         unified="/"),
        mounts=mounts, ns={"user": 4026532720, "pid": 4026532723, "cgroup": 4026532724}, pid_max=4194304,
        threads_max=63_000, tasks=1_100, hostname="ct14", nproc=128, exe="/usr/bin/lxc-start",
        uid_map_text="         0     100000      65536\n",
        mem=meminfo(FOCAL_KERNEL, {"MemTotal": 8_150_000, "MemFree": 5_200_000, "MemAvailable": 7_100_000,
                                   "Cached": 1_900_000, "CommitLimit": 4_075_000, "Committed_AS": 2_600_000}))
    return tree


# 108. Sandstorm on a small EC2 instance (Ubuntu 16.04, kernel 4.4, 1 GB,
# no swap): installing an app fails with "remote exception: fork(): Cannot
# allocate memory", and in the shell "ps -auxwww / -bash: fork: Cannot
# allocate memory" until "after 3 minutes it goes back to normal"
# (github.com/sandstorm-io/sandstorm/issues/2365; kentonv: "your server is
# out of memory ... 2GB of RAM, and you'll also want to enable swap
# space"). Really out of memory: the one case where ENOMEM is the truth.
XENIAL_AWS_KERNEL = "4.4.0-1022-aws"


def sandstorm_oom():
    backend = status(XENIAL_AWS_KERNEL, "sandstorm", 1210, 9, ppid=1, vm_size_kb=310_000, vm_data_kb=120_000,
                     vm_rss_kb=60_000)
    procs = {1: status(XENIAL_AWS_KERNEL, "systemd", 1, 1), 1210: backend,
             1301: status(XENIAL_AWS_KERNEL, "node", 1301, 10, ppid=1210, vm_data_kb=380_000, vm_rss_kb=240_000),
             1302: status(XENIAL_AWS_KERNEL, "mongod", 1302, 17, ppid=1210, vm_data_kb=420_000, vm_rss_kb=210_000),
             1400: status(XENIAL_AWS_KERNEL, "python", 1400, 3, ppid=1210, vm_data_kb=390_000, vm_rss_kb=330_000)}
    controllers = ["hugetlb", "pids", "memory", "devices", "freezer", "cpuset", "net_cls,net_prio", "blkio",
                   "perf_event", "cpu,cpuacct", "name=systemd"]
    service = "/system.slice/sandstorm.service"
    tree = host(
        XENIAL_AWS_KERNEL, comm="sandstorm", self_status=backend, procs=procs,
        cgroup=v1_cgroup({c: service if c in ("pids", "devices", "name=systemd") else "/" for c in controllers}),
        mounts=v1_host_mounts(controllers), ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"]}, pid_max=32768,
        threads_max=7_700, tasks=160, hostname="ip-172-31-4-17",
        mem=meminfo(XENIAL_AWS_KERNEL, {"MemTotal": 1_014_500, "MemFree": 18_400, "MemAvailable": 21_800,
                                        "Buffers": 300, "Cached": 14_600, "Shmem": 3_100, "AnonPages": 930_000,
                                        "SwapTotal": 0, "SwapFree": 0, "CommitLimit": 507_000,
                                        "Committed_AS": 1_900_000}))
    tree.update(pids_levels("sys/fs/cgroup/pids", {"system.slice/sandstorm.service": (512, 39),
                                                   "system.slice": ("max", 96)}))
    tree.update(cgroup_files("sys/fs/cgroup/memory", {"": v1_memory_level(
        9223372036854771712, 990_000_000, 1_010_000_000, 0, XENIAL_AWS_KERNEL)}))
    return tree


# 109. Arch Linux, January 2016 (kernel 4.3, systemd 228, cgroup v1):
# logind's UserTasksMax=4096 is the user's slice's pids.max, and Freenet's
# JVM in it dies with "OutOfMemoryError: unable to create new native
# thread EVERYWHERE" while the user's shell says "bash: fork: retry: No
# child processes" (github.com/systemd/systemd/issues/2388, "These default
# to 4096 per user and are configured as UserTasksMax in the [Login]
# section of /etc/systemd/logind.conf"). Kernel 4.3 has the pids
# controller but no pids.events yet (4.8).
ARCH_KERNEL = "4.3.3-2-ARCH"


def arch_user_slice(uid):
    user = {"uid": uid, "cap_eff": "0000000000000000"}
    session = f"/user.slice/user-{uid}.slice/session-2.scope"
    freenet = status(ARCH_KERNEL, "java", 2810, 3_880, ppid=2790, vm_size_kb=9_000_000, vm_data_kb=1_600_000, **user)
    procs = {1: status(ARCH_KERNEL, "systemd", 1, 1), 2810: freenet,
             2790: status(ARCH_KERNEL, "bash", 2790, 1, ppid=2700, **user),
             2700: status(ARCH_KERNEL, "sshd", 2700, 1, ppid=1, **user)}
    for i in range(214):
        procs[5000 + i] = status(ARCH_KERNEL, "sleep", 5000 + i, 1, ppid=2790, **user)
    controllers = ["pids", "memory", "devices", "freezer", "cpuset", "net_cls", "blkio", "cpu,cpuacct",
                   "name=systemd"]
    tree = host(
        ARCH_KERNEL, comm="java", self_status=freenet, procs=procs,
        cgroup=v1_cgroup({c: session if c in ("pids", "name=systemd") else "/" for c in controllers}),
        mounts=v1_host_mounts(controllers), ns={"user": INIT_NS["user"], "pid": INIT_NS["pid"]}, pid_max=32768,
        threads_max=127_000, tasks=4_420, hostname="archbox", nproc=63_300, exe="/usr/lib/jvm/java-8-openjdk/bin/java",
        mem=meminfo(ARCH_KERNEL, {"MemTotal": 16_300_000, "MemFree": 6_000_000, "MemAvailable": 10_800_000,
                                  "Cached": 4_600_000, "SwapTotal": 4_194_300, "SwapFree": 4_194_300,
                                  "CommitLimit": 12_344_000, "Committed_AS": 9_000_000}))
    tree.update(pids_levels("sys/fs/cgroup/pids", {
        f"user.slice/user-{uid}.slice/session-2.scope": ("max", 4096),
        f"user.slice/user-{uid}.slice": (4096, 4096),
        "user.slice": ("max", 4096)}))
    tree.update(cgroup_files("sys/fs/cgroup/memory", {"": v1_memory_level(
        9223372036854771712, 5_000_000_000, 5_400_000_000, 0, ARCH_KERNEL)}))
    return tree


# 110. OpenSandbox's code-interpreter sandboxes (docker, the server's
# default pids_limit = 512 per sandbox container): node inside aborts with
# "Assertion failed: (0) == (uv_thread_create(t.get(), start_thread,
# this))" and Python with "RuntimeError: can't start new thread"
# (github.com/opensandbox-group/OpenSandbox/issues/493 and #447, fixed by
# pull 495/496: "increase default pids_limit to 4096"). The sandbox's
# Jupyter server, kernels and language servers hold the 512 when a node
# starts. Alibaba Cloud Linux 3 (kernel 5.10, cgroup v1, cgroupfs driver).
ALINUX_KERNEL = "5.10.134-16.3.al8.x86_64"


def opensandbox_pids_512():
    cid = hexid("opensandbox-ci")
    node = status(ALINUX_KERNEL, "node", 78, 6, ppid=1, vm_size_kb=1_100_000, vm_data_kb=60_000)
    procs = {1: status(ALINUX_KERNEL, "execd", 1, 14), 78: node,
             20: status(ALINUX_KERNEL, "jupyter-lab", 20, 9, ppid=1, vm_data_kb=300_000)}
    for i in range(12):
        procs[100 + i] = status(ALINUX_KERNEL, "python3", 100 + i, 38, ppid=20, vm_data_kb=500_000)
    tree = host(
        ALINUX_KERNEL, comm="node", self_status=node, procs=procs, cgroup=docker_v1_cgroup(cid),
        mounts=docker_v1_mounts(cid), ns={"user": INIT_NS["user"], "pid": 4026532810, "cgroup": INIT_NS["cgroup"]},
        pid_max=4194304, threads_max=500_000, tasks=9_800, hostname=cid[:12],
        mem=meminfo(ALINUX_KERNEL, {"MemTotal": 65_000_000, "MemFree": 21_000_000, "MemAvailable": 40_000_000,
                                    "Cached": 17_000_000, "CommitLimit": 32_500_000, "Committed_AS": 30_000_000}))
    tree.update(cgroup_files("sys/fs/cgroup", {
        "pids": {"pids.max": "512\n", "pids.current": "512\n", "pids.events": "max 9\n"},
        "memory": v1_memory_level(4_294_967_296, 3_300_000_000, 3_500_000_000, 0, ALINUX_KERNEL)}))
    tree[".dockerenv"] = ""
    return tree


# 111. GitHub Agentic Workflows' AWF agent sandbox, rootless docker on a
# 16-core CI runner (Ubuntu 24.04, kernel 6.8): two concurrent .NET-Android
# build lanes start javac and manifest-merger JVMs, which die with "unable
# to create native thread" / "Cannot create worker GC thread", while
# "/sys/fs/cgroup exposes no files, `ulimit -u` reports unlimited"
# (github.com/github/gh-aw/issues/51383; the follow-ups gh-aw-firewall#7131
# and #7148 could only say "likely" a pids limit). Root in the container is
# the runner's uid 1001 on the host. Nothing the process can read is full:
# what is left is a pids limit it cannot read or, on 5.14+, the RLIMIT_NPROC
# of the user namespace's creator, which "unlimited" here does not show.
NOBLE_AWS_KERNEL = "6.8.0-1024-aws"


def ci_rootless_sandbox():
    user = {"cap_eff": "000001ffffffffff"}
    javac = status(NOBLE_AWS_KERNEL, "java", 812, 41, ppid=700, vm_size_kb=8_900_000, vm_data_kb=1_200_000, **user)
    procs = {1: status(NOBLE_AWS_KERNEL, "node", 1, 11, **user), 812: javac,
             700: status(NOBLE_AWS_KERNEL, "dotnet", 700, 38, ppid=1, vm_data_kb=2_400_000, **user),
             701: status(NOBLE_AWS_KERNEL, "dotnet", 701, 36, ppid=1, vm_data_kb=2_300_000, **user)}
    for i in range(22):
        procs[900 + i] = status(NOBLE_AWS_KERNEL, "java", 900 + i, 44, ppid=700 + i % 2, vm_data_kb=900_000, **user)
    mounts = container_mounts([(1314, 1313, "0:29", "/", "/sys/fs/cgroup", "ro,nosuid,nodev,noexec,relatime", "",
                                "cgroup2", "cgroup", "rw,nsdelegate,memory_recursiveprot")])
    tree = host(
        NOBLE_AWS_KERNEL, comm="java", self_status=javac, procs=procs, cgroup="0::/\n", mounts=mounts,
        ns={"user": 4026532411, "pid": 4026532415, "cgroup": 4026532416}, pid_max=4194304, threads_max=508_000,
        tasks=1_150, hostname="awf-agent", uid_map_text="         0       1001          1\n         1     100000      65536\n",
        mem=meminfo(NOBLE_AWS_KERNEL, {"MemTotal": 65_000_000, "MemFree": 15_000_000, "MemAvailable": 19_000_000,
                                       "Cached": 5_000_000, "CommitLimit": 32_500_000, "Committed_AS": 52_000_000}))
    tree[".dockerenv"] = ""
    return tree


# 112. kind with rootless podman on RHEL 8.6 (kernel 4.18, booted with
# systemd.unified_cgroup_hierarchy=1 so rootless podman can set limits):
# JBoss in a pod fails "OutOfMemoryError: unable to create native thread:
# possibly out of memory or process/resource limits reached"
# (github.com/kubernetes-sigs/kind/issues/2896, fixed by `pids_limit=0` in
# containers.conf; kind's podman provider later passes --pids-limit -1,
# kind#2830). The node container's podman pids_limit (2048) counts every
# pod; the JBoss container sees its own level at max. Before 6.11 the
# forking cgroup's pids.events counts a refusal from above: a hidden limit,
# high confidence, the node container's knob first. kind keeps the node's
# /var in an anonymous podman volume under the user's storage.
RHEL86_KERNEL = "4.18.0-372.9.1.el8.x86_64"


def kind_rootless_podman():
    volume = hexid("kind-var-volume")
    storage = f"/home/dev/.local/share/containers/storage/volumes/{volume}/_data"
    pod_uid = "3c9e2d71-5a48-4f0b-8d16-7e2a1b9c0f44"
    sandbox = hexid("kind-jboss-sandbox")
    jboss = status(RHEL86_KERNEL, "java", 1, 402, uid=185, vm_size_kb=6_800_000, vm_data_kb=1_900_000,
                   cap_eff="0000000000000000")
    procs = {1: jboss}
    binds = [(1315, 1310, "253:2", f"{storage}/lib/kubelet/pods/{pod_uid}/etc-hosts", "/etc/hosts", "rw,relatime", "",
              "xfs", "/dev/mapper/rhel-home", "rw,attr2,inode64,noquota"),
             (1316, 1310, "253:2",
              f"{storage}/lib/containerd/io.containerd.grpc.v1.cri/sandboxes/{sandbox}/hostname", "/etc/hostname",
              "rw,relatime", "", "xfs", "/dev/mapper/rhel-home", "rw,attr2,inode64,noquota")]
    tree = host(
        RHEL86_KERNEL, comm="java", self_status=jboss, procs=procs, cgroup="0::/\n",
        mounts=container_mounts([CGROUP2_RO], binds),
        ns={"user": 4026532601, "pid": 4026532704, "cgroup": 4026532705}, pid_max=4194304, threads_max=254_000,
        tasks=2_300, hostname="jboss-app-5b7d9c8f4-2xkqv",
        uid_map_text="         0       1000          1\n         1     100000      65536\n",
        mem=meminfo(RHEL86_KERNEL, {"MemTotal": 32_600_000, "MemFree": 12_000_000, "MemAvailable": 20_000_000,
                                    "Cached": 7_000_000, "CommitLimit": 16_300_000, "Committed_AS": 18_000_000}))
    tree.update(cgroup_files("sys/fs/cgroup", {"": v2_own_level("max", 402, 6, memory_current=2_100_000_000)}))
    return tree


FIELD5_MACHINES = {
    "runc-pids-zero": lambda uid: runc_pids_zero(),
    "minikube-podman-nested": lambda uid: minikube_podman_nested(),
    "sccache-podman": lambda uid: sccache_podman(),
    "trusty-postgres-nproc": trusty_postgres_nproc,
    "el7-docker-clone3": lambda uid: el7_docker_clone3(),
    "ocp42-crio-pids": lambda uid: ocp42_crio_pids(),
    "lxc-unpriv-shared-uid": lambda uid: lxc_unpriv_shared_uid(),
    "sandstorm-oom": lambda uid: sandstorm_oom(),
    "arch-user-slice": arch_user_slice,
    "opensandbox-pids-512": lambda uid: opensandbox_pids_512(),
    "ci-rootless-sandbox": lambda uid: ci_rootless_sandbox(),
    "kind-rootless-podman": lambda uid: kind_rootless_podman(),
}
