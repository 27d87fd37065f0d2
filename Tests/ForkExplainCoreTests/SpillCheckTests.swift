import Foundation
import XCTest

@testable import ForkExplainCore

/// What a spill file gives back is checked (`SpillSeal`), and each way it
/// can fail has its own line (`SpillFailure`; docs/design.md, "$TMPDIR").
/// The tables' stops exit the process: Tests/scenarios/255 runs them in
/// the real report; here, the spool of texts, which keeps its failure for
/// the report to throw, and the checks themselves.
final class SpillCheckTests: XCTestCase {
    private func directory() throws -> String { try temporaryFolder("spillcheck").path }

    /// The spool's file, unlinked, as another process would reach it:
    /// through this process's descriptors.
    private func openSpool(in directory: String) throws -> Int32 {
        let fds = "/proc/self/fd"
        for name in try FileManager.default.contentsOfDirectory(atPath: fds) {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(fds)/\(name)"),
                target.hasPrefix("\(directory)/forkexplain-spool.")
            else { continue }
            let descriptor = open("\(fds)/\(name)", O_RDWR)
            if descriptor >= 0 { return descriptor }
        }
        XCTFail("no spool file of \(directory) among this process's descriptors")
        throw CocoaError(.fileNoSuchFile)
    }

    private func text(_ number: Int) -> [UInt8] {
        Array("{\n  \"pid\" : \(number),\n  \"call\" : \"fork\",\n  \"errno\" : \"EAGAIN\"\n}".utf8)
    }

    /// A spooled text that passes the spool's check but does not decode
    /// against the references it is read with (only a changed file, or a
    /// reader's bug, could give one) is refused, and the spool keeps the
    /// changed-file failure the report stops with: the decode-failure stop.
    func testATextThatDoesNotDecodeStopsTheReport() throws {
        let folder = try directory()
        let spool = EventSpool(directory: folder)
        var references = DeltaReferences<Int>()
        let places = try (0..<3).map { try XCTUnwrap(references.write(text($0), key: 1, to: spool)) }
        XCTAssertGreaterThan(references.count, 0)
        for (number, place) in places.enumerated() {
            XCTAssertEqual(references.read(place, from: spool), text(number))
        }
        XCTAssertNil(spool.failure)

        // Another reader's references: none made, so the texts name one it lacks.
        XCTAssertNil(DeltaReferences<Int>().read(places[1], from: spool))
        let failure = try XCTUnwrap(spool.failure, "a text that does not decode left no failure to stop with")
        XCTAssertEqual(failure, SpillFailure("its held events", directory: folder, cause: .changed))
        XCTAssertEqual(
            failure.description,
            "the report stopped: its held events in its temporary file in \(folder) was changed from outside the report (what it read back is not what it wrote); run it again, and let nothing write to the report's open files"
        )
    }

