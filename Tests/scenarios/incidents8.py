"""Fixture machines of the eighth field audit (scenarios 130 and up), built
like incidents6.py's: each comment names the thread and the numbers taken
from it; what the thread did not say is filled in as that distribution,
kernel and runtime ship it. Built only when asked for, as functions of
FIXTURE_UID (the uid the replay runs as).
"""
from eras import EL7_CONTROLLERS, EL7_KERNEL, container_mounts, containerd_pod_mounts, hexid, old_v1_host
from incidents5 import v2_own_level
from procfs import cgroup_files, host, meminfo, status

# 130. Docker 20.10.22 on Ubuntu 22.04 (kernel 5.15, cgroup v2) with
# `"exec-opts": ["native.cgroupdriver=systemd"]`: "docker run --pids-limit -1
# alpine cat /sys/fs/cgroup/pids.max" prints 9457, and so do --pids-limit 0
# and no flag; --pids-limit 100 prints 100, and with the cgroupfs driver the
# same runs print max (github.com/moby/moby/issues/45188). The systemd driver
# makes each container a transient docker-<id>.scope, and a scope that is
# not given TasksMax= gets systemd's DefaultTasksMax=15 % of
# min(threads-max, pid_max - 1): threads-max 63047 (an 8 GB host: RAM / 128
# KiB) -> 9457. The thread shows the limit; the failure replayed is the one
# it makes, a container whose tasks reach 9457 (kubernetes#131235 saw the
# same with 9830 and "cannot create new threads"). Docker's default on v2 is
# a private cgroup namespace: the container reads its scope as /.
JAMMY_KERNEL = "5.15.0-67-generic"


def docker_v2_container(kernel, cid, me, procs, *, ns, level, exe, **host_kw):
    """What a docker container on a cgroup v2 host shows: its own cgroup
    namespace (its level read as /), /.dockerenv, and the files dockerd
    binds from /var/lib/docker/containers/<id>."""
    hostpath = f"/var/lib/docker/containers/{cid}"
    binds = [(1340 + i, 1310, "252:1", f"{hostpath}/{name}", f"/etc/{name}", "rw,relatime", "", "ext4",
              "/dev/vda1", "rw") for i, name in enumerate(("hostname", "hosts", "resolv.conf"))]
    comm = me.split("\n", 1)[0].split("\t")[1]
    tree = host(
        kernel, comm=comm, self_status=me, procs=procs, cgroup="0::/\n",
        mounts=container_mounts([(1314, 1313, "0:29", "/", "/sys/fs/cgroup", "ro,nosuid,nodev,noexec,relatime", "",
                                  "cgroup2", "cgroup", "rw,nsdelegate,memory_recursiveprot")], binds),
        ns=ns, hostname=cid[:12], exe=exe, **host_kw)
    tree.update(cgroup_files("sys/fs/cgroup", {"": level}))
    tree[".dockerenv"] = ""
    return tree


def docker_systemd_driver_9457():
    cid = hexid("moby-45188-jammy")
    server = status(JAMMY_KERNEL, "server", 1, 9_421, vm_size_kb=24_000_000, vm_data_kb=3_900_000)
    procs = {1: server}
    for i in range(36):
        procs[40 + i] = status(JAMMY_KERNEL, "sh", 40 + i, 1, ppid=1, vm_data_kb=400)
    return docker_v2_container(
        JAMMY_KERNEL, cid, server, procs, ns={"user": 4026531837, "pid": 4026532581, "cgroup": 4026532583},
        level=v2_own_level(9457, 9457, 3, memory_current=4_100_000_000), exe="/usr/local/bin/server",
        pid_max=4194304, threads_max=63_047, tasks=10_120,
        mem=meminfo(JAMMY_KERNEL, {"MemTotal": 8_070_016, "MemFree": 2_300_000, "MemAvailable": 3_600_000,
                                   "Cached": 1_400_000, "SwapTotal": 2_097_148, "SwapFree": 2_097_148,
                                   "CommitLimit": 6_132_156, "Committed_AS": 9_800_000}))


