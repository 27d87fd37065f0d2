import XCTest

@testable import ForkExplainCore

/// Records the aarch64 shim wrote (make platforms-arm64 builds it): a uid
/// at RLIMIT_NPROC 3 under qemu-aarch64, failing fork, vfork (the stub),
/// pthread_create and posix_spawn for real, nothing injected. arm64 makes
/// every task with clone and keeps its return addresses in x30
/// (docs/kernel-facts.md §7); the reader must not care.
final class Arm64RecordTests: XCTestCase {
    private let fixture = "arm64-rlimit-nproc.jsonl"

    func testEveryLineIsReadAndSaysAarch64() throws {
        let (records, files) = try LogReader().readAll([LogSource(path: try Fixture.path(fixture))])
        XCTAssertEqual(files.first?.skippedLines, 0)
        XCTAssertEqual(records.map { $0.call?.name ?? "?" }, ["fork", "vfork", "pthread_create", "posix_spawn"])
        XCTAssertEqual(Set(records.map { $0.arch ?? "none" }), ["aarch64"])
        XCTAssertEqual(records.map { $0.call?.injected }, [false, false, false, false])
    }

    /// The same verdict an x86_64 record of the same limit gets, for the
    /// call made through the aarch64 vfork stub as for the others.
    func testClassifiedByTheirNumbersAsOnX86() throws {
        let records = try Fixture.records(fixture)
        let classifier = Classifier()
        XCTAssertEqual(records.map { classifier.classify($0).id }, Array(repeating: .rlimitNPROC, count: 4))
        XCTAssertEqual(records.map { CallKind(call: $0.call) }, [.process, .process, .thread, .process])
    }

    /// Frames from the aarch64 unwinder: the caller's own, innermost first,
    /// each with its module, offset and build-id, and nothing of the shim.
    func testBacktraceIsTheCallersFromTheAarch64Unwinder() throws {
        for record in try Fixture.records(fixture) {
            let frames = try XCTUnwrap(record.backtrace, "\(record.call?.name ?? "?")")
            XCTAssertGreaterThanOrEqual(frames.count, 2)
            XCTAssertEqual(frames.first?.module, "/tmp/fx-arm64/caller")
            XCTAssertFalse(frames.contains { $0.module?.contains("libforkexplain") == true })
            for frame in frames {
                let offset = try XCTUnwrap(frame.offset.flatMap { UInt64($0.dropFirst(2), radix: 16) })
                XCTAssertEqual(offset % 4, 0, "aarch64 return addresses are 4-byte aligned: \(frame)")
                XCTAssertNotNil(frame.buildId)
            }
        }
    }

    func testReportsNameTheArchitectureOfTheBacktrace() throws {
        let report = try Fixture.report([fixture])
        XCTAssertTrue(TextRenderer().render(report).contains("Backtrace (latest failure, aarch64):"))
        XCTAssertTrue(MarkdownRenderer().render(report).contains("**Backtrace** (latest failure, aarch64)"))
        let x86 = try Fixture.report(["rlimit-nproc.jsonl"])
        XCTAssertFalse(TextRenderer().render(x86).contains("aarch64"))
    }
}
