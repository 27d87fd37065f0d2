"""Fixture machines of the seventh field audit (scenarios 123 and up), built
like incidents6.py's: each comment names the thread and the numbers taken
from it; what the thread did not say is filled in as that distribution,
kernel and runtime ship it, and the comment says so. Built only when asked
for, as functions of FIXTURE_UID (the uid the replay runs as).
"""
from eras import XENIAL_CONTROLLERS, hexid
from incidents import v1_systemd_host
from podman import podman_v2_mounts, podman_v2_pids_full
from procfs import INIT_NS, host, meminfo, status


# 123. A GitLab CI job on a self-hosted ppc64le runner (IBM Cloud Power,
# RHEL 9, kernel 5.14, cgroup v2): the docker executor talks to podman's
# Docker-compatible API, so each job container gets podman's default
# pids_limit, 2048. Building Pillow's wheel compiles 60+ C files, each a
# ccache -> gcc -> cc1 -> as chain, two jobs at once: "ccache: error: Failed
# to fork: Resource temporarily unavailable" and "gcc: error: posix_spawn:
# Operation not permitted" (github.com/redhat-developer/mapt/pull/856,
# merged: pids_limit = -1 in containers.conf, --docker-pids-limit -1 on
# `gitlab-runner register`, TasksMax=infinity on gitlab-runner.service).
# gcc's EPERM is glibc bug 29109 (2.34, RHEL 9's glibc: every clone failure
# of posix_spawn reported as EPERM). The container's cgroup is private
# (podman's default on v2), so it sees itself as "/". Not in the thread and
# filled in: the host's size (a Power9 LPAR, 64 GB), the kernel build, how
# many chains were running, the counters' values.
def gitlab_ppc64le_pids_2048(comm):
    kernel = "5.14.0-427.13.1.el9_4.ppc64le"
    cid = hexid("gitlab-job-pillow")
    me = status(kernel, comm, 4410, 1, ppid=4402, vm_data_kb=6_000, vm_size_kb=14_000)
    procs = {1: status(kernel, "bash", 1, 1), 4410: me,
             4402: status(kernel, "python3", 4402, 3, ppid=1, vm_data_kb=120_000)}
    # 2048 tasks: 511 ccache -> gcc -> cc1 -> as chains and the job's shell
    # and pip (4 x 511 + 4 = 2048).
    for i in range(511):
        base = 10_000 + 4 * i
        procs[base] = status(kernel, "ccache", base, 1, ppid=4402, vm_data_kb=3_000)
        procs[base + 1] = status(kernel, "gcc", base + 1, 1, ppid=base, vm_data_kb=2_000)
        procs[base + 2] = status(kernel, "cc1", base + 2, 1, ppid=base + 1, vm_data_kb=60_000)
        procs[base + 3] = status(kernel, "as", base + 3, 1, ppid=base + 1, vm_data_kb=4_000)
    tree = host(
        kernel, comm=comm, self_status=me, procs=procs, cgroup="0::/\n",
        mounts=podman_v2_mounts(cid),
        ns={"user": INIT_NS["user"], "pid": 4026533110, "cgroup": 4026533112}, pid_max=4194304,
        threads_max=1_030_000, tasks=4_700, hostname=cid[:12], exe=f"/usr/bin/{comm}",
        mem=meminfo(kernel, {"MemTotal": 65_000_000, "MemFree": 30_000_000, "MemAvailable": 52_000_000,
                             "Cached": 20_000_000, "CommitLimit": 36_600_000, "Committed_AS": 14_000_000}),
    )
    tree.update(podman_v2_pids_full(2048, 61, 9800000000))
    return tree


# 124. enjarify's test run in Fedora's koji on armv7hl (and i686): `java
# -Xss515m -jar out.jar` dies at once with "Error occurred during
# initialization of VM / java.lang.OutOfMemoryError: unable to create new
# native thread" (github.com/Storyyeller/enjarify/pull/2, merged: "With
# -Xss515m, java will not start on 32 bit platforms (i686, arm7hl)"; the
# fix drops -Xss). Every Java thread gets a 515 MiB stack, and a 32-bit
# kernel's process has 3 GiB. Not in the thread and reconstructed: the
# builder (Fedora 25's armv7hl+lpae kernel, 4 GiB of RAM, kojid.service
# under systemd 231's TasksMax 15 %), and the address space at the
# failure: the 1 GiB heap HotSpot reserves by default (a quarter of RAM),
# three 515 MiB Java stacks already mapped (the launcher's main thread,
# "Reference Handler", "Finalizer"), code cache, libraries and the VM's own
# threads, 2,776,000 kB in all; the fourth Java thread ("Signal
# Dispatcher") asks for another 515 MiB where 361 MiB are left. VmSize is
# 88 % of 3 GiB: full for this stack, not for a small one.
ARMV7HL_KERNEL = "4.9.9-200.fc25.armv7hl+lpae"


def koji_armv7hl_xss515m():
    me = status(ARMV7HL_KERNEL, "java", 23110, 14, ppid=23100, vm_size_kb=2_776_000, vm_data_kb=2_690_000,
                vm_rss_kb=48_000)
    procs = {1: status(ARMV7HL_KERNEL, "systemd", 1, 1), 23110: me,
             23100: status(ARMV7HL_KERNEL, "python3", 23100, 1, ppid=2210, vm_data_kb=30_000),
             2210: status(ARMV7HL_KERNEL, "kojid", 2210, 1, ppid=1, vm_data_kb=60_000)}
    unit = "/system.slice/kojid.service"
    return v1_systemd_host(
        ARMV7HL_KERNEL, XENIAL_CONTROLLERS, ("java", me), procs,
        placed={"pids": unit, "devices": unit, "name=systemd": unit},
        pids={"system.slice/kojid.service": (4915, 62, 0), "system.slice": ("max", 140, 0)},
        tasks=230, hostname="arm-builder17.phx2.fedoraproject.org", threads_max=31_000,
        root_usage=900_000_000,
        mem_kb={"MemTotal": 4_038_000, "MemFree": 2_300_000, "MemAvailable": 3_300_000, "Cached": 900_000,
                "SwapTotal": 2_097_148, "SwapFree": 2_097_148, "CommitLimit": 4_116_000,
                "Committed_AS": 3_900_000})


FIELD7_MACHINES = {
    "koji-armv7hl-xss515m": lambda uid: koji_armv7hl_xss515m(),
    "gitlab-ppc64le-ccache": lambda uid: gitlab_ppc64le_pids_2048("ccache"),
    "gitlab-ppc64le-gcc": lambda uid: gitlab_ppc64le_pids_2048("gcc"),
}