# 131. Elasticsearch 5.4 on a freshly installed CentOS 7 VM (kernel 3.10,
# systemd 219): "max number of threads [1861] for user [elasticsearch] is
# too low, increase to at least [2048]"; "Systemd ignores the values
# specified in 'limits.conf', so need to add `LimitNPROC` to systemd unit
# file" (github.com/voxpupuli/puppet-elasticsearch/issues/836, fixed by
# pull 837). The unit had no LimitNPROC=, so the JVM kept PID 1's
# RLIMIT_NPROC, the kernel's boot value threads-max / 2: threads-max 3722,
# a VM of about 465 MiB (MemTotal from RAM / 128 KiB). The snapshot is the
# JVM in elasticsearch.service as its bootstrap check runs, 31 threads in.
# CentOS 7.3's kernel of May 2017.
EL73_KERNEL = "3.10.0-514.21.1.el7.x86_64"


def el7_es_bootstrap_1861(uid):
    user = {"uid": uid, "cap_eff": "0000000000000000"}
    unit = "/system.slice/elasticsearch.service"
    jvm = status(EL73_KERNEL, "java", 2873, 31, ppid=1, vm_size_kb=2_900_000, vm_data_kb=420_000, **user)
    procs = {1: status(EL73_KERNEL, "systemd", 1, 1), 2873: jvm,
             620: status(EL73_KERNEL, "sshd", 620, 1, ppid=1), 681: status(EL73_KERNEL, "puppet", 681, 2, ppid=1)}
    return old_v1_host(
        EL73_KERNEL, EL7_CONTROLLERS, {"devices": unit, "name=systemd": unit}, 300_000_000, comm="java",
        self_status=jvm, procs=procs, pid_max=32768, threads_max=3_722, tasks=142, hostname="es-node-1",
        nproc=1861, exe="/usr/lib/jvm/java-1.8.0-openjdk-1.8.0.131-3.b12.el7_3.x86_64/jre/bin/java",
        mem=meminfo(EL73_KERNEL, {"MemTotal": 476_416, "MemFree": 40_000, "MemAvailable": 120_000,
                                  "Cached": 90_000, "SwapTotal": 1_048_572, "SwapFree": 1_000_000,
                                  "CommitLimit": 1_286_780, "Committed_AS": 900_000}))


# 132. OpenWA (whatsapp-web.js: one headless Chromium per WhatsApp session)
# in docker compose with `pids_limit: 512`: a new session fails "Failed to
# launch the browser process: Code: null"; "Around 4 concurrent sessions
# the container approaches 512, and the next session's Chromium gets killed
# mid-spawn when fork() returns EAGAIN ... watching `docker stats` they saw
# the PID count sitting near 512 with 4 sessions, and raising the limit
# resolved it" (github.com/rmyndharis/OpenWA/issues/636, fixed by pull 652,
# which raised the default and made it configurable). The reporter ran
# Docker Desktop on an Intel Mac: a LinuxKit VM on cgroup v2, dockerd's
# cgroupfs driver, the container in its own cgroup namespace. Per session
# (the pull's "20-40 processes"): the browser with 34 threads, 2 zygotes, a
# GPU process with 9, the network service with 8, storage with 6, crashpad
# with 2 and 4 renderers of 16: 125 tasks. The node API holds 11, four
# sessions 500, and the fifth session's browser, just started, is refused
# its first thread (Chromium's zygote children come from a raw clone the
# shim does not see; its threads from pthread_create).
LINUXKIT_KERNEL = "6.10.14-linuxkit"


