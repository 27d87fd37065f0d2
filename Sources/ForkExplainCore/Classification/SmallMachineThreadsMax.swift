/// kernel.threads-max that is the kernel's own value for the memory the
/// machine has, on a machine so small that it binds before the default
/// pid_max: a VM or a pod's VM of a few hundred MiB (docs/kernel-facts.md
/// §11.176: rkt's kvm stage1, threads-max 1926 in a 241 MiB guest, init's
/// RLIMIT_NPROC 963). fork_init() sets threads-max to RAM / (8 ×
/// THREAD_SIZE) and init's RLIMIT_NPROC to half of it, so "what holds the
/// threads" matters less than the memory: the machine is the limit, and
/// more memory raises both at the next boot.
enum SmallMachineThreadsMax {
    /// An evidence line and the fix that leads, as BootThreadsMax's.
    static func finding(_ context: FailureContext) -> BootThreadsMax.Finding? {
        let record = context.record
        guard let threadsMax = record.pid?.threadsMax, threadsMax > 0, threadsMax < PIDMaxRule.oldDefault,
            let memKb = record.memory?.memTotalKb, memKb > 0
        else { return nil }
        let stackKb = BootThreadsMax.kernelStackKb(arch: record.arch)
        let fromMemory = memKb / (8 * stackKb)
        // The kernel's value for this memory, give or take what it reserves:
        // nobody set it, and the machine has not grown since boot (that is
        // BootThreadsMax's case).
        guard threadsMax * 10 >= fromMemory * 9, threadsMax * 10 <= fromMemory * 11 else { return nil }
        let halfNote =
            context.limits.nproc?.soft?.number == threadsMax / 2
            ? ", and RLIMIT_NPROC \(threadsMax / 2) is half of it, the value init starts with and every process inherits, where each uid but root stops"
            : ""
        let evidence =
            "kernel.threads-max \(threadsMax) is what the kernel computes at boot for this machine's MemTotal of \(Quantity.kibibytes(memKb)) (RAM / (8 × \(stackKb) KiB kernel stack))\(halfNote): the machine's memory is the limit, not a setting (docs/kernel-facts.md §11.176)"
        let advice =
            "Give the machine more memory: threads-max and init's RLIMIT_NPROC follow it at the next boot (one task for every 8 × \(stackKb) KiB of RAM; a VM's memory setting, and a pod VM's, as rkt's kvm stage1's or Kata's, grows with its containers' memory limits). Or raise the limit in it at boot: `kernel.threads-max = \(threadsMax * 4)` in a file under /etc/sysctl.d/ (`sysctl -w kernel.threads-max=\(threadsMax * 4)` for now), with `DefaultLimitNPROC=` in /etc/systemd/system.conf for the uids that stop at \(threadsMax / 2); each task still takes its \(stackKb) KiB kernel stack and more of the \(Quantity.kibibytes(memKb))."
        return BootThreadsMax.Finding(evidence: evidence, advice: advice)
    }
}
