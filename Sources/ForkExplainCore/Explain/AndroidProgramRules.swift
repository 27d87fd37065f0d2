/// Android's C library (bionic) and runtime (ART): their words say which
/// step of a thread's creation was refused, which glibc's never do
/// (docs/kernel-facts.md §11.204). Part of `ProgramCatalog`.
enum AndroidProgramRules {
    /// What bionic's pthread_create does, and what each of its errnos means.
    static let bionic =
        "Android's C library (bionic) maps a new thread's stack, guard and TLS in one PROT_NONE, MAP_NORESERVE mapping, then makes the stack writable, then clones; it logs each refusal as a `W libc` line (pthread_create.cpp) and returns EAGAIN when a mapping was refused, clone's own errno when clone was. ART (`java.lang.OutOfMemoryError: pthread_create (1040KB stack) failed: ...`; Dalvik before it `pthread_create (stack size 16384 bytes) failed: ...`) prints that return: \"Try again\" is EAGAIN, either step; \"Out of memory\" is ENOMEM, only clone's. The Java heap is not the cause in any of them."

    /// An app is zygote's child: no shell starts it under the shim.
    static let unseen =
        "`forkexplain run` cannot wrap an Android app: zygote starts it, not a shell. Read the app's numbers over `adb shell` while it runs instead: `grep -E 'Threads|VmSize' /proc/PID/status`, `wc -l < /proc/PID/maps`, `cat /proc/sys/kernel/pid_max /proc/sys/kernel/threads-max /proc/sys/vm/max_map_count`, and `getprop ro.product.cpu.abi` beside the ABI the app ships (a 32-bit armeabi-v7a app on a 64-bit phone has 4 GiB of address space)."

    /// Android's kernels before 4.1 say ENOMEM for PID numbers used up.
    static let oldKernels = ["pid_max": "kernels before 4.1, Android's 3.10 and 3.18 too, report it as ENOMEM"]

    static let rules: [ProgramRule] = [
        // ART's own per-thread state, made before any pthread_create
        // (art/runtime/thread.cc CreateNativeThread): no task was asked for.
        ProgramRule(
            program: "Android's runtime (ART, Dalvik)", anyOf: ["could not allocate jni env"], kind: .thread,
            notATask: "ART's own state for the new thread (its JNI environment), made before any thread",
            note:
                "ART throws `OutOfMemoryError: Could not allocate JNI Env` when it could not make the new thread's JNI environment, before it calls pthread_create: no process or thread was refused and no task limit is the cause. The environment's local reference table is a memory region made from a file descriptor (ashmem or memfd), so the usual cause is the process at its open-files limit (logcat just before: `ashmem_create_region failed for 'indirect ref table': Too many open files`): count its descriptors (`ls /proc/PID/fd | wc -l` over adb, against `grep 'open files' /proc/PID/limits`, 1024 on older Android) and close what leaks (files, sockets, cursors not closed); `Failed anonymous mmap(...)` after it names the mapping that was refused instead (docs/kernel-facts.md §11.209)."
        ),
        ProgramRule(
            program: "Android's C library (bionic)", anyOf: ["couldn't allocate"], allOf: ["mapped space"],
            kind: .thread, errnosWhenNone: ["ENOMEM"], isMemoryMapping: true,
            note: bionic
                + " Here the first mapping was refused (ENOMEM), before any task: a PROT_NONE mapping is not charged to the commit limit, so free RAM and vm.overcommit_memory do not matter. The process's address space had no room for N more bytes (a 32-bit app's 4 GiB on a 64-bit kernel holds fewer than 4,000 of ART's 1040KB stacks, far fewer beside its heap and libraries), or it had vm.max_map_count mappings (each thread's stack adds 2 or 3), or RLIMIT_AS. Count the app's threads (`ls /proc/PID/task | wc -l`) and mappings (`wc -l < /proc/PID/maps`): a count that only grows is a thread leak (threads started and never ended, a pool created per request); ship the app's 64-bit ABI (arm64-v8a), and share one pool.",
            ruledOut: ["commit_limit", "memory_exhausted"],
            firstCauses: ["address_space_32bit", "map_count_limit", "rlimit_as"], unrecorded: unseen
        ),
        ProgramRule(
            program: "Android's C library (bionic)", anyOf: ["couldn't mprotect"], allOf: ["thread mapping region"],
            kind: .thread, errnosWhenNone: ["ENOMEM"], isMemoryMapping: true,
            note: bionic
                + " Here the stack was mapped but could not be made writable (ENOMEM): making a private mapping writable charges it to the commit limit (vm.overcommit_memory 2: Committed_AS at CommitLimit), and splitting it adds mappings against vm.max_map_count.",
            firstCauses: ["map_count_limit", "commit_limit"], unrecorded: unseen
        ),
        ProgramRule(
            program: "Android's C library (bionic)", anyOf: ["pthread_create failed: clone failed"], kind: .thread,
            note: bionic
                + " Here the stack was mapped and clone itself was refused, so no stack or address-space limit is the cause: \"Try again\" (EAGAIN) is a task limit, \"Out of memory\" (ENOMEM) the kernel's memory for the new task or, on a kernel before 4.1, PID numbers used up.",
            ruledOut: CauseCatalog.stackCauses, conditions: oldKernels, unrecorded: unseen,
            causesByErrno: ["ENOMEM": CauseCatalog.cloneENOMEM]
        ),
        ProgramRule(
            program: "Android's runtime (ART, Dalvik)", anyOf: ["stack) failed:", "bytes) failed:"],
            allOf: ["pthread_create ("], kind: .thread,
            note: bionic
                + " logcat's `W libc` line just before the exception says which step: `couldn't allocate N-bytes mapped space` (the address space or vm.max_map_count) or `clone failed` (a task limit, or kernel memory).",
            conditions: oldKernels, unrecorded: unseen, causesByErrno: ["ENOMEM": CauseCatalog.cloneENOMEM]
        ),
    ]
}
