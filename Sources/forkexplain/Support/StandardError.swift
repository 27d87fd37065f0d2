import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reports go to stdout; diagnostics, and `run`'s report, to stderr.
enum StandardError {
    static func write(_ text: String) {
        // Keep the order the user would expect when both go to one terminal or file.
        fflush(nil)
        let line = text.hasSuffix("\n") ? text : text + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
