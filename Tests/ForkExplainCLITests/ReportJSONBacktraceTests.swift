import Foundation
import XCTest

/// `report --format json` carries each event's backtrace: the frames the
/// text report lists, with the names the symbolizer gave them.
final class ReportJSONBacktraceTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "forkexplain-jsonbt-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func events(_ arguments: [String]) throws -> [[String: Any]] {
        let result = try ForkExplainCommand.run(["report", "--format", "json"] + arguments)
        XCTAssertEqual(result.status, 0, result.standardError)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        return try XCTUnwrap(object?["events"] as? [[String: Any]], result.standardOutput)
    }

    /// A logged frame whose module is not this machine's build: module,
    /// offset, address and the build-id to fetch symbols by; no symbol.
    func testFramesOfAnotherMachine() throws {
        let events = try events([ForkExplainCommand.fixture("centos7-pid-max.jsonl")])
        let first = try XCTUnwrap(events.first)
        let frames = try XCTUnwrap(first["backtrace"] as? [[String: String]], "\(first)")
        XCTAssertEqual(frames.count, 2)
        XCTAssertEqual(
            frames[0],
            [
                "addr": "0x4452c3", "module": "/usr/bin/bash", "offset": "0x4452c3",
                "build_id": "2a0f6bd5e9c2c3b0f1d1f1a9b4f1f0c7e9a3b2d1",
            ])
        // A record without a backtrace (a tally's, a watch's) has no key.
        XCTAssertTrue(events.dropFirst().allSatisfy { $0["backtrace"] == nil }, "\(events)")
    }

    /// A failure the shim recorded here: the JSON frames are the text
    /// report's, line for line, names included (llvm-symbolizer is on PATH).
    func testFramesAreTheTextReportsWithSymbols() throws {
        let top = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let shim = top.appendingPathComponent(".build/shim/libforkexplain.so").path
        XCTAssertTrue(FileManager.default.isReadableFile(atPath: shim), "no shim at \(shim): `make build` first")
        XCTAssertTrue(
            FileManager.default.isExecutableFile(atPath: "/usr/bin/llvm-symbolizer"),
            "llvm-symbolizer is not installed (scripts/needs.list)")
        let log = directory + "/bash.jsonl"
        let bash = Process()
        bash.executableURL = URL(fileURLWithPath: "/bin/bash")
        bash.arguments = ["-c", "/bin/true; :"]
        bash.environment = [
            "LD_PRELOAD": shim, "FORKEXPLAIN_LOG": log, "FORKEXPLAIN_INJECT": "fork=ENOMEM", "PATH": "/usr/bin:/bin",
        ]
        bash.standardError = FileHandle.nullDevice
        try bash.run()
        bash.waitUntilExit()

        let event = try XCTUnwrap(try events([log]).first)
        let frames = try XCTUnwrap(event["backtrace"] as? [[String: String]], "\(event)")
        XCTAssertFalse(frames.isEmpty)
        XCTAssertTrue(frames.contains { $0["symbol"] != nil }, "no frame was named: \(frames)")
        XCTAssertEqual(event["arch"] as? String, try machine())

        let text = try ForkExplainCommand.run(["report", log])
        XCTAssertEqual(text.status, 0, text.standardError)
        let listed = text.standardOutput.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("#") }
        let fromJSON = frames.enumerated().map { index, frame -> String in
            var line =
                "#\(index) " + (frame["module"].map { "\($0)+\(frame["offset"] ?? "?")" } ?? frame["addr"] ?? "?")
            if let symbol = frame["symbol"] {
                line += " \(symbol)"
            } else if let id = frame["build_id"] {
                line += " (build-id \(id))"
            }
            return line
        }
        XCTAssertEqual(fromJSON, listed)
    }

    private func machine() throws -> String {
        var name = utsname()
        uname(&name)
        return withUnsafeBytes(of: &name.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}
