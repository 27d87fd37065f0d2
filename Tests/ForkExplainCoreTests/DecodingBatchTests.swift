import XCTest

@testable import ForkExplainCore

/// The reader's two batches keep their buffers from batch to batch: made
/// anew each time, they left glibc's heaps to fragment and a report's
/// resident size grew with its log (issue #9).
final class DecodingBatchTests: XCTestCase {
    private func line(pid: Int) -> ArraySlice<UInt8> {
        ArraySlice(
            #"{"schema":1,"type":"failure","time":"2026-11-26T15:30:01Z","process":{"pid":\#(pid)},"call":{"name":"fork","errno":11}}"#
                .utf8)
    }

    func testABatchDecodesInOrderAndKeepsItsBuffers() {
        let batch = DecodingBatch { $0.process?.pid }
        // As many lines as a batch takes before it is full, and a line
        // that is not a record.
        let records = DecodingBatch<Int?>.lineLimit - 2
        for round in 0..<3 {
            for index in 0..<records {
                XCTAssertFalse(batch.add(line(pid: round * 1000 + index), kind: nil))
            }
            XCTAssertFalse(batch.add(ArraySlice("not a record".utf8), kind: .cri))
            batch.start()
            var pids: [Int?] = []
            var notRecords = 0
            batch.hand { decoded, _ in
                guard let decoded else {
                    notRecords += 1
                    return
                }
                XCTAssertEqual(decoded.prepared, decoded.record.process?.pid)
                pids.append(decoded.prepared)
            }
            XCTAssertEqual(pids, (0..<records).map { round * 1000 + $0 }, "round \(round): every record, in order")
            XCTAssertEqual(notRecords, 1)
            XCTAssertTrue(batch.isEmpty, "handed on: empty")
            let kept = batch.capacity
            XCTAssertGreaterThanOrEqual(
                kept.bytes, records * line(pid: round * 1000).count, "round \(round): its bytes' room kept")
            XCTAssertGreaterThanOrEqual(kept.results, records + 1, "round \(round): its results' room kept")
        }
    }

    func testABatchIsFullAtItsLineLimit() {
        let batch = DecodingBatch { _ in () }
        for index in 1..<DecodingBatch<Void>.lineLimit {
            XCTAssertFalse(batch.add(line(pid: index), kind: nil))
        }
        XCTAssertTrue(batch.add(line(pid: 0), kind: nil))
    }
}