    /// The texts' file overwritten in place (zeros, as a file truncated and
    /// written past reads back, or other bytes) or truncated: each read of
    /// a text it touched fails, with the cause, never a wrong text.
    func testTheSpoolSeesItsFileChangedOrCut() throws {
        for change in ["zeros", "bytes", "cut"] {
            let folder = try directory()
            let spool = EventSpool(directory: folder)
            var references = DeltaReferences<Int>()
            let places = try (0..<40).map { try XCTUnwrap(references.write(text($0), key: $0 % 3, to: spool)) }
            let descriptor = try openSpool(in: folder)
            defer { close(descriptor) }
            let victim = places[20]
            switch change {
            case "zeros", "bytes":
                var bytes = [UInt8](repeating: 0, count: Int(victim.count))
                if change == "bytes" { bytes = bytes.indices.map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) } }
                XCTAssertEqual(pwrite(descriptor, bytes, bytes.count, off_t(victim.offset)), bytes.count)
            default:
                XCTAssertEqual(ftruncate(descriptor, off_t(victim.offset)), 0)
            }
            for (number, place) in places.enumerated().prefix(20) {
                XCTAssertEqual(references.read(place, from: spool), text(number), "\(change): text \(number)")
            }
            XCTAssertNil(spool.failure, change)
            XCTAssertNil(references.read(victim, from: spool), change)
            let cause = try XCTUnwrap(spool.failure, change).cause
            XCTAssertEqual(cause, change == "cut" ? .cutShort : .changed, change)
        }
    }

    /// A text moved in the file (another's bytes, whole and sealed, copied
    /// over it) fails too: the check takes in where it was written.
    func testATextCopiedOverAnotherFails() throws {
        let folder = try directory()
        let spool = EventSpool(directory: folder)
        var texts = ["same length A", "same length B"].map { [0, 0, 0, 0] + Array($0.utf8) }
        let first = try XCTUnwrap(spool.writeSealed(&texts[0]))
        let second = try XCTUnwrap(spool.writeSealed(&texts[1]))
        let descriptor = try openSpool(in: folder)
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: Int(first.count))
        XCTAssertEqual(pread(descriptor, &bytes, bytes.count, off_t(first.offset)), bytes.count)
        XCTAssertEqual(pwrite(descriptor, bytes, bytes.count, off_t(second.offset)), bytes.count)
        XCTAssertEqual(spool.readSealed(first)?.dropFirst(EventSpool.sealSize), ArraySlice("same length A".utf8))
        XCTAssertNil(spool.readSealed(second))
        XCTAssertEqual(spool.failure?.cause, .changed)
    }

    /// Each failure says what to do about it, on one line: room only for a write.
    func testEachFailureHasItsOwnLine() {
        let causes: [SpillFailure.Cause] = [
            .write("No space left on device"), .read("Input/output error"), .cutShort, .changed,
        ]
        let lines = causes.map { SpillFailure("its table of processes", directory: "/x", cause: $0).description }
        XCTAssertEqual(Set(lines).count, 4)
        for (cause, line) in zip(causes, lines) {
            XCTAssertFalse(line.contains("\n"), line)
            XCTAssertTrue(line.hasPrefix("the report stopped: "), line)
            XCTAssertEqual(
                line.contains("set TMPDIR to a directory with room"), cause == .write("No space left on device"), line)
        }
        XCTAssertTrue(lines[1].contains("Input/output error") && lines[1].contains("another filesystem"), lines[1])
        XCTAssertTrue(lines[2].contains("cut short"), lines[2])
        XCTAssertTrue(lines[3].contains("changed from outside"), lines[3])
    }

    /// A table's record of zeros (a truncated file written past) or with
    /// any one bit changed fails its check; a block's sum kept word by word
    /// is the sum made again.
    func testTheChecksCatchZerosAndAnyBit() {
        XCTAssertNotEqual(SpillSeal.check([UInt8](repeating: 0, count: 48)), 0)
        var record = [UInt8](repeating: 0, count: 64)
        var generator = SplitMix(seed: 0x5ea1)
        for index in record.indices { record[index] = UInt8(truncatingIfNeeded: generator.next()) }
        let seal = record.withUnsafeBytes { SpillRuns.seal($0) }
        XCTAssertNotEqual(
            [UInt8](repeating: 0, count: 64).withUnsafeBytes { SpillRuns.seal($0) }, 0,
            "a record of zeros would pass with its mark of zeros")
        for bit in 0..<(64 * 8) where !(64..<128).contains(bit) {
            var changed = record
            changed[bit / 8] ^= UInt8(1 << (bit % 8))
            XCTAssertNotEqual(changed.withUnsafeBytes { SpillRuns.seal($0) }, seal, "bit \(bit)")
        }

        var block = [UInt8](repeating: 0, count: 4_096)
        for index in block.indices { block[index] = UInt8(truncatingIfNeeded: generator.next()) }
        var sum = block.withUnsafeBytes { SpillSeal.shares($0) }
        for _ in 0..<500 {
            let stride = [4, 12, 16, 24, 56][Int(generator.next() % 5)]
            let start = Int(generator.next() % UInt64(block.count / stride)) * stride
            let changed = start..<(start + stride)
            let words = SpillSeal.words(covering: changed, count: block.count)
            block.withUnsafeBytes {
                sum &-= SpillSeal.shares(UnsafeRawBufferPointer(rebasing: $0[words]), first: words.lowerBound / 8)
            }
            for index in changed { block[index] = UInt8(truncatingIfNeeded: generator.next()) }
            block.withUnsafeBytes {
                sum &+= SpillSeal.shares(UnsafeRawBufferPointer(rebasing: $0[words]), first: words.lowerBound / 8)
            }
            XCTAssertEqual(sum, block.withUnsafeBytes { SpillSeal.shares($0) })
        }
        let zeros = [UInt8](repeating: 0, count: block.count).withUnsafeBytes { SpillSeal.shares($0) }
        XCTAssertNotEqual(zeros, sum)
    }

    /// A directory that cannot take the files is said once, at the end,
    /// with what stayed in memory; a spool that could is not.
    func testARefusedSpillIsToldOnce() throws {
        _ = SpillNotice.take()
        let folder = try directory()
        let roomy = EventSpool(directory: folder)
        XCTAssertNotNil(roomy.write([1, 2, 3]))
        XCTAssertNil(SpillNotice.take())
        let missing = "\(folder)/missing"
        XCTAssertNil(EventSpool(directory: missing, holding: "its table of processes").write([1]))
        XCTAssertNil(EventSpool(directory: missing, holding: "its table of processes").write([1]))
        XCTAssertNil(EventSpool(directory: missing).write([1]))
        XCTAssertNil(EventSpool(directory: missing, holding: "its table of processes", noticed: false).write([1]))
        XCTAssertEqual(
            SpillNotice.take(),
            "warning: \(missing) could not take the report's temporary files (No such file or directory): its table of processes and its held events stayed in memory; the report is complete (set TMPDIR to a directory with room to spare the memory)"
        )
        XCTAssertNil(SpillNotice.take(), "said once")
    }
}
