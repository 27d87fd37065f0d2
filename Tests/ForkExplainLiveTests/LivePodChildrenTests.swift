import ForkExplainCore
import Foundation
import XCTest

@testable import ForkExplainLive

/// The reader of a pod level's children on a directory laid out as a
/// cgroup level is: it reads each child's pids.current, ignores files and
/// children without one, and stops at its bound (docs/kernel-facts.md
/// §11.150).
final class LivePodChildrenTests: XCTestCase {
    func level(children: [(String, String)], files: Int = 3) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("podchildren-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        try "7\n".write(toFile: dir + "/pids.current", atomically: false, encoding: .utf8)
        for index in 0..<files {
            try "x\n".write(toFile: dir + "/file\(index)", atomically: false, encoding: .utf8)
        }
        for (name, current) in children {
            try FileManager.default.createDirectory(atPath: dir + "/" + name, withIntermediateDirectories: false)
            if !current.isEmpty {
                try current.write(toFile: dir + "/" + name + "/pids.current", atomically: false, encoding: .utf8)
            }
        }
        return dir
    }

    func testReadsEachChildsCount() throws {
        let dir = try level(children: [("a", "2\n"), ("b", "0\n"), ("nocount", "")])
        let reading = try XCTUnwrap(LivePodChildren.read(dir: dir))
        XCTAssertEqual(reading.children.sorted { $0.name < $1.name }.map(\.tasks), [2, 0])
        XCTAssertEqual(reading.podTasks, 7)
        XCTAssertTrue(reading.complete)
        XCTAssertFalse(reading.children.contains { $0.sandbox })
    }

    func testStopsAtItsBound() throws {
        let count = PodChildLevels.childrenAtMost + 5
        let dir = try level(children: (0..<count).map { ("c\($0)", "1\n") })
        let reading = try XCTUnwrap(LivePodChildren.read(dir: dir))
        XCTAssertEqual(reading.children.count, PodChildLevels.childrenAtMost)
        XCTAssertFalse(reading.complete)
    }

    /// Exactly as many levels as the bound, files after them: all read.
    func testTheBoundItselfIsComplete() throws {
        let dir = try level(children: (0..<PodChildLevels.childrenAtMost).map { ("c\($0)", "1\n") }, files: 20)
        let reading = try XCTUnwrap(LivePodChildren.read(dir: dir))
        XCTAssertEqual(reading.children.count, PodChildLevels.childrenAtMost)
        XCTAssertTrue(reading.complete)
    }

    func testNoDirectoryNoReading() {
        XCTAssertNil(LivePodChildren.read(dir: "/nonexistent/forkexplain-pod"))
    }
}
