"""Fixture /proc and /sys trees of machines we cannot make here: an old
kernel, a strict-overcommit host, a host at threads-max, a JVM at
vm.max_map_count, a host out of RAM. The shim reads them through
FORKEXPLAIN_PROC_ROOT and FORKEXPLAIN_SYS_ROOT, so its real collection code
runs on them.

Container views and kernel eras (issue 6) are built in eras.py, in each
kernel's file formats (procfs.py).

Incidents from public threads are in incidents.py, partial trees (files
a kernel or a container does not give) in partial.py; both are built on
demand, as functions of FIXTURE_UID (the uid the replay runs as).

usage: machines.py NAME DEST     (DEST gets proc/ and sys/)
"""
import os
import sys

from eras import ERA_MACHINES, el7
from incidents import INCIDENT_MACHINES
from incidents4 import FIELD4_MACHINES
from incidents5 import FIELD5_MACHINES
from incidents6 import FIELD6_MACHINES
from incidents7 import FIELD7_MACHINES
from incidents8 import FIELD8_MACHINES
from incidents9 import FIELD9_MACHINES
from incidents10 import FIELD10_MACHINES
from incidents11 import FIELD11_MACHINES
from incidents12 import FIELD12_MACHINES
from incidents13 import FIELD13_MACHINES
from incidents15 import FIELD15_MACHINES
from incidents22 import FIELD22_MACHINES
from guestvms import GUEST_VM_MACHINES
from cloudlinux import CLOUDLINUX_MACHINES
from kubev2 import KUBE_V2_MACHINES
from incidents26 import FIELD26_MACHINES
from incidents27 import FIELD27_MACHINES
from incidents28 import FIELD28_MACHINES
from incidents29 import FIELD29_MACHINES
from incidents295 import FIELD295_MACHINES
from incidentsfs6 import FIELDFS6_MACHINES
from incidentsfg7 import FIELDFG7_MACHINES
from incidentsfs7 import FIELDFS7_MACHINES
from incidentsfs8 import FIELDFS8_MACHINES
from partial import PARTIAL_MACHINES
from procfs import Link

INIT_PID_NS = "pid:[4026531836]"


def status(name, pid, uid, threads, state="S (sleeping)", vm_data_kb=2000, vm_size_kb=12000):
    return (
        f"Name:\t{name}\nUmask:\t0022\nState:\t{state}\nTgid:\t{pid}\nPid:\t{pid}\nPPid:\t1\n"
        f"Uid:\t{uid}\t{uid}\t{uid}\t{uid}\nGid:\t{uid}\t{uid}\t{uid}\t{uid}\n"
        f"NSpid:\t{pid}\nVmSize:\t{vm_size_kb} kB\nVmData:\t{vm_data_kb} kB\nVmRSS:\t{vm_data_kb // 2} kB\n"
        f"Threads:\t{threads}\nCapEff:\t000001ffffffffff\n"
    )


LIMITS = (
    "Limit                     Soft Limit           Hard Limit           Units     \n"
    "Max stack size            8388608              unlimited            bytes     \n"
    "Max processes             {nproc}                {nproc}                processes \n"
    "Max open files            1024                 4096                 files     \n"
    "Max address space         unlimited            unlimited            bytes     \n"
)

V1_MOUNTS = (
    "25 20 0:22 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755\n"
    "30 25 0:26 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:13 - cgroup cgroup rw,memory\n"
    "33 25 0:29 / /sys/fs/cgroup/pids rw,nosuid,nodev,noexec,relatime shared:16 - cgroup cgroup rw,pids\n"
)


def meminfo(total, available, swap_total=0, swap_free=0, commit_limit=None, committed=1_000_000):
    if commit_limit is None:
        commit_limit = total // 2 + swap_total
    return (
        f"MemTotal:       {total} kB\nMemFree:        {available // 2} kB\nMemAvailable:   {available} kB\n"
        f"SwapTotal:      {swap_total} kB\nSwapFree:       {swap_free} kB\n"
        f"CommitLimit:    {commit_limit} kB\nCommitted_AS:   {committed} kB\n"
    )


