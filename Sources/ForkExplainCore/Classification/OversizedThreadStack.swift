/// A thread stack larger than the overcommit heuristic lets one mapping be
/// (docs/kernel-facts.md §11.73). With vm.overcommit_memory 0 the kernel
/// refuses a single private writable mapping of more pages than RAM + swap,
/// however much is free (mm/util.c __vm_enough_memory(), OVERCOMMIT_GUESS),
/// and glibc gives every thread started with default attributes a stack of
/// RLIMIT_STACK soft, read once when the process starts (docs/libc-facts.md
/// §7); libuv sizes Node's threads from RLIMIT_STACK too. A huge
/// `ulimit -s` therefore fails every such thread, the first one included,
/// with the machine idle: the fix is the stack size, not memory.
struct OversizedThreadStack {
    let stackBytes: Int64
    let memTotalKb: Int64
    let swapTotalKb: Int64

    static func finding(_ context: FailureContext) -> OversizedThreadStack? {
        let memory = context.memory
        guard context.mayBeThreadStackMapping, context.errnoSaysMemory, memory.overcommitMemory == 0,
            let stack = ThreadStackSize.bytes(context), let total = memory.memTotalKb
        else { return nil }
        let swap = memory.swapTotalKb ?? 0
        guard stack / 1024 > total + swap else { return nil }
        return OversizedThreadStack(stackBytes: stack, memTotalKb: total, swapTotalKb: swap)
    }

    var evidence: [String] {
        [
            "vm.overcommit_memory 0 (heuristic): one mapping may not be larger than RAM + swap, whatever is free (mm/util.c __vm_enough_memory())",
            "the thread stack \(Quantity.bytes(stackBytes)) (call.stack_size_bytes: RLIMIT_STACK soft, the size glibc gives threads with default attributes) > MemTotal \(Quantity.kibibytes(memTotalKb)) + SwapTotal \(Quantity.kibibytes(swapTotalKb)) = \(Quantity.kibibytes(memTotalKb + swapTotalKb)) (/proc/meminfo): every such thread fails, the first one too, with memory free",
        ]
    }
}

/// What a thread's stack mapping is and how to make it smaller: shared by
/// the rules whose limit a thread stack can pass (commit, RLIMIT_AS).
enum ThreadStackSize {
    /// The stack the failed pthread_create mapped: its attributes' size,
    /// or RLIMIT_STACK soft where the shim recorded none.
    static func bytes(_ context: FailureContext) -> Int64? {
        context.record.call?.stackSizeBytes ?? context.limits.stack?.soft?.number
    }

    /// Above glibc's usual default (RLIMIT_STACK 8 MiB on most distributions):
    /// a size somebody chose, and the first thing to change.
    static func isRaised(_ context: FailureContext) -> Bool {
        (bytes(context) ?? 0) > 8 << 20
    }

    static let advice = [
        "Make the threads' stacks smaller where the program starts: glibc gives every thread started with default attributes (CPython's threading, jemalloc's and OpenBLAS's threads) a stack of RLIMIT_STACK, read once at the process's start, and libuv sizes Node's threads from it too: `ulimit -s 8192` in the shell or script that starts it, `LimitSTACK=8M` in its systemd unit, `stack` in /etc/security/limits.conf; a setrlimit inside the running program does not change glibc's default (docs/libc-facts.md §7).",
        "Or set the size in the program: Python `threading.stack_size(8 << 20)` before it starts threads, pthread_attr_setstacksize, Java `-Xss`, .NET `DOTNET_DefaultStackSize` (hexadecimal bytes) (Rust's std::thread takes `RUST_MIN_STACK`, 2 MiB by default, not RLIMIT_STACK).",
    ]
}
