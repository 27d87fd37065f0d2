/// `exec_in_progress`: docs/kernel-facts.md §11.210. While one thread of a
/// process is inside execve, from check_unsafe_exec() (fs/exec.c), which
/// sets fs->in_exec, until de_thread() or the exec's failure clears it,
/// copy_fs() (kernel/fork.c) answers every clone with CLONE_FS in the
/// process with -EAGAIN: every pthread_create, never a fork or a
/// posix_spawn. No counter moves; the shim's exec wrappers say an exec was
/// in flight (call.execs_in_flight).
struct ExecInProgressRule: ClassificationRule {
    /// CLONE_FS, include/uapi/linux/sched.h.
    static let cloneFS: Int64 = 0x200

    func evaluate(_ context: FailureContext) -> Verdict? {
        guard let execs = context.record.call?.execsInFlight, execs > 0, context.errno == "EAGAIN",
            sharesFS(context)
        else { return nil }
        let comm = context.record.process?.comm ?? "the process"
        let call = context.callDescription
        let evidence =
            [
                "\(execs) execve of this process in flight while \(call) ran (call.execs_in_flight: the shim's exec wrappers)",
                "a clone with CLONE_FS (every pthread_create) is refused until the exec fails or de_thread() ends the other threads; fork and posix_spawn do not share the fs_struct and are not refused",
            ] + ClosestLimits.lines(for: context.record, count: 2)
        let binding = BindingLimit(
            key: "exec_in_progress", name: "an execve of the same process in flight (fs->in_exec)")
        return Verdict(
            id: .execInProgress, confidence: .high,
            summary: "\(call) refused while another thread of \(comm) was in execve: no limit", bindingLimit: binding,
            kernelRule: Self.kernelRule, misleadingNote: Self.notALimit, evidence: evidence, advice: Self.advice)
    }

    static let kernelRule =
        "kernel/fork.c copy_fs(): fs->in_exec, set by fs/exec.c check_unsafe_exec() while a thread of the process is in execve → -EAGAIN for a clone with CLONE_FS"

    static let notALimit =
        "EAGAIN here is no task limit: nothing was full, and the same call succeeds once the exec has failed or replaced the process"

    static let advice = [
        "Retry the thread creation on EAGAIN while an exec of the process is in flight, as Go's cgo does (runtime/cgo gcc_libinit.c, _cgo_try_pthread_create: up to 20 tries with a growing sleep) and Bun does around its own execve.",
        "Or keep threads from being created while the process execs itself: create them before, or exec from a child (posix_spawn) instead of from a thread of a busy process.",
    ]

    /// pthread_create always clones with CLONE_FS; a raw clone only with it.
    private func sharesFS(_ context: FailureContext) -> Bool {
        switch context.call {
        case .pthreadCreate: return true
        case .clone: return (context.record.call?.cloneFlags ?? 0) & Self.cloneFS != 0
        default: return false
        }
    }
}
