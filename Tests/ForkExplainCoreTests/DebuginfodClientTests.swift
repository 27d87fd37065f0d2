import Foundation
import XCTest

@testable import ForkExplainCore

/// debuginfod-find is someone else's program talking to someone else's
/// server: what it hands back is checked, and it is cut off when it hangs.
/// (Scenario 58 runs the real client against a real server.)
final class DebuginfodClientTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "forkexplain-debuginfod-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A client whose debuginfod-find is the shell `body`.
    private func client(_ body: String, environment: [String: String] = [:]) throws -> DebuginfodClient {
        let fake = directory + "/debuginfod-find"
        try "#!/bin/sh\n\(body)\n".write(toFile: fake, atomically: true, encoding: .utf8)
        XCTAssertEqual(chmod(fake, 0o755), 0)
        let base = ["PATH": directory + ":/usr/bin:/bin", "DEBUGINFOD_URLS": "http://127.0.0.1:9"]
        return try XCTUnwrap(DebuginfodClient(environment: base.merging(environment) { $1 }))
    }

    func testLimitsAreSetUnlessTheUserSetThem() throws {
        let client = try client("exit 1", environment: ["DEBUGINFOD_TIMEOUT": "3"])
        XCTAssertEqual(client.environment["DEBUGINFOD_TIMEOUT"], "3")
        XCTAssertEqual(client.environment["DEBUGINFOD_MAXTIME"], "25")
        XCTAssertEqual(client.environment["DEBUGINFOD_MAXSIZE"], String(VerifiedModule.maximumBytes))
    }

    func testTheFetchedPathAndItsKind() throws {
        let client = try client(#"[ "$1" = debuginfo ] && exit 1; echo "/cache/$2/$1""#)
        XCTAssertEqual(client.fetch(buildID: "abcd"), "/cache/abcd/executable", "debuginfo first, then executable")
        XCTAssertNil(client.fetch(buildID: "../../etc"), "not a build-id: never asked for")
    }

    func testAHangingClientIsCutOff() throws {
        var client = try client("exec sleep 100000")
        client.deadline = .seconds(1)
        // Returning at all is the point.
        XCTAssertNil(client.fetch(buildID: "abcd"))
    }

    func testAFetchedFileOfAnotherBuildIsNotUsed() throws {
        let libc = SymbolizerTests.libc
        let good = try SymbolizerTests.libcFrame()
        let other = BacktraceFrame(
            module: "/nonexistent/libc.so.6", offset: good.offset, buildId: "00" + (good.buildId ?? ""))
        let found = BacktraceFrame(module: "/nonexistent/libc.so.6", offset: good.offset, buildId: good.buildId)
        var symbolizer = try XCTUnwrap(LLVMSymbolizer(), "llvm-symbolizer must be installed for this test")
        // The "server" hands out this machine's libc for every build-id.
        symbolizer.debuginfod = try client("echo \(libc)")
        let symbols = symbolizer.symbolize([other, found])
        XCTAssertNil(symbols[try XCTUnwrap(FrameKey(other))], "another build's file named a frame")
        XCTAssertEqual(symbols[try XCTUnwrap(FrameKey(found))], "getpid")
    }
}
