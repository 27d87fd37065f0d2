import Foundation
import XCTest

/// `forkexplain run` on a program of another architecture than its own
/// (docs/libc-facts.md §5): without that architecture's shim it refuses,
/// rather than preload its own library, which musl's loader would stop the
/// program on.
final class RunForeignMachineTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "/forkexplain-foreign-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// This machine's /bin/sh relabelled as a riscv64 program (e_machine
    /// EM_RISCV, 243: no test machine's own), its loader renamed to a musl
    /// one for `musl`; nothing to run.
    private func program(musl: Bool) throws -> String {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "/bin/sh")))
        XCTAssertEqual(bytes[5], 1, "a little-endian test machine")
        bytes[18] = 243
        bytes[19] = 0
        if musl {
            // PT_INTERP's path lies in the first page: "ld-linux" becomes
            // "ld-musl-", the same length.
            let from = Array("ld-linux".utf8)
            let at = try XCTUnwrap(
                (0..<min(4096, bytes.count - from.count)).first { Array(bytes[$0..<$0 + from.count]) == from })
            bytes.replaceSubrange(at..<at + from.count, with: Array("ld-musl-".utf8))
        }
        let path = directory + "/program"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    func testRunRefusesAMuslProgramOfAnotherMachineWithoutItsShim() throws {
        let path = try program(musl: true)
        let result = try ForkExplainCommand.run("run", "--log", directory + "/log.jsonl", "--", path)
        XCTAssertEqual(result.status, 2, result.standardError)
        XCTAssertTrue(
            result.standardError.contains("\(path) is built for riscv64 and this forkexplain runs on"),
            result.standardError)
        XCTAssertTrue(result.standardError.contains("riscv64-musl/libforkexplain-musl.so"), result.standardError)
        XCTAssertTrue(result.standardError.contains("stop it under musl's loader"), result.standardError)
        XCTAssertFalse(result.standardError.contains("preloading"), "nothing was preloaded")
        XCTAssertEqual(result.standardError.split(separator: "\n").count, 1, "one line")
    }

    func testRunRefusesAGlibcProgramOfAnotherMachineWithoutItsShim() throws {
        let path = try program(musl: false)
        let result = try ForkExplainCommand.run("run", "--log", directory + "/log.jsonl", "--", path)
        XCTAssertEqual(result.status, 2, result.standardError)
        XCTAssertTrue(result.standardError.contains("riscv64-glibc/libforkexplain.so"), result.standardError)
        XCTAssertTrue(result.standardError.contains("be ignored by its loader"), result.standardError)
    }
}
