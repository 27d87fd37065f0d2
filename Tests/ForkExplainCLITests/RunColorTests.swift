import Foundation
import XCTest

/// `forkexplain run`'s short report on stderr takes `report`'s color rules:
/// a terminal only, none with NO_COLOR, `--color always|never` to choose.
final class RunColorTests: XCTestCase {
    static let escape = "\u{1B}["
    private var directory = ""

    /// The built forkexplain with the shim beside it, as `make install`
    /// lays them out: `run` looks for the shim next to itself.
    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "forkexplain-runcolor-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let top = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let shim = top.appendingPathComponent(".build/shim/libforkexplain.so").path
        XCTAssertTrue(
            FileManager.default.isReadableFile(atPath: shim), "no shim at \(shim): build it first with `make build`")
        try FileManager.default.copyItem(atPath: shim, toPath: directory + "/libforkexplain.so")
        try FileManager.default.copyItem(
            atPath: try ForkExplainCommand.executable().path, toPath: directory + "/forkexplain")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A shell whose fork fails (injected ENOMEM) under `run`.
    private func run(_ options: [String], environment: [String: String] = [:], terminal: Bool = false) throws
        -> ForkExplainCommand.Result
    {
        let arguments =
            ["run", "--log", directory + "/run.jsonl"] + options + ["--", "/bin/bash", "-c", "/bin/true; :"]
        return try ForkExplainCommand.run(
            arguments, executable: URL(fileURLWithPath: directory + "/forkexplain"),
            environment: ["FORKEXPLAIN_INJECT": "fork=ENOMEM"].merging(environment) { $1 }, terminal: terminal)
    }

    func testATerminalGetsColor() throws {
        let result = try run([], terminal: true)
        XCTAssertTrue(result.standardOutput.contains(Self.escape + "1m"), result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("(all of it: forkexplain report"), result.standardOutput)
    }

    func testNoColorOnATerminalWithNO_COLOR() throws {
        let result = try run([], environment: ["NO_COLOR": "1"], terminal: true)
        XCTAssertTrue(result.standardOutput.contains("(all of it: forkexplain report"), result.standardOutput)
        XCTAssertFalse(result.standardOutput.contains(Self.escape), result.standardOutput)
    }

    func testNoColorIntoAPipe() throws {
        let result = try run([])
        XCTAssertTrue(result.standardError.contains("(all of it: forkexplain report"), result.standardError)
        XCTAssertFalse(result.standardError.contains(Self.escape), result.standardError)
    }

    func testColorAlwaysAndNever() throws {
        let always = try run(["--color", "always"], environment: ["NO_COLOR": "1"])
        XCTAssertTrue(always.standardError.contains(Self.escape + "1m"), always.standardError)
        let never = try run(["--color", "never"], terminal: true)
        XCTAssertTrue(never.standardOutput.contains("(all of it: forkexplain report"), never.standardOutput)
        XCTAssertFalse(never.standardOutput.contains(Self.escape), never.standardOutput)
        let bad = try run(["--color", "sometimes"])
        XCTAssertEqual(bad.status, 2, bad.standardError)
    }
}
