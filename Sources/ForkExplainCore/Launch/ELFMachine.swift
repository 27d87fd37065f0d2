import Foundation

/// The architecture an ELF file is built for: its header's e_machine. A
/// program of another architecture than forkexplain's own runs through
/// binfmt_misc and qemu-user (an arm64 image on an x86_64 host), and needs
/// the shim built for its architecture: musl's loader does not check a
/// preloaded library's and stops the program on its relocations
/// (docs/libc-facts.md §5).
public struct ELFMachine: Equatable, Sendable {
    /// e_machine, from the kernel's include/uapi/linux/elf-em.h.
    public var number: Int

    static let names: [Int: String] = [3: "i386", 62: "x86_64", 183: "aarch64", 243: "riscv64"]

    /// As `uname -m` and this project's build folders (.build/aarch64-musl)
    /// name it; `EM_<n>` for the others.
    public var name: String {
        Self.names[number] ?? "EM_\(number)"
    }

    /// From the first 20 bytes of a file; nil when they are not an ELF header.
    public init?(header bytes: [UInt8]) {
        guard bytes.count >= 20, bytes[0] == 0x7F, bytes[1] == 0x45, bytes[2] == 0x4C, bytes[3] == 0x46 else {
            return nil
        }
        let little = bytes[5] != 2
        number = little ? Int(bytes[18]) | Int(bytes[19]) << 8 : Int(bytes[18]) << 8 | Int(bytes[19])
    }

    public init(number: Int) {
        self.number = number
    }

    /// The machine of the file at `path`; nil when it cannot be read or is not ELF.
    public static func of(file path: String) -> ELFMachine? {
        guard let file = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? file.close() }
        return ELFMachine(header: [UInt8]((try? file.read(upToCount: 20)) ?? Data()))
    }

    /// The machine forkexplain itself runs as.
    public static var current: ELFMachine? {
        of(file: "/proc/self/exe")
    }
}
