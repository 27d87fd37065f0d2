/// A thread refused to C++'s std::thread: the frame that called
/// pthread_create is in libstdc++ (`std::thread::_M_start_thread`) or
/// libc++, which turn its errno into std::system_error; a program that does
/// not catch it aborts with "terminate called after throwing an instance of
/// 'std::system_error'" (docs/kernel-facts.md §11.97). Said beside any
/// verdict, so the reader matches the program's own words to the limit.
enum CxxStdThreadCaller {
    static func note(_ context: FailureContext) -> String? {
        guard context.kind == .thread, let module = context.record.backtrace?.first?.module else { return nil }
        let name = module.split(separator: "/").last.map(String.init) ?? module
        let library: String
        if name.hasPrefix("libstdc++.so") {
            library = "libstdc++"
        } else if name.hasPrefix("libc++.so") {
            library = "libc++"
        } else {
            return nil
        }
        let errno = context.record.call?.resolvedErrnoName ?? "its errno"
        return
            "pthread_create was called from \(name), C++'s std::thread (or std::async): \(library) throws std::system_error with \(errno), and a program that does not catch it aborts (\"terminate called after throwing an instance of 'std::system_error'\", status 134); the heap is not the cause"
    }
}
