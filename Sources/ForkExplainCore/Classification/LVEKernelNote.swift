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

    /// `2.6.32-896.16.1.lve1.4.53.el6`, `3.10.0-962.3.2.lve1.5.81.el7`:
    /// `.lve` and an ASCII digit. Scanned as bytes, which no UTF-8 text
    /// past ASCII can match: the regular expression it was (`\.lve[0-9]`)
    /// was compiled anew for every record, a thirteenth of a JSON report's
    /// work (docs/performance.md, "The reader's CPU: Foundation's searches
    /// per record").
    static func isLVEKernel(_ release: String) -> Bool {
        var rest = release.utf8[...]
        while let dot = rest.firstIndex(of: UInt8(ascii: ".")) {
            rest = rest[rest.index(after: dot)...]
            guard rest.starts(with: "lve".utf8) else { continue }
            if let digit = rest.dropFirst(3).first, digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") {
                return true
            }
        }
        return false
    }
}
