/// The kernel's own line when overcommit accounting refuses: mm/util.c
/// `__vm_enough_memory()` warns `__vm_enough_memory: pid: N, comm: NAME,
/// bytes: B not enough memory for the allocation` (rate-limited; the
/// warning came in 2022 with commit 44b414c8715c, `bytes:` in 2024) before
/// it returns -ENOMEM. It names the task and one charge, not the call: an
/// mmap, a brk, a thread's stack, or one private writable mapping a fork's
/// dup_mmap() copies (docs/kernel-facts.md §11.216).
enum CommitRefusalLine {
    static let marker = "not enough memory for the allocation"

    struct Reading: Sendable, Equatable {
        var pid: String?
        var comm: String?
        var bytes: Int64?
    }

    static func reading(in line: String) -> Reading? {
        guard line.contains("__vm_enough_memory"), line.contains(marker) else { return nil }
        return Reading(
            pid: field("pid: ", in: line), comm: field("comm: ", in: line),
            bytes: field("bytes: ", in: line).flatMap { Int64($0) })
    }

    static func cause(in line: String) -> KnownCause? {
        guard let reading = reading(in: line), let cause = CauseCatalog.causes["commit_limit"] else { return nil }
        let who =
            reading.comm.map { "\($0)" + (reading.pid.map { " (pid \($0))" } ?? "") } ?? "a task"
        let charge = reading.bytes.map { " a charge of \(Quantity.bytes($0))" } ?? " a charge"
        return KnownCause(
            cause: cause,
            summary: "ENOMEM from the commit accounting", kind: .unknown, errno: "ENOMEM",
            reason:
                "the kernel's overcommit accounting refused \(who)\(charge): with vm.overcommit_memory 2, Committed_AS with it would pass CommitLimit less two reserves (admin_reserve_kbytes, at most 8 MiB by default, unless the task has CAP_SYS_ADMIN; and min(VmSize/32, user_reserve_kbytes), at most 128 MiB by default); with 0, this one charge was larger than RAM + swap; mode 1 never refuses. Memory may be free. The size is one charge, not the program's total: a mapping, a thread's stack, or in a fork one private writable mapping of the parent (the fork asks for each). What the program then prints is its own: `fork: Cannot allocate memory`, a thread's EAGAIN (glibc turns the stack's ENOMEM into EAGAIN), a Go runtime's `out of memory`, or a helper that died (runc's `write init-p: broken pipe`).",
            checks: [
                "sysctl vm.overcommit_memory vm.overcommit_ratio vm.overcommit_kbytes vm.admin_reserve_kbytes vm.user_reserve_kbytes",
                "grep -E 'MemTotal|MemAvailable|SwapTotal|Commit' /proc/meminfo  # mode 2: how near Committed_AS is to CommitLimit",
                "ps -eo vsz,pid,comm --sort=-vsz | head  # the largest address spaces: in mode 2 their private writable part is committed",
            ],
            fixes: [
                "In mode 2 raise CommitLimit (`sysctl -w vm.overcommit_ratio=N` or `vm.overcommit_kbytes=N`, or add swap), persisted in /etc/sysctl.d/; Go programs (dockerd, containerd, its shims, runc) and JVMs commit far more than they use, so a container host in mode 2 runs out of commit with RAM free.",
                "Or go back to the heuristic (`sysctl -w vm.overcommit_memory=0`), as most container hosts run; the OOM killer then acts only when memory is really used.",
            ])
    }

    /// Said when a program's own words come with the kernel's line.
    static func besideNote(_ reading: Reading) -> String {
        let who = reading.comm.map { "`\($0)`" } ?? "a task"
        let size = reading.bytes.map { " \(Quantity.bytes($0))" } ?? ""
        return
            "The text also holds the kernel's `__vm_enough_memory` line: the overcommit accounting refused \(who)\(size) of memory, so the commit limit comes first (vm.overcommit_memory 2 with Committed_AS near CommitLimit, or in mode 0 one charge larger than RAM + swap; docs/kernel-facts.md §11.216)."
    }

    /// The value after `label` up to the next comma or space.
    private static func field(_ label: String, in line: String) -> String? {
        guard let range = line.range(of: label) else { return nil }
        let value = line[range.upperBound...].prefix { $0 != "," && !$0.isWhitespace }
        return value.isEmpty ? nil : String(value)
    }
}
