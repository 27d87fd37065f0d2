/// What an ELF file's program headers say about how it is loaded: its
/// PT_INTERP (the dynamic loader the kernel starts, docs/libc-facts.md §5),
/// or none for a static executable. Reads only the bytes given.
public enum ELFInterpreter: Equatable, Sendable {
    case dynamic(loader: String)
    case staticExecutable
    case notELF

    static let ptLoad: UInt32 = 1
    static let ptInterp: UInt32 = 3

    /// `bytes` from the start of the file; `read(offset, count)` supplies
    /// what lies beyond them (program headers and the loader's path).
    public static func parse(header bytes: [UInt8], read: (Int, Int) -> [UInt8]) -> ELFInterpreter {
        guard bytes.count >= 52, bytes[0] == 0x7F, bytes[1] == 0x45, bytes[2] == 0x4C, bytes[3] == 0x46 else {
            return .notELF
        }
        let is64 = bytes[4] == 2
        let little = bytes[5] != 2
        guard !is64 || bytes.count >= 64 else { return .notELF }
        func number(_ data: [UInt8], _ at: Int, _ size: Int) -> Int? {
            guard at >= 0, at + size <= data.count else { return nil }
            var value = 0
            for index in 0..<size {
                let byte = Int(data[little ? at + size - 1 - index : at + index])
                value = value << 8 | byte
            }
            return value
        }
        let header =
            is64
            ? (number(bytes, 32, 8), number(bytes, 54, 2), number(bytes, 56, 2))
            : (number(bytes, 28, 4), number(bytes, 42, 2), number(bytes, 44, 2))
        guard let phoff = header.0, let entrySize = header.1, let count = header.2, count <= 4096,
            entrySize >= (is64 ? 56 : 32)
        else { return .notELF }
        let table = read(phoff, entrySize * count)
        for index in 0..<count {
            let at = index * entrySize
            guard let type = number(table, at, 4) else { return .notELF }
            guard UInt32(type) == ptInterp else { continue }
            let place =
                is64
                ? (number(table, at + 8, 8), number(table, at + 32, 8))
                : (number(table, at + 4, 4), number(table, at + 16, 4))
            guard let offset = place.0, let size = place.1, size > 0, size <= 4096 else { return .notELF }
            let path = read(offset, size).prefix { $0 != 0 }
            return .dynamic(loader: String(decoding: path, as: UTF8.self))
        }
        return .staticExecutable
    }
}
