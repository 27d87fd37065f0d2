/// The libc calls the shim wraps, spelled as the log writes them
/// (`call.name`, docs/log-format.md). Exactly the C shim's list: a test holds
/// the two together. A name outside it (a newer shim, another collector's
/// `clone3`) stays readable as text in `CallSnapshot.name`; see `CallKind`.
enum CallName: String, CaseIterable, Sendable {
    case fork
    case underscoreFork = "_Fork"
    case vfork
    case clone
    case pthreadCreate = "pthread_create"
    case posixSpawn = "posix_spawn"
    case posixSpawnp = "posix_spawnp"
    case system
    case popen
    case forkpty
    case daemon

    /// Calls that reach the kernel through glibc's internal `__spawnix`.
    var isSpawnFamily: Bool {
        switch self {
        case .posixSpawn, .posixSpawnp, .system, .popen: true
        default: false
        }
    }
}
