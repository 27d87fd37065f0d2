/// glibc's strerror in the locales of reports users paste: only texts seen
/// verbatim in one (docs/kernel-facts.md §10.1), lowercased for matching.
enum LocalizedStrerror {
    static let table: [(text: String, name: String)] = [
        // zh_CN: github.com/DaliangNing/iCAMP1/issues/16 (OpenBLAS)
        ("资源暂时不可用", "EAGAIN"),
        // zh_CN: github.com/hsjfans/Error/issues/15 (HotSpot os::commit_memory)
        ("无法分配内存", "ENOMEM"),
        // zh_CN: github.com/alekseyzimin/masurca/issues/307 (sh: fork: retry:)
        ("没有子进程", "ECHILD"),
        // ja_JP: github.com/heterodb/pg-strom/issues/817 (pthread_create)
        ("リソースが一時的に利用できません", "EAGAIN"),
        // Android's bionic says "Try again" for EAGAIN; ART prints it after
        // its refused thread: github.com/rabbitmq/rabbitmq-java-client/issues/327
        // (the words alone are too common to mean an errno).
        ("stack) failed: try again", "EAGAIN"),
        // ... and "Out of memory" for ENOMEM, after ART's refused thread and
        // in bionic's own `W libc` lines (docs/kernel-facts.md §11.204):
        // github.com/yanzhenjie/NoHttp/issues/149, github.com/luckybilly/CC/issues/48.
        ("stack) failed: out of memory", "ENOMEM"),
        // Dalvik's words before ART's: github.com/mapzen/open/issues/181.
        ("bytes) failed: try again", "EAGAIN"),
        ("clone failed: try again", "EAGAIN"),
        ("clone failed: out of memory", "ENOMEM"),
        ("mapped space: out of memory", "ENOMEM"),
        ("thread mapping region: out of memory", "ENOMEM"),
    ]
}
