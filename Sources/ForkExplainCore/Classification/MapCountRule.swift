/// `map_count_limit`: docs/kernel-facts.md §1, row "thread stack mmap/guard mprotect fails":
/// mm/mmap.c do_mmap() refuses a mapping past vm.max_map_count ("Too many
/// mappings?") with ENOMEM, which glibc's pthread_create returns as EAGAIN.
/// A thread stack takes two mappings (stack and guard), hence the margin of 2.
struct MapCountRule: ClassificationRule {
    func evaluate(_ context: FailureContext) -> Verdict? {
        let memory = context.memory
        guard context.mayBeThreadStackMapping, let count = memory.mapCount, let maximum = memory.maxMapCount,
            count >= maximum - 2
        else { return nil }
        let pid = context.record.process?.pid.map(String.init) ?? "PID"
        var verdict = Verdict(
            id: .mapCountLimit,
            confidence: .high,
            summary: "vm.max_map_count reached",
            bindingLimit: BindingLimit(key: "max_map_count", name: "vm.max_map_count"),
            kernelRule:
                "mm/mmap.c do_mmap(): mm->map_count > sysctl_max_map_count → -ENOMEM; glibc nptl/allocatestack.c returns EAGAIN",
            misleadingNote: MisleadingErrno.notMemoryNote(context),
            evidence: [
                "\(count) mappings (lines of /proc/\(pid)/maps) ≥ vm.max_map_count \(maximum) − 2 (/proc/sys/vm/max_map_count): a thread stack and its guard need two more"
            ],
            advice: [
                "Raise it: `sysctl -w vm.max_map_count=\(maximum * 2)` (persist in /etc/sysctl.d/).",
                "Or find why the process has so many mappings (`wc -l /proc/\(pid)/maps`): many threads, many mmap'd files, a malloc arena per thread.",
            ]
        )
        ExpectedErrno.check(&verdict, cause: .threadStackMapping, in: context)
        return verdict
    }
}
