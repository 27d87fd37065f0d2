import XCTest

@testable import ForkExplainCore

/// Records of musl programs (docs/libc-facts.md §2): none of glibc's eras
/// (docs/kernel-facts.md §6) may be read into them.
final class MuslRecordTests: XCTestCase {
    let classifier = Classifier()

    private func musl(_ fixture: String, call: String, errno: Int, name: String) throws -> LogRecord {
        var record = try Fixture.record(fixture)
        record.glibc = nil
        record.libc = "musl"
        record.libcVersion = "1.2.3"
        record.call = CallSnapshot(name: call, errno: errno, errnoName: name)
        return record
    }

    func testTheLibraryIsReadFromLibcOrFromAnOlderGlibcField() throws {
        var record = LogRecord(type: .failure)
        XCTAssertEqual(record.cLibrary, .unknown)
        XCTAssertNil(record.libcDescription)
        record.glibc = "2.36"
        XCTAssertEqual(record.cLibrary, .glibc)
        XCTAssertEqual(record.libcDescription, "glibc 2.36")
        record = LogRecord(type: .failure)
        record.libc = "musl"
        XCTAssertEqual(record.libcDescription, "musl (release unknown)")
        record.libcVersion = "1.2.3"
        XCTAssertEqual(record.cLibrary, .musl)
        XCTAssertEqual(record.libcDescription, "musl 1.2.3")
    }

    func testDecodesLibcFields() throws {
        let line = #"{"schema":1,"type":"failure","libc":"musl","libc_version":"1.2.3"}"#
        let record = try LogRecord(jsonLine: Array(line.utf8))
        XCTAssertEqual(record.cLibrary, .musl)
        XCTAssertEqual(record.libcVersion, "1.2.3")
        XCTAssertNil(FailureContext(record: record).glibc, "no glibc era is read into a musl record")
    }

    func testPopenEAGAINInAFullPidsCgroupIsTheCgroupAtFullConfidence() throws {
        // musl's popen returns posix_spawn's own error: EAGAIN is what a full
        // cgroup gives, with no misleading-ENOMEM note.
        let verdict = classifier.classify(
            try musl("cgroup-pids-parent.jsonl", call: "popen", errno: 11, name: "EAGAIN"))
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertEqual(verdict.confidence, .high)
        XCTAssertFalse((verdict.misleadingNote ?? "").contains("ENOMEM"))
        XCTAssertFalse(verdict.evidence.contains { $0.contains("glibc") }, "\(verdict.evidence)")
    }

    func testPopenENOMEMOnMuslIsNotExcusedAsAGlibcEra() throws {
        // glibc 2.36 would excuse ENOMEM for a full cgroup; musl gives EAGAIN.
        let verdict = classifier.classify(
            try musl("cgroup-pids-parent.jsonl", call: "popen", errno: 12, name: "ENOMEM"))
        XCTAssertEqual(verdict.confidence, .medium)
        XCTAssertTrue(verdict.evidence.contains { $0.contains("musl 1.2.3") && $0.contains("expected EAGAIN") })
        XCTAssertFalse((verdict.misleadingNote ?? "").contains("2.29"))
    }

    func testPosixSpawnEPERMIsNeverBug29109() throws {
        var record = try musl("rlimit-nproc.jsonl", call: "posix_spawn", errno: 1, name: "EPERM")
        record.limits?.uidTasks = 10
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .seccompOrPolicy)
        XCTAssertEqual(verdict.confidence, .medium, "a musl EPERM is real")
        XCTAssertFalse(verdict.evidence.contains { $0.contains("29109") })
    }

    func testThreadEPERMIsTheSchedulingAttributesNotClone3() throws {
        var record = try musl("rlimit-nproc.jsonl", call: "pthread_create", errno: 1, name: "EPERM")
        record.limits?.uidTasks = 10
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .seccompOrPolicy)
        XCTAssertFalse(verdict.bindingLimit.name.contains("clone3"))
        XCTAssertTrue(verdict.advice[0].contains("CAP_SYS_NICE"))
        XCTAssertTrue(verdict.evidence[0].contains("musl 1.2.3"))
    }

    func testSystemNoteSaysMuslReturnsMinusOne() throws {
        let record = try musl("rlimit-nproc.jsonl", call: "system", errno: 11, name: "EAGAIN")
        let evidence = classifier.classify(record).evidence
        XCTAssertTrue(evidence.contains { $0.contains("system() on musl 1.2.3 returns -1") }, "\(evidence)")
        XCTAssertFalse(evidence.contains { $0.contains("exited 127") })
    }

    func testSystemNoteOnMuslBefore1120SaysTheFailureLooksLikeExit127() throws {
        // 0.9.10 to 1.1.19 started the status at 0x7f00 (docs/libc-facts.md §2).
        var record = try musl("rlimit-nproc.jsonl", call: "system", errno: 11, name: "EAGAIN")
        record.libcVersion = "1.1.19"
        let evidence = classifier.classify(record).evidence
        XCTAssertTrue(
            evidence.contains { $0.contains("system() on musl 1.1.19 (0.9.10–1.1.19)") && $0.contains("exited 127") },
            "\(evidence)")
        record.libcVersion = "1.1.20"
        XCTAssertTrue(classifier.classify(record).evidence.contains { $0.contains("musl 1.1.20 returns -1") })
        record.libcVersion = "0.9.9"
        XCTAssertEqual(FailureContext(record: record).systemSays127ForSpawnFailure, false, "fork-based before 0.9.10")
    }

    func testSystemNoteOnMuslOfUnknownReleaseSaysNothingOfTheStatus() throws {
        var record = try musl("rlimit-nproc.jsonl", call: "system", errno: 11, name: "EAGAIN")
        record.libcVersion = nil
        XCTAssertNil(FailureContext(record: record).systemSays127ForSpawnFailure)
        XCTAssertFalse(classifier.classify(record).evidence.contains { $0.hasPrefix("system() on musl") })
    }
}
