import XCTest

@testable import ForkExplainCore

/// A unit of a user's own service manager (scenario 160, code-server as a
/// `systemctl --user` unit in an LXC container): its TasksMax is changed
/// with `systemctl --user`, and its default is user.conf's
/// (docs/kernel-facts.md §11.60).
final class UserManagerUnitTests: XCTestCase {
    func testAUnitBelowAUserManagerIsThatUsers() {
        XCTAssertEqual(
            UserManagerUnit.parse("/user.slice/user-0.slice/user@0.service/code-server.service"),
            UserManagerUnit(uid: 0, unit: "code-server.service"))
        XCTAssertEqual(
            UserManagerUnit.parse(
                "/user.slice/user-1000.slice/user@1000.service/app.slice/app-gnome-firefox-4242.scope"),
            UserManagerUnit(uid: 1000, unit: "app-gnome-firefox-4242.scope"), "slices nest: the nearest unit")
        XCTAssertEqual(
            UserManagerUnit.parse("/user.slice/user-1000.slice/user@1000.service/app.slice/build.service/worker"),
            UserManagerUnit(uid: 1000, unit: "build.service"), "a delegated cgroup belongs to its unit")
        XCTAssertNil(
            UserManagerUnit.parse("/user.slice/user-1000.slice/user@1000.service"), "the manager is PID 1's unit")
        XCTAssertNil(UserManagerUnit.parse("/system.slice/code-server.service"))
        XCTAssertNil(UserManagerUnit.parse("/user.slice/user-1000.slice/user@x.service/a.service"))
    }

    func testAUserUnitIsRaisedWithSystemctlUser() {
        let inside = PidsLimitOwner.advice(
            place: .insideContainer, path: "/user.slice/user-0.slice/user@0.service/code-server.service", dir: nil,
            version: 1, newMax: 88, identity: ContainerIdentity())
        XCTAssertTrue(
            inside[0].contains("`systemctl --user set-property code-server.service TasksMax=88`"), "\(inside)")
        XCTAssertTrue(inside[0].contains("inside the container"), "\(inside)")
        XCTAssertTrue(inside[1].contains("/etc/systemd/user.conf"), "\(inside)")
        XCTAssertFalse(
            inside.contains { $0.contains("`systemctl set-property") }, "PID 1 does not know the unit: \(inside)")
        let host = PidsLimitOwner.ownerOfHostLevel(
            "/user.slice/user-1000.slice/user@1000.service/app.slice/app-build.service", version: 2, n: "N")
        XCTAssertTrue(host[0].contains("`systemctl --user set-property app-build.service TasksMax=N`"), "\(host)")
        let manager = PidsLimitOwner.ownerOfHostLevel(
            "/user.slice/user-1000.slice/user@1000.service", version: 2, n: "N")
        XCTAssertTrue(manager[0].contains("`systemctl set-property user@1000.service TasksMax=N`"), "\(manager)")
    }
}
