"""Fixture machines of the twenty-ninth field audit (scenarios 274-275),
built as incidents13.py says: the thread's numbers, the rest filled in and
named so.
"""
from incidents import v1_systemd_host
from incidents26 import container_v2_mounts, v2_container_level
from incidents12 import v2_service_host
from incidents28 import fill
from procfs import INIT_NS, cgroup_files, host, meminfo, status

V1_CONTROLLERS = ["pids", "memory", "devices", "freezer", "cpuset", "net_cls,net_prio", "blkio", "cpu,cpuacct",
                  "hugetlb", "perf_event", "rdma", "name=systemd"]


def podman_container(kernel, comm, me, procs, *, pids_max, events, pid_ns, hostname, threads_max, mem_total,
                     memory_current, **kw):
    """A rootful podman container on cgroup v2 at its pids limit, in its own
    PID and cgroup namespaces, the host's pid_max 4194304, a quarter of
    mem_total (kB) in use."""
    mem_kb = {"MemTotal": mem_total, "MemFree": mem_total // 2, "MemAvailable": mem_total * 3 // 4,
              "Cached": mem_total // 5, "CommitLimit": mem_total // 2, "Committed_AS": mem_total // 4}
    tree = host(
        kernel, comm=comm, self_status=me, procs=procs, cgroup="0::/\n", mounts=container_v2_mounts(),
        ns={"user": INIT_NS["user"], "pid": pid_ns, "cgroup": pid_ns + 2}, pid_max=4_194_304,
        threads_max=threads_max, tasks=pids_max + 500, hostname=hostname, mem=meminfo(kernel, mem_kb), **kw)
    tree.update(cgroup_files("sys/fs/cgroup", v2_container_level(pids_max, pids_max, events,
                                                                 memory_current=memory_current)))
    tree["run/.containerenv"] = ""
    return tree


# 274a. Azure/AKS#2709, AKS 1.22.2 on a node pool of three Standard_D32
# (32 vCPUs, 128 GiB), Azure CNI, max pods 250: "After deploying
# approximately 400-500 containers to an AKS node, the node becomes
# unstable and is not able to start new containers or additional processes
# in existing containers", "container creation fails after approximately
# 400-450 containers per node is reached", `kubectl exec` fails too; the
# title's cause: "containerd uses default value of TasksMax=512". The
# pods' containers run in kubepods; what sits in containerd.service's
# cgroup is containerd, one containerd-shim-runc-v2 a pod (shim v2 groups
# a pod's containers) and the runc each shim forks for a create or an
# exec. The fix is TasksMax=infinity in containerd.service, as
# containerd's own unit ships it (github.com/containerd/cri/pull/1251,
# docker/containerd-packaging#55). Not in the thread and filled in: the
# node image (Ubuntu 18.04, 5.4.0-1064-azure, cgroup v1), 43 pods of 10
# containers on the node (430), each shim's 11 threads, containerd's 24,
# the runc processes mid-start up to 512, a shim's fork of runc refused.
def aks_containerd_tasksmax_512():
    kernel = "5.4.0-1064-azure"
    unit = "system.slice/containerd.service"
    procs = {1: status(kernel, "systemd", 1, 1), 1100: status(kernel, "containerd", 1100, 24, ppid=1),
             1300: status(kernel, "kubelet", 1300, 60, ppid=1)}
    held = 24
    held += fill(procs, kernel, 20_000, 43, "containerd-shim", lambda i: 11, ppid=1)
    me = procs[20_007]
    held += fill(procs, kernel, 30_000, 512 - held, "runc", lambda i: 1, ppid=20_007)
    return v1_systemd_host(
        kernel, V1_CONTROLLERS, ("containerd-shim", me), procs, placed={c: f"/{unit}" for c in V1_CONTROLLERS},
        pids={unit: (512, 512, 1_904), "system.slice": ("max", 700, 0), "kubepods": ("max", 5_900, 0)},
        tasks=6_900, hostname="aks-nodepool1-27484851-vmss000001", root_usage=21_000_000_000, threads_max=1_029_000,
        mem_kb={"MemTotal": 131_916_000, "MemFree": 70_000_000, "MemAvailable": 110_000_000, "Cached": 30_000_000,
                "CommitLimit": 65_958_000, "Committed_AS": 40_000_000})


# 274b. mozilla/translations#630 ("Many random errors on CPU generic
# workers"), after its Taskcluster workers moved from docker-worker to
# generic-worker, whose d2g runs each task's image with podman: "OpenBLAS
# blas_thread_init: pthread_create failed for thread 22 of 32: Resource
# temporarily unavailable", "OpenBLAS blas_thread_init: RLIMIT_NPROC
# 1031641 current, 1031641 max", "Error: can't start new thread", from a
# `fasttext_filter` step run many at once ("[34/12:fasttext_filter]");
# "by default there's a limit of 2048 pids in the container" (podman's
# --pids-limit), taken to taskcluster/taskcluster#7120, "generic-worker/d2g
# uses default resource limits for running containers". RLIMIT_NPROC
# 1031641 is init's half of threads-max 2063282, a 252 GiB machine
# (§11.30): far from full. Not in the thread and filled in: the kernel
# (Ubuntu 22.04's 6.5 on GCP, cgroup v2, pid_max 4194304), 32 vCPUs as
# OpenBLAS's 32 says, 60 python3 jobs each with OpenBLAS's pool of 32
# threads (33 a process) up to 2048, the failing one at 22.
def translations_openblas_podman_2048():
    kernel = "6.5.0-1020-gcp"
    procs = {1: status(kernel, "run-task", 1, 5), 20: status(kernel, "parallel", 20, 1, ppid=1)}
    held = 6
    held += fill(procs, kernel, 100, 60, "python3", lambda i: 33, ppid=20)
    me = procs[300] = status(kernel, "python3", 300, 22, ppid=20, vm_data_kb=2_400_000)
    held += 22
    held += fill(procs, kernel, 400, 2048 - held, "fasttext", lambda i: 1, ppid=20)
    return podman_container(
        kernel, "python3", me, procs, pids_max=2048, events=377, pid_ns=4026532811, hostname="translations-1-b-cpu-9k2d",
        threads_max=2_063_282, nproc=1_031_641, memory_current=40_000_000_000, mem_total=264_100_000)


# 274c. kubevirt/project-infra pull 5247, "raise container pids_limit from
# 4096 to 8192": KubeVirt's CI runs its builds and unit tests in a podman
# container made from the job's bootstrap image, whose containers.conf
# set `pids_limit` 4096; "Unit test jobs (e.g. `pull-kubevirt-unit-test`)
# run 71+ parallel Ginkgo processes via Bazel. Under the current 4096 PID
# limit, this exhausts available threads, causing `pthread_create` to fail
# with `EAGAIN` and crashing test processes during GC / initialization";
# fixed by 8192 ("Doubling to 8192 provides sufficient headroom ... while
# keeping the safety net against runaway forks"). A Go test binary keeps
# up to GOMAXPROCS threads, the node's cores. Not in the thread and filled
# in: the kernel (CentOS Stream 9's 5.14, cgroup v2), 71 test processes of
# 52 threads (a 48-core node's GOMAXPROCS and the runtime's own), Bazel's
# server of 180 threads, the rest its workers up to 4096, a test binary's
# runtime/cgo pthread_create the call refused.
def kubevirt_unit_tests_4096():
    kernel = "5.14.0-427.el9.x86_64"
    procs = {1: status(kernel, "entrypoint", 1, 1), 40: status(kernel, "bazel", 40, 180, ppid=1)}
    held = 181
    held += fill(procs, kernel, 1_000, 71, "go_default_test", lambda i: 52, ppid=40)
    me = procs[1_002]
    held += fill(procs, kernel, 2_000, 4096 - held, "process-wrapper", lambda i: 1, ppid=40)
    return podman_container(
        kernel, "go_default_test", me, procs, pids_max=4096, events=912, pid_ns=4026533021, hostname="bootstrap-5b6d9",
        threads_max=1_545_000, memory_current=30_000_000_000,
        exe="/root/go/src/kubevirt.io/kubevirt/bazel-bin/pkg/virt-controller/watch/go_default_test_/go_default_test",
        mem_total=197_700_000)


# 283. canonical/mongodb-operator#576, "Allow TasksMax=infinity to avoid
# \"Pthread_create failed\" error": a charmed MongoDB related to 26
# units drops clients' connections, its log at connectionCount 4585:
# "pthread_create failed" (id 4850900, "Resource temporarily
# unavailable"), "Thread creation failed", "Failed to create service entry
# worker thread"; the ask is `TasksMax=infinity` in
# snap.charmed-mongodb.mongod.service (open). mongod runs a thread for
# each connection beside its own. Not in the thread and filled in: the
# machine (Ubuntu 22.04's 5.15, cgroup v2, systemd 249, 4 GiB:
# threads-max 31367, so DefaultTasksMax=15 % is 4705), mongod's 120 own
# threads beside the 4585 connections' (4705), the listener's
# pthread_create refused; the snap's mongod runs as root (snap_daemon's
# uid is not in the thread).
def charmed_mongod_snap_tasksmax():
    kernel = "5.15.0-119-generic"
    unit = "snap.charmed-mongodb.mongod.service"
    me = status(kernel, "mongod", 2210, 4705, ppid=1, vm_data_kb=2_900_000, vm_size_kb=9_800_000)
    procs = {1: status(kernel, "systemd", 1, 1), 2210: me}
    return v2_service_host(
        kernel, unit, comm="mongod", me=me, procs=procs, pids_max=4705, pids_current=4705, slice_current=4805,
        mem_current=2_600_000_000, threads_max=31_367, tasks=4_950, hostname="juju-4f2a1c-mongodb-0",
        exe="/snap/charmed-mongodb/133/usr/bin/mongod",
        mem=meminfo(kernel, {"MemTotal": 4_015_000, "MemFree": 600_000, "MemAvailable": 1_100_000, "Cached": 700_000,
                             "CommitLimit": 2_007_500, "Committed_AS": 5_400_000}))


# Each machine by its builder's name, dashed.
FIELD29_MACHINES = {
    builder.__name__.replace("_", "-"): (lambda uid, b=builder: b())
    for builder in (aks_containerd_tasksmax_512, translations_openblas_podman_2048,
                    kubevirt_unit_tests_4096, charmed_mongod_snap_tasksmax)
}
