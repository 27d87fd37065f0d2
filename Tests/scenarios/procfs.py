"""The /proc files of a fixture machine, in the format and with the fields
of the kernel it replays. A field or file that a kernel did not have yet is
left out, never written empty (docs/kernel-facts.md §6.14): NSpid came in
4.1, MemAvailable in 3.14, /proc/PID/ns/cgroup in 4.6, pid_for_children in
4.12, overcommit_kbytes in 3.14.

Formats are those of fs/proc/meminfo.c (label padded to 16, value width 8,
" kB"), fs/proc/base.c proc_pid_limits ("%-25s %-20s %-20s %-10s"),
kernel/user_namespace.c uid_m_show ("%10u %10u %10u") and
fs/proc_namespace.c show_mountinfo.
"""


class Link(str):
    """A symlink's target: /proc/PID/ns/* read as `cgroup:[4026532500]`."""


# The initial namespaces' inodes are fixed (include/linux/proc_ns.h).
INIT_NS = {"user": 4026531837, "pid": 4026531836, "cgroup": 4026531835}


def release(kernel):
    """(major, minor) of a release string such as 3.10.0-1160.el7.x86_64."""
    major, minor = kernel.split(".")[:2]
    return int(major), int("".join(c for c in minor if c.isdigit()))


def meminfo(kernel, kb):
    """/proc/meminfo with the rows that kernel prints, in its order; kb
    gives the values (kB), absent rows are 0. el7's backport of
    MemAvailable is asked for with kb["MemAvailable"] on a 3.10 kernel."""
    rel = release(kernel)
    rows = ["MemTotal", "MemFree"]
    if rel >= (3, 14) or "MemAvailable" in kb:
        rows.append("MemAvailable")
    rows += ["Buffers", "Cached", "SwapCached", "Active", "Inactive", "Active(anon)", "Inactive(anon)",
             "Active(file)", "Inactive(file)", "Unevictable", "Mlocked", "SwapTotal", "SwapFree"]
    if rel >= (6, 1):
        rows += ["Zswap", "Zswapped"]
    rows += ["Dirty", "Writeback", "AnonPages", "Mapped", "Shmem"]
    if rel >= (4, 20):
        rows.append("KReclaimable")
    rows += ["Slab", "SReclaimable", "SUnreclaim", "KernelStack", "PageTables"]
    if rel >= (6, 0):
        rows.append("SecPageTables")
    rows += ["NFS_Unstable", "Bounce", "WritebackTmp", "CommitLimit", "Committed_AS", "VmallocTotal",
             "VmallocUsed", "VmallocChunk"]
    if rel >= (5, 0):
        rows.append("Percpu")
    rows += ["HardwareCorrupted", "AnonHugePages"]
    if rel >= (4, 8):
        rows += ["ShmemHugePages", "ShmemPmdMapped"]
    rows += ["HugePages_Total", "HugePages_Free", "HugePages_Rsvd", "HugePages_Surp", "Hugepagesize"]
    if rel >= (4, 16):
        rows.append("Hugetlb")
    rows += ["DirectMap4k", "DirectMap2M", "DirectMap1G"]
    defaults = {"VmallocTotal": 34359738367, "Hugepagesize": 2048, "Percpu": 20000,
                "DirectMap4k": 300000, "DirectMap2M": 8000000}
    out = []
    for row in rows:
        value = kb.get(row, defaults.get(row, 0))
        unit = "" if row.startswith("HugePages_") else " kB"
        out.append(f"{row + ':':<16}{value:>8}{unit}\n")
    return "".join(out)


def status(kernel, name, pid, threads, *, uid=0, state="S (sleeping)", ppid=0, nspid=None,
           vm_size_kb=12000, vm_data_kb=2000, vm_rss_kb=None, cap_eff="000001ffffffffff"):
    """/proc/PID/status (the lines the shim and a reader use, in order).
    NSpid appears from 4.1; nspid lists the pid in each namespace from the
    one /proc was mounted for down (default: just pid)."""
    lines = [
        f"Name:\t{name}", "Umask:\t0022", f"State:\t{state}", f"Tgid:\t{pid}", "Ngid:\t0", f"Pid:\t{pid}",
        f"PPid:\t{ppid}", "TracerPid:\t0", f"Uid:\t{uid}\t{uid}\t{uid}\t{uid}", f"Gid:\t{uid}\t{uid}\t{uid}\t{uid}",
        "FDSize:\t256", "Groups:\t",
    ]
    if release(kernel) >= (4, 1):
        lines.append("NSpid:\t" + "\t".join(str(p) for p in (nspid or [pid])))
    rss = vm_rss_kb if vm_rss_kb is not None else vm_data_kb // 2
    lines += [f"VmPeak:\t{vm_size_kb} kB", f"VmSize:\t{vm_size_kb} kB", f"VmRSS:\t{rss} kB",
              f"VmData:\t{vm_data_kb} kB", "VmStk:\t132 kB", f"Threads:\t{threads}",
              "SigQ:\t0/63432", "CapInh:\t0000000000000000", "CapPrm:\t" + cap_eff, "CapEff:\t" + cap_eff,
              "CapBnd:\t" + cap_eff]
    return "\n".join(lines) + "\n"


