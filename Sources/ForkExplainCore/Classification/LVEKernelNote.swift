/// A CloudLinux kernel whose LVE statistics the record lacks
/// (docs/kernel-facts.md §11.164): the release names the LVE kernel
/// ("CloudLinux kernels have lve in its name"), but /proc/lve was not
/// there to read, as where CageFS or a hidden /proc keeps it from the
/// user. The user's LVE may be the limit the snapshot could not see.
enum LVEKernelNote {
    static func note(_ context: FailureContext) -> String? {
        guard context.record.lve == nil, let kernel = context.record.kernel, isLVEKernel(kernel) else {
            return nil
        }
        return
            "kernel \(kernel) is CloudLinux's LVE kernel, but /proc/lve was not readable: the user's LVE (NPROC, its processes and threads; PMEM, its memory) may be what refused, unseen here; root sees it with `lvectl list` or `lveinfo --by-fault=nproc --period=1d`, the user on cPanel's Resource Usage page (docs/kernel-facts.md §11.164)"
    }

    /// `2.6.32-896.16.1.lve1.4.53.el6`, `3.10.0-962.3.2.lve1.5.81.el7`.
    static func isLVEKernel(_ release: String) -> Bool {
        release.range(of: #"\.lve[0-9]"#, options: .regularExpression) != nil
    }
}
