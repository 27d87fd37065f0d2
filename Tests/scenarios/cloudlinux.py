"""Fixture machines of CloudLinux shared hosting (scenarios 262 and 263):
a cPanel server on CloudLinux 7 whose user's LVE is full. No LVE kernel
can be had here, so its statistics are written as kmod-lve's
lve_procfs.c prints them (docs/kernel-facts.md §11.164) and the shim reads
them through FORKEXPLAIN_PROC_ROOT.

The limits are CloudLinux's "Typical Hosting Account" (docs.cloudlinux.com,
Limits: NPROC 100, EP 20, PMEM 1 GB, VMEM 0), the values hosts publish for
their plans (serversaurus.com.au: NPROC from 100, EP 30; fluccs.com.au:
NPROC 100-200, EP 20-40). No public thread with /proc/lve/list at the
moment of a failure was found: the usage is filled in, and named so.
"""
from eras import EL7_CONTROLLERS, old_v1_host
from procfs import meminfo, status

# A CloudLinux 7 kernel release as servers print it (uname -r on shared
# hosts: 3.10.0-962.3.2.lve1.5.79 to .83.el7).
CL7_KERNEL = "3.10.0-962.3.2.lve1.5.81.el7.x86_64"

LVE_HEADER = ("8:LVE\tEP\tlCPU\tlIO\tCPU\tMEM\tIO\tlMEM\tlEP\tnCPU\tfMEM\tfEP\tlMEMPHY\tlCPUW\tlNPROC\tMEMPHY\t"
              "fMEMPHY\tNPROC\tfNPROC\tlIOPS\tIOPS\n")


def lve_row(lve_id, *, ep, nproc, memphy, fnproc=0, fep=0, fmemphy=0, mem=0, lmem=0, lep=20, lnproc=100,
            lmemphy=262_144, cpu=0):
    """One row in the header's order; memory in 4 KiB pages (262144: 1 GiB)."""
    cols = [lve_id, ep, 100, 1024, cpu, mem, 0, lmem, lep, 1, 0, fep, lmemphy, 100, lnproc, memphy, fmemphy,
            nproc, fnproc, 1024, 0]
    return "\t".join(str(c) for c in cols) + "\n"


def cl7_shared_host(uid, *, comm, user_procs, nproc, memphy, fnproc, ep, fep=0, fmemphy=0, extra_lves=()):
    """The cPanel server: the process (comm, uid) among its user's
    processes user_procs (pid -> (comm, threads, vm_data_kb)); the LVE of
    uid at nproc/memphy."""
    kernel = CL7_KERNEL
    me = status(kernel, comm, 48211, 1, uid=uid, ppid=48190, vm_data_kb=6_000, cap_eff="0000000000000000")
    procs = {1: status(kernel, "systemd", 1, 1), 48211: me,
             2210: status(kernel, "httpd", 2210, 1, ppid=1, vm_data_kb=40_000),
             2301: status(kernel, "mysqld", 2301, 38, uid=27, ppid=1, vm_data_kb=2_900_000)}
    for pid, (name, threads, data_kb) in user_procs.items():
        procs[pid] = status(kernel, name, pid, threads, uid=uid, ppid=48190, vm_data_kb=data_kb)
    session = f"/user.slice/user-{uid}.slice/session-812.scope"
    tree = old_v1_host(
        kernel, EL7_CONTROLLERS, {"name=systemd": session}, 41_000_000_000,
        comm=comm, self_status=me, procs=procs, pid_max=32768, threads_max=514_000, tasks=1_930,
        hostname="cpanel-s12.example-host.net", nproc=63_437,
        mem=meminfo(kernel, {"MemTotal": 65_700_000, "MemFree": 9_800_000, "MemAvailable": 31_200_000,
                             "Cached": 19_400_000, "CommitLimit": 40_900_000, "Committed_AS": 37_100_000}))
    rows = [lve_row(0, ep=0, nproc=0, memphy=0)]
    rows += [lve_row(other, ep=1, nproc=n, memphy=n * 900) for other, n in extra_lves]
    mine = lve_row(uid, ep=ep, nproc=nproc, memphy=memphy, fnproc=fnproc, fep=fep, fmemphy=fmemphy,
                   cpu=7_831_520_001)
    tree["proc/lve/list"] = LVE_HEADER + "".join(rows) + mine
    tree[f"proc/lve/per-lve/{uid}/stat"] = LVE_HEADER + mine
    return tree


def user_at_nproc(uid):
    """262: the user's cron-started PHP left running (40 of them), the
    site's LiteSpeed PHP workers (30) and an `npm install` over cPanel's
    Terminal (node: 11 threads), with the shell and sshd: 100 tasks of 100.
    fNPROC 57: refusals counted before this one."""
    user = {4000 + i: ("php", 1, 48_000) for i in range(40)}
    user.update({4100 + i: ("lsphp", 1, 52_000) for i in range(30)})
    user.update({4200 + i: ("php-cgi", 1, 30_000) for i in range(16)})
    user[48190] = ("bash", 1, 3_000)
    user[48150] = ("sshd", 1, 2_000)
    user[48300] = ("node", 11, 310_000)
    return cl7_shared_host(uid, comm="bash", user_procs=user, nproc=100, memphy=61_234, fnproc=57, ep=4,
                           extra_lves=[(1000, 3), (1003, 12)])


def user_below_nproc(uid):
    """The same user at 12 of 100: a refused fork there is not NPROC's."""
    user = {48190: ("bash", 1, 3_000), 48150: ("sshd", 1, 2_000), 48300: ("node", 10, 310_000)}
    return cl7_shared_host(uid, comm="bash", user_procs=user, nproc=12, memphy=40_000, fnproc=0, ep=1)


def user_at_pmem(uid):
    """263: the same server, the user's LVE at its PMEM of 1 GiB (262100 of
    262144 pages, fMEMPHY 42) with 31 of 100 tasks: a WordPress import in
    lsphp workers."""
    user = {4100 + i: ("lsphp", 1, 180_000) for i in range(28)}
    user[48190] = ("bash", 1, 3_000)
    user[48150] = ("sshd", 1, 2_000)
    return cl7_shared_host(uid, comm="lsphp", user_procs=user, nproc=31, memphy=262_100, fnproc=0, ep=20,
                           fep=311, fmemphy=42)


CLOUDLINUX_MACHINES = {
    "cloudlinux-lve-nproc": user_at_nproc,
    "cloudlinux-lve-nproc-room": user_below_nproc,
    "cloudlinux-lve-pmem": user_at_pmem,
}
