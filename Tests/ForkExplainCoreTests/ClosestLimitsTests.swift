import XCTest

@testable import ForkExplainCore

/// `ClosestLimits` has the limits made without their source text
/// (docs/performance.md): it must show the lines, in the order, that the
/// full computation (`Headroom.usages`) puts first, ties included.
final class ClosestLimitsTests: XCTestCase {
    static func fixtureRecords() throws -> [LogRecord] {
        try (Fixture.recordLogs + ["arm64-rlimit-nproc.jsonl"]).flatMap { try Fixture.records($0) }
    }

    func assertClosestIsTheFullPrefix(_ record: LogRecord, _ name: String) {
        let full = Headroom.usages(of: record)
        let withoutSources = full.map { usage in
            var usage = usage
            usage.source = ""
            return usage
        }
        XCTAssertEqual(Headroom.usages(of: record, sources: false), withoutSources, name)
        for count in 0...(full.count + 1) {
            XCTAssertEqual(
                ClosestLimits.lines(for: record, count: count), full.prefix(count).map(\.line), "\(name), \(count)")
        }
    }

    func testTheClosestLimitsAreTheFullComputationsFirstOnTheFixtures() throws {
        let records = try Self.fixtureRecords()
        let many = records.filter { Headroom.usages(of: $0).count > 3 }
        XCTAssertGreaterThan(many.count, 0, "a record of more than three limits")
        for (index, record) in records.enumerated() {
            assertClosestIsTheFullPrefix(record, "fixture record \(index)")
        }
    }

    /// Equal shares: the order the full computation gives them.
    func testTiedLimitsKeepTheFullComputationsOrder() throws {
        let levels = ["/", "/a", "/a/b", "/a/b/c", "/a/b/c/d"].map {
            ContainerRecords.level($0, max: "20", current: 10)
        }
        let record = try ContainerRecords.record(pids: "[" + levels.joined(separator: ",") + "]")
        let full = Headroom.usages(of: record)
        XCTAssertGreaterThanOrEqual(full.filter { $0.share == 0.5 }.count, 5)
        assertClosestIsTheFullPrefix(record, "tied pids levels")
    }
}
