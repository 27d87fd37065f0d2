import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A private directory from mkdtemp(3), removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        var template = Array("\(base)/forkexplain-demo.XXXXXX".utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ $0.baseAddress.flatMap { mkdtemp($0) } }) else {
            throw CommandFailure(
                message: "cannot create a temporary directory in \(base): \(String(cString: strerror(errno)))")
        }
        path = String(cString: created)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
