import Foundation

/// Which build of the shim a command needs, found as the kernel would load
/// it: the executable searched in PATH, `#!` scripts followed to their
/// interpreter (through `/usr/bin/env NAME` too), then its ELF PT_INTERP
/// (docs/libc-facts.md §5).
public enum CommandLibC: Equatable, Sendable {
    /// A loader named ld-musl-*: libforkexplain-musl.so.
    case musl(program: String, loader: String)
    /// Any other loader (glibc's ld-linux-*): libforkexplain.so.
    case glibc(program: String, loader: String)
    /// No loader: nothing can be preloaded into it.
    case staticExecutable(program: String)
    /// Not found, unreadable or not ELF: the command itself will say why;
    /// the glibc library is preloaded as before.
    case undetermined(reason: String)

    /// How many `#!` levels are followed; the kernel allows 4
    /// (fs/binfmt_script.c, BINPRM_MAX_RECURSION).
    static let maxScriptDepth = 4

    public static func of(command: String, path: String?) -> CommandLibC {
        guard let program = resolve(command, path: path) else {
            return .undetermined(reason: "\(command) is not an executable file in PATH")
        }
        return of(program: program, path: path, depth: 0)
    }

    private static func of(program: String, path: String?, depth: Int) -> CommandLibC {
        guard let file = FileHandle(forReadingAtPath: program) else {
            return .undetermined(reason: "\(program) cannot be read")
        }
        defer { try? file.close() }
        let head = [UInt8]((try? file.read(upToCount: 256)) ?? Data())
        if head.starts(with: [0x23, 0x21]) {  // "#!"
            guard depth < maxScriptDepth, let interpreter = scriptInterpreter(head, path: path) else {
                return .undetermined(reason: "\(program) is a script whose interpreter cannot be found")
            }
            return of(program: interpreter, path: path, depth: depth + 1)
        }
        let read: (Int, Int) -> [UInt8] = { offset, count in
            guard (try? file.seek(toOffset: UInt64(offset))) != nil else { return [] }
            return [UInt8]((try? file.read(upToCount: count)) ?? Data())
        }
        switch ELFInterpreter.parse(header: head, read: read) {
        case .dynamic(let loader):
            let name = loader.split(separator: "/").last.map(String.init) ?? loader
            return name.hasPrefix("ld-musl-")
                ? .musl(program: program, loader: loader) : .glibc(program: program, loader: loader)
        case .staticExecutable:
            return .staticExecutable(program: program)
        case .notELF:
            return .undetermined(reason: "\(program) is neither an ELF executable nor a #! script")
        }
    }

    /// The interpreter of a `#!` line: its first word, or for `env` the
    /// first word after it that is not an option, searched in PATH.
    static func scriptInterpreter(_ head: [UInt8], path: String?) -> String? {
        let line = head.dropFirst(2).prefix { $0 != 0x0A }
        let words = String(decoding: line, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\t" })
            .map(String.init)
        guard let first = words.first else { return nil }
        if first.split(separator: "/").last == "env" {
            guard let name = words.dropFirst().first(where: { !$0.hasPrefix("-") && !$0.contains("=") }) else {
                return nil
            }
            return resolve(name, path: path)
        }
        return first
    }

    /// As execvp: a name with a slash is taken as is, any other searched in
    /// PATH ("/usr/bin:/bin" when unset).
    static func resolve(_ command: String, path: String?) -> String? {
        if command.contains("/") { return command }
        for directory in (path ?? "/usr/bin:/bin").split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (directory.isEmpty ? "." : String(directory)) + "/" + command
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate)
            {
                return candidate
            }
        }
        return nil
    }
}
