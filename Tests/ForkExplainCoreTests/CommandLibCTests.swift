import Foundation
import XCTest

@testable import ForkExplainCore

/// Which shim a command needs (docs/libc-facts.md §5): PT_INTERP read from
/// ELF headers, `#!` scripts followed.
final class CommandLibCTests: XCTestCase {
    /// A minimal little-endian ELF64 header with one program header of
    /// `type` whose data (at offset 120) is `interp`.
    private func elf64(type: UInt32, interp: String) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 120)
        bytes[0...3] = [0x7F, 0x45, 0x4C, 0x46]
        bytes[4] = 2  // ELFCLASS64
        bytes[5] = 1  // little-endian
        func put(_ value: Int, at: Int, size: Int) {
            for index in 0..<size { bytes[at + index] = UInt8((value >> (8 * index)) & 0xFF) }
        }
        put(64, at: 32, size: 8)  // e_phoff
        put(56, at: 54, size: 2)  // e_phentsize
        put(1, at: 56, size: 2)  // e_phnum
        put(Int(type), at: 64, size: 4)
        put(120, at: 64 + 8, size: 8)  // p_offset
        put(interp.utf8.count + 1, at: 64 + 32, size: 8)  // p_filesz
        return bytes + Array(interp.utf8) + [0]
    }

    private func parse(_ bytes: [UInt8]) -> ELFInterpreter {
        ELFInterpreter.parse(header: Array(bytes.prefix(64))) { offset, count in
            guard offset < bytes.count else { return [] }
            return Array(bytes[offset..<min(bytes.count, offset + count)])
        }
    }

    func testReadsTheLoaderOrItsAbsence() {
        XCTAssertEqual(
            parse(elf64(type: 3, interp: "/lib/ld-musl-x86_64.so.1")), .dynamic(loader: "/lib/ld-musl-x86_64.so.1"))
        XCTAssertEqual(parse(elf64(type: 1, interp: "")), .staticExecutable)
        XCTAssertEqual(parse(Array("#!/bin/sh\n".utf8)), .notELF)
        XCTAssertEqual(parse(Array(elf64(type: 3, interp: "/x").prefix(40))), .notELF, "a cut header")
    }

    func testFollowsScriptsToTheirInterpreter() throws {
        let directory = try TemporaryFiles()
        let script = try directory.write("script", "#!/usr/bin/env -S tool --flag\n", executable: true)
        _ = try directory.write("tool", "", executable: true)
        XCTAssertEqual(
            CommandLibC.scriptInterpreter(Array("#!/usr/bin/env -S tool --flag\n".utf8), path: directory.path),
            directory.path + "/tool")
        XCTAssertEqual(CommandLibC.scriptInterpreter(Array("#! /bin/sh -e\n".utf8), path: nil), "/bin/sh")
        // "tool" is empty: neither ELF nor a script.
        guard case .undetermined = CommandLibC.of(command: script, path: directory.path) else {
            return XCTFail("an empty interpreter cannot be told")
        }
        let loop = try directory.write("loop", "#!\(directory.path)/loop\n", executable: true)
        guard case .undetermined(let reason) = CommandLibC.of(command: loop, path: nil) else {
            return XCTFail("a script that is its own interpreter must stop")
        }
        XCTAssertTrue(reason.contains("interpreter"), reason)
    }

    func testReadsTheMachineInEitherByteOrder() {
        var header = elf64(type: 3, interp: "/lib/ld-musl-aarch64.so.1")
        header[18] = 183  // EM_AARCH64, little-endian
        XCTAssertEqual(ELFMachine(header: header)?.name, "aarch64")
        header[5] = 2  // big-endian
        header[18] = 0
        header[19] = 62
        XCTAssertEqual(ELFMachine(header: header)?.name, "x86_64")
        XCTAssertEqual(ELFMachine(number: 8).name, "EM_8", "one without a name here is named by its number")
        XCTAssertNil(ELFMachine(header: Array(header.prefix(19))), "a cut header")
        XCTAssertNil(ELFMachine(header: Array("#!/bin/sh\n-------------".utf8)))
    }

    func testThisMachinesShellIsOfForkexplainsOwnMachine() {
        XCTAssertNotNil(ELFMachine.current)
        XCTAssertEqual(ELFMachine.of(file: "/bin/sh"), ELFMachine.current)
        XCTAssertNil(ELFMachine.of(file: "/no/such/file"))
    }

    func testThisMachinesShellRunsOnGlibcAndAMissingCommandIsUndetermined() {
        guard case .glibc(_, let loader) = CommandLibC.of(command: "sh", path: "/usr/bin:/bin") else {
            return XCTFail("sh is a glibc program on the test machine")
        }
        XCTAssertTrue(loader.contains("ld-linux"), loader)
        guard case .undetermined = CommandLibC.of(command: "no-such-command-here", path: "/usr/bin:/bin") else {
            return XCTFail("a missing command is undetermined")
        }
    }
}

/// A temporary directory removed when the value is released.
private final class TemporaryFiles {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "forkexplain-libc-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ name: String, _ text: String, executable: Bool) throws -> String {
        let file = path + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: file)
        return file
    }
}
