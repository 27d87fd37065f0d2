/// kernel.threads-max computed at boot from less memory than the machine
/// has now (docs/kernel-facts.md §11.30). fork_init() sets it once, RAM /
/// (8 × THREAD_SIZE), and init's RLIMIT_NPROC to half of it; memory that
/// hotplug or a balloon adds later (or a vendor kernel counts late,
/// §11.169) changes neither, nor the TasksMax
/// percentages systemd takes of threads-max. A process whose RLIMIT_NPROC
/// is still exactly half of threads-max shows threads-max was not written
/// since boot, so a threads-max far below what MemTotal gives is the
/// boot-time memory's, not someone's choice.
enum BootThreadsMax {
    struct Finding {
        var evidence: String
        var advice: String
    }

    static func finding(_ context: FailureContext) -> Finding? {
        let record = context.record
        guard let threadsMax = record.pid?.threadsMax, threadsMax > 0, let memKb = record.memory?.memTotalKb,
            let soft = context.limits.nproc?.soft?.number, soft == threadsMax / 2
        else { return nil }
        let stackKb = kernelStackKb(arch: record.arch)
        let bootKb = threadsMax * 8 * stackKb
        // Less than half the RAM it has now: not rounding, not the kernel's
        // own reservations.
        guard bootKb * 2 <= memKb else { return nil }
        let now = memKb / (8 * stackKb)
        let evidence =
            "kernel.threads-max \(threadsMax) is what the kernel computes at boot for about \(Quantity.kibibytes(bootKb)) of RAM (RAM / (8 × \(stackKb) KiB kernel stack)), but MemTotal is now \(Quantity.kibibytes(memKb)); RLIMIT_NPROC \(soft) is half of it, the value init starts with, so threads-max has not been changed since boot: the kernel counted less memory when it set threads-max than it has now (memory hotplug or a balloon added the rest, or a vendor kernel counted only part of the RAM then, as Rockchip's 6.1 does on 8 and 16 GB boards with no hotplug), and it computes threads-max and init's RLIMIT_NPROC once, at boot, from the memory counted then (docs/kernel-facts.md §11.30, §11.169)"
        var advice =
            "Size the limits for the memory the machine runs with, not the memory it booted with: `kernel.threads-max = \(now)` (what the kernel computes for \(Quantity.kibibytes(memKb))) in a file under /etc/sysctl.d/, applied at boot before systemd sizes its TasksMax percentages from it (`sysctl -w kernel.threads-max=\(now)` for now), and an nproc for users in /etc/security/limits.d/ (`*  soft  nproc  \(now)` and `hard`) or `DefaultLimitNPROC=` in /etc/systemd/system.conf: every process inherits the boot RLIMIT_NPROC \(soft) otherwise. Then log in again."
        if record.kernel?.contains(".qubes.") == true {
            advice +=
                " Qubes OS's qubes-core-agent does this since QubesOS/qubes-core-agent-linux pull 532 (`kernel.threads-max = 51200` in 20-qubes-core.conf, nproc 51200 for group qubes in 90-qubes-core.conf): update the qube's template; turning memory hotplug off for the qube also works."
        }
        return Finding(evidence: evidence, advice: advice)
    }

    /// THREAD_SIZE: 16 KiB on 64-bit x86 (since 3.15) and arm64, 8 KiB on
    /// 32-bit x86 and arm.
    static func kernelStackKb(arch: String?) -> Int64 {
        switch arch {
        case "i386", "i486", "i586", "i686", "armv6l", "armv7l", "arm": 8
        default: 16
        }
    }
}
