import Foundation
import XCTest

@testable import ForkExplainCore

/// Loads the hand-written logs in Fixtures/ (docs/log-format.md, schema 1).
enum Fixture {
    /// The fixture logs of records (not envelopes, not the non-log).
    static let recordLogs = [
        "centos7-pid-max.jsonl", "cgroup-pids-parent.jsonl", "commit-limit-mode2.jsonl", "memory-exhausted.jsonl",
        "mixed.jsonl", "pidns-init-dead.jsonl", "rlimit-nproc.jsonl", "tally-only.jsonl", "watch-and-shim.jsonl",
        "workloads.jsonl",
    ]

    static func path(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let url = try XCTUnwrap(
            Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
            "fixture \(name) missing", file: file, line: line)
        return url.path
    }

    static func records(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> [LogRecord] {
        try LogReader().readAll([LogSource(path: path(name, file: file, line: line))]).records
    }

    /// The first record of a fixture, to classify as is or after a change.
    static func record(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> LogRecord {
        try XCTUnwrap(records(name, file: file, line: line).first, file: file, line: line)
    }

    static func report(_ names: [String], filter: EventFilter = EventFilter()) throws -> Report {
        try ReportBuilder(filter: filter).build(from: names.map { LogSource(path: try path($0)) })
    }

    /// A scratch file holding `text`, removed by the caller.
    static func temporaryFile(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "forkexplain-test-\(UUID().uuidString).jsonl"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}
