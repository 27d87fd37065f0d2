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

    /// A transient scope's name is not used again, so `systemctl edit` binds no
    /// later scope; set-property's drop-in for it goes under
    /// /run/systemd/transient (docs/kernel-facts.md §11.223).
    func testRunScopeIsRaisedAtRuntimeNotEdited() {
        let fix = SystemdUnit.tasksMaxFix("run-u12.scope", n: "1024")
        XCTAssertTrue(fix.hasPrefix("`systemctl set-property --runtime run-u12.scope TasksMax=1024`"), fix)
        XCTAssertFalse(fix.contains("or `systemctl edit"), fix)
        XCTAssertTrue(fix.contains("`systemd-run --scope`"), fix)
    }

    func testContainerScopeNamesTheRuntimesLimit() {
        let fix = SystemdUnit.tasksMaxFix("libpod-0123abcd.scope", n: "4096")
        XCTAssertTrue(fix.hasPrefix("`systemctl set-property --runtime libpod-0123abcd.scope TasksMax=4096`"), fix)
        XCTAssertTrue(fix.contains("`--pids-limit N`"), fix)
        XCTAssertTrue(SystemdUnit.tasksMaxFix("docker-ab.scope", n: "8").contains("`--pids-limit N`"))
        XCTAssertTrue(SystemdUnit.tasksMaxFix("session-5.scope", n: "8").contains("`DefaultTasksMax=`"))
        XCTAssertTrue(SystemdUnit.tasksMaxFix("nginx.service", n: "8").contains("or `systemctl edit nginx.service`"))
    }
}
