import CForkExplainSnapshot
import XCTest

@testable import ForkExplainCore

/// The shim's list of wrapped calls (CShim/common/calls.h) is written once;
/// the Swift side names the same calls, no more and no fewer.
final class CallListAgreementTests: XCTestCase {
    func testCallNameListsExactlyTheShimsWrappedCalls() throws {
        let count = Int(fx_wrapped_call_count())
        XCTAssertGreaterThan(count, 0, "the C list is empty")
        let shim = try (0..<count).map { index -> String in
            let name = try XCTUnwrap(fx_wrapped_call_name(Int32(index)), "no name for call \(index)")
            return String(cString: name)
        }
        XCTAssertNil(fx_wrapped_call_name(Int32(count)), "the C list names a call past its count")
        XCTAssertEqual(Set(shim).count, shim.count, "the C list repeats a call")
        XCTAssertEqual(Set(CallName.allCases.map(\.rawValue)), Set(shim))
    }
}