def base(kernel, *, pid_max=32768, threads_max=500000, tasks=300, overcommit=0, ratio=50,
         max_map_count=65530, mem=None, self_status=None, nproc=4096, maps_lines=40, procs=None):
    """The files every machine has; callers override what makes it special."""
    return {
        "proc/sys/kernel/osrelease": kernel + "\n",
        "proc/sys/kernel/pid_max": f"{pid_max}\n",
        "proc/sys/kernel/threads-max": f"{threads_max}\n",
        "proc/sys/kernel/random/boot_id": "5a1e2f9c-0b7d-4c1a-9e0f-3d2c1b0a9f8e\n",
        "proc/loadavg": f"0.50 0.40 0.30 2/{tasks} 31337\n",
        "proc/meminfo": mem or meminfo(65_808_000, 50_000_000),
        "proc/sys/vm/overcommit_memory": f"{overcommit}\n",
        "proc/sys/vm/overcommit_ratio": f"{ratio}\n",
        "proc/sys/vm/overcommit_kbytes": "0\n",
        "proc/sys/vm/max_map_count": f"{max_map_count}\n",
        "proc/self/comm": "bash\n",
        "proc/self/status": self_status or status("bash", 31337, 0, 1),
        "proc/self/limits": LIMITS.format(nproc=nproc),
        "proc/self/cgroup": "10:memory:/system.slice/app.service\n4:pids:/system.slice/app.service\n",
        "proc/self/mountinfo": V1_MOUNTS,
        "proc/self/uid_map": "         0          0 4294967295\n",
        "proc/self/maps": "".join(
            f"{0x7f0000000000 + i * 0x1000:x}-{0x7f0000001000 + i * 0x1000:x} rw-p 00000000 00:00 0 \n"
            for i in range(maps_lines)
        ),
        "sys/fs/cgroup/pids/system.slice/app.service/pids.max": "max\n",
        "sys/fs/cgroup/pids/system.slice/app.service/pids.current": "12\n",
        "sys/fs/cgroup/pids/system.slice/pids.max": "max\n",
        "sys/fs/cgroup/pids/system.slice/pids.current": "80\n",
        "sys/fs/cgroup/memory/system.slice/app.service/memory.limit_in_bytes": "9223372036854771712\n",
        "sys/fs/cgroup/memory/system.slice/app.service/memory.usage_in_bytes": "104857600\n",
        "sys/fs/cgroup/memory/system.slice/app.service/memory.failcnt": "0\n",
        "sys/fs/cgroup/memory/system.slice/app.service/memory.oom_control":
            "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n",
        **{f"proc/{pid}/status": text for pid, text in (procs or {}).items()},
    }


V2_MOUNTS = "30 25 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate\n"


def v2(files):
    """A pure cgroup v2 host (systemd's unified layout): the process in
    /system.slice/app.service, with the controllers the root offers."""
    tree = {
        "proc/self/cgroup": "0::/system.slice/app.service\n",
        "proc/self/mountinfo": V2_MOUNTS,
        "sys/fs/cgroup/cgroup.controllers": "cpuset cpu io memory hugetlb pids rdma misc\n",
    }
    tree.update({f"sys/fs/cgroup/{path}": text for path, text in files.items()})
    return tree