LIMIT_ROWS = [
    ("Max cpu time", "unlimited", "unlimited", "seconds"),
    ("Max file size", "unlimited", "unlimited", "bytes"),
    ("Max data size", "unlimited", "unlimited", "bytes"),
    ("Max stack size", "8388608", "unlimited", "bytes"),
    ("Max core file size", "0", "unlimited", "bytes"),
    ("Max resident set", "unlimited", "unlimited", "bytes"),
    ("Max processes", None, None, "processes"),
    ("Max open files", "1048576", "1048576", "files"),
    ("Max locked memory", "65536", "65536", "bytes"),
    ("Max address space", "unlimited", "unlimited", "bytes"),
    ("Max file locks", "unlimited", "unlimited", "locks"),
    ("Max pending signals", "63432", "63432", "signals"),
    ("Max msgqueue size", "819200", "819200", "bytes"),
    ("Max nice priority", "0", "0", ""),
    ("Max realtime priority", "0", "0", ""),
    ("Max realtime timeout", "unlimited", "unlimited", "us"),
]


def limits(nproc="unlimited"):
    """/proc/PID/limits; nproc is RLIMIT_NPROC (soft = hard)."""
    out = [f"{'Limit':<25} {'Soft Limit':<20} {'Hard Limit':<20} {'Units':<10}\n"]
    for name, soft, hard, unit in LIMIT_ROWS:
        if soft is None:
            soft = hard = str(nproc)
        out.append(f"{name:<25} {soft:<20} {hard:<20} {unit:<10}\n")
    return "".join(out)


def uid_map(*extents):
    """/proc/PID/uid_map; no extents: the initial user namespace's identity."""
    extents = extents or ((0, 0, 4294967295),)
    return "".join(f"{a:>10} {b:>10} {c:>10}\n" for a, b, c in extents)


def mountinfo(*mounts):
    """mounts: (id, parent, dev, root, point, mount options, optional
    fields, fstype, source, super options)."""
    out = []
    for mid, parent, dev, root, point, opts, optional, fstype, source, sopts in mounts:
        sep = f"{optional} - " if optional else "- "
        out.append(f"{mid} {parent} {dev} {root} {point} {opts} {sep}{fstype} {source} {sopts}\n")
    return "".join(out)


def maps(lines):
    return "".join(
        f"{0x7f0000000000 + i * 0x1000:x}-{0x7f0000001000 + i * 0x1000:x} rw-p 00000000 00:00 0 \n"
        for i in range(lines)
    )


def host(kernel, *, comm, self_status, procs, cgroup, mounts, ns, pid_max=32768, threads_max=253404,
         tasks=600, overcommit=0, ratio=50, mem, nproc="unlimited", uid_map_text=None, hostname="node-1",
         maps_lines=60, max_map_count=65530, exe=None):
    """Every /proc file the machine shows to the failing process.
    procs: pid -> status text of the processes its /proc lists (in its PID
    namespace); ns: namespace name -> inode of the process's namespaces
    (only those the kernel has)."""
    rel = release(kernel)
    tree = {
        "proc/sys/kernel/osrelease": kernel + "\n",
        "proc/sys/kernel/hostname": hostname + "\n",
        "proc/sys/kernel/pid_max": f"{pid_max}\n",
        "proc/sys/kernel/threads-max": f"{threads_max}\n",
        "proc/sys/kernel/random/boot_id": "8d2c41f0-6a3b-4f57-b1de-2c9e7a05f413\n",
        "proc/loadavg": f"1.12 0.97 0.88 3/{tasks} 48211\n",
        "proc/meminfo": mem,
        "proc/sys/vm/overcommit_memory": f"{overcommit}\n",
        "proc/sys/vm/overcommit_ratio": f"{ratio}\n",
        "proc/sys/vm/max_map_count": f"{max_map_count}\n",
        "proc/self/comm": comm + "\n",
        "proc/self/exe": Link(exe or f"/usr/bin/{comm}"),
        "proc/self/status": self_status,
        "proc/self/limits": limits(nproc),
        "proc/self/cgroup": cgroup,
        "proc/self/mountinfo": mounts,
        "proc/self/maps": maps(maps_lines),
        "proc/self/uid_map": uid_map_text or uid_map(),
    }
    if rel >= (3, 14):
        tree["proc/sys/vm/overcommit_kbytes"] = "0\n"
    for kind, ino in ns.items():
        tree[f"proc/self/ns/{kind}"] = Link(f"{kind}:[{ino}]")
    if rel >= (4, 12) and "pid" in ns:
        tree["proc/self/ns/pid_for_children"] = Link(f"pid:[{ns['pid']}]")
    for pid, text in procs.items():
        tree[f"proc/{pid}/status"] = text
        # /proc/PID/ns/pid came in 3.8 (RHEL 6's 2.6.32 has none).
        if "pid" in ns:
            tree[f"proc/{pid}/ns/pid"] = Link(f"pid:[{ns['pid']}]")
    return tree


def cgroup_files(prefix, levels):
    """levels: cgroup dir (relative to prefix) -> {file: content}."""
    tree = {}
    for level, files in levels.items():
        base = f"{prefix}/{level}".rstrip("/")
        for name, text in files.items():
            tree[f"{base}/{name}"] = text
    return tree
