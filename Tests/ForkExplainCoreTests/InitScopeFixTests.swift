import XCTest

@testable import ForkExplainCore

/// init.scope has no unit file (src/core/scope.c synthesizes it), so
/// `systemctl edit init.scope` is no fix; set-property is (its drop-in is
/// read for init.scope as well; docs/kernel-facts.md §11.224).
final class InitScopeFixTests: XCTestCase {
    func testInitScopeIsRaisedBySetPropertyNotEdit() {
        let fix = SystemdUnit.tasksMaxFix("init.scope", n: "614")
        XCTAssertTrue(fix.hasPrefix("`systemctl set-property init.scope TasksMax=614`"), fix)
        XCTAssertFalse(fix.contains("or `systemctl edit init.scope`"), fix)
        XCTAssertTrue(fix.contains("Not `systemctl edit init.scope`"), fix)
        XCTAssertTrue(SystemdUnit.tasksMaxFix("nginx.service", n: "8").contains("or `systemctl edit nginx.service`"))
    }
}