MACHINES = {
    # The founding case (reference/): CentOS 7.8, kernel 3.10, Java threads
    # have used every PID; bash's fork gets ENOMEM with 50 GB available.
    # Built as CentOS 7 shows it: no pids controller, no NSpid.
    "el7-pid-max": el7(tasks=32760, holders={2201: 16210, 2202: 16020}),
    # Strict overcommit: a 900 MB daemon forks with 10 GB of RAM available,
    # but Committed_AS is within 500 MB of CommitLimit.
    "overcommit-strict": base(
        "5.15.0-91-generic",
        overcommit=2,
        mem=meminfo(16_000_000, 10_000_000, commit_limit=8_000_000, committed=7_500_000),
        self_status=status("redis-server", 4100, 0, 4, vm_data_kb=900_000, vm_size_kb=1_000_000),
        procs={4100: status("redis-server", 4100, 0, 4, vm_data_kb=900_000)},
    ),
    # kernel.threads-max reached (set low by someone; the default is RAM-based).
    "threads-max": base(
        "6.1.0-18-amd64",
        threads_max=12000,
        tasks=12000,
        self_status=status("java", 5000, 0, 11800),
        procs={5000: status("java", 5000, 0, 11800)},
    ),
    # A JVM whose thread-stack mmap is refused at vm.max_map_count.
    "max-map-count": base(
        "6.1.0-18-amd64",
        max_map_count=2000,
        maps_lines=2000,
        self_status=status("java", 6000, 0, 950, vm_size_kb=40_000_000),
        procs={6000: status("java", 6000, 0, 950)},
    ),
    # cgroup v2: the slice's pids.max (TasksMax=) binds, not the service's;
    # v2's pids.events is hierarchical since 6.11.
    "v2-pids-slice": {
        **base("6.12.0-amd64", self_status=status("node", 8100, 1000, 11),
               procs={8100: status("node", 8100, 1000, 11)}),
        **v2({
            "system.slice/app.service/pids.max": "max\n",
            "system.slice/app.service/pids.current": "11\n",
            "system.slice/app.service/pids.events": "max 0\n",
            "system.slice/app.service/pids.events.local": "max 0\n",
            "system.slice/pids.max": "512\n",
            "system.slice/pids.current": "512\n",
            "system.slice/pids.peak": "512\n",
            "system.slice/pids.events": "max 37\n",
            "system.slice/pids.events.local": "max 37\n",
        }),
    },
    # cgroup v2 memory.max reached with no OOM victim: memory.events counts
    # oom without oom_kill, and the host has plenty of RAM.
    "v2-memcg": {
        **base("6.12.0-amd64", self_status=status("java", 9100, 1000, 40),
               procs={9100: status("java", 9100, 1000, 40)}),
        **v2({
            "system.slice/app.service/memory.max": "536870912\n",
            "system.slice/app.service/memory.current": "536739840\n",
            "system.slice/app.service/memory.peak": "536870912\n",
            "system.slice/app.service/memory.events": "low 0\nhigh 0\nmax 912\noom 14\noom_kill 0\noom_group_kill 0\n",
            "system.slice/app.service/memory.events.local":
                "low 0\nhigh 0\nmax 912\noom 14\noom_kill 0\noom_group_kill 0\n",
            "system.slice/memory.max": "max\n",
            "system.slice/memory.current": "2147483648\n",
        }),
    },
    # Really out of memory: 30 MB available of 4 GB, no swap.
    "memory-exhausted": base(
        "6.1.0-18-amd64",
        mem=meminfo(4_000_000, 30_000, committed=3_900_000, commit_limit=2_000_000),
        procs={7000: status("postgres", 7000, 100, 1, vm_data_kb=3_500_000)},
    ),
}


MACHINES.update(ERA_MACHINES)
# v2-pids-slice a moment later: the slice is 2 under the TasksMax that
# refused forks before (pids.events max 37).
MACHINES["v2-pids-slice-near"] = {**MACHINES["v2-pids-slice"], "sys/fs/cgroup/system.slice/pids.current": "510\n"}


def main() -> int:
    name, dest = sys.argv[1], sys.argv[2]
    built = {**INCIDENT_MACHINES, **FIELD4_MACHINES, **FIELD5_MACHINES, **FIELD6_MACHINES, **FIELD7_MACHINES,
             **FIELD8_MACHINES, **FIELD9_MACHINES, **FIELD10_MACHINES, **FIELD11_MACHINES, **FIELD12_MACHINES,
             **FIELD13_MACHINES, **FIELD15_MACHINES, **FIELD22_MACHINES, **GUEST_VM_MACHINES, **CLOUDLINUX_MACHINES,
             **KUBE_V2_MACHINES, **FIELD26_MACHINES, **FIELD27_MACHINES, **FIELD28_MACHINES, **FIELD29_MACHINES,
             **FIELD295_MACHINES,
             **FIELDFS6_MACHINES,
             **FIELDFG7_MACHINES,
             **FIELDFS7_MACHINES,
             **FIELDFS8_MACHINES,
             **PARTIAL_MACHINES}
    if name not in MACHINES and name not in built:
        print(f"unknown machine {name}; known: {', '.join([*MACHINES, *built])}", file=sys.stderr)
        return 2
    machine = MACHINES[name] if name in MACHINES else built[name](int(os.environ.get("FIXTURE_UID", "0")))
    for rel, text in machine.items():
        path = os.path.join(dest, rel)
        os.makedirs(os.path.dirname(path) or dest, exist_ok=True)
        if isinstance(text, Link):
            os.symlink(text, path)
        else:
            with open(path, "w") as f:
                f.write(text)
    if "proc/self/ns/pid" in machine or name in built or "proc/self" in machine:
        return 0  # the machine lists its own namespace links (or has none)
    ns = os.path.join(dest, "proc/self/ns")
    os.makedirs(ns, exist_ok=True)
    # Kernel 3.10 has no pid_for_children (added in 4.12).
    os.symlink(INIT_PID_NS, os.path.join(ns, "pid"))
    os.symlink("user:[4026531837]", os.path.join(ns, "user"))
    if not name.startswith("el7"):
        os.symlink(INIT_PID_NS, os.path.join(ns, "pid_for_children"))
        # Kernel 3.10 has no cgroup namespace either (4.6).
        os.symlink("cgroup:[4026531835]", os.path.join(ns, "cgroup"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
