/// `rlimit_as`: docs/kernel-facts.md §1, same row: the thread stack mapping would take the
/// address space past RLIMIT_AS (mm/mmap.c may_expand_vm()), ENOMEM turned
/// into EAGAIN by glibc.
struct RLimitASRule: ClassificationRule {
    func evaluate(_ context: FailureContext) -> Verdict? {
        guard context.mayBeThreadStackMapping, let soft = context.limits.as?.soft?.number,
            let sizeKb = context.memory.vmSizeKb
        else { return nil }
        let stack = ThreadStackSize.bytes(context) ?? 0
        let needed = sizeKb * 1024 + stack
        guard needed > soft else { return nil }
        let pid = context.record.process?.pid.map(String.init) ?? "PID"
        var verdict = Verdict(
            id: .rlimitAS,
            confidence: .high,
            summary: "RLIMIT_AS reached by pid \(pid)",
            bindingLimit: BindingLimit(key: "rlimit_as:pid=\(pid)", name: "RLIMIT_AS of pid \(pid)"),
            kernelRule:
                "mm/mmap.c may_expand_vm(): address space + new stack > RLIMIT_AS → -ENOMEM; glibc nptl/allocatestack.c returns EAGAIN",
            misleadingNote: MisleadingErrno.notMemoryNote(context),
            evidence: [
                "VmSize \(Quantity.kibibytes(sizeKb)) (/proc/\(pid)/status) + thread stack \(Quantity.bytes(stack)) (call.stack_size_bytes) = \(Quantity.bytes(needed)) > RLIMIT_AS soft \(Quantity.bytes(soft)) (/proc/\(pid)/limits \"Max address space\")"
            ],
            advice: Self.advice(stackRaised: ThreadStackSize.isRaised(context))
        )
        if ThreadStackSize.isRaised(context), stack > 0 {
            verdict.evidence.append(
                "each thread's stack is \(Quantity.bytes(stack)) (RLIMIT_STACK soft where the attributes set none), \(stack / (8 << 20)) times the usual 8 MiB: RLIMIT_AS \(Quantity.bytes(soft)) holds at most \(soft / stack) such stacks, the program's own mappings included"
            )
        }
        ExpectedErrno.check(&verdict, cause: .threadStackMapping, in: context)
        return verdict
    }

    static let raiseAdvice =
        "Raise or remove the limit where the process starts: `ulimit -v unlimited`, `LimitAS=` in a systemd unit; a batch system or sandbox that set the hard limit (LSF, Slurm, a judge) is the one to ask."

    /// A raised stack size (docs/kernel-facts.md §11.74) is what filled the
    /// address space: shrinking it fixes the failure under the same limit,
    /// where the limit is often one the user cannot raise.
    static func advice(stackRaised: Bool) -> [String] {
        stackRaised
            ? ThreadStackSize.advice + [raiseAdvice]
            : [
                raiseAdvice,
                "Or make thread stacks smaller (`ulimit -s`, pthread_attr_setstacksize, Java `-Xss`): every thread reserves its whole stack in the address space.",
            ]
    }
}
