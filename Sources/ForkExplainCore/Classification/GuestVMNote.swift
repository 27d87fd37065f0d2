/// A verdict on a record taken inside a VM or sandbox (GuestVM): the
/// memory and the kernel's task limits it names are the VM's, set from
/// outside it, so its fix goes where they are set (docs/kernel-facts.md
/// §11.160–§11.163).
enum GuestVMNote {
    static func apply(_ verdict: inout Verdict, _ context: FailureContext) {
        let record = context.record
        guard
            let guest = GuestVM.of(record, contained: context.identity.isContained)
        else { return }
        switch verdict.id {
        case .memoryExhausted, .commitLimit:
            verdict.evidence.append(guest.evidence)
            verdict.advice.insert(guest.memoryFix, at: min(1, verdict.advice.count))
        case .pidMax, .threadsMax:
            // A PID namespace's own pid_max is no VM's setting.
            if verdict.bindingLimit.key == "pid_max:host" || verdict.id == .threadsMax {
                verdict.evidence.append(guest.evidence)
                verdict.advice.append(guest.sysctlFix)
            }
        default:
            guard guest.notesEveryVerdict else { return }
            verdict.evidence.append(guest.evidence)
            if context.errnoSaysMemory { verdict.advice.append(guest.memoryFix) }
        }
        // A quota on tasks says nothing of memory found short.
        if let quota = guest.quotaFix, verdict.family != .oom, context.errnoIs("EAGAIN", "ENOMEM"),
            !verdict.advice.contains(quota)
        {
            verdict.advice.append(quota)
        }
    }
}
