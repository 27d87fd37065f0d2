"""Partial fixture trees: a machine of machines.py or incidents.py with
files taken away or moved, as a stripped container, an old kernel or a
hand-made reconstruction gives them. The shim must give a verdict from what
is there and say what was not; it must never crash or read a missing file
as a limit with room (or as one that is full).
"""
from procfs import Link


def _base(name):
    # Imported here: machines.py imports this module.
    from machines import MACHINES
    return dict(MACHINES[name])


def without(name, *prefixes):
    """Machine NAME without the files whose path starts with a prefix."""
    return {rel: text for rel, text in _base(name).items() if not rel.startswith(prefixes)}


def self_link(name, pid):
    """proc/self as the kernel makes it, a symlink to proc/PID, with the
    files the machine lists under proc/self moved there (its own
    proc/PID/status, if any, gives way to the self one)."""
    tree = {}
    for rel, text in _base(name).items():
        if rel.startswith("proc/self/"):
            tree[f"proc/{pid}/" + rel[len("proc/self/"):]] = text
        elif not rel.startswith(f"proc/{pid}/") or rel == f"proc/{pid}/ns/pid":
            tree[rel] = text
    tree.setdefault(f"proc/{pid}/ns/pid", Link("pid:[4026531836]"))
    tree[f"proc/{pid}/ns/user"] = Link("user:[4026531837]")
    tree[f"proc/{pid}/ns/pid_for_children"] = Link("pid:[4026531836]")
    tree[f"proc/{pid}/ns/cgroup"] = Link("cgroup:[4026531835]")
    return {"proc/self": Link(str(pid)), **tree}


def v1_without_pids():
    """Ubuntu 16.04's Tomcat host booted on a 4.2 kernel (before the pids
    controller, 4.3): no pids line in /proc/self/cgroup, no pids mount, no
    pids directory. Its TasksMax= cannot apply; fork's EAGAIN comes from
    somewhere else and nothing visible says where."""
    tree = without("xenial-tasksmax", "sys/fs/cgroup/pids")
    tree["proc/sys/kernel/osrelease"] = "4.2.0-42-generic\n"
    tree["proc/self/cgroup"] = "".join(
        line + "\n" for line in tree["proc/self/cgroup"].splitlines() if ":pids:" not in line)
    tree["proc/self/mountinfo"] = "".join(
        line + "\n" for line in tree["proc/self/mountinfo"].splitlines() if not line.endswith(",pids"))
    return tree


PARTIAL_MACHINES = {
    # The slice's TasksMax is full; /proc/loadavg is gone (a stripped
    # container /proc, a hand-made tree): the verdict stands on the cgroup.
    "no-loadavg": lambda uid: without("v2-pids-slice", "proc/loadavg"),
    # A host at threads-max without /proc/sys/kernel/threads-max readable:
    # no verdict may rest on the missing number.
    "no-threads-max": lambda uid: without("threads-max", "proc/sys/kernel/threads-max"),
    # The same slice without the threads-max file: the cgroup still decides.
    "no-threads-max-slice": lambda uid: without("v2-pids-slice", "proc/sys/kernel/threads-max"),
    # No cgroup filesystem at all (/sys/fs/cgroup empty, no cgroup mounts).
    "no-sys-cgroup": lambda uid: {
        **without("xenial-tasksmax", "sys/fs/cgroup"),
        "proc/self/mountinfo": "20 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n"},
    "v1-no-pids": lambda uid: v1_without_pids(),
    # proc/self a symlink to proc/PID, as on a real /proc.
    "self-link-v2-slice": lambda uid: self_link("v2-pids-slice", 8100),
    "self-link-el7": lambda uid: self_link("el7-pid-max", 31337),
}
