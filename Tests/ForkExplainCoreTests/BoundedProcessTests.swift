import XCTest

@testable import ForkExplainCore

/// The helper runner started with posix_spawn on the calling thread (no
/// monitoring thread to be refused by a full pids cgroup).
final class BoundedProcessTests: XCTestCase {
    func testOutputStatusAndEnvironment() throws {
        let helper = BoundedProcess(
            executable: "/bin/sh", arguments: ["-c", "echo \"$X\"; exit 3"], environment: ["X": "given"],
            deadline: .seconds(60), maximumOutput: 1024)
        let result = try XCTUnwrap(helper.run())
        XCTAssertEqual(String(decoding: result.output, as: UTF8.self), "given\n")
        XCTAssertEqual(result.status, 3)
    }

    func testInputComesFromTheFile() throws {
        let path = NSTemporaryDirectory() + "/forkexplain-bounded-\(getpid())"
        try Data("from the file\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { unlink(path) }
        let input = try XCTUnwrap(FileHandle(forReadingAtPath: path))
        let helper = BoundedProcess(
            executable: "/bin/cat", arguments: [], environment: nil, deadline: .seconds(60), maximumOutput: 1024)
        let result = try XCTUnwrap(helper.run(input: input))
        XCTAssertEqual(String(decoding: result.output, as: UTF8.self), "from the file\n")
        XCTAssertEqual(result.status, 0)
    }

    func testAHelperThatCannotStartIsNil() {
        let helper = BoundedProcess(
            executable: "/nonexistent/helper", arguments: [], environment: nil, deadline: .seconds(60),
            maximumOutput: 1024)
        XCTAssertNil(helper.run())
    }
}
