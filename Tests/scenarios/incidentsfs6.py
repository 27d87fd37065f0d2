"""Fixture machines of the field audit of scenario 298 (docs/kernel-facts.md
§11.212), built as incidents13.py says: the thread's numbers, the rest
filled in and named so.
"""
from incidents import v1_systemd_host
from incidents28 import fill
from incidents29 import V1_CONTROLLERS
from procfs import status


# 298. systemd/systemd#3833, "logind doesn't support UserTasksMax=infinity":
# systemd 231 on CentOS 7, `UserTasksMax=infinity` in /etc/systemd/logind.conf,
# the journal "systemd-logind[1537197]: [/etc/systemd/logind.conf:5] Failed
# to parse tasks maximum, ignoring: infinity", and "$ cat
# /sys/fs/cgroup/pids/user.slice/user-4967.slice/pids.max 12288"; fixed by
# f50582649f (systemd 232). A later comment: "I just spent several days
# with an unstable system due to this artificial process limit". Not in the
# thread and filled in: an ELRepo mainline kernel (CentOS 7's own 3.10 has
# no pids controller), pid_max 4194304 (logind's pid is 1537197), a 64 GiB
# host, the user's work that fills the slice (no one program: a java of
# 1,200 threads, 400 python3 workers of 25 threads, 1,087 shells and tools
# of one), the java's pthread_create the refused call.
def logind_user_slice_infinity_ignored():
    kernel = "4.7.0-1.el7.elrepo.x86_64"
    slice_ = "user.slice/user-4967.slice"
    session = slice_ + "/session-812.scope"
    procs = {1: status(kernel, "systemd", 1, 1),
             1537197: status(kernel, "systemd-logind", 1537197, 1, ppid=1),
             2_100_000: status(kernel, "java", 2_100_000, 1_200, uid=4967, ppid=2_099_990, vm_data_kb=30_000_000,
                               vm_size_kb=60_000_000, cap_eff="0000000000000000")}
    fill(procs, kernel, 2_090_000, 400, "python3", lambda i: 25, ppid=1, uid=4967)
    fill(procs, kernel, 2_095_000, 1_087, "bash", lambda i: 1, ppid=1, uid=4967)
    tree = v1_systemd_host(
        kernel, V1_CONTROLLERS, ("java", procs[2_100_000]), procs, placed={c: "/" + session for c in V1_CONTROLLERS},
        pids={"user.slice": ("max", 12_400, 0), slice_: (12_288, 12_288, 5_210), session: ("max", 12_288, 0)},
        tasks=13_100, hostname="build01", root_usage=30_000_000_000, threads_max=514_000,
        mem_kb={"MemTotal": 65_860_000, "MemFree": 20_000_000, "MemAvailable": 31_000_000, "Cached": 9_000_000,
                "CommitLimit": 32_930_000, "Committed_AS": 41_000_000})
    tree["proc/sys/kernel/pid_max"] = "4194304\n"
    return tree


# Each machine by its builder's name, dashed.
FIELDFS6_MACHINES = {
    builder.__name__.replace("_", "-"): (lambda uid, b=builder: b())
    for builder in (logind_user_slice_infinity_ignored,)
}