def openwa_chromium_pids_512():
    cid = hexid("openwa-api")
    chrome = status(LINUXKIT_KERNEL, "chrome", 4210, 1, ppid=1, vm_size_kb=34_000_000, vm_data_kb=60_000)
    procs = {1: status(LINUXKIT_KERNEL, "node", 1, 11, vm_size_kb=1_300_000, vm_data_kb=240_000), 4210: chrome}
    pid = 100
    for _ in range(4):
        browser = pid
        session = [("chrome", 34, 1), ("chrome", 1, browser), ("chrome", 1, browser), ("chrome", 9, browser),
                   ("chrome", 8, browser), ("chrome", 6, browser), ("chrome_crashpad", 2, 1)]
        session += [("chrome", 16, browser + 1)] * 4
        for comm, threads, ppid in session:
            procs[pid] = status(LINUXKIT_KERNEL, comm, pid, threads, ppid=ppid, vm_size_kb=1_200_000,
                                vm_data_kb=80_000)
            pid += 1
        pid += 20
    return docker_v2_container(
        LINUXKIT_KERNEL, cid, chrome, procs, ns={"user": 4026531837, "pid": 4026532301, "cgroup": 4026532302},
        level=v2_own_level(512, 512, 7, memory_max=2_147_483_648, memory_current=1_460_000_000),
        exe="/root/.cache/puppeteer/chrome/linux-127.0.6533.88/chrome-linux64/chrome",
        pid_max=4194304, threads_max=62_800, tasks=780,
        mem=meminfo(LINUXKIT_KERNEL, {"MemTotal": 8_039_000, "MemFree": 4_200_000, "MemAvailable": 5_900_000,
                                      "Cached": 1_800_000, "SwapTotal": 1_048_572, "SwapFree": 1_048_572,
                                      "CommitLimit": 5_068_072, "Committed_AS": 4_300_000}))


# 133. A cluster installed with kubeasz, whose kubelet config carried its
# default POD_MAX_PIDS 1024 as podPidsLimit: a Java process "after running
# for a while" throws "Exception in thread "main" java.lang.OutOfMemoryError:
# unable to create new native thread"; the limits inside the container and
# on the system were high and not reached; podPidsLimit back to -1 fixed it
# (github.com/easzlab/kubeasz/issues/1343; kubeasz changed the default).
# The OS is not in the thread: Ubuntu 22.04 (kernel 5.15, cgroup v2) with
# containerd 1.7's CRI and the systemd cgroup driver, as kubeasz installs
# it. The limit sits on the pod's slice, above the container's cgroup
# namespace: the JVM sees its own level at max with 1023 tasks (the pause
# container holds the 1024th), and before 6.11 the refusals are counted in
# the forking cgroup's pids.events.
KUBEASZ_KERNEL = "5.15.0-91-generic"


def kubeasz_pod_pids_1024():
    java = status(KUBEASZ_KERNEL, "java", 1, 1_023, vm_size_kb=11_200_000, vm_data_kb=4_600_000,
                  vm_rss_kb=2_700_000)
    tree = host(
        KUBEASZ_KERNEL, comm="java", self_status=java, procs={1: java}, cgroup="0::/\n",
        mounts=containerd_pod_mounts("7c1e4b2a-0d93-4f6e-b8a5-3f2c9d1e6a47", hexid("kubeasz-sandbox"), dev="253:0",
                                     fs=("ext4", "/dev/mapper/ubuntu--vg-ubuntu--lv", "rw")),
        ns={"user": 4026531837, "pid": 4026532911, "cgroup": 4026532912}, pid_max=4194304,
        threads_max=255_000, tasks=2_950, hostname="order-service-5c8d7b9f6-tq2lm",
        mem=meminfo(KUBEASZ_KERNEL, {"MemTotal": 32_600_000, "MemFree": 8_100_000, "MemAvailable": 17_900_000,
                                     "Cached": 9_200_000, "CommitLimit": 16_300_000, "Committed_AS": 21_400_000}))
    tree.update(cgroup_files("sys/fs/cgroup", {"": v2_own_level("max", 1_023, 4, memory_max=6_442_450_944,
                                                                 memory_current=3_100_000_000)}))
    return tree


FIELD8_MACHINES = {
    "kubeasz-pod-pids-1024": lambda uid: kubeasz_pod_pids_1024(),
    "openwa-chromium-pids-512": lambda uid: openwa_chromium_pids_512(),
    "el7-es-bootstrap-1861": el7_es_bootstrap_1861,
    "docker-systemd-driver-9457": lambda uid: docker_systemd_driver_9457(),
}
