/// What the Go runtime's `failed to create new OS thread (have N already;
/// errno=E)` says beyond its errno: N is the process's own threads, and
/// clone's EINVAL is a flag set refused, no limit (docs/kernel-facts.md §11.208).
enum GoNewOSProc {
    /// Fewer threads than this of the process's own: the limit counted
    /// other tasks.
    static let fewThreads: Int64 = 100

    /// N of `have N already`.
    static func threads(in lower: String) -> Int64? {
        guard let range = lower.range(of: "failed to create new os thread (have ") else { return nil }
        return Int64(lower[range.upperBound...].prefix { $0.isNumber })
    }

    /// The note for a process that held few threads itself.
    static func fewNote(in lower: String) -> String? {
        guard let n = threads(in: lower), n < fewThreads else { return nil }
        return
            "The Go process had \(n) threads of its own when clone was refused (mcount(), printed before the errno): the limit counted more than this program, so look at what else shares it, its uid's tasks across the host (RLIMIT_NPROC: `ps -L -U $(id -ru) --no-headers | wc -l`), its unit's or container's pids.current, or every task on the host, not at this program's goroutines."
    }

    /// The Go runtime's clone refused with EINVAL under an emulator.
    static let emulatorNote =
        "errno=22 is EINVAL: clone refused the flags, not a count. The Go runtime clones its threads itself with CLONE_VM, CLONE_FS, CLONE_FILES, CLONE_SIGHAND, CLONE_SYSVSEM and CLONE_THREAD (runtime/os_linux.go), which Linux accepts; QEMU's user-mode emulation, which runs another architecture's binaries (qemu-user-static through binfmt_misc: an amd64 image on an Apple silicon Mac, an arm image on an x86 host), makes a thread only from exactly its set with CLONE_SYSVSEM in it (linux-user/syscall.c CLONE_THREAD_FLAGS), which the Go runtime passed only after golang/go#20763 (Go 1.8.3 on QEMU 2.9; QEMU 2.7 and older accepted it, multiarch/qemu-user-static#22), and WSL 1's first builds refused the same clone (microsoft/WSL#158, fixed there). Rebuild the program with a current Go, or run the image of the machine's own architecture (`--platform linux/arm64`); no process or thread limit is involved."
}
