import Foundation
import XCTest

@testable import ForkExplainCore

/// Module paths and offsets come from the log: the symbolizer reads only
/// regular ELF files whose build-id is the logged one, at offsets inside
/// them, and gives up at a deadline or an output bound.
final class SymbolizerTests: XCTestCase {
    static let libc = "/usr/lib/x86_64-linux-gnu/libc.so.6"

    /// libc's build-id and the offset of `getpid`, as binutils read them.
    static func libcFrame() throws -> BacktraceFrame {
        let notes = try Self.output("/usr/bin/readelf", ["-n", Self.libc])
        let id = try XCTUnwrap(notes.split(separator: "\n").first { $0.contains("Build ID:") })
            .split(separator: " ").last.map(String.init)
        let symbols = try Self.output("/usr/bin/nm", ["-D", Self.libc])
        let line = try XCTUnwrap(symbols.split(separator: "\n").first { $0.hasSuffix(" getpid@@GLIBC_2.2.5") })
        let offset = try XCTUnwrap(UInt64(line.prefix(16), radix: 16))
        return BacktraceFrame(module: Self.libc, offset: "0x" + String(offset, radix: 16), buildId: id)
    }

    func testTheBuildIDIsReadFromTheFile() throws {
        let frame = try Self.libcFrame()
        let module = try XCTUnwrap(VerifiedModule(path: Self.libc, buildID: frame.buildId))
        XCTAssertEqual(module.identity.buildID, frame.buildId)
        XCTAssertNotNil(module.validOffset(try XCTUnwrap(frame.offset)))
        XCTAssertNil(module.validOffset("0xffffffffffffffff"))
        XCTAssertNil(module.validOffset("0x" + String(module.identity.imageEnd, radix: 16)))
        XCTAssertNil(module.validOffset("-1"))
    }

    func testOnlyTheLoggedFileIsSymbolized() throws {
        let symbolizer = try XCTUnwrap(LLVMSymbolizer(), "llvm-symbolizer must be installed for this test")
        let good = try Self.libcFrame()
        let directory = NSTemporaryDirectory() + "forkexplain-symbols-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fifo = directory + "/fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let sparse = directory + "/sparse"
        XCTAssert(FileManager.default.createFile(atPath: sparse, contents: nil))
        XCTAssertEqual(truncate(sparse, 1 << 40), 0, "a 1 TiB sparse file")
        let copy = directory + "/libc-copy"
        try FileManager.default.copyItem(atPath: Self.libc, toPath: copy)

        let id = good.buildId
        let hostile = [
            BacktraceFrame(module: fifo, offset: "0x10", buildId: id),
            BacktraceFrame(module: "/dev/zero", offset: "0x10", buildId: id),
            BacktraceFrame(module: sparse, offset: "0x10", buildId: id),
            BacktraceFrame(module: directory, offset: "0x10", buildId: id),
            BacktraceFrame(module: Self.libc, offset: good.offset, buildId: "00" + (id ?? "")),
            BacktraceFrame(module: Self.libc, offset: good.offset, buildId: nil),
            BacktraceFrame(module: Self.libc, offset: "0x7fffffffffffffff", buildId: id),
            BacktraceFrame(module: Self.libc, offset: "0x" + String(repeating: "f", count: 4_000), buildId: id),
        ]
        let symbols = symbolizer.symbolize(hostile + [good])
        XCTAssertEqual(symbols.count, 1, "\(symbols)")
        XCTAssertEqual(symbols[try XCTUnwrap(FrameKey(good))], "getpid")
        // A copy of the same build is the same file as far as the log can tell.
        let copied = BacktraceFrame(module: copy, offset: good.offset, buildId: id)
        XCTAssertEqual(symbolizer.symbolize([copied])[try XCTUnwrap(FrameKey(copied))], "getpid")
    }

    /// The requests go to the symbolizer in a file of no directory: a
    /// $TMPDIR that is missing (or full, or read-only) named no function.
    func testASpillDirectoryWithNoRoomStillNamesTheFunction() throws {
        let symbolizer = try XCTUnwrap(LLVMSymbolizer(), "llvm-symbolizer must be installed for this test")
        let good = try Self.libcFrame()
        let saved = getenv("TMPDIR").map { String(cString: $0) }
        defer {
            if let saved { setenv("TMPDIR", saved, 1) } else { unsetenv("TMPDIR") }
        }
        setenv("TMPDIR", "/nonexistent-forkexplain-\(getpid())", 1)
        XCTAssertEqual(symbolizer.symbolize([good])[try XCTUnwrap(FrameKey(good))], "getpid")
    }

    func testASymbolizerThatHangsOrFloodsIsCutOff() throws {
        let good = try Self.libcFrame()
        let directory = NSTemporaryDirectory() + "forkexplain-fake-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (name, body) in [("hang", "exec sleep 100000"), ("flood", "exec yes")] {
            let fake = directory + "/" + name
            try "#!/bin/sh\n\(body)\n".write(toFile: fake, atomically: true, encoding: .utf8)
            XCTAssertEqual(chmod(fake, 0o755), 0)
            let symbolizer = LLVMSymbolizer(executable: fake, deadline: .seconds(1))
            // Returning at all is the point: before, the report waited forever.
            let output = try XCTUnwrap(symbolizer.run(input: "\"\(Self.libc)\" \(good.offset ?? "")\n"))
            XCTAssertLessThanOrEqual(output.utf8.count, LLVMSymbolizer.maximumOutput)
            XCTAssertEqual(symbolizer.symbolize([good]).values.filter { $0 != "y" }, [])
        }
    }

    static func output(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
