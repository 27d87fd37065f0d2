import XCTest

@testable import ForkExplainCore

final class QuantityTests: XCTestCase {
    /// The tenths worked out in Swift are the C library's `%.1f`, ties and
    /// near-ties included.
    func testTenthsAreTheCLibrarys() {
        var values: [Double] = [1, 1.05, 1.15, 1.25, 1.35, 2.5, 9.95, 9.949999, 1023.95, 1023.25, 521.9, -1.25, -3.05]
        for units in 1024...1100 { values.append(Double(units) / 1024) }
        for k in 0..<2000 { values.append(Double(k) / 20 + 1) }
        // A fixed sequence (an LCG), so that a failure is the same on every run.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<20000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(1 + Double(state >> 11) / Double(1 << 53) * 1023)
        }
        let sizes: [Int64] = [1_200_000, 24_684_092 * 1024, 547_225_600, 9_223_372_036_854_771_712]
        for size in sizes { values.append(Double(size) / 1_048_576) }
        for value in values {
            XCTAssertEqual(Quantity.tenths(value), Quantity.cTenths(value), "\(value)")
        }
        XCTAssertEqual(Quantity.tenths(0.04), "0.0")
        XCTAssertEqual(Quantity.bytes(Int64(547_225_600)), "521.9 MiB")
    }
}
