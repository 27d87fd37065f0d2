#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Reads the GNU build-id note (`NT_GNU_BUILD_ID`) of an ELF file through an
/// open descriptor, with every read bounded: the file is named by the log,
/// so it may be anything. Program headers are searched for a `PT_NOTE`
/// segment (what the loader maps, and what the shim read in memory), and
/// `PT_LOAD` segments for the extent of the image.
enum ELFIdentityReader {
    static let maximumProgramHeaders = 256
    static let maximumNoteBytes = 64 * 1024
    static let ptNote: UInt32 = 4
    static let ntGNUBuildID: UInt32 = 3

    /// What a frame's module is: its build-id in lowercase hex as the log
    /// writes it, and the end of its loaded image in its virtual address
    /// space (the bound of a frame's `offset`).
    struct Identity: Equatable {
        var buildID: String?
        var imageEnd: UInt64
    }

    static let ptLoad: UInt32 = 1

    static func read(descriptor: Int32, size: Int64) -> Identity? {
        guard let header = bytes(descriptor, at: 0, count: 64), header.count >= 52,
            header[0] == 0x7F, header[1] == 0x45, header[2] == 0x4C, header[3] == 0x46
        else { return nil }
        let is64 = header[4] == 2
        guard header[4] == 1 || is64, header[5] == 1 || header[5] == 2 else { return nil }
        let little = header[5] == 1
        func field(_ data: [UInt8], _ offset: Int, _ width: Int) -> UInt64? {
            guard offset >= 0, offset + width <= data.count else { return nil }
            var value: UInt64 = 0
            for index in 0..<width {
                let byte = UInt64(data[little ? offset + width - 1 - index : offset + index])
                value = value << 8 | byte
            }
            return value
        }
        guard let tableOffset = field(header, is64 ? 32 : 28, is64 ? 8 : 4),
            let entrySize = field(header, is64 ? 54 : 42, 2),
            let entries = field(header, is64 ? 56 : 44, 2),
            entries <= UInt64(maximumProgramHeaders), entrySize >= (is64 ? 56 : 32), entrySize <= 256,
            tableOffset < UInt64(size)
        else { return nil }
        var identity = Identity(buildID: nil, imageEnd: 0)
        for entry in 0..<Int(entries) {
            let at = Int64(tableOffset) + Int64(entry) * Int64(entrySize)
            guard let program = bytes(descriptor, at: at, count: Int(entrySize)) else { continue }
            if field(program, 0, 4) == UInt64(ptLoad), let address = field(program, is64 ? 16 : 8, is64 ? 8 : 4),
                let memorySize = field(program, is64 ? 40 : 20, is64 ? 8 : 4)
            {
                let (end, overflow) = address.addingReportingOverflow(memorySize)
                if !overflow { identity.imageEnd = max(identity.imageEnd, end) }
            }
            guard identity.buildID == nil, field(program, 0, 4) == UInt64(ptNote),
                let offset = field(program, is64 ? 8 : 4, is64 ? 8 : 4),
                let length = field(program, is64 ? 32 : 16, is64 ? 8 : 4),
                offset < UInt64(size), length <= UInt64(maximumNoteBytes),
                let notes = bytes(descriptor, at: Int64(offset), count: Int(length))
            else { continue }
            var cursor = 0
            while let nameSize = field(notes, cursor, 4), let descSize = field(notes, cursor + 4, 4),
                let type = field(notes, cursor + 8, 4), nameSize <= 256, descSize <= 1024
            {
                let name = cursor + 12
                let desc = name + Int((nameSize + 3) & ~3)
                let next = desc + Int((descSize + 3) & ~3)
                guard next <= notes.count else { break }
                if type == UInt64(ntGNUBuildID), nameSize == 4, Array(notes[name..<name + 4]) == [0x47, 0x4E, 0x55, 0] {
                    identity.buildID = notes[desc..<desc + Int(descSize)].map { hex($0) }.joined()
                    break
                }
                cursor = next
            }
        }
        return identity
    }

    /// Up to `count` bytes at `offset`, or nil when the read fails.
    private static func bytes(_ descriptor: Int32, at offset: Int64, count: Int) -> [UInt8]? {
        guard offset >= 0, count >= 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: count)
        let got = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
        guard got >= 0 else { return nil }
        return Array(buffer.prefix(got))
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }
}
